"""Reading single CSV cells: several values in one cell, kinds from labels ("Mobile", "* Home"),
yes/no flags, categories, and numbers that a spreadsheet has damaged (`6.28123E+12`)."""

from __future__ import annotations

import re
from functools import lru_cache

from db.validation import normalise_email

MULTI = " ::: "  # Google joins several values of one cell with this
_EXCEL_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE]\+?\d+$")
# email_validator's ASCII dot-atom local part (its ATEXT), and its length limits.
_ATEXT = r"[a-zA-Z0-9_!#$%&'*+\-/=?^`{|}~]+"
_PLAIN_LOCAL = re.compile(rf"^{_ATEXT}(?:\.{_ATEXT})*$")
_MAX_LOCAL = 64
_MAX_EMAIL = 254
_YES = {"yes", "y", "true", "1", "x", "ja", "oui", "si", "sí", "✓", "✔"}
_NO = {"", "no", "n", "false", "0", "nein", "non"}
# Words in a label that give the kind, looked for in this order ("Work Fax" is a fax).
_PHONE_WORDS = (
    ("fax", "fax"),
    ("télécopie", "fax"),
    ("mobile", "mobile"),
    ("mobil", "mobile"),
    ("cell", "mobile"),
    ("handy", "mobile"),
    ("portable", "mobile"),
    ("iphone", "mobile"),
    ("pager", "other"),
    ("home", "home"),
    ("privat", "home"),
    ("private", "home"),
    ("personal", "home"),
    ("domicile", "home"),
    ("work", "work"),
    ("business", "work"),
    ("office", "work"),
    ("main", "work"),
    ("company", "work"),
    ("geschäft", "work"),
    ("bureau", "work"),
)
# E-mail addresses and postal addresses are only at home or at work.
_PLACE_WORDS = tuple((word, kind) for word, kind in _PHONE_WORDS if kind in ("home", "work"))


class FlagError(ValueError):
    """A yes/no cell holding something else."""


def split_values(text: str) -> list[str]:
    """A cell's values: Google's `a ::: b` is two."""
    if MULTI not in text:
        return [text]
    return [value.strip() for value in text.split(MULTI) if value.strip()]


def is_spreadsheet_number(text: str) -> bool:
    """A phone number that a spreadsheet turned into a number in scientific notation
    (`6.28123E+12`): its last digits are lost and cannot be repaired."""
    if "E" not in text and "e" not in text:
        return False
    return bool(_EXCEL_NUMBER.match(text.replace(" ", "")))


def phone_kind(label: str, default: str = "work") -> str:
    return _kind(label, _PHONE_WORDS, default)


def place_kind(label: str, default: str = "work") -> str:
    """The kind of an e-mail address or a postal address its label gives."""
    return _kind(label, _PLACE_WORDS, default)


def _kind(label: str, words: tuple[tuple[str, str], ...], default: str) -> str:
    text = label.strip().lstrip("*").strip().lower()
    if not text:
        return default
    for word, kind in words:
        if word in text:
            return kind
    return "other"


def parse_flag(text: str) -> bool:
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise FlagError(f"'{text.strip()}' is not yes or no")


def split_categories(text: str, semicolons: bool) -> list[str]:
    """Category names in a cell: Google's ` ::: `, Outlook's `;` (when `semicolons`); Google's
    system labels (`* myContacts`, `* starred`) are left out."""
    values = split_values(text)
    if semicolons:
        values = [part.strip() for value in values for part in value.split(";")]
    return [v for v in values if v and not v.startswith("*")]


def check_email(address: str) -> str:
    """`address`'s normalised form, exactly as `db.validation.normalise_email` gives it; raises
    ValueError (email_validator's own words) when it is not an e-mail address. The common case
    (a plain ASCII local part) checks each domain only once, as a 100,000-row import has a few
    hundred: the rest of the address does not change how its domain is read."""
    local, at, domain = address.rpartition("@")
    plain = at and len(address) <= _MAX_EMAIL and len(local) <= _MAX_LOCAL
    if plain and local.isascii() and _PLAIN_LOCAL.match(local):
        normalised_domain = _normalised_domain(domain)
        if normalised_domain is not None:
            return f"{local.lower()}@{normalised_domain}"
    return normalise_email(address)


@lru_cache(maxsize=4096)
def _normalised_domain(domain: str) -> str | None:
    try:
        return normalise_email(f"a@{domain}")[2:]
    except ValueError:
        return None
