"""What each letter is filled in with: for every recipient, the contact's fields (names, the
salutation, company, title, phones, e-mail…), its user fields by name, the address block the
recipient chooser laid out, today's date in the template's format and the sender's details
from My record; read a few hundred contacts at a time, as plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.custom_fields import custom_fields
from db.field_types import CustomField, as_text
from db.mailing.letters_pdf import Letter
from db.mailing.merge_fields import (
    CONTACT_FIELDS,
    MY_FIELDS,
    MergeValues,
    TemplateProblemError,
    format_date,
)
from db.mailing.my_record import get_my_record
from db.mailing.recipient_records import Recipient
from db.mailing.templates import LetterTemplate, check_template
from db.models import AddressRow, ContactRow, CustomValueRow, EmailRow, PhoneRow

CHUNK = 900  # ids per statement: under SQLite's limit on bound parameters
_COLUMNS = (
    ContactRow.id,
    ContactRow.prefix,
    ContactRow.first_name,
    ContactRow.middle_name,
    ContactRow.last_name,
    ContactRow.suffix,
    ContactRow.salutation,
    ContactRow.company,
    ContactRow.title,
    ContactRow.department,
    ContactRow.web_site,
)


def salutation(values: dict[str, str]) -> str:
    """What follows "Dear": the contact's own salutation, else the first name, else the title
    and last name, else "Sir or Madam"."""
    if values["salutation"]:
        return values["salutation"]
    if values["first_name"]:
        return values["first_name"]
    formal = " ".join(p for p in (values["prefix"], values["last_name"]) if p)
    return formal or "Sir or Madam"


def merged_letters(
    session: Session, template: LetterTemplate, recipients: Sequence[Recipient], today: date
) -> list[Letter]:
    """Every recipient's letter, filled in before anything is written: TemplateProblemError
    (naming the field, or the contact) when the template cannot be used; ValueError for its
    settings."""
    compiled = check_template(session, template)
    letters = []
    values = letter_values(session, recipients, today, template.date_format)
    for recipient, filled in zip(recipients, values, strict=True):
        try:
            paragraphs = compiled.render(filled)
        except TemplateProblemError as failed:
            raise TemplateProblemError(f"the letter to {recipient.name}: {failed}") from None
        empty = tuple(name for name in compiled.user_fields if not filled.fields.get(name))
        letters.append(
            Letter(recipient.contact_id, recipient.block, paragraphs, recipient.country, empty)
        )
    return letters


def letter_values(
    session: Session, recipients: Sequence[Recipient], today: date, date_format: str
) -> list[MergeValues]:
    """The merge values for each recipient, in the recipients' order."""
    ids = [r.contact_id for r in recipients]
    contacts: dict[int, dict[str, str]] = {}
    extra: dict[int, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        for row in session.execute(select(*_COLUMNS).where(ContactRow.id.in_(part))):
            contacts[row.id] = {key: value or "" for key, value in row._asdict().items()}
        _add_children(session, part, extra)
    named = {f.id: f for f in custom_fields(session)}
    user_values = _user_values(session, ids, named)
    mine = get_my_record(session)
    me = {key: getattr(mine, key) for key in MY_FIELDS}
    day = format_date(today, date_format)
    blank = dict.fromkeys(CONTACT_FIELDS, "")
    everyone: list[MergeValues] = []
    for recipient in recipients:
        values = (
            blank | contacts.get(recipient.contact_id, {}) | extra.get(recipient.contact_id, {})
        )
        values.pop("id", None)
        values["full_name"] = " ".join(
            values[k]
            for k in ("prefix", "first_name", "middle_name", "last_name", "suffix")
            if values[k]
        )
        values["salutation"] = salutation(values)
        fields = {f.name: "" for f in named.values()} | user_values.get(recipient.contact_id, {})
        everyone.append(MergeValues(values, fields, recipient.block, day, me))
    return everyone


def _add_children(session: Session, ids: Sequence[int], found: dict[int, dict[str, str]]) -> None:
    """The first work (else any) phone, the mobile, the primary (else first) e-mail and the
    mailing address's city."""
    phones = session.execute(
        select(PhoneRow.contact_id, PhoneRow.kind, PhoneRow.number, PhoneRow.extension)
        .where(PhoneRow.contact_id.in_(ids))
        .order_by(PhoneRow.contact_id, PhoneRow.position)
    )
    listed: dict[int, list[tuple[str, str]]] = {}
    for contact_id, kind, number, extension in phones:
        shown = f"{number} ext. {extension}" if extension else number
        if kind != "fax":
            listed.setdefault(contact_id, []).append((kind, shown))
    for contact_id, voice in listed.items():
        values = found.setdefault(contact_id, {})
        work = [shown for kind, shown in voice if kind == "work"]
        mobile = [shown for kind, shown in voice if kind == "mobile"]
        values["phone"] = (work or [voice[0][1]])[0]
        if mobile:
            values["mobile"] = mobile[0]
    emails = session.execute(
        select(EmailRow.contact_id, EmailRow.address, EmailRow.is_primary)
        .where(EmailRow.contact_id.in_(ids))
        .order_by(EmailRow.contact_id, EmailRow.is_primary.desc(), EmailRow.position)
    )
    for contact_id, address, _primary in emails:
        found.setdefault(contact_id, {}).setdefault("email", address)
    cities = session.execute(
        select(AddressRow.contact_id, AddressRow.city)
        .where(AddressRow.contact_id.in_(ids), AddressRow.city != "")
        .order_by(AddressRow.contact_id, AddressRow.is_mailing.desc(), AddressRow.position)
    )
    for contact_id, city in cities:
        found.setdefault(contact_id, {}).setdefault("city", city)


def _user_values(
    session: Session, ids: Sequence[int], named: dict[int, CustomField]
) -> dict[int, dict[str, str]]:
    values: dict[int, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.scalars(
            select(CustomValueRow).where(CustomValueRow.contact_id.in_(ids[start : start + CHUNK]))
        )
        for row in rows:
            field = named.get(row.field_id)
            if field is not None:
                text = as_text(field.kind, getattr(row, field.column))
                values.setdefault(row.contact_id, {})[field.name] = text
    return values
