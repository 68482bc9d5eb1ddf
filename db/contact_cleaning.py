"""Cleaning a contact's fields before they are checked and stored: text trimmed, blank phones,
e-mails and addresses dropped, one e-mail made the primary one and one address the mailing one.
Both the form's saves (`db.contacts`) and imports (a million at a time) use it."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from operator import attrgetter
from typing import Any

from db.records import Address, ContactFields


def clean_fields(fields: ContactFields) -> ContactFields:
    """Trim text, drop blank rows, and make one e-mail primary and one address the mailing one.
    (What is already clean is kept as it is, not copied: an import cleans a million of these.)"""
    if _is_clean(fields):
        return fields
    stripped: dict[str, Any] = {
        name: value.strip()
        for name in _TRIMMED_TEXT
        if isinstance(value := getattr(fields, name), str) and value != value.strip()
    }
    phones = tuple(
        p
        if p.number == p.number.strip() and p.extension == p.extension.strip()
        else replace(p, number=p.number.strip(), extension=p.extension.strip())
        for p in fields.phones
        if p.number.strip()
    )
    emails = tuple(
        e if e.address == e.address.strip() else replace(e, address=e.address.strip())
        for e in fields.emails
        if e.address.strip()
    )
    if emails and not any(e.is_primary for e in emails):
        emails = (replace(emails[0], is_primary=True), *emails[1:])
    addresses = tuple(_stripped_address(a) for a in fields.addresses if not a.is_empty())
    if addresses and not any(a.is_mailing for a in addresses):
        addresses = (replace(addresses[0], is_mailing=True), *addresses[1:])
    if (
        not stripped
        and phones == fields.phones
        and emails == fields.emails
        and addresses == fields.addresses
    ):
        return fields
    return replace(fields, **stripped, phones=phones, emails=emails, addresses=addresses)


_TRIMMED_TEXT = tuple(
    f.name
    for f in dataclass_fields(ContactFields)
    if f.name != "notes" and isinstance(getattr(ContactFields(), f.name), str)
)
_trimmed_text = attrgetter(*_TRIMMED_TEXT)
_address_parts = attrgetter("street", "city", "region", "postal_code", "country")


def _is_clean(fields: ContactFields) -> bool:
    """What `clean_fields` would keep as it is, found without making anything (the fields a
    file's reader gives are nearly always so). Anything unexpected (not text where text
    belongs) is left to `clean_fields`' long way."""
    try:
        texts = _trimmed_text(fields)
        if tuple(map(str.strip, texts)) != texts:
            return False
        for p in fields.phones:
            if not p.number or p.number != p.number.strip() or p.extension != p.extension.strip():
                return False
        for e in fields.emails:
            if not e.address or e.address != e.address.strip():
                return False
        for a in fields.addresses:
            parts = _address_parts(a)
            if not any(parts) or tuple(map(str.strip, parts)) != parts:
                return False
    except (TypeError, AttributeError):
        return False
    return (not fields.emails or any(e.is_primary for e in fields.emails)) and (
        not fields.addresses or any(a.is_mailing for a in fields.addresses)
    )


def _stripped_address(a: Address) -> Address:
    parts = (a.street, a.city, a.region, a.postal_code, a.country)
    if all(p == p.strip() for p in parts):
        return a
    return replace(
        a,
        street=a.street.strip(),
        city=a.city.strip(),
        region=a.region.strip(),
        postal_code=a.postal_code.strip(),
        country=a.country.strip(),
    )
