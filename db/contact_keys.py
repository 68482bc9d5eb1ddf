"""What is derived from a contact's fields: the list columns, sort keys and the search document.

Both the one-by-one operations (`db.contacts`) and the bulk paths (`db.demo`, imports) use these,
so that a contact looks the same in the list and search whichever way it arrived.
"""

from __future__ import annotations

from typing import Any

from db.folding import digits_only, fold
from db.records import Address, ContactFields, Email, Phone


def list_name(first: str, middle: str, last: str) -> str:
    """The name as the list shows it: 'Last, First Middle'."""
    given = " ".join(p for p in (first, middle) if p)
    if last and given:
        return f"{last}, {given}"
    return last or given


def primary_email(emails: tuple[Email, ...]) -> Email | None:
    for email in emails:  # (plain loops: these run for every contact an import writes)
        if email.is_primary:
            return email
    return emails[0] if emails else None


def mailing_address(addresses: tuple[Address, ...]) -> Address | None:
    for address in addresses:
        if address.is_mailing:
            return address
    return addresses[0] if addresses else None


def list_phone(phones: tuple[Phone, ...]) -> Phone | None:
    """The phone the list shows: work first, then mobile, then whatever there is."""
    mobile = None
    for phone in phones:
        if phone.kind == "work":
            return phone
        if mobile is None and phone.kind == "mobile":
            mobile = phone
    return mobile or (phones[0] if phones else None)


def derived_columns(fields: ContactFields) -> dict[str, Any]:
    """The contacts-table columns computed from `fields`."""
    name = list_name(fields.first_name, fields.middle_name, fields.last_name)
    email = primary_email(fields.emails)
    address = mailing_address(fields.addresses)
    phone = list_phone(fields.phones)
    city = address.city if address else ""
    return {
        "sort_name": fold(name or fields.company),
        "sort_company": fold(fields.company),
        "sort_city": fold(city),
        "list_phone": phone.number if phone else "",
        "list_email": email.address if email else "",
        "list_city": city,
    }


def search_document(fields: ContactFields) -> str:
    """The folded text that quick search looks in: names, company, e-mails, phone digits, cities.

    Phones appear twice, as typed digits and as E.164 digits, so '22334455', '+47 22 33' and
    '4722334455' all find the same number (once when the two are the same digits).
    """
    parts = [
        fields.first_name,
        fields.middle_name,
        fields.last_name,
        fields.company,
        *(e.address for e in fields.emails),
        *(a.city for a in fields.addresses),
    ]
    words = [fold(p) for p in parts if p]
    for phone in fields.phones:
        typed = digits_only(phone.number)
        words.append(typed)
        if phone.e164 and phone.e164[1:] != typed:
            words.append(digits_only(phone.e164))
    return " | ".join(w for w in words if w)
