"""Undoing a merge: the absorbed contacts come back with their ids and every row they had, what
was theirs moves back, and the survivor is put back as it was before the merge.

Refused, with the reason in words, when that would lose or clash with what has happened since:
the merge was already undone, the survivor is gone or has changed, or an absorbed contact's id
has been taken. Nothing is half-done: one transaction, committed by the caller.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from db import search
from db.contacts import add_history, get_contact, now
from db.followups import sync_next_follow_up
from db.merge_photos import put_photos_back
from db.merge_records import MergeUndoError
from db.merge_rows import (
    CONTACTS,
    NOT_DUPLICATES,
    OWNED,
    SECTION_LABELS,
    Json,
    fingerprints,
    from_json,
    put_back,
    to_json,
)
from db.models import (
    CategoryRow,
    ContactGroupRow,
    ContactRow,
    CustomFieldRow,
    FollowUpRow,
    HistoryRow,
    MergeRow,
)
from db.validation import LABELS

# A row of these sections is put back only while what it points at still exists.
_POINTS_AT = {
    "custom_values": ("field_id", CustomFieldRow),
    "contact_categories": ("category_id", CategoryRow),
    "group_members": ("group_id", ContactGroupRow),
}


def _name(taken: Json) -> str:
    row = taken["contact"]
    name = " ".join(p for p in (row["first_name"], row["last_name"]) if p)
    return f"#{row['id']} {name or row['company'] or '(no name)'}"


def _later_merges(session: Session, merge: MergeRow) -> list[MergeRow]:
    return list(
        session.scalars(
            select(MergeRow)
            .where(MergeRow.id > merge.id, MergeRow.undone_at.is_(None))
            .order_by(MergeRow.id)
        )
    )


def _refusal(session: Session, merge: MergeRow, record: Json) -> str | None:
    """Why this merge cannot be undone now, in words; None when it can."""
    if merge.undone_at is not None:
        return f"Merge {merge.id} was already undone on {merge.undone_at:%Y-%m-%d %H:%M}."
    return (
        _survivor_refusal(session, merge, _name(record["survivor"]))
        or _change_refusal(session, merge.survivor_id, record)
        or _taken_refusal(session, record)
    )


def _survivor_refusal(session: Session, merge: MergeRow, who: str) -> str | None:
    later = _later_merges(session, merge)
    row = session.get(ContactRow, merge.survivor_id)
    if row is None:
        into = next((m for m in later if merge.survivor_id in json.loads(m.absorbed_ids)), None)
        if into is not None:
            return (
                f"{who} has since been merged into contact #{into.survivor_id} (merge {into.id}); "
                f"undo merge {into.id} first."
            )
        return f"{who} no longer exists (it was deleted for good after the merge)."
    if row.deleted_at is not None:
        return f"{who} is in the Trash; restore it first."
    since = next((m for m in later if m.survivor_id == merge.survivor_id), None)
    if since is not None:
        return (
            f"Other contacts have since been merged into {who} (merge {since.id}); "
            f"undo merge {since.id} first."
        )
    if row.edited_at > merge.merged_at:
        return (
            f"{who} was edited on {row.edited_at:%Y-%m-%d %H:%M}, after the merge; "
            "undoing the merge would lose that edit."
        )
    return None


def _change_refusal(session: Session, survivor_id: int, record: Json) -> str | None:
    """The survivor's values and rows that the merge set must be as it left them."""
    after = record["after"]
    found = session.execute(select(CONTACTS).where(CONTACTS.c.id == survivor_id)).one()
    current = to_json(found._mapping)
    changed = [LABELS[n] for n, v in after["columns"].items() if n in LABELS and current[n] != v]
    sections = fingerprints(session, survivor_id)
    changed += [SECTION_LABELS[n] for n, v in after["sections"].items() if sections.get(n) != v]
    if changed:
        return (
            f"{_name(record['survivor'])} has changed since the merge ({', '.join(changed)}); "
            "undoing the merge would lose that change."
        )
    return None


