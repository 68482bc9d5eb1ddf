"""The phones, e-mails, addresses and labelled user fields of one CSV row, each gathered from
its columns (several of each when a cell holds several values, Google's ` ::: `), checked, and
added to what the row has given so far (`RowSoFar`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.field_types import MAX_TEXT as MAX_USER_TEXT
from db.interchange.csv_values import (
    MULTI,
    check_email,
    is_spreadsheet_number,
    phone_kind,
    place_kind,
    split_values,
)
from db.records import Address, Email, Phone
from db.validation import MAX_TEXT

Parts = dict[str, tuple[str, str]]  # part -> (text, column)


class BadRowError(Exception):
    """Why a row cannot be imported; `column` is the column's name ("" for the whole row)."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}" if column else reason)
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class Item:
    """One phone, e-mail, address or labelled user field, made of one or more columns."""

    role: str
    kind: str


class RowSoFar:
    """What one row has given so far (slots: one of these per row of a long file)."""

    __slots__ = (
        "addresses",
        "birthday_parts",
        "categories",
        "custom",
        "emails",
        "full_name",
        "normalized_emails",
        "phones",
        "texts",
        "warnings",
    )

    def __init__(self) -> None:
        self.texts: dict[str, Any] = {}
        self.phones: list[Phone] = []
        self.emails: list[Email] = []
        self.normalized_emails: list[str] = []  # one per e-mail, as normalise_email gives it
        self.addresses: list[Address] = []
        self.categories: list[str] = []
        self.custom: list[tuple[str, str]] = []
        self.warnings: list[str] = []
        self.full_name = ""
        self.birthday_parts: Parts = {}


def check_length(text: str, column: str) -> None:
    if len(text) > MAX_TEXT:
        raise BadRowError(column, f"is longer than {MAX_TEXT} characters")


def _nth(values: list[str], n: int) -> str:
    """The n-th of several values, or the only one (a label given once for three numbers)."""
    if len(values) == 1:
        return values[0]
    return values[n] if n < len(values) else ""


def _read_phones(item: Item, parts: Parts, row: RowSoFar) -> None:
    number_text, column = parts.get("number", ("", ""))
    labels = split_values(parts.get("label", ("", ""))[0])
    extension = parts.get("extension", ("", ""))[0]
    for n, number in enumerate(split_values(number_text) if number_text else []):
        _add_phone(row, number, item.kind or phone_kind(_nth(labels, n)), extension, column)


def add_whole_items(role: str, text: str, kind: str, column: str, row: RowSoFar) -> None:
    """The phones or e-mails of a column that holds whole ones."""
    for value in split_values(text):
        if role == "phone":
            _add_phone(row, value, kind, "", column)
        else:
            _add_email(row, value, kind, column)


def _add_phone(row: RowSoFar, number: str, kind: str, extension: str, column: str) -> None:
    if is_spreadsheet_number(number):
        raise BadRowError(
            column,
            f"'{number}' was turned into a number by a spreadsheet: its last digits "
            "are lost (fix it in the source file)",
        )
    check_length(number, column)
    if row.phones and any(p.number == number and p.extension == extension for p in row.phones):
        return  # Outlook's Primary Phone repeats another of the contact's numbers
    row.phones.append(Phone(number, kind, extension))


def _read_emails(item: Item, parts: Parts, row: RowSoFar) -> None:
    text, column = parts.get("address", ("", ""))
    labels = split_values(parts.get("label", ("", ""))[0])
    for n, address in enumerate(split_values(text) if text else []):
        _add_email(row, address, item.kind or place_kind(_nth(labels, n)), column)


def _add_email(row: RowSoFar, address: str, kind: str, column: str) -> None:
    try:
        normalized = check_email(address)
    except ValueError as exc:  # email_validator.EmailNotValidError
        raise BadRowError(column, f"'{address}' is not an e-mail address: {exc}") from None
    if row.emails and any(e.address.lower() == address.lower() for e in row.emails):
        return
    row.emails.append(Email(address, kind, is_primary=not row.emails))  # the first
    row.normalized_emails.append(normalized)


def _read_addresses(item: Item, parts: Parts, row: RowSoFar) -> None:
    texts = {part: text for part, (text, _) in parts.items()}
    for part, (text, column) in parts.items():
        if len(text) > MAX_TEXT and part != "formatted":
            for line in text.splitlines():
                check_length(line, column)
    if not any(MULTI in text for text in texts.values()):
        _add_address(item, texts, row)
        return
    values = {part: split_values(text) for part, text in texts.items()}
    for n in range(max(len(v) for v in values.values())):
        _add_address(item, {part: _nth(several, n) for part, several in values.items()}, row)


def _add_address(item: Item, got: dict[str, str], row: RowSoFar) -> None:
    street = [got.get(p, "") for p in ("street", "street2", "street3")]
    if box := got.get("po_box", ""):
        street.append(box if not box[0].isdigit() else f"PO Box {box}")
    kind = item.kind or place_kind(got.get("label", ""))
    address = Address(
        "\n".join(s for s in street if s),
        got.get("city", ""),
        got.get("region", ""),
        got.get("postal_code", ""),
        got.get("country", ""),
        kind,
        not row.addresses,  # the first is the one for mail
    )
    if address.is_empty() and got.get("formatted"):
        address = Address(street=got["formatted"], kind=kind, is_mailing=not row.addresses)
    if not address.is_empty():
        row.addresses.append(address)


def _read_labelled(item: Item, parts: Parts, row: RowSoFar) -> None:
    """Google's "Custom Field 1 - Label" / "- Value": a user field named by the label."""
    if "value" not in parts:
        return
    value, column = parts["value"]
    name = parts.get("label", ("", ""))[0].lstrip("*").strip() or column
    if len(value) > MAX_USER_TEXT:
        raise BadRowError(column, f"is longer than {MAX_USER_TEXT} characters")
    row.custom.append((name, value))


ITEM_READERS = {
    "phone": _read_phones,
    "email": _read_emails,
    "address": _read_addresses,
    "labelled": _read_labelled,
}
