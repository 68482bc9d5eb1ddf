"""Merging duplicate contacts into one, automatically or as the user chose, and undoing a merge.

A merge keeps one contact (the survivor, with its id) and absorbs the others: each field keeps
the value chosen, notes are joined, phones, e-mails, addresses and categories are combined
without repeats (less those the user unticked), and the history, follow-ups and group
memberships of the absorbed contacts move to the survivor. The absorbed contacts are then deleted.
Its `merges` row records everything needed to put it all back (`db.merge_undo`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db import search
from db.contact_keys import derived_columns
from db.contacts import add_history, get_contact, now
from db.followups import sync_next_follow_up
from db.merge_photos import keep_a_photo, photos_of
from db.merge_preview import (
    CHOSEN_FIELDS,
    Gathered,
    contact_name,
    custom_row,
    custom_value,
    gather,
    item_key,
    merge_preview,
    preview_of,
    section_rows,
)
from db.merge_records import (
    AutoMerge,
    FieldChange,
    FieldKey,
    MergePreview,
    MergeSummary,
    MergeUndoError,
)
from db.merge_rows import CONTACTS, Json, fingerprints, from_json
from db.merge_undo import undo_merge
from db.models import (
    AddressRow,
    Base,
    ContactCategoryRow,
    ContactRow,
    CustomValueRow,
    EmailRow,
    FollowUpRow,
    GroupMemberRow,
    HistoryRow,
    MergeRow,
    PhoneRow,
)
from db.records import FieldError
from db.validation import InvalidContactError

__all__ = [
    "AutoMerge",
    "MergePreview",
    "MergeUndoError",
    "auto_merge",
    "merge_contacts",
    "merge_preview",
    "merges",
    "undo_merge",
]

COMBINED: dict[str, type[Base]] = {
    "phones": PhoneRow,
    "emails": EmailRow,
    "addresses": AddressRow,
    "contact_categories": ContactCategoryRow,
    "group_members": GroupMemberRow,
}
# The one row of a section that the list and the letters use: one and only one is kept.
FLAGS = {"emails": "is_primary", "addresses": "is_mailing"}


def merge_contacts(
    session: Session,
    survivor_id: int,
    absorbed_ids: Sequence[int],
    choices: Mapping[FieldKey, int] | None = None,
    unticked: Collection[str] = (),
    *,
    automatic: bool = False,
) -> int:
    """Merge `absorbed_ids` into `survivor_id`; returns the merge's id (for `undo_merge`).

    `choices` maps a field's key to the contact whose value to keep (a missing key: the
    survivor's value unless it is empty); `unticked` holds the keys of the items (phones,
    e-mails, addresses, categories) to leave out. One transaction: the caller commits."""
    ids = (survivor_id, *absorbed_ids)
    if survivor_id in absorbed_ids or len(set(absorbed_ids)) != len(absorbed_ids):
        raise ValueError("The contact that survives cannot also be merged into itself")
    gathered = gather(session, ids)
    preview = preview_of(session, gathered)
    chosen = _checked_choices(preview, survivor_id, choices or {})
    absorbed = tuple(c for c in gathered.ids if c != survivor_id)
    before = gathered.snapshots[survivor_id]
    stamp = now()

    changes = describe(preview, gathered, survivor_id, chosen)
    texts = {item.key: f"{item.kind} {item.text}" for item in preview.items}
    columns = _chosen_columns(gathered, survivor_id, chosen)
    notes = joined_notes(gathered, survivor_id)
    notes_joined = notes != before["contact"]["notes"]
    if notes_joined:
        columns["notes"] = notes
    _check_name(before["contact"], columns)
    if columns:
        session.execute(
            update(ContactRow)
            .where(ContactRow.id == survivor_id)
            .values(**from_json(CONTACTS, columns))
        )
    _take_custom_values(session, gathered, survivor_id, chosen)
    dropped = _combine(session, gathered, survivor_id, set(unticked))
    photos = photos_of(session, gathered.ids)
    moved = {
        "history": _move(session, HistoryRow, absorbed, survivor_id),
        "followups": _move(session, FollowUpRow, absorbed, survivor_id),
    }
    session.execute(delete(ContactRow).where(ContactRow.id.in_(absorbed)))
    keep_a_photo(session, survivor_id, (survivor_id, *absorbed), photos)
    for contact_id in absorbed:
        search.unindex_contact(session, contact_id)

    fields = get_contact(session, survivor_id).fields
    derived = derived_columns(fields)
    session.execute(
        update(ContactRow).where(ContactRow.id == survivor_id).values(**derived, edited_at=stamp)
    )
    sync_next_follow_up(session, survivor_id)
    search.index_contact(session, survivor_id, fields)

    changed_columns = sorted({*columns, *derived})
    after = session.execute(select(CONTACTS).where(CONTACTS.c.id == survivor_id)).one()._mapping
    record = {
        "version": 1,
        "survivor": before,
        "absorbed": [gathered.snapshots[c] for c in absorbed],
        "moved": moved,
        "changed_columns": changed_columns,
        "after": {
            "columns": {n: _json_value(after[n]) for n in changed_columns},
            "sections": fingerprints(session, survivor_id),
        },
        "changes": [[c.field, c.old, c.new] for c in changes],
        "dropped": dropped,
        "photos": photos,
    }
    row = MergeRow(
        survivor_id=survivor_id,
        merged_at=stamp,
        absorbed_ids=json.dumps(list(absorbed)),
        record=json.dumps(record),
        automatic=automatic,
    )
    session.add(row)
    session.flush()
    add_history(
        session,
        survivor_id,
        "merge",
        merge_text(gathered, absorbed, changes, [texts[k] for k in dropped], notes_joined),
        occurred_at=stamp,
        detail=json.dumps({"merge_id": row.id}),
    )
    session.flush()
    return row.id


def _checked_choices(
    preview: MergePreview, survivor_id: int, choices: Mapping[FieldKey, int]
) -> dict[FieldKey, int]:
    chosen = preview.default_choices(survivor_id)
    for key, contact_id in choices.items():
        if key not in chosen:
            raise ValueError(f"There is no field '{key}' to choose a value for")
        if contact_id not in preview.contact_ids:
            raise ValueError(f"Contact {contact_id} is not one of the contacts being merged")
        chosen[key] = contact_id
    return chosen


def describe(
    preview: MergePreview, gathered: Gathered, survivor_id: int, chosen: Mapping[FieldKey, int]
) -> tuple[FieldChange, ...]:
    """Each survivor's value that the chosen values replace (as the form shows them)."""
    where = {c: n for n, c in enumerate(preview.contact_ids)}
    changes = []
    for field in preview.fields:
        old = field.values[where[survivor_id]]
        new = field.values[where[chosen[field.key]]]
        if old != new:
            changes.append(FieldChange(field.label, old, new))
    return tuple(changes)


