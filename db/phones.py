"""Phone numbers: parsed with `phonenumbers` into E.164 for matching, shown as typed."""

from __future__ import annotations

from functools import cache
from types import ModuleType

DEFAULT_REGION = "US"
MIN_DIGITS = 3


class PhoneNumberError(ValueError):
    """The text cannot be a phone number in any region."""


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str | None:
    """The E.164 form of `raw` ('+4722334455'), or None when it is not a valid number.

    Raises PhoneNumberError when the text is not a phone number at all (letters, fewer than three
    digits), so that a typing slip is reported rather than stored.
    """
    phonenumbers = _library()
    try:
        parsed = phonenumbers.parse(raw, region.upper())
    except phonenumbers.NumberParseException as exc:
        raise PhoneNumberError(f"'{raw}' is not a phone number") from exc
    # (The national number's digits are some of the text's: counted only when they are few.)
    if parsed.national_number < 10 ** (MIN_DIGITS - 1) and _digits(raw) < MIN_DIGITS:
        raise PhoneNumberError(f"'{raw}' has too few digits for a phone number")
    if not phonenumbers.is_valid_number(parsed):
        # Kept as typed (a local number without its area code, an internal extension) but not
        # used for matching.
        return None
    e164: str = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return e164


@cache
def _library() -> ModuleType:
    """`phonenumbers`, loaded when first needed (it is not needed to show the list), keeping
    every pattern it compiles: otherwise each check of a number asks `re` for about a dozen
    patterns again (a few per cent of the time a big import's workers take)."""
    import phonenumbers

    phonenumbers.enable_pattern_cache()
    return phonenumbers


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def is_known_region(region: str) -> bool:
    return region.upper() in phone_regions()


def phone_regions() -> set[str]:
    """The two-letter country codes that phone numbers can default to."""
    return set(_library().SUPPORTED_REGIONS)
