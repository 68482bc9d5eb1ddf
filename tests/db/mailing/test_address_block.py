"""Address blocks: the name lines, then the address in its country's layout with no empty
lines, and no country line for the sender's own country."""

from __future__ import annotations

import pytest

from db.mailing.address_block import address_block, address_lines, country_code, name_lines
from db.records import Address, ContactFields


@pytest.mark.parametrize(
    ("address", "home", "expected"),
    [
        (
            Address("1600 Amphitheatre Pkwy", "Mountain View", "California", "94043", "USA"),
            "NO",
            ("1600 Amphitheatre Pkwy", "Mountain View, CA 94043", "UNITED STATES"),
        ),
        (
            Address("10 Downing Street", "London", "", "SW1A 2AA", "United Kingdom"),
            "US",
            ("10 Downing Street", "London", "SW1A 2AA", "UNITED KINGDOM"),
        ),
        (
            Address("Storgata 1\nPostboks 4", "Tromsø", "", "9008", "Norge"),
            "US",
            ("Storgata 1", "Postboks 4", "9008 Tromsø", "NORWAY"),
        ),
        (
            Address("Unter den Linden 1", "Berlin", "", "10117", "Deutschland"),
            "NO",
            ("Unter den Linden 1", "10117 Berlin", "GERMANY"),
        ),
        (
            Address("1-1 Chiyoda", "Chiyoda-ku", "Tokyo", "100-0001", "Japan"),
            "US",
            ("1-1 Chiyoda, Chiyoda-ku, Tokyo", "100-0001", "JAPAN"),
        ),
        (
            Address("12 rue de Rivoli", "Paris", "", "75001", "France"),
            "GB",
            ("12 rue de Rivoli", "75001 Paris", "FRANCE"),
        ),
    ],
)
def test_each_country_has_its_own_layout(
    address: Address, home: str, expected: tuple[str, ...]
) -> None:
    assert address_lines(address, home) == expected


def test_no_country_line_for_the_home_country() -> None:
    oslo = Address("Kirkegata 5", "Oslo", "", "0153", "Norway")
    assert address_lines(oslo, "NO") == ("Kirkegata 5", "0153 Oslo")
    typed_as_code = Address("Kirkegata 5", "Oslo", "", "0153", "no")
    assert address_lines(typed_as_code, "NO") == ("Kirkegata 5", "0153 Oslo")


def test_an_address_without_a_country_is_laid_out_as_at_home() -> None:
    assert address_lines(Address("Main St 1", "Springfield", "IL", "62701"), "US") == (
        "Main St 1",
        "Springfield, IL 62701",
    )
    assert address_lines(Address("Storgata 1", "Tromsø", "", "9008"), "NO") == (
        "Storgata 1",
        "9008 Tromsø",
    )


def test_empty_parts_leave_no_empty_lines_or_stray_commas() -> None:
    no_state = Address("Main St 1\n\n", "Mountain View", "", "94043", "US")
    assert address_lines(no_state, "US") == ("Main St 1", "Mountain View 94043")
    no_town = Address("Main St 1", "", "CA", "94043", "US")
    assert address_lines(no_town, "US") == ("Main St 1", "CA 94043")


def test_an_unknown_country_gets_a_plain_layout_with_its_name() -> None:
    lines = address_lines(Address("Palace Road 1", "Fredonia City", "", "123", "Freedonia"), "US")
    assert lines == ("Palace Road 1", "123 Fredonia City", "Freedonia")


def test_country_names_as_people_write_them() -> None:
    assert country_code("Norway") == "NO"
    assert country_code("NORGE") == "NO"
    assert country_code("United States") == "US"
    assert country_code("U.S.A.") == "US"
    assert country_code("UK") == "GB"
    assert country_code("Österreich") == "AT"
    assert country_code("Atlantis") is None
    assert country_code("") is None


def test_name_lines_put_the_company_on_its_own_line() -> None:
    fields = ContactFields(
        prefix="Dr.",
        first_name="Anna",
        middle_name="M.",
        last_name="Hansen",
        suffix="PhD",
        company="Acme Logistics",
    )
    assert name_lines(fields) == ("Dr. Anna M. Hansen PhD", "Acme Logistics")
    assert name_lines(ContactFields(company="Acme Logistics")) == ("Acme Logistics",)


def test_the_block_uses_the_mailing_address() -> None:
    fields = ContactFields(
        first_name="Anna",
        last_name="Hansen",
        addresses=(
            Address("Home Road 2", "Bergen", "", "5003", "Norway", kind="home"),
            Address("Work Street 1", "Oslo", "", "0150", "Norway", is_mailing=True),
        ),
    )
    assert address_block(fields, "NO") == ("Anna Hansen", "Work Street 1", "0150 Oslo")
    unmarked = ContactFields(first_name="Anna", addresses=(Address(), fields.addresses[0]))
    assert address_block(unmarked, "NO") == ("Anna", "Home Road 2", "5003 Bergen")


def test_a_region_the_country_does_not_write_is_left_out() -> None:
    munich = Address("Leopoldstraße 23", "München", "Bayern", "80741", "Germany")
    assert address_lines(munich, "DE") == ("Leopoldstraße 23", "80741 München")
