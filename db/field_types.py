"""The types a user field can have: what each accepts, how it is stored and shown, and how a
value converts when its field changes type. Plain Python, no database, so the screens can use it.

A value is stored in one of three typed columns (`db.models.CustomValueRow`): text, number or
date. In Python it is a `str`, a `float`, a `date` or `True` (an unticked yes/no has no value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from db.phones import PhoneNumberError, to_e164
from db.validation import InvalidContactError, parse_date

KIND_LABELS = {
    "text": "Text",
    "number": "Number",
    "currency": "Currency",
    "date": "Date",
    "yes_no": "Yes/No",
    "choice": "Choice list",
    "url": "Web address (URL)",
    "phone": "Phone number",
}
FIELD_KINDS = tuple(KIND_LABELS)
TEXT_KINDS = ("text", "choice", "url", "phone")
NUMBER_KINDS = ("number", "currency", "yes_no")
MAX_TEXT = 2000
MAX_NAME = 60
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY_MARKS = re.compile(r"[$€£¥]|kr\.?|NOK|SEK|DKK|EUR|USD|GBP", re.IGNORECASE)
_YES = {"yes", "y", "true", "1", "x", "ja", "on"}
_NO = {"no", "n", "false", "0", "nei", "off", ""}

Value = str | float | date | bool


@dataclass(frozen=True)
class CustomField:
    id: int
    name: str
    kind: str  # one of FIELD_KINDS
    choices: tuple[str, ...] = ()
    position: int = 0

    @property
    def key(self) -> str:
        """How lookups and the list's columns name this field."""
        return f"custom:{self.id}"

    @property
    def column(self) -> str:
        """The typed column of `custom_values` that holds its values."""
        return value_column(self.kind)


def value_column(kind: str) -> str:
    if kind in TEXT_KINDS:
        return "value_text"
    if kind in NUMBER_KINDS:
        return "value_number"
    return "value_date"


def choices_from_json(text: str) -> tuple[str, ...]:
    try:
        import json  # (imported when first needed: the window starts without it)

        loaded = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(c) for c in loaded) if isinstance(loaded, list) else ()


class FieldValueError(ValueError):
    """A value that does not fit its field's type; the message is for the user."""


def parse_number(text: str) -> float:
    """'1 234,50', '1,234.50', '1234.5', 'kr 200' -> a float; else FieldValueError in words.

    With both ',' and '.', the last one is the decimal mark; a lone ',' followed by one or two
    digits, or after digits grouped by spaces ("12 345,678"), is a decimal comma (Norwegian,
    German); else it separates thousands."""
    from decimal import Decimal, InvalidOperation

    spaced = re.search(r"\d[\s\u00a0\u202f]\d", text) is not None
    cleaned = _SPACES.sub("", _CURRENCY_MARKS.sub("", text)).strip()
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1 and (spaced or re.search(r",\d{1,2}$", cleaned)):
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise FieldValueError(f"'{text.strip()}' is not a number") from None
    if not number.is_finite():
        raise FieldValueError(f"'{text.strip()}' is not a number")
    return float(number)


def parse_value(field: CustomField, raw: Value | None, region: str = "NO") -> Value | None:
    """What the user gave for `field` (typed text, a date from a picker, a tick) as the value to
    store; None for empty. Raises FieldValueError saying what is wrong."""
    if raw is None:
        return None
    if field.kind == "yes_no":
        return _parse_yes_no(raw)
    if field.kind == "date":
        return _parse_date(raw)
    text = raw.isoformat() if isinstance(raw, date) else str(raw)
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        raise FieldValueError(f"is longer than {MAX_TEXT} characters")
    if field.kind in ("number", "currency"):
        number = parse_number(text)
        return round(number, 2) if field.kind == "currency" else number
    return _parse_text(field, text, region)


def _parse_text(field: CustomField, text: str, region: str) -> str:
    """A value of a text, choice, URL or phone field."""
    if field.kind == "choice" and field.choices:
        match = next((c for c in field.choices if c.casefold() == text.casefold()), None)
        if match is None:
            raise FieldValueError(
                f"'{text}' is not one of the choices ({', '.join(field.choices)})"
            )
        return match
    if field.kind == "url":
        return _parse_url(text)
    if field.kind == "phone":
        try:
            to_e164(text, region)
        except PhoneNumberError as exc:
            raise FieldValueError(str(exc)) from None
    return text


def _parse_yes_no(raw: Value) -> bool | None:
    if isinstance(raw, bool):
        return True if raw else None
    if isinstance(raw, float):
        return True if raw else None
    word = str(raw).strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return None
    raise FieldValueError(f"'{str(raw).strip()}' is not yes or no")


def _parse_date(raw: Value) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool | float):
        raise FieldValueError(f"'{raw}' is not a date")
    try:
        return parse_date(raw, "")
    except InvalidContactError as invalid:
        raise FieldValueError(invalid.errors[0].message) from None


def _parse_url(text: str) -> str:
    """A web address; one typed without http(s):// gets https://, as a browser would."""
    candidate = (
        text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    )
    from urllib.parse import urlsplit

    parts = urlsplit(candidate)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in candidate:
        raise FieldValueError(f"'{text}' is not a web address like https://example.com")
    return candidate


def display(field_kind: str, value: Value | None) -> str:
    """A stored value as the list and the form show it."""
    if value is None:
        return ""
    if field_kind == "yes_no":
        return "Yes" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if field_kind == "currency" and isinstance(value, float):
        return f"{value:,.2f}"
    if field_kind == "number" and isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return str(value)


def as_text(field_kind: str, value: Value | None) -> str:
    """A stored value as text that `parse_value` reads back (for retyping and the history)."""
    if value is None:
        return ""
    if field_kind == "yes_no":
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}" if field_kind == "currency" else f"{value:.15g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def convert(value: Value, old: CustomField, new: CustomField, region: str = "NO") -> Value | None:
    """`value` of a field of type `old.kind` as a value of `new.kind`; FieldValueError if it does
    not convert."""
    return parse_value(new, as_text(old.kind, value), region)
