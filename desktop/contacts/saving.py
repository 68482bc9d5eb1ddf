"""Saving the contact form: its standard fields and its user fields in one transaction, with every
problem of both reported at once (nothing is half-saved)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.field_types import Value
    from db.records import Contact, ContactFields, FieldError


def contact_save(
    contact_id: int | None,
    fields: ContactFields,
    unreadable: list[FieldError],
    user_values: Mapping[int, Value | None],
) -> Callable[[Session], Contact]:
    """The write that saves the form (`contact_id` None: a new contact). `unreadable` are the
    problems the form found itself (e.g. a date it cannot read)."""

    def save(session: Session) -> Contact:
        from db import contacts
        from db.custom_values import check_values, set_contact_values
        from db.validation import InvalidContactError

        _parsed, value_errors = check_values(session, user_values)
        problems = [*unreadable, *value_errors]
        if problems:  # report every problem at once, not one per try
            raise InvalidContactError(problems + contacts.field_problems(session, fields))
        if contact_id is None:
            saved = contacts.create_contact(session, fields)
            set_contact_values(session, saved.id, user_values, record=False)
            return saved
        saved = contacts.update_contact(session, contact_id, fields).contact
        set_contact_values(session, contact_id, user_values)
        return saved

    return save
