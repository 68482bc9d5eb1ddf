"""Operations on one contact: create, read, update, delete to Trash, restore and purge.

Each takes a `Session` (the caller's transaction: one user action is one `store.session()`) and
returns plain dataclasses. Bad input raises `InvalidContactError` before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db import search
from db.contact_cleaning import clean_fields
from db.contact_keys import derived_columns
from db.models import AddressRow, ContactRow, EmailRow, HistoryRow, PhoneRow
from db.phones import to_e164
from db.records import (
    SCALAR_FIELDS,
    Address,
    Change,
    Contact,
    ContactFields,
    EditResult,
    Email,
    FieldError,
    HistoryEntry,
    Phone,
    TrashEntry,
)
from db.store_settings import default_region
from db.validation import LABELS, InvalidContactError, normalise_email, validate_fields


class ContactNotFoundError(LookupError):
    def __init__(self, contact_id: int) -> None:
        super().__init__(f"There is no contact with id {contact_id}")
        self.contact_id = contact_id


def now() -> datetime:
    """Local wall-clock time to the second: what the user reads in the history."""
    return datetime.now().replace(microsecond=0)


def _checked(session: Session, fields: ContactFields) -> ContactFields:
    """Clean and validate; fill in E.164. Raises InvalidContactError listing every problem."""
    region = default_region(session)
    fields = clean_fields(fields)
    errors = validate_fields(fields, region)
    if errors:
        raise InvalidContactError(errors)
    phones = tuple(replace(p, e164=to_e164(p.number, region)) for p in fields.phones)
    return replace(fields, phones=phones)


def field_problems(session: Session, fields: ContactFields) -> list[FieldError]:
    """What is wrong with `fields`, without saving anything."""
    return validate_fields(clean_fields(fields), default_region(session))


def create_contact(
    session: Session, fields: ContactFields, *, history_text: str = "Contact created"
) -> Contact:
    fields = _checked(session, fields)
    if not fields.salutation and fields.first_name:
        fields = replace(fields, salutation=fields.first_name)  # "Dear Kari", as ACT! does
    stamp = now()
    row = ContactRow(
        **{name: getattr(fields, name) for name in SCALAR_FIELDS},
        **derived_columns(fields),
        created_at=stamp,
        edited_at=stamp,
    )
    session.add(row)
    session.flush()
    _write_children(session, row.id, fields)
    add_history(session, row.id, "created", history_text, occurred_at=stamp)
    search.index_contact(session, row.id, fields)
    return Contact(id=row.id, fields=fields, created_at=stamp, edited_at=stamp)


def get_contact(session: Session, contact_id: int) -> Contact:
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise ContactNotFoundError(contact_id)
    return _to_contact(session, row)


def update_contact(session: Session, contact_id: int, fields: ContactFields) -> EditResult:
    """Save an edit; the history records each changed field with its old value."""
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise ContactNotFoundError(contact_id)
    before = _to_contact(session, row)
    fields = _checked(session, fields)
    changes = describe_changes(before.fields, fields)
    if not changes:
        return EditResult(contact=before)
    stamp = now()
    for name in SCALAR_FIELDS:
        setattr(row, name, getattr(fields, name))
    for name, value in derived_columns(fields).items():
        setattr(row, name, value)
    row.edited_at = stamp
    _write_children(session, contact_id, fields)
    add_edit_history(session, contact_id, changes, stamp)
    if row.deleted_at is None:
        search.index_contact(session, contact_id, fields)
    after = Contact(contact_id, fields, before.created_at, stamp, row.deleted_at)
    return EditResult(contact=after, changes=tuple(changes))


def delete_contact(session: Session, contact_id: int) -> None:
    """Move to the Trash: out of the list and search, everything kept for a restore."""
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise ContactNotFoundError(contact_id)
    if row.deleted_at is not None:
        return
    row.deleted_at = now()
    add_history(session, contact_id, "deleted", "Moved to the Trash", occurred_at=row.deleted_at)
    search.unindex_contact(session, contact_id)


def restore_contact(session: Session, contact_id: int) -> Contact:
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise ContactNotFoundError(contact_id)
    if row.deleted_at is not None:
        row.deleted_at = None
        add_history(session, contact_id, "restored", "Restored from the Trash", occurred_at=now())
    contact = _to_contact(session, row)
    search.index_contact(session, contact_id, contact.fields)
    return contact


def purge_contact(session: Session, contact_id: int) -> None:
    """Delete for good: only from the Trash."""
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise ContactNotFoundError(contact_id)
    if row.deleted_at is None:
        raise ValueError("Only a contact in the Trash can be deleted for good")
    search.unindex_contact(session, contact_id)
    # Phones, e-mails, addresses, history, follow-ups and categories go with it (ON DELETE CASCADE).
    session.delete(row)
    session.flush()


def trash(session: Session) -> list[TrashEntry]:
    rows = session.execute(
        select(
            ContactRow.id,
            ContactRow.first_name,
            ContactRow.last_name,
            ContactRow.company,
            ContactRow.deleted_at,
        )
        .where(ContactRow.deleted_at.is_not(None))
        .order_by(ContactRow.deleted_at.desc(), ContactRow.id.desc())
    )
    return [
        TrashEntry(
            id=r.id,
            name=" ".join(p for p in (r.first_name, r.last_name) if p) or r.company,
            company=r.company,
            deleted_at=r.deleted_at,
        )
        for r in rows
    ]


def add_history(
    session: Session,
    contact_id: int,
    kind: str,
    text: str,
    *,
    result: str = "",
    occurred_at: datetime | None = None,
    detail: str = "",
) -> HistoryRow:
    row = HistoryRow(
        contact_id=contact_id,
        occurred_at=occurred_at or now(),
        kind=kind,
        result=result,
        text=text,
        detail=detail,
    )
    session.add(row)
    return row


def add_edit_history(
    session: Session, contact_id: int, changes: Sequence[Change], stamp: datetime
) -> HistoryRow:
    """An edit in the history: each changed field with its old and new value (as JSON too, so
    that it can be undone)."""
    return add_history(
        session,
        contact_id,
        "edit",
        "Edited " + "; ".join(f"{c.field}: '{c.old}' → '{c.new}'" for c in changes),
        occurred_at=stamp,
        detail=json.dumps({"changes": [[c.field, c.old, c.new] for c in changes]}),
    )


def history(session: Session, contact_id: int) -> list[HistoryEntry]:
    """The contact's timeline, newest first."""
    rows = session.scalars(
        select(HistoryRow)
        .where(HistoryRow.contact_id == contact_id)
        .order_by(HistoryRow.occurred_at.desc(), HistoryRow.id.desc())
    )
    return [
        HistoryEntry(r.id, r.contact_id, r.occurred_at, r.kind, r.result, r.text, _merge_id(r))
        for r in rows
    ]