def _taken_refusal(session: Session, record: Json) -> str | None:
    for taken in record["absorbed"]:
        if session.get(ContactRow, taken["contact"]["id"]) is not None:
            return (
                f"The id of {_name(taken)} has been taken by a new contact since the merge, "
                "so it cannot be restored."
            )
    return None


def undo_merge(session: Session, merge_id: int) -> list[int]:
    """Undo a merge; returns the ids of the contacts restored. Raises MergeUndoError (with the
    reason for the user) when the merge does not exist or cannot safely be undone."""
    merge = session.get(MergeRow, merge_id)
    if merge is None:
        raise MergeUndoError(f"There is no merge {merge_id}.")
    record: Json = json.loads(merge.record)
    refusal = _refusal(session, merge, record)
    if refusal is not None:
        raise MergeUndoError(refusal)
    survivor_id = merge.survivor_id
    stamp = now()

    for table in OWNED.values():
        session.execute(delete(table).where(table.c.contact_id == survivor_id))
    put_back_owned(session, record["survivor"])
    before = from_json(CONTACTS, record["survivor"]["contact"])
    columns = {n: before[n] for n in [*record["changed_columns"], "edited_at"]}
    session.execute(update(ContactRow).where(ContactRow.id == survivor_id).values(**columns))

    restored = []
    for taken in record["absorbed"]:
        contact_id = taken["contact"]["id"]
        session.execute(insert(CONTACTS).values(**from_json(CONTACTS, taken["contact"])))
        put_back_owned(session, taken)
        _put_back_pairs(session, taken["not_duplicates"])
        restored.append(contact_id)
    moved = record["moved"]
    for contact_id, ids in moved["history"].items():
        _move_back(session, HistoryRow, ids, survivor_id, int(contact_id))
    for contact_id, ids in moved["followups"].items():
        _move_back(session, FollowUpRow, ids, survivor_id, int(contact_id))

    if "photos" in record:  # (a merge recorded before photos were kept has none)
        put_photos_back(session, [survivor_id, *restored], record["photos"])
    session.expire_all()  # the rows above changed underneath any objects already loaded
    for contact_id in (survivor_id, *restored):
        sync_next_follow_up(session, contact_id)
        search.index_contact(session, contact_id, get_contact(session, contact_id).fields)
    merge.undone_at = stamp
    names = ", ".join(_name(t) for t in record["absorbed"])
    add_history(
        session,
        survivor_id,
        "unmerge",
        f"Undid merge {merge.id}: restored {names} with everything that was theirs; "
        "this contact's values from before the merge are back.",
        occurred_at=stamp,
        detail=json.dumps({"merge_id": merge.id}),
    )
    session.flush()
    return restored


def put_back_owned(session: Session, taken: Json) -> None:
    """A contact's own rows as `taken`, less those that point at a category, group or user
    field deleted since."""
    for name, table in OWNED.items():
        rows = taken[name]
        if name in _POINTS_AT:
            column, target = _POINTS_AT[name]
            alive = set(
                session.scalars(select(target.id).where(target.id.in_(r[column] for r in rows)))
            )
            rows = [r for r in rows if r[column] in alive]
        put_back(session, table, rows)


def _put_back_pairs(session: Session, pairs: Sequence[Json]) -> None:
    """ "Not a duplicate" pairs of a restored contact, while the other contact still exists."""
    for pair in pairs:
        ids = [pair["low_id"], pair["high_id"]]
        present = set(session.scalars(select(ContactRow.id).where(ContactRow.id.in_(ids))))
        same = select(NOT_DUPLICATES.c.id).where(
            NOT_DUPLICATES.c.low_id == ids[0], NOT_DUPLICATES.c.high_id == ids[1]
        )
        if len(present) == len(ids) and session.execute(same).first() is None:
            put_back(session, NOT_DUPLICATES, [pair])


def _move_back(
    session: Session,
    table: type[HistoryRow] | type[FollowUpRow],
    ids: Sequence[int],
    survivor_id: int,
    contact_id: int,
) -> None:
    if ids:
        session.execute(
            update(table)
            .where(table.id.in_(ids), table.contact_id == survivor_id)
            .values(contact_id=contact_id)
        )
