"""A contact's rows as JSON and back: what a merge keeps in its record so that its undo can put
every row back exactly, with its id.

Rows are read and written with Core statements on the tables (not ORM objects), so that nothing
in the session's identity map goes stale while a merge moves rows between contacts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, insert, or_, select
from sqlalchemy.orm import Session

from db.contacts import ContactNotFoundError
from db.models import (
    AddressRow,
    ContactCategoryRow,
    ContactRow,
    CustomValueRow,
    EmailRow,
    GroupMemberRow,
    NotDuplicateRow,
    PhoneRow,
)

Json = dict[str, Any]

CONTACTS: Table = ContactRow.__table__  # type: ignore[assignment]
# The rows that belong to a contact and that a merge combines or drops (history and follow-ups
# are moved whole, by id). In the order they are put back (contacts first, for the foreign keys).
OWNED: dict[str, Table] = {
    "phones": PhoneRow.__table__,  # type: ignore[dict-item]
    "emails": EmailRow.__table__,  # type: ignore[dict-item]
    "addresses": AddressRow.__table__,  # type: ignore[dict-item]
    "custom_values": CustomValueRow.__table__,  # type: ignore[dict-item]
    "contact_categories": ContactCategoryRow.__table__,  # type: ignore[dict-item]
    "group_members": GroupMemberRow.__table__,  # type: ignore[dict-item]
}
NOT_DUPLICATES: Table = NotDuplicateRow.__table__  # type: ignore[assignment]
# Which section of a contact names which part of it, for a user told why an undo is refused.
SECTION_LABELS = {
    "phones": "phones",
    "emails": "e-mail addresses",
    "addresses": "addresses",
    "custom_values": "user fields",
    "contact_categories": "categories",
    "group_members": "groups",
}


def to_json(values: Mapping[Any, Any]) -> Json:
    """One row's columns as JSON values (dates and times as ISO text)."""
    return {
        str(name): value.isoformat() if isinstance(value, date | datetime) else value
        for name, value in values.items()
    }


def from_json(table: Table, values: Mapping[str, Any]) -> Json:
    """One row as `to_json` wrote it, with dates and times read back for `table`'s columns."""
    row: Json = {}
    for column in table.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        row[column.name] = value
    return row


def read_rows(session: Session, table: Table, contact_ids: Sequence[int]) -> list[Json]:
    """The rows of `table` that belong to these contacts, in id order, as JSON."""
    found = session.execute(
        select(table).where(table.c.contact_id.in_(contact_ids)).order_by(table.c.id)
    )
    return [to_json(r._mapping) for r in found]


def snapshot(session: Session, contact_id: int) -> Json:
    """A contact exactly as it is: its contacts row (every column) and every row it owns."""
    contact = session.execute(select(CONTACTS).where(CONTACTS.c.id == contact_id)).first()
    if contact is None:
        raise ContactNotFoundError(contact_id)
    taken: Json = {"contact": to_json(contact._mapping)}
    for name, table in OWNED.items():
        taken[name] = read_rows(session, table, [contact_id])
    pairs = session.execute(
        select(NOT_DUPLICATES)
        .where(or_(NOT_DUPLICATES.c.low_id == contact_id, NOT_DUPLICATES.c.high_id == contact_id))
        .order_by(NOT_DUPLICATES.c.id)
    )
    taken["not_duplicates"] = [to_json(r._mapping) for r in pairs]
    return taken


def fingerprints(session: Session, contact_id: int) -> dict[str, str]:
    """A digest of each part of a contact that an undo would put back, to tell whether it has
    changed since."""
    digests = {}
    for name, table in OWNED.items():
        text = json.dumps(read_rows(session, table, [contact_id]), sort_keys=True)
        digests[name] = hashlib.sha256(text.encode()).hexdigest()
    return digests


def id_taken(session: Session, table: Table, row_id: int) -> bool:
    return session.execute(select(table.c.id).where(table.c.id == row_id)).first() is not None


def put_back(session: Session, table: Table, rows: Iterable[Json]) -> None:
    """Insert rows as they were, each with its old id unless that id has been taken since (then
    a new one: the row itself is what matters)."""
    for values in rows:
        row = from_json(table, values)
        if id_taken(session, table, row["id"]):
            del row["id"]
        session.execute(insert(table).values(**row))
