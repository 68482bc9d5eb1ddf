"""The columns the contact list can show: the standard ones and every user field, and the
user-field cells of one page of the list (read with plain sqlite3, like `db.search`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.field_types import CustomField, display

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The standard columns: key (a `ContactListRow` attribute and a `db.search` sort), heading.
STANDARD_COLUMNS = (
    ("name", "Name"),
    ("company", "Company"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("city", "City"),
    ("status", "Status"),
)


@dataclass(frozen=True)
class ListColumn:
    key: str  # "company", or a user field's "custom:7"
    heading: str
    sort: str  # what `db.search` orders by for it
    field: CustomField | None = None


def available_columns(fields: Sequence[CustomField]) -> list[ListColumn]:
    """Every column the list can show, in the column chooser's order."""
    columns = [ListColumn(key, heading, key) for key, heading in STANDARD_COLUMNS]
    for field in fields:
        sort = f"{field.key}:{field.column}"
        columns.append(ListColumn(field.key, field.name, sort, field))
    return columns


def read_fields(reader: Session | sqlite3.Connection) -> list[CustomField]:
    """The user fields, read without SQLAlchemy's models (the list reads before they load)."""
    from db.field_types import choices_from_json
    from db.search import raw_rows

    sql = "SELECT id, name, kind, choices, position FROM custom_fields ORDER BY position, id"
    return [
        CustomField(r[0], r[1], r[2], choices_from_json(r[3]), r[4])
        for r in raw_rows(reader, sql, {})
    ]


def custom_cells(
    reader: Session | sqlite3.Connection, ids: Sequence[int], fields: Sequence[CustomField]
) -> dict[tuple[int, int], str]:
    """The shown text of each (contact id, field id) that has a value, for a page of the list."""
    from db.search import raw_rows

    if not ids or not fields:
        return {}
    by_id = {f.id: f for f in fields}
    contact_marks = ",".join(str(int(i)) for i in ids)
    field_marks = ",".join(str(int(f)) for f in by_id)
    sql = (
        "SELECT contact_id, field_id, value_text, value_number, value_date FROM custom_values "
        f"WHERE contact_id IN ({contact_marks}) AND field_id IN ({field_marks})"
    )
    cells = {}
    for contact_id, field_id, text, number, day in raw_rows(reader, sql, {}):
        field = by_id[field_id]
        value = {"value_text": text, "value_number": number, "value_date": day}[field.column]
        if field.kind == "date" and isinstance(value, str):
            from datetime import date

            value = date.fromisoformat(value)
        cells[contact_id, field_id] = display(field.kind, value)
    return cells
