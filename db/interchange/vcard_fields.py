"""The properties of one parsed vCard mapped to Cardfile's fields (an `Incoming` record).

Choices made here, for what users of Outlook, Gmail and phones expect:
- the structured N is trusted over FN; FN is split with nameparser only when N gives no name,
  and not when FN is just the company, an e-mail address or a number (Outlook writes those);
- a card with an e-mail or a phone but no name or company is filed under that address (or
  number) as its company, with a warning: Outlook files such a contact under its e-mail address,
  and Cardfile needs a name or a company to keep a contact; a card with none of these is
  rejected ("no name, company, e-mail or phone");
- a phone, e-mail or address without HOME/WORK (or CELL/FAX for phones) is "other";
- the mailing address is the one marked PREF, else the first; the primary e-mail is the first
  marked PREF (none when none is);
- an address's street holds the street, then the extended address (suite, building), then the
  PO box, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from email.utils import parseaddr
from typing import Any

from db.interchange.incoming import Incoming, Photo, Read, Rejected
from db.interchange.vcard_values import (
    APPLE_OMIT_YEAR,
    CUSTOM_FIELD,
    EXTRA_TEXT_FIELDS,
    FLAG_FIELDS,
    UnreadableValueError,
    decode_photo,
    list_text,
    parse_birthday,
    split_unescaped,
    structured,
    unescape,
)
from db.records import Address, ContactFields, Email, Phone
from db.validation import LABELS, MAX_TEXT

_EXTENSION = re.compile(r"^(?P<number>.*?)\s*(?:;\s*ext=|\bext\.?|\bx)\s*(?P<ext>\d+)\s*$", re.I)
_URI_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_PO_BOX_WORDS = ("box", "postfach", "apartado", "casilla")
_NAME_ORDER = ("last_name", "first_name", "middle_name", "prefix", "suffix")


@dataclass(frozen=True)
class CardProperty:
    """One line of a card as vobject parsed it: parameter names upper-cased, the value with
    quoted-printable undone but backslash escapes still in."""

    name: str
    value: str
    number: int  # the line of the file it starts on
    params: dict[str, list[str]] = field(default_factory=dict)
    singletons: tuple[str, ...] = ()  # vCard 2.1 parameters without a name: TEL;WORK;VOICE


class CardError(ValueError):
    """Why a card cannot be read, in words; `field` names the property when known."""

    def __init__(self, reason: str, field: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


def card_to_incoming(
    lines: list[CardProperty],
    where: str,
    raw: tuple[str, ...],
    skip_photo: bool,
    warnings: list[str],
) -> Read:
    """The card whose parsed lines are `lines`. Raises CardError when a value cannot be read."""
    props: dict[str, list[CardProperty]] = {}
    for line in lines:
        props.setdefault(line.name.upper(), []).append(line)
    text: dict[str, str] = {}
    org = structured(_first(props, "ORG"), 2)
    text["company"] = list_text(org[0], ", ")
    text["department"] = list_text(org[1], ", ")
    text["title"] = unescape(_first(props, "TITLE")).strip()
    text["web_site"] = unescape(_first(props, "URL")).strip()
    text.update(_names(props, text["company"]))
    for name, prop in EXTRA_TEXT_FIELDS.items():
        text[name] = unescape(_first(props, prop)).strip()
    for name, value in text.items():
        if len(value) > MAX_TEXT and name != "web_site":
            text[name] = value[:MAX_TEXT].rstrip()
            warnings.append(f"{LABELS[name]} cut to {MAX_TEXT} characters")
    flags = {
        name: _first(props, prop).strip().upper() in ("1", "TRUE", "YES")
        for name, prop in FLAG_FIELDS.items()
    }
    values: dict[str, Any] = {
        **text,
        **flags,
        "birthday": _birthday(props, warnings),
        "notes": "\n".join(unescape(line.value) for line in props.get("NOTE", [])),
        "phones": _phones(props.get("TEL", []), warnings),
        "emails": _emails(props.get("EMAIL", [])),
        "addresses": _addresses(props.get("ADR", [])),
    }
    fields = ContactFields(**values)
    has_name = any((fields.first_name, fields.last_name, fields.middle_name))
    if not (has_name or fields.company or fields.emails or fields.phones):
        return Rejected(where, "no name, company, e-mail or phone", raw=raw)
    if not (has_name or fields.company):
        stand_in = fields.emails[0].address if fields.emails else fields.phones[0].number
        fields = replace(fields, company=stand_in[:MAX_TEXT])
        warnings.append(f"no name or company: filed under {stand_in} (as its company)")
    photo = None if skip_photo else _photo(props.get("PHOTO", []), warnings)
    return Incoming(
        fields,
        where,
        categories=_categories(props.get("CATEGORIES", [])),
        custom=_custom(props.get(CUSTOM_FIELD, []), warnings),
        photo=photo,
        warnings=tuple(warnings),
        raw=raw,
    )


def _first(props: dict[str, list[CardProperty]], name: str) -> str:
    for line in props.get(name, []):
        if line.value.strip():
            return line.value
    return ""


def _types(line: CardProperty) -> set[str]:
    found = {str(p).upper() for p in line.singletons}
    for value in line.params.get("TYPE", []):
        found.update(part.strip().upper() for part in str(value).split(","))
    if "PREF" in line.params:  # vCard 4.0: PREF=1
        found.add("PREF")
    return found


def _names(props: dict[str, list[CardProperty]], company: str) -> dict[str, str]:
    parts = structured(_first(props, "N"), 5)
    names = {field: list_text(part, " ") for field, part in zip(_NAME_ORDER, parts, strict=True)}
    if any((names["first_name"], names["last_name"], names["middle_name"])):
        return names
    full = unescape(_first(props, "FN")).strip()
    if not full or full.casefold() == company.casefold() or "@" in full:
        return names
    if not any(char.isalpha() for char in full):
        return names
    from nameparser import HumanName

    parsed = HumanName(full)
    return {
        "prefix": str(parsed.title),
        "first_name": str(parsed.first),
        "middle_name": str(parsed.middle),
        "last_name": str(parsed.last),
        "suffix": str(parsed.suffix),
    }


def _birthday(props: dict[str, list[CardProperty]], warnings: list[str]) -> date | None:
    for line in props.get("BDAY", []):
        value = unescape(line.value).strip()
        if not value:
            continue
        omit = line.params.get(APPLE_OMIT_YEAR.upper(), [None])[0]
        try:
            return parse_birthday(value, omit)
        except UnreadableValueError as problem:
            warnings.append(f"line {line.number}: birthday left out: {problem}")
        return None
    return None


def _phone_kind(types: set[str]) -> str:
    if "FAX" in types:
        return "fax"
    if types & {"CELL", "MOBILE", "IPHONE"}:
        return "mobile"
    if "HOME" in types:
        return "home"
    if "WORK" in types:
        return "work"
    return "other"


def _phones(lines: list[CardProperty], warnings: list[str]) -> tuple[Phone, ...]:
    phones = []
    for line in lines:
        number = unescape(line.value).strip()
        if number.lower().startswith("tel:"):
            number = number[4:]
        elif _URI_SCHEME.match(number) and not number[:1].isdigit():
            warnings.append(f"line {line.number}: '{number[:60]}' is not a phone number")
            continue
        extension = ""
        match = _EXTENSION.match(number)
        if match and match["number"]:
            number, extension = match["number"].strip(), match["ext"]
        if number:
            phones.append(Phone(number, _phone_kind(_types(line)), extension))
    return tuple(phones)


def _kind(types: set[str]) -> str:
    if "HOME" in types:
        return "home"
    if "WORK" in types:
        return "work"
    return "other"


def _emails(lines: list[CardProperty]) -> tuple[Email, ...]:
    emails = []
    primary_taken = False
    for line in lines:
        address = unescape(line.value).strip()
        if address.lower().startswith("mailto:"):
            address = address[7:]
        if "<" in address:
            address = parseaddr(address)[1] or address
        if not address:
            continue
        types = _types(line)
        primary = "PREF" in types and not primary_taken
        primary_taken = primary_taken or primary
        emails.append(Email(address, _kind(types), primary))
    return tuple(emails)


def _street(box: str, extended: str, street: str) -> str:
    if box and not any(word in box.casefold() for word in _PO_BOX_WORDS):
        box = f"PO Box {box}"
    return "\n".join(part for part in (street, extended, box) if part)


def _addresses(lines: list[CardProperty]) -> tuple[Address, ...]:
    found: list[tuple[Address, bool]] = []
    for line in lines:
        parts = [list_text(part, ", ") for part in structured(line.value, 7)]
        box, extended, street, city, region, code, country = parts
        types = _types(line)
        address = Address(_street(box, extended, street), city, region, code, country, _kind(types))
        if not address.is_empty():
            found.append((address, "PREF" in types))
    mailing = next((n for n, (_, pref) in enumerate(found) if pref), 0)
    return tuple(
        Address(**{**vars(address), "is_mailing": n == mailing})
        for n, (address, _) in enumerate(found)
    )


def _photo(lines: list[CardProperty], warnings: list[str]) -> Photo | None:
    for line in lines:
        value = line.value.strip()
        encoding = {str(v).upper() for v in line.params.get("ENCODING", [])}
        is_base64 = bool(encoding & {"B", "BASE64"}) or "BASE64" in _types(line)
        kind = {str(v).upper() for v in line.params.get("VALUE", [])}
        is_link = bool(kind & {"URI", "URL"} or _URI_SCHEME.match(value))
        if not is_base64 and is_link and not value.lower().startswith("data:"):
            warnings.append(f"line {line.number}: the photo is a link, not imported")
            continue
        try:
            photo = decode_photo(value, is_base64)
        except UnreadableValueError as problem:
            raise CardError(f"line {line.number}: {problem}", "PHOTO") from None
        if photo is not None:
            return photo
    return None


def _categories(lines: Iterable[CardProperty]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for line in lines:
        for item in split_unescaped(line.value, ","):
            name = unescape(item).strip()
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
    return tuple(seen.values())


def _custom(lines: Iterable[CardProperty], warnings: list[str]) -> tuple[tuple[str, str], ...]:
    values = []
    for line in lines:
        parts = split_unescaped(line.value, ";")
        name, value = parts[0], ";".join(parts[1:])
        label = unescape(name).strip()
        if not label:
            warnings.append(f"line {line.number}: a user field without a name, left out")
            continue
        values.append((label, unescape(value)))
    return tuple(values)