def _merge_id(row: HistoryRow) -> int | None:
    if row.kind != "merge" or not row.detail:
        return None
    try:
        found = json.loads(row.detail).get("merge_id")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, int) else None


def describe_changes(old: ContactFields, new: ContactFields) -> list[Change]:
    changes = []
    for name in SCALAR_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change(LABELS[name], _as_text(before), _as_text(after)))
    for name in ("phones", "emails", "addresses"):
        before_text = _list_text(getattr(old, name))
        after_text = _list_text(getattr(new, name))
        if before_text != after_text:
            changes.append(Change(LABELS[name], before_text, after_text))
    return changes


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _list_text(items: tuple[Phone, ...] | tuple[Email, ...] | tuple[Address, ...]) -> str:
    lines = []
    for item in items:
        if isinstance(item, Phone):
            ext = f" x{item.extension}" if item.extension else ""
            lines.append(f"{item.kind}: {item.number}{ext}")
        elif isinstance(item, Email):
            lines.append(f"{item.kind}: {item.address}" + (" (primary)" if item.is_primary else ""))
        else:
            place = ", ".join(
                p
                for p in (item.street, item.postal_code, item.city, item.region, item.country)
                if p
            )
            lines.append(f"{item.kind}: {place}" + (" (mail)" if item.is_mailing else ""))
    return "; ".join(lines)


ChildRow = PhoneRow | EmailRow | AddressRow
ChildRecord = TypeVar("ChildRecord", Phone, Email, Address)


def _write_children(session: Session, contact_id: int, fields: ContactFields) -> None:
    """Replace the contact's phones, e-mails and addresses with those in `fields` (as checked
    by `_checked`), in order."""
    for table in (PhoneRow, EmailRow, AddressRow):
        session.execute(delete(table).where(table.contact_id == contact_id))
    rows: list[ChildRow] = [  # the phones' E.164 forms were worked out by _checked
        PhoneRow(contact_id=contact_id, position=n, **asdict(phone))
        for n, phone in enumerate(fields.phones)
    ]
    for n, email in enumerate(fields.emails):
        normalized = normalise_email(email.address)
        rows.append(
            EmailRow(contact_id=contact_id, position=n, normalized=normalized, **asdict(email))
        )
    rows.extend(
        AddressRow(contact_id=contact_id, position=n, **asdict(address))
        for n, address in enumerate(fields.addresses)
    )
    session.add_all(rows)


def _read_children(
    session: Session,
    table: type[PhoneRow] | type[EmailRow] | type[AddressRow],
    record: type[ChildRecord],
    contact_id: int,
) -> tuple[ChildRecord, ...]:
    names = [f.name for f in dataclass_fields(record)]
    rows = session.scalars(
        select(table).where(table.contact_id == contact_id).order_by(table.position)
    )
    return tuple(record(**{name: getattr(row, name) for name in names}) for row in rows)


def _to_contact(session: Session, row: ContactRow) -> Contact:
    fields = ContactFields(
        **{name: getattr(row, name) for name in SCALAR_FIELDS},
        phones=_read_children(session, PhoneRow, Phone, row.id),
        emails=_read_children(session, EmailRow, Email, row.id),
        addresses=_read_children(session, AddressRow, Address, row.id),
    )
    return Contact(row.id, fields, row.created_at, row.edited_at, row.deleted_at)