def _chosen_columns(gathered: Gathered, survivor_id: int, chosen: Mapping[FieldKey, int]) -> Json:
    before = gathered.snapshots[survivor_id]["contact"]
    columns = {}
    for name in CHOSEN_FIELDS:
        value = gathered.snapshots[chosen[name]]["contact"][name]
        if value != before[name]:
            columns[name] = value
    return columns


def _check_name(before: Json, columns: Json) -> None:
    name = [columns.get(n, before[n]) for n in ("first_name", "last_name", "company")]
    if not any(str(v).strip() for v in name):
        raise InvalidContactError(
            [FieldError("Name", "the merged contact needs a first name, a last name or a company")]
        )


def joined_notes(gathered: Gathered, survivor_id: int) -> str:
    """The survivor's notes, then each absorbed contact's (never lost; the same text once)."""
    parts: list[str] = []
    for contact_id in (survivor_id, *(c for c in gathered.ids if c != survivor_id)):
        text: str = gathered.snapshots[contact_id]["contact"]["notes"]
        if text.strip() and text.strip() not in (p.strip() for p in parts):
            parts.append(text)
    return "\n\n".join(parts) if len(parts) > 1 else (parts[0] if parts else "")


def _take_custom_values(
    session: Session, gathered: Gathered, survivor_id: int, chosen: Mapping[FieldKey, int]
) -> None:
    """Each user field gets the chosen contact's value row (moved, with its id)."""
    mine = gathered.snapshots[survivor_id]
    for field in gathered.fields:
        source = chosen[field.key]
        if source == survivor_id:
            continue
        theirs = custom_row(gathered.snapshots[source], field.id)
        kept = custom_row(mine, field.id)
        if custom_value(field, theirs) == custom_value(field, kept):
            continue
        if kept is not None:
            session.execute(delete(CustomValueRow).where(CustomValueRow.id == kept["id"]))
        if theirs is not None:
            session.execute(
                update(CustomValueRow)
                .where(CustomValueRow.id == theirs["id"])
                .values(contact_id=survivor_id)
            )


