"""One contact's user-field values: read them, and save an edit of them (checked as a whole,
noted in the history like any other edit)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.contacts import ContactNotFoundError, add_edit_history, now
from db.custom_fields import custom_fields
from db.field_types import CustomField, FieldValueError, Value, as_text, parse_value
from db.models import ContactRow, CustomValueRow
from db.records import Change, FieldError
from db.store_settings import default_region
from db.validation import InvalidContactError


def _stored(row: CustomValueRow, field: CustomField) -> Value | None:
    value: Value | None = getattr(row, field.column)
    if field.kind == "yes_no":
        return True if value else None
    return value


def contact_values(session: Session, contact_id: int) -> dict[int, Value]:
    """The contact's values, by field id (fields with no value are left out)."""
    fields = {f.id: f for f in custom_fields(session)}
    rows = session.scalars(select(CustomValueRow).where(CustomValueRow.contact_id == contact_id))
    values: dict[int, Value] = {}
    for row in rows:
        field = fields.get(row.field_id)
        value = _stored(row, field) if field else None
        if field is not None and value is not None:
            values[field.id] = value
    return values


def check_values(
    session: Session, raw: Mapping[int, Value | None]
) -> tuple[dict[int, Value | None], list[FieldError]]:
    """Each given value read as its field's type; every problem at once, named by field. A value
    for a field that has been deleted is left out."""
    fields = {f.id: f for f in custom_fields(session)}
    region = default_region(session)
    parsed: dict[int, Value | None] = {}
    errors: list[FieldError] = []
    for field_id, value in raw.items():
        field = fields.get(field_id)
        if field is None:
            continue  # deleted meanwhile (in Define Fields): its value goes with it
        try:
            parsed[field_id] = parse_value(field, value, region)
        except FieldValueError as problem:
            errors.append(FieldError(field.name, str(problem)))
    return parsed, errors


def set_contact_values(
    session: Session, contact_id: int, raw: Mapping[int, Value | None], *, record: bool = True
) -> list[Change]:
    """Save the values given (fields not mentioned are left alone); returns what changed, which
    goes into the history as an edit (unless not `record`: a contact just created).

    Raises InvalidContactError naming every field that is wrong; then nothing is written."""
    if session.get(ContactRow, contact_id) is None:
        raise ContactNotFoundError(contact_id)
    parsed, errors = check_values(session, raw)
    if errors:
        raise InvalidContactError(errors)
    fields = {f.id: f for f in custom_fields(session)}
    before = contact_values(session, contact_id)
    changes: list[Change] = []
    for field_id, value in parsed.items():
        field = fields[field_id]
        old = before.get(field_id)
        if old == value:
            continue
        changes.append(Change(field.name, as_text(field.kind, old), as_text(field.kind, value)))
        session.execute(
            delete(CustomValueRow).where(
                CustomValueRow.contact_id == contact_id, CustomValueRow.field_id == field_id
            )
        )
        if value is not None:
            row = CustomValueRow(contact_id=contact_id, field_id=field_id)
            setattr(row, field.column, float(value) if isinstance(value, bool) else value)
            session.add(row)
    if changes and record:
        stamp = now()
        session.execute(
            update(ContactRow).where(ContactRow.id == contact_id).values(edited_at=stamp)
        )
        add_edit_history(session, contact_id, changes, stamp)
        session.flush()
    return changes
