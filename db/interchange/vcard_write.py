"""Contacts written out as vCards (3.0, or 4.0 on request) that `vcard_read` reads back to the
same `Incoming` record.

vobject serialises every card (escaping, folding, parameters). Three kinds of line are handed to
it already escaped, because its own handling is wrong for them:
- PHOTO: vobject 0.9.9 never folds a 3.0 photo (an Apple Address Book quirk, one line of
  tens of kilobytes) and would escape the `;` and `,` of a 4.0 `data:` URI;
- CATEGORIES: vobject has no rule for it and would write the names unescaped;
- Cardfile's user fields, `X-CARDFILE-FIELD:<field name>;<value>`: two escaped components,
  which vobject's text rule would run together by escaping the `;` between them.

Standard fields that vCard has no property for are written as `X-CARDFILE-SALUTATION`,
`X-CARDFILE-STATUS`, ..., and the flags (`X-CARDFILE-DO-NOT-CALL:1`, ...) only when set.
A birthday without a year is `BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-12` in 3.0 (as Apple and
Android write it) and `BDAY:--0312` in 4.0. Phone extensions are written as `number ext. 12`.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any, TextIO

import vobject
from vobject.base import Component, ContentLine, backslashEscape

from db.interchange.incoming import Incoming
from db.interchange.vcard_values import (
    CUSTOM_FIELD,
    EXTRA_TEXT_FIELDS,
    FLAG_FIELDS,
    IMAGE_TYPES,
    bday_value,
    photo_data_uri,
)
from db.records import Address, ContactFields, Email, Phone

VERSIONS = ("3.0", "4.0")
PRODUCT_ID = "-//Cardfile//Cardfile contact manager//EN"
_PHONE_TYPES = {
    "work": ["WORK", "VOICE"],
    "mobile": ["CELL", "VOICE"],
    "home": ["HOME", "VOICE"],
    "fax": ["FAX"],
    "other": ["VOICE"],
}


def vcard_text(contact: Incoming, *, version: str = "3.0", uid: str | None = None) -> str:
    """One card, with CR LF line ends, folded at 75 octets."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r} cannot be written (use 3.0 or 4.0)")
    card = vobject.vCard()
    card.add(ContentLine("VERSION", [], version))
    _raw(card, "PRODID", backslashEscape(PRODUCT_ID))
    if uid:
        card.add("uid").value = uid
    _add_fields(card, contact.fields, version)
    if contact.categories:
        _raw(card, "CATEGORIES", ",".join(backslashEscape(c) for c in contact.categories))
    for name, value in contact.custom:
        _raw(card, CUSTOM_FIELD, f"{backslashEscape(name)};{backslashEscape(value)}")
    if contact.photo is not None:
        _add_photo(card, contact, version)
    text: str = card.serialize(validate=False)
    return text


def write_vcards(
    contacts: Iterable[tuple[int, Incoming]], out: TextIO, version: str = "3.0"
) -> int:
    """Each (contact id, record) as a card to `out`, the id in its UID; returns how many.
    Open `out` with `newline=""` so that the cards' CR LF line ends are kept as they are."""
    written = 0
    for contact_id, contact in contacts:
        out.write(vcard_text(contact, version=version, uid=f"cardfile-contact-{contact_id}"))
        written += 1
    return written


def _add_fields(card: Component, fields: ContactFields, version: str) -> None:
    _add_names(card, fields)
    if fields.company or fields.department:
        org = card.add("org")
        org.value = [fields.company, fields.department] if fields.department else [fields.company]
    _text(card, "title", fields.title)
    _text(card, "url", fields.web_site)
    _text(card, "note", fields.notes)
    for field, prop in EXTRA_TEXT_FIELDS.items():
        _text(card, prop, getattr(fields, field))
    for field, prop in FLAG_FIELDS.items():
        if getattr(fields, field):
            card.add(prop.lower()).value = "1"
    if fields.birthday is not None:
        value, params = bday_value(fields.birthday, version)
        line = card.add("bday")
        line.value = value
        for name, param in params.items():
            line.params[name] = [param]
    for phone in fields.phones:
        _add_phone(card, phone, version)
    for email in fields.emails:
        _add_email(card, email, version)
    for address in fields.addresses:
        _add_address(card, address, version)


def _raw(card: Component, name: str, value: str, params: dict[str, list[str]] | None = None) -> Any:
    """A line whose value is already escaped: vobject writes it as it is."""
    line = card.add(name.lower())
    line.behavior = None
    line.encoded = True
    line.value = value
    line.params.update(params or {})
    return line


def _text(card: Component, name: str, value: str) -> None:
    if value:
        card.add(name.lower()).value = value


def _add_names(card: Component, fields: ContactFields) -> None:
    card.add("n").value = vobject.vcard.Name(
        family=fields.last_name,
        given=fields.first_name,
        additional=fields.middle_name,
        prefix=fields.prefix,
        suffix=fields.suffix,
    )
    shown = fields.full_name or fields.company
    if not shown and fields.emails:
        shown = fields.emails[0].address
    if not shown and fields.phones:
        shown = fields.phones[0].number
    card.add("fn").value = shown


def _types(version: str, types: list[str], preferred: bool) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    if version.startswith("4"):
        if types:
            params["TYPE"] = [t.lower() for t in types]
        if preferred:
            params["PREF"] = ["1"]
    else:
        found = types + (["PREF"] if preferred else [])
        if found:
            params["TYPE"] = found
    return params


def _add_phone(card: Component, phone: Phone, version: str) -> None:
    line = card.add("tel")
    line.value = f"{phone.number} ext. {phone.extension}" if phone.extension else phone.number
    line.params.update(_types(version, list(_PHONE_TYPES.get(phone.kind, ["VOICE"])), False))


def _add_email(card: Component, email: Email, version: str) -> None:
    line = card.add("email")
    line.value = email.address
    kind = [email.kind.upper()] if email.kind in ("home", "work") else []
    internet = [] if version.startswith("4") else ["INTERNET"]
    line.params.update(_types(version, internet + kind, email.is_primary))


def _add_address(card: Component, address: Address, version: str) -> None:
    line = card.add("adr")
    line.value = vobject.vcard.Address(
        street=address.street,
        city=address.city,
        region=address.region,
        code=address.postal_code,
        country=address.country,
    )
    kind = [address.kind.upper()] if address.kind in ("home", "work") else []
    line.params.update(_types(version, kind, address.is_mailing))


def _add_photo(card: Component, contact: Incoming, version: str) -> None:
    photo = contact.photo
    assert photo is not None
    if version.startswith("4"):
        _raw(card, "PHOTO", photo_data_uri(photo))
        return
    data = base64.b64encode(photo.data).decode("ascii")
    params = {"ENCODING": ["b"], "TYPE": [IMAGE_TYPES.get(photo.mime, "JPEG")]}
    _raw(card, "PHOTO", data, params)
