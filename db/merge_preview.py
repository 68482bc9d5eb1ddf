"""What a merge of two or three contacts would do, before anything is written: each field with
every contact's value and the default choice, the phones, e-mails, addresses and categories
combined without repeats, and what always moves to the survivor.

The merge itself (`db.merge`) reads the contacts through the same `gather`, so the dialog and the
merge agree on every value and every item's key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.contact_keys import list_name
from db.custom_fields import custom_fields
from db.field_types import CustomField, Value, display
from db.folding import digits_only, fold
from db.followups import OPEN
from db.merge_records import MergeContactSummary, MergeField, MergeItem, MergePreview
from db.merge_rows import Json, snapshot
from db.models import CategoryRow, FollowUpRow, HistoryRow
from db.records import SCALAR_FIELDS
from db.validation import LABELS

# The fields chosen one value at a time; notes are not chosen but joined.
CHOSEN_FIELDS = tuple(name for name in SCALAR_FIELDS if name != "notes")
ITEM_SECTIONS = {
    "phones": "phone",
    "emails": "email",
    "addresses": "address",
    "contact_categories": "category",
}
MIN_CONTACTS, MAX_CONTACTS = 2, 3


@dataclass(frozen=True)
class Gathered:
    """The contacts of a merge as they are now (in id order), with what the preview needs."""

    ids: tuple[int, ...]
    snapshots: dict[int, Json]
    fields: tuple[CustomField, ...]
    category_names: dict[int, str]


def gather(session: Session, contact_ids: Sequence[int]) -> Gathered:
    ids = tuple(sorted(set(contact_ids)))
    if len(ids) < MIN_CONTACTS:
        raise ValueError("A merge needs at least two different contacts")
    snapshots = {}
    for contact_id in ids:
        snapshots[contact_id] = snapshot(session, contact_id)
        if snapshots[contact_id]["contact"]["deleted_at"] is not None:
            raise ValueError(
                f"{contact_name(snapshots[contact_id])} is in the Trash: restore it before merging"
            )
    names = {r.id: r.name for r in session.execute(select(CategoryRow.id, CategoryRow.name))}
    return Gathered(ids, snapshots, tuple(custom_fields(session)), names)


def contact_name(taken: Json) -> str:
    row = taken["contact"]
    name = " ".join(p for p in (row["first_name"], row["last_name"]) if p)
    return f"#{row['id']} {name or row['company'] or '(no name)'}"


def scalar_text(value: Any) -> str:
    """A standard field's stored (JSON) value as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def custom_value(field: CustomField, row: Json | None) -> Value | None:
    """A user field's value from its stored (JSON) row."""
    if row is None:
        return None
    value = row[field.column]
    if value is None:
        return None
    if field.kind == "yes_no":
        return True if value else None
    if field.column == "value_date":
        return date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def custom_row(taken: Json, field_id: int) -> Json | None:
    return next((r for r in taken["custom_values"] if r["field_id"] == field_id), None)


def field_rows(gathered: Gathered) -> tuple[MergeField, ...]:
    rows = []
    for name in CHOSEN_FIELDS:
        values = [gathered.snapshots[c]["contact"][name] for c in gathered.ids]
        rows.append(
            MergeField(
                name,
                LABELS[name],
                tuple(scalar_text(v) for v in values),
                tuple(v in (None, "", False) for v in values),
            )
        )
    for field in gathered.fields:
        found = [
            custom_value(field, custom_row(gathered.snapshots[c], field.id)) for c in gathered.ids
        ]
        rows.append(
            MergeField(
                field.key,
                field.name,
                tuple(display(field.kind, v) for v in found),
                tuple(v is None for v in found),
            )
        )
    return tuple(rows)


def item_key(section: str, row: Json) -> str:
    """The key that makes two contacts' items one: same E.164 phone (and extension), same
    normalised e-mail, same address text, same category."""
    if section == "phones":
        number = row["e164"] or digits_only(row["number"])
        return f"phone:{number}" + (f"x{row['extension']}" if row["extension"] else "")
    if section == "emails":
        return f"email:{row['normalized']}"
    if section == "addresses":
        return "address:" + fold(address_text(row))
    return f"category:{row['category_id']}"


def address_text(row: Json) -> str:
    parts = (row["street"], row["postal_code"], row["city"], row["region"], row["country"])
    return ", ".join(p for p in parts if p)


def item_text(section: str, row: Json, category_names: dict[int, str]) -> str:
    if section == "phones":
        extension = f" x{row['extension']}" if row["extension"] else ""
        return f"{row['number']}{extension} ({row['kind']})"
    if section == "emails":
        return f"{row['address']} ({row['kind']})"
    if section == "addresses":
        return f"{address_text(row)} ({row['kind']})"
    return category_names.get(row["category_id"], "?")


def section_rows(taken: Json, section: str) -> list[Json]:
    """A contact's rows of one section in the order the form shows them."""
    rows: list[Json] = taken[section]
    if section in ("phones", "emails", "addresses"):
        return sorted(rows, key=lambda r: (r["position"], r["id"]))
    return rows


def items(gathered: Gathered) -> tuple[MergeItem, ...]:
    found: dict[str, tuple[str, str, list[int]]] = {}
    for section, kind in ITEM_SECTIONS.items():
        for contact_id in gathered.ids:
            for row in section_rows(gathered.snapshots[contact_id], section):
                key = item_key(section, row)
                if key not in found:
                    found[key] = (kind, item_text(section, row, gathered.category_names), [])
                if contact_id not in found[key][2]:
                    found[key][2].append(contact_id)
    return tuple(MergeItem(key, kind, text, tuple(ids)) for key, (kind, text, ids) in found.items())


def _counts(session: Session, column: Any, ids: Sequence[int], *where: Any) -> dict[int, int]:
    query = select(column, func.count()).where(column.in_(ids), *where).group_by(column)
    return {r[0]: r[1] for r in session.execute(query)}


def summaries(session: Session, gathered: Gathered) -> tuple[MergeContactSummary, ...]:
    ids = gathered.ids
    history = _counts(session, HistoryRow.contact_id, ids)
    followups = _counts(session, FollowUpRow.contact_id, ids, OPEN)
    out = []
    for contact_id in ids:
        taken = gathered.snapshots[contact_id]
        row = taken["contact"]
        out.append(
            MergeContactSummary(
                id=contact_id,
                name=list_name(row["first_name"], row["middle_name"], row["last_name"])
                or row["company"],
                edited_at=datetime.fromisoformat(row["edited_at"]),
                history_entries=history.get(contact_id, 0),
                open_followups=followups.get(contact_id, 0),
                group_memberships=len(taken["group_members"]),
                has_notes=bool(row["notes"].strip()),
            )
        )
    return tuple(out)


def preview_of(session: Session, gathered: Gathered) -> MergePreview:
    return MergePreview(
        contact_ids=gathered.ids,
        survivor_id=gathered.ids[0],
        contacts=summaries(session, gathered),
        fields=field_rows(gathered),
        items=items(gathered),
    )


def merge_preview(session: Session, contact_ids: Sequence[int]) -> MergePreview:
    """What merging these two or three contacts would do, with the defaults: the lowest id
    survives, each field keeps the survivor's value unless it is empty, every item is kept."""
    count = len(set(contact_ids))
    if not MIN_CONTACTS <= count <= MAX_CONTACTS:
        raise ValueError(
            f"Choose two or three different contacts to merge (there are {count} chosen)"
        )
    return preview_of(session, gather(session, contact_ids))
