"""Undoing an import as a whole: the contacts it created are removed, the ones it filled in or
updated are put back as they were, and the categories and user fields it made go too when
nothing else uses them.

Refused, with the reason in words, when that would throw away what has happened since: one of
its contacts was edited, merged, or had history or a follow-up added after the import. Nothing is
half-done: one transaction, committed by the caller.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from db import search
from db.contacts import add_history, get_contact, now
from db.interchange.import_records import ImportUndoError
from db.merge_rows import CONTACTS, OWNED, from_json
from db.merge_undo import put_back_owned
from db.models import (
    CategoryRow,
    ContactCategoryRow,
    ContactPhotoRow,
    ContactRow,
    CustomFieldRow,
    CustomValueRow,
    FollowUpRow,
    HistoryRow,
    ImportBatchRow,
    ImportItemRow,
    MergeRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CHUNK = 900  # ids per statement
NAMED = 10  # contacts named in a refusal; the rest are counted


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[k : k + CHUNK] for k in range(0, len(ids), CHUNK)]


def _names(session: Session, ids: Sequence[int]) -> str:
    rows = search.list_rows(session, list(ids[:NAMED]))
    named = ", ".join(f"#{i} {rows[i].name or rows[i].company}" for i in ids[:NAMED] if i in rows)
    more = len(ids) - NAMED
    return named + (f" and {more:,} more" if more > 0 else "")


def _ignorable(detail: str, batch_id: int, undone: tuple[set[int], set[int]]) -> bool:
    """A history entry that undoing this import takes nothing from: written by this import, or
    by an import or a merge that has been undone since (or by those undos)."""
    if not detail.startswith("{"):
        return False
    try:
        found = json.loads(detail)
    except ValueError:
        return False
    batch, merge = found.get("import_batch"), found.get("merge_id")
    undone_batches, undone_merges = undone
    return batch == batch_id or batch in undone_batches or merge in undone_merges


def _added_since(
    session: Session, batch: ImportBatchRow, items: Sequence[ImportItemRow]
) -> list[int]:
    """The contacts of the import that have history or follow-ups the import did not write."""
    undone = (
        set(
            session.scalars(select(ImportBatchRow.id).where(ImportBatchRow.undone_at.is_not(None)))
        ),
        set(session.scalars(select(MergeRow.id).where(MergeRow.undone_at.is_not(None)))),
    )
    known: dict[int, tuple[set[int], set[int]]] = {}  # a changed contact: what it had after
    for item in items:
        if item.action in ("filled", "updated"):
            before = json.loads(item.before)
            had = known.setdefault(item.contact_id, (set(), set()))
            had[0].update(before.get("history_ids", ()))
            had[1].update(before.get("followup_ids", ()))
    added = set()
    ids = sorted({i.contact_id for i in items})
    for part in _chunks(ids):
        for contact_id, entry_id, detail in session.execute(
            select(HistoryRow.contact_id, HistoryRow.id, HistoryRow.detail).where(
                HistoryRow.contact_id.in_(part)
            )
        ):
            entries = known.get(contact_id, (set(), set()))[0]
            if entry_id not in entries and not _ignorable(detail, batch.id, undone):
                added.add(contact_id)
        for contact_id, followup_id in session.execute(
            select(FollowUpRow.contact_id, FollowUpRow.id).where(FollowUpRow.contact_id.in_(part))
        ):
            if followup_id not in known.get(contact_id, (set(), set()))[1]:
                added.add(contact_id)
    return sorted(added)


def _refusal(session: Session, batch: ImportBatchRow, items: Sequence[ImportItemRow]) -> str | None:
    """Why undoing this import now would lose something, in words; None when it would not."""
    if batch.undone_at is not None:
        return f"Import {batch.id} was already undone on {batch.undone_at:%Y-%m-%d %H:%M}."
    finished = batch.finished_at or batch.started_at
    ids = sorted({i.contact_id for i in items})
    edited: list[int] = []
    merged: list[int] = []
    for part in _chunks(ids):
        edited += session.scalars(
            select(ContactRow.id).where(ContactRow.id.in_(part), ContactRow.edited_at > finished)
        )
    for row in session.scalars(select(MergeRow).where(MergeRow.merged_at >= batch.started_at)):
        involved = {row.survivor_id, *json.loads(row.absorbed_ids)}
        if row.undone_at is None and involved & set(ids):
            merged.append(row.survivor_id)
    added = _added_since(session, batch, items)
    reasons = []
    if edited:
        reasons.append(f"edited since: {_names(session, sorted(set(edited)))}")
    if added:
        reasons.append(f"history or follow-ups added since: {_names(session, added)}")
    if merged:
        reasons.append(f"merged since (undo those merges first): into {_names(session, merged)}")
    if not reasons:
        return None
    return (
        f"Import {batch.id} cannot be undone: some of its contacts have changed since, and "
        "undoing it would lose that. " + "; ".join(reasons) + "."
    )


def undo_import(session: Session, batch_id: int) -> str:
    """Undo import `batch_id`; what was done, in words. ImportUndoError when it cannot be."""
    batch = session.get(ImportBatchRow, batch_id)
    if batch is None:
        raise ImportUndoError(f"There is no import {batch_id}.")
    items = list(
        session.scalars(
            select(ImportItemRow)
            .where(ImportItemRow.batch_id == batch_id)
            .order_by(ImportItemRow.id)
        )
    )
    refusal = _refusal(session, batch, items)
    if refusal:
        raise ImportUndoError(refusal)
    created = [i.contact_id for i in items if i.action in ("created", "review")]
    changed = [i for i in items if i.action in ("filled", "updated")]
    changed_contacts = len({i.contact_id for i in changed})
    for part in _chunks(created):
        for contact_id in part:
            search.unindex_contact(session, contact_id)
        session.execute(delete(ContactRow).where(ContactRow.id.in_(part)))
    for item in reversed(changed):
        _put_back(session, item.contact_id, json.loads(item.before), batch_id)
    _remove_made(session, json.loads(batch.made or "{}"))
    batch.undone_at = now()
    session.flush()
    return (
        f"Import {batch_id} undone: {_contacts(len(created))} it created removed, "
        f"{_contacts(changed_contacts)} it changed put back as they were."
    )


def _contacts(count: int) -> str:
    return f"{count:,} contact" + ("" if count == 1 else "s")


def _put_back(session: Session, contact_id: int, before: dict[str, Any], batch_id: int) -> None:
    taken = before["contact"]
    for table in OWNED.values():
        session.execute(delete(table).where(table.c.contact_id == contact_id))
    put_back_owned(session, taken)  # (less what points at a category or field deleted since)
    columns = from_json(CONTACTS, taken["contact"])
    del columns["id"]
    session.execute(update(CONTACTS).where(CONTACTS.c.id == contact_id).values(**columns))
    session.execute(delete(ContactPhotoRow).where(ContactPhotoRow.contact_id == contact_id))
    photo = before.get("photo")
    if photo:
        session.add(
            ContactPhotoRow(
                contact_id=contact_id, mime=photo["mime"], data=base64.b64decode(photo["data"])
            )
        )
    session.expire_all()
    contact = get_contact(session, contact_id)
    if contact.deleted_at is None:
        search.index_contact(session, contact_id, contact.fields)
    add_history(
        session,
        contact_id,
        "edit",
        f"Import {batch_id} undone: put back as it was",
        detail=json.dumps({"import_batch": batch_id}),
    )


def _remove_made(session: Session, made: dict[str, list[int]]) -> None:
    """The categories and user fields the import made, when nothing uses them any more."""
    for category_id in made.get("categories", []):
        used = session.scalar(
            select(ContactCategoryRow.id)
            .where(ContactCategoryRow.category_id == category_id)
            .limit(1)
        )
        if used is None:
            session.execute(delete(CategoryRow).where(CategoryRow.id == category_id))
    for field_id in made.get("fields", []):
        used = session.scalar(
            select(CustomValueRow.id).where(CustomValueRow.field_id == field_id).limit(1)
        )
        if used is None:
            session.execute(delete(CustomFieldRow).where(CustomFieldRow.id == field_id))
