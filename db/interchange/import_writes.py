"""Writing what an import adds: new contacts in bulk (a few statements per chunk, as the demo
generator writes them), and the categories and user fields named in the file that do not exist
yet, made once and remembered so that an undo can take them away again."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from db.contact_keys import derived_columns
from db.field_types import Value, value_column
from db.interchange.import_checks import Checked, clean_name
from db.interchange.prepared import Prepared, prepared
from db.records import SCALAR_FIELDS, ContactFields

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NEW_CATEGORY_COLOUR = "#7a8b99"
_CONTACT_COLUMNS = (
    *SCALAR_FIELDS,
    *derived_columns(ContactFields()),
    "created_at",
    "edited_at",
    "id",
)


@dataclass
class Names:
    """Categories and user fields by name (any case), made when first needed."""

    session: Session
    categories: dict[str, int] = field(default_factory=dict)
    fields: dict[str, tuple[int, str]] = field(default_factory=dict)  # -> id, value column
    made_categories: list[int] = field(default_factory=list)
    made_fields: list[int] = field(default_factory=list)
    _given: dict[str, int | None] = field(default_factory=dict)  # as a file names them

    def __post_init__(self) -> None:
        from db.categories import categories
        from db.custom_fields import custom_fields

        self.categories = {c.name.casefold(): c.id for c in categories(self.session)}
        self.fields = {
            f.name.casefold(): (f.id, value_column(f.kind)) for f in custom_fields(self.session)
        }

    def category(self, given: str) -> int | None:
        """The category named `given` in a file (made when it does not exist); None for a
        name that is only spaces."""
        if given in self._given:
            return self._given[given]
        name = clean_name(given)
        found = self.categories.get(name.casefold()) if name else None
        if name and found is None:
            from db.categories import create_category

            found = create_category(self.session, name, NEW_CATEGORY_COLOUR)
            self.categories[name.casefold()] = found
            self.made_categories.append(found)
        self._given[given] = found
        return found

    def field(self, name: str) -> tuple[int, str]:
        found = self.fields.get(name.casefold())
        if found is None:
            from db.custom_fields import create_field

            made = create_field(self.session, name, "text")
            found = self.fields[name.casefold()] = (made.id, value_column(made.kind))
            self.made_fields.append(made.id)
        return found

    def made(self) -> str:
        return json.dumps({"categories": self.made_categories, "fields": self.made_fields})


def _sql(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat(" ") if isinstance(value, datetime) else value.isoformat()
    return value


def _value_row(contact_id: int, field_id: int, column: str, value: Value) -> tuple[Any, ...]:
    stored = float(value) if isinstance(value, bool) else _sql(value)
    return (
        contact_id,
        field_id,
        stored if column == "value_text" else None,
        stored if column == "value_number" else None,
        stored if column == "value_date" else None,
    )


def _written(record: Checked | Prepared) -> Prepared:
    if isinstance(record, Prepared):
        return record
    return prepared(record)


def insert_contacts(
    connection: sqlite3.Connection,
    names: Names,
    checked: Sequence[Checked | Prepared],
    first_id: int,
    *,
    stamp: datetime,
    history_texts: Sequence[str],
    history_detail: str = "",
) -> list[int]:
    """Store these contacts with ids from `first_id` on, each with its phones, e-mails,
    addresses, user fields, categories, photo, search entry and a history entry; their ids."""
    rows: dict[str, list[Sequence[Any]]] = {k: [] for k in _INSERTS}
    when = _sql(stamp)
    ids = []
    for n, given in enumerate(checked):
        contact_id = first_id + n
        ids.append(contact_id)
        record = _written(given)
        rows["contacts"].append([*record.contact, when, when, contact_id])
        phones, emails, addresses = record.items
        rows["phones"].extend((contact_id, *p) for p in phones)
        rows["emails"].extend((contact_id, *e) for e in emails)
        rows["addresses"].extend((contact_id, *a) for a in addresses)
        rows["history"].append((contact_id, when, "created", history_texts[n], history_detail))
        rows["contact_search"].append((contact_id, record.document))
        for name, value in record.values:
            field_id, column = names.field(name)
            rows["custom_values"].append(_value_row(contact_id, field_id, column, value))
        categories = {names.category(c) for c in record.categories}
        rows["contact_categories"].extend(
            (contact_id, c) for c in sorted(c for c in categories if c is not None)
        )
        photo = given.incoming.photo if isinstance(given, Checked) else None
        if photo is not None:
            rows["contact_photos"].append((contact_id, photo.mime, photo.data))
    for table, statement in _INSERTS.items():
        if rows[table]:
            connection.executemany(statement, rows[table])
    return ids


_INSERTS = {
    "contacts": f"INSERT INTO contacts ({', '.join(_CONTACT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_CONTACT_COLUMNS))})",
    "phones": "INSERT INTO phones (contact_id, position, kind, number, extension, e164) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "emails": "INSERT INTO emails (contact_id, position, kind, address, normalized, is_primary) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "addresses": "INSERT INTO addresses (contact_id, position, kind, street, city, region, "
    "postal_code, country, is_mailing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "history": "INSERT INTO history (contact_id, occurred_at, kind, result, text, detail) "
    "VALUES (?, ?, ?, '', ?, ?)",
    "contact_search": "INSERT INTO contact_search (rowid, document) VALUES (?, ?)",
    "custom_values": "INSERT INTO custom_values (contact_id, field_id, value_text, value_number, "
    "value_date) VALUES (?, ?, ?, ?, ?)",
    "contact_categories": "INSERT INTO contact_categories (contact_id, category_id) VALUES (?, ?)",
    "contact_photos": "INSERT INTO contact_photos (contact_id, mime, data) VALUES (?, ?, ?)",
}
