"""Phone numbers to E.164, and text that is no phone number at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.phones import PhoneNumberError, to_e164


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("+49 30 1000000", "US", "+49301000000"),
        ("030 1000000", "DE", "+49301000000"),
        ("555-0100", "US", None),  # no area code: kept as typed, not matched on
        ("(415) 723-4567", "US", "+14157234567"),
        ("22 33 44 55", "NO", "+4722334455"),
        ("1-800-FLOWERS", "US", "+18003569377"),  # letters on the keypad
    ],
)
def test_numbers_in_any_format_become_e164(typed: str, region: str, e164: str | None) -> None:
    assert to_e164(typed, region) == e164


@pytest.mark.parametrize("typed", ["12", "FLOWERS", "12-FLOWERS", "1 2", "call me", "+1"])
def test_text_that_is_no_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(PhoneNumberError):
        to_e164(typed, "US")


@given(st.text(alphabet="0123456789 +-()./xABCFLOWERSext", max_size=14))
def test_a_number_taken_has_at_least_three_digits_typed(typed: str) -> None:
    try:
        to_e164(typed, "US")
    except PhoneNumberError:
        return
    assert sum(ch.isdigit() for ch in typed) >= 3


def test_phonenumbers_keeps_the_patterns_it_compiles() -> None:
    # A big import checks a million numbers: each check would otherwise ask `re` for about a
    # dozen of the library's patterns again.
    from phonenumbers import re_util

    assert to_e164("+47 22 33 44 55") == "+4722334455"
    assert getattr(re_util, "_COMPILED_PATTERNS", None)  # (kept, and used)
    assert to_e164("+1 212 736 5000") == "+12127365000"
