"""Cleaning a contact's fields: clean ones kept as they are (not copied), anything to trim or drop
found wherever it is."""

from __future__ import annotations

from dataclasses import replace

import pytest

from db.contact_cleaning import clean_fields
from db.records import Address, ContactFields, Email, Phone

CLEAN = ContactFields(
    first_name="Kari",
    last_name="Nordmann",
    notes="  kept as typed  ",
    phones=(Phone("+47 22 33 44 55", "work", "12"),),
    emails=(Email("kari@example.org", is_primary=True),),
    addresses=(Address("Storgata 1", "Oslo", is_mailing=True),),
)


def test_clean_fields_are_kept_as_they_are() -> None:
    assert clean_fields(CLEAN) is CLEAN


@pytest.mark.parametrize(
    "dirty",
    [
        replace(CLEAN, company=" "),
        replace(CLEAN, last_name="Nordmann\t"),
        replace(CLEAN, phones=(Phone(" +47 22 33 44 55", "work", "12"),)),
        replace(CLEAN, phones=(Phone("+47 22 33 44 55", "work", "12 "),)),
        replace(CLEAN, emails=(Email("kari@example.org\u00a0", is_primary=True),)),
        replace(CLEAN, addresses=(Address("Storgata 1", " Oslo", is_mailing=True),)),
    ],
)
def test_text_to_trim_is_trimmed_wherever_it_is(dirty: ContactFields) -> None:
    assert clean_fields(dirty) == CLEAN


def test_blank_rows_are_dropped_and_the_first_made_primary_and_mailing() -> None:
    dirty = replace(
        CLEAN,
        phones=(Phone("  "), *CLEAN.phones),
        emails=(Email(""), Email("kari@example.org")),
        addresses=(Address(), Address("Storgata 1", "Oslo")),
    )
    assert clean_fields(dirty) == CLEAN
