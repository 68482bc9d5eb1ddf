"""Each incoming contact checked as the form would check it, before anything is stored: a
`Checked` contact ready to write (phones with their E.164 form, e-mails normalised, user-field
values read as their field's type), or a `Rejected` naming the row and the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from db.contact_cleaning import clean_fields
from db.field_types import MAX_NAME, CustomField, FieldValueError, Value, parse_value
from db.interchange.incoming import Incoming, Rejected
from db.records import ContactFields, Phone, fields_of
from db.validation import checked_email, checked_phone, validate_fields

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.interchange.normalising import Known

# A user field the import makes for a column it does not know: text, as the file gives it.
NEW_FIELD_ID = 0


@dataclass(frozen=True)
class Checked:
    """An incoming contact that can be stored as it is."""

    incoming: Incoming
    fields: ContactFields
    normalized_emails: tuple[str, ...]  # one per e-mail, in order
    values: tuple[tuple[str, Value], ...]  # user field's name (as stored or to be made) -> value

    @property
    def where(self) -> str:
        return self.incoming.where

    @property
    def categories(self) -> tuple[str, ...]:
        return self.incoming.categories


def _given(answer: str) -> Callable[[str], str]:
    """`normalise_email` as the reader already answered it."""
    return lambda _address: answer


def clean_name(name: str) -> str:
    """A user field's or category's name from a file, as Cardfile keeps it: spaces folded, at
    most MAX_NAME characters, trimmed."""
    return " ".join(name.split())[:MAX_NAME].strip()


@dataclass(frozen=True)
class CheckerSetup:
    """What checking needs of the database: its default phone region and its user fields."""

    region: str
    fields: tuple[tuple[str, CustomField], ...]  # casefolded name -> field

    @classmethod
    def of(cls, session: Session) -> CheckerSetup:
        from db.custom_fields import custom_fields
        from db.store_settings import default_region

        fields = tuple((f.name.casefold(), f) for f in custom_fields(session))
        return cls(default_region(session), fields)


class Checker:
    """Checks incoming contacts against this database's user fields and default phone region."""

    def __init__(self, session: Session | None, *, setup: CheckerSetup | None = None) -> None:
        """The checks for the database of `session`, or (in a worker process, which has no
        database) as `setup` gives them."""
        if setup is None:
            assert session is not None
            setup = CheckerSetup.of(session)
        self.region = setup.region
        self.fields: dict[str, CustomField] = dict(setup.fields)
        self.new_fields: dict[str, str] = {}  # casefolded -> name as first seen

    def setup(self) -> CheckerSetup:
        return CheckerSetup(self.region, tuple(self.fields.items()))

    def check(self, record: Incoming, known: Known | None = None) -> Checked | Rejected:
        """`record` checked; `known`: its phones' and e-mails' answers, worked out before."""
        fields = clean_fields(record.fields)
        # Phones and e-mails are checked one by one here, so that each is parsed only once.
        errors = validate_fields(fields, self.region, phones_and_emails=False)
        phones = []
        for n, phone in enumerate(fields.phones, 1):
            problems, e164 = (
                checked_phone(n, phone, self.region, known.e164_of)
                if known
                else checked_phone(n, phone, self.region)
            )
            errors += problems
            phones.append(Phone(phone.number, phone.kind, phone.extension, e164))
        emails = []
        given = record.normalized_emails if fields is record.fields else ()  # (nothing cleaned)
        for n, email in enumerate(fields.emails, 1):
            if len(given) == len(fields.emails):
                problems, normalized = checked_email(n, email, _given(given[n - 1]))
            elif known:
                problems, normalized = checked_email(n, email, known.normalised)
            else:
                problems, normalized = checked_email(n, email)
            errors += problems
            emails.append(normalized)
        if sum(e.is_primary for e in fields.emails) > 1:
            fields = replace(
                fields, emails=tuple(replace(e, is_primary=False) for e in fields.emails)
            )
            fields = replace(
                fields, emails=(replace(fields.emails[0], is_primary=True), *fields.emails[1:])
            )
        if errors:
            return self._rejected(record, errors[0].field, errors[0].message)
        values: dict[str, tuple[str, Value]] = {}  # one per field (names differ in case only)
        for name, text in record.custom:
            value = self._value(name, text)
            if isinstance(value, FieldValueError):
                return self._rejected(record, name.strip(), str(value))
            if value is not None:
                values.setdefault(value[0].casefold(), value)
        if phones:
            fields = fields_of({**fields.__dict__, "phones": tuple(phones)})
        return Checked(record, fields, tuple(emails), tuple(values.values()))

    def _value(self, name: str, text: str) -> tuple[str, Value] | FieldValueError | None:
        name = clean_name(name)
        if not name or not text.strip():
            return None
        field = self.fields.get(name.casefold())
        if field is None:
            name = self.new_fields.setdefault(name.casefold(), name)
            field = CustomField(NEW_FIELD_ID, name, "text")
        try:
            value = parse_value(field, text, self.region)
        except FieldValueError as problem:
            return problem
        return None if value is None else (field.name, value)

    @staticmethod
    def _rejected(record: Incoming, field: str, reason: str) -> Rejected:
        return Rejected(record.where, reason, field, record.raw)
