"""Checks on what a user typed, each failure a `FieldError` naming the field in the user's words.

All of a contact is checked before anything is written, so nothing is ever half-saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from db.phones import PhoneNumberError, to_e164
from db.records import (
    ADDRESS_KINDS,
    EMAIL_KINDS,
    NO_YEAR,
    PHONE_KINDS,
    ContactFields,
    Email,
    FieldError,
    Phone,
)

LABELS = {
    "prefix": "Prefix",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "suffix": "Suffix",
    "salutation": "Salutation",
    "company": "Company",
    "title": "Title",
    "department": "Department",
    "web_site": "Web site",
    "birthday": "Birthday",
    "status": "Status",
    "referred_by": "Referred by",
    "last_result": "Last result",
    "do_not_call": "Do not call",
    "do_not_mail": "Do not mail",
    "do_not_email": "Do not e-mail",
    "mail_returned": "Mail returned",
    "email_bounced": "E-mail bounced",
    "notes": "Notes",
    "phones": "Phones",
    "emails": "E-mails",
    "addresses": "Addresses",
}
MAX_TEXT = 200
_LENGTH_CHECKED = tuple(  # (notes and web sites have no limit)
    (name, label) for name, label in LABELS.items() if name not in ("notes", "web_site")
)
EARLIEST_BIRTHDAY = date(1850, 1, 1)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_NO_YEAR_DATE = re.compile(r"^\s*--(\d{2})-?(\d{2})\s*$")  # "--03-12": a day, no year


class InvalidContactError(ValueError):
    """Raised by an operation given bad input; nothing has been written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


def parse_date(text: str, label: str, *, no_year: bool = False) -> date | None:
    """'' -> None; '1980-02-29' -> a date; with `no_year`, '--02-29' -> that day in NO_YEAR;
    else InvalidContactError naming the field `label`."""
    if not text.strip():
        return None
    day_only = _NO_YEAR_DATE.match(text) if no_year else None
    if day_only:
        text = f"{NO_YEAR}-{day_only.group(1)}-{day_only.group(2)}"
    match = _ISO_DATE.match(text)
    if not match:
        raise InvalidContactError(
            [FieldError(label, f"'{text.strip()}' is not a date (use YYYY-MM-DD)")]
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidContactError(
            [FieldError(label, f"{text.strip()} is not a date on the calendar")]
        ) from None


def normalise_email(address: str) -> str:
    """The form used to match e-mails: checked for syntax, then lower-cased as a whole.

    Raises email_validator.EmailNotValidError (a ValueError) when it is not an e-mail address.
    """
    from email_validator import validate_email

    result = validate_email(address.strip(), check_deliverability=False)
    return result.normalized.lower()


def validate_fields(
    fields: ContactFields,
    region: str,
    today: date | None = None,
    *,
    phones_and_emails: bool = True,
) -> list[FieldError]:
    """Every problem with `fields`, in the order the form shows them; empty when all is well.
    Without `phones_and_emails`, those are left to the caller (`checked_phone`, `checked_email`)."""
    errors: list[FieldError] = []
    if not (fields.first_name.strip() or fields.last_name.strip() or fields.company.strip()):
        errors.append(FieldError("Name", "a contact needs a first name, a last name or a company"))
    for name, label in _LENGTH_CHECKED:
        value = getattr(fields, name)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            errors.append(FieldError(label, f"is longer than {MAX_TEXT} characters"))
    if fields.birthday is not None and fields.birthday.year != NO_YEAR:
        today = today or date.today()
        if fields.birthday > today:
            errors.append(FieldError("Birthday", f"{fields.birthday.isoformat()} is in the future"))
        elif fields.birthday < EARLIEST_BIRTHDAY:
            errors.append(FieldError("Birthday", f"{fields.birthday.isoformat()} is too long ago"))
    if phones_and_emails:
        errors.extend(_phone_errors(fields, region))
        errors.extend(_email_errors(fields))
    errors.extend(_address_errors(fields))
    return errors


def checked_phone(
    n: int, phone: Phone, region: str, e164_of: Callable[[str, str], str | None] = to_e164
) -> tuple[list[FieldError], str | None]:
    """What is wrong with the `n`th phone (counting from 1), and its E.164 form (None when it
    is not a valid number: kept as typed, not used for matching). `e164_of` may be `to_e164`
    with its answers worked out beforehand (a big import does that in other processes)."""
    errors = []
    e164 = None
    label = f"Phone {n} ({phone.kind})"
    if phone.kind not in PHONE_KINDS:
        errors.append(FieldError(label, f"'{phone.kind}' is not a kind of phone"))
    try:
        e164 = e164_of(phone.number, region)
    except PhoneNumberError as exc:
        errors.append(FieldError(label, str(exc)))
    if phone.extension and not phone.extension.strip().isdigit():
        errors.append(FieldError(label, f"extension '{phone.extension}' should be digits"))
    return errors, e164


def checked_email(
    n: int, email: Email, normalised: Callable[[str], str] = normalise_email
) -> tuple[list[FieldError], str]:
    """What is wrong with the `n`th e-mail (counting from 1), and its normalised form ('' when
    it is not an e-mail address). `normalised` may be `normalise_email` worked out before."""
    errors = []
    normalized = ""
    label = f"E-mail {n}"
    if email.kind not in EMAIL_KINDS:
        errors.append(FieldError(label, f"'{email.kind}' is not a kind of e-mail address"))
    try:
        normalized = normalised(email.address)
    except ValueError as exc:  # email_validator.EmailNotValidError
        errors.append(FieldError(label, f"'{email.address}' is not an e-mail address: {exc}"))
    return errors, normalized


def _phone_errors(fields: ContactFields, region: str) -> list[FieldError]:
    return [e for n, p in enumerate(fields.phones, 1) for e in checked_phone(n, p, region)[0]]


def _email_errors(fields: ContactFields) -> list[FieldError]:
    errors = [e for n, m in enumerate(fields.emails, 1) for e in checked_email(n, m)[0]]
    if sum(e.is_primary for e in fields.emails) > 1:
        errors.append(FieldError("E-mails", "only one e-mail address can be the primary one"))
    return errors


def _address_errors(fields: ContactFields) -> list[FieldError]:
    errors = []
    for n, address in enumerate(fields.addresses, start=1):
        if address.kind not in ADDRESS_KINDS:
            errors.append(FieldError(f"Address {n}", f"'{address.kind}' is not a kind of address"))
    if sum(a.is_mailing for a in fields.addresses) > 1:
        errors.append(FieldError("Addresses", "only one address can be the one used for mail"))
    return errors