def _combine(
    session: Session, gathered: Gathered, survivor_id: int, unticked: set[str]
) -> list[str]:
    """Phones, e-mails, addresses, categories and groups of all the contacts on the survivor,
    each once, less the unticked; returns the keys of the items left out."""
    order = (survivor_id, *(c for c in gathered.ids if c != survivor_id))
    dropped: list[str] = []
    for section, table in COMBINED.items():
        seen: set[str] = set()
        kept: list[Json] = []
        gone: list[int] = []
        for contact_id in order:
            for row in section_rows(gathered.snapshots[contact_id], section):
                key = (
                    f"group:{row['group_id']}"
                    if section == "group_members"
                    else item_key(section, row)
                )
                left_out = key in unticked and section != "group_members"  # groups always move
                if key in seen or left_out:
                    if left_out and key not in seen and key not in dropped:
                        dropped.append(key)
                    gone.append(row["id"])
                    continue
                seen.add(key)
                kept.append(row)
        if gone:
            session.execute(delete(table).where(table.id.in_(gone)))
        flag = FLAGS.get(section)
        flagged = next((r["id"] for r in kept if flag and r[flag]), kept[0]["id"] if kept else None)
        for position, row in enumerate(kept):
            values: dict[str, Any] = {"contact_id": survivor_id}
            if "position" in row:
                values["position"] = position
            if flag:
                values[flag] = row["id"] == flagged
            if any(row[k] != v for k, v in values.items()):
                session.execute(update(table).where(table.id == row["id"]).values(**values))
    return dropped


def _move(
    session: Session,
    table: type[HistoryRow] | type[FollowUpRow],
    absorbed: Sequence[int],
    survivor_id: int,
) -> dict[str, list[int]]:
    """Every row of the absorbed contacts in `table` moves to the survivor; returns their ids,
    by the contact they came from."""
    moved: dict[str, list[int]] = {}
    for contact_id in absorbed:
        ids = list(session.scalars(select(table.id).where(table.contact_id == contact_id)))
        moved[str(contact_id)] = ids
        if ids:
            session.execute(update(table).where(table.id.in_(ids)).values(contact_id=survivor_id))
    return moved


def _json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def merge_text(
    gathered: Gathered,
    absorbed: Sequence[int],
    changes: Sequence[FieldChange],
    dropped: Sequence[str],
    notes_joined: bool,
) -> str:
    """The survivor's history entry: who was merged in, and every value replaced."""
    names = ", ".join(contact_name(gathered.snapshots[c]) for c in absorbed)
    lines = [f"Merged in {names}."]
    if changes:
        lines.append(
            "Replaced " + "; ".join(f"{c.field}: '{c.old}' → '{c.new}'" for c in changes) + "."
        )
    if notes_joined:
        lines.append("Their notes were added to the notes.")
    if dropped:
        lines.append("Left out: " + ", ".join(dropped) + ".")
    lines.append("This merge can be undone.")
    return "\n".join(lines)


def auto_merge(
    session: Session, groups: Sequence[Sequence[int]], *, dry_run: bool
) -> list[AutoMerge]:
    """Merge each group of duplicates: the oldest contact (lowest id) survives, the newest
    non-empty value of each field wins, every item is combined. Each group is its own merge
    (undoable on its own). A dry run says what would be done and writes nothing."""
    done = []
    for group in groups:
        live = select(ContactRow.id).where(
            ContactRow.id.in_(group), ContactRow.deleted_at.is_(None)
        )
        ids = sorted(
            session.scalars(live)
        )  # merged away or put in the Trash since the scan: left out
        if len(ids) < 2:
            continue
        gathered = gather(session, ids)
        preview = preview_of(session, gathered)
        survivor, absorbed = ids[0], tuple(ids[1:])
        chosen = {}
        for field in preview.fields:
            filled = [
                c for c, empty in zip(preview.contact_ids, field.empty, strict=True) if not empty
            ]
            chosen[field.key] = max(filled) if filled else survivor
        changes = describe(preview, gathered, survivor, chosen)
        merge_id = None
        if not dry_run:
            merge_id = merge_contacts(session, survivor, absorbed, chosen, automatic=True)
        done.append(
            AutoMerge(
                survivor, contact_name(gathered.snapshots[survivor]), absorbed, changes, merge_id
            )
        )
    return done


def merges(session: Session, limit: int = 50) -> list[MergeSummary]:
    """The most recent merges, newest first."""
    rows = session.scalars(select(MergeRow).order_by(MergeRow.id.desc()).limit(limit))
    out = []
    for row in rows:
        contact = session.get(ContactRow, row.survivor_id)
        if contact is not None:
            name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
            name = name or contact.company
        else:
            name = contact_name(json.loads(row.record)["survivor"]) + " (gone)"
        out.append(
            MergeSummary(
                id=row.id,
                survivor_id=row.survivor_id,
                survivor_name=name,
                absorbed_ids=tuple(json.loads(row.absorbed_ids)),
                merged_at=row.merged_at,
                automatic=row.automatic,
                undone_at=row.undone_at,
            )
        )
    return out
