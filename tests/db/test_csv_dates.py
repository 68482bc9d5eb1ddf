"""Dates in CSV cells, the file's day/month order, and the e-mail check's shortcut."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.interchange.csv_dates import (
    DateError,
    guess_order,
    is_empty_date,
    parse_date,
    system_date_order,
)
from db.interchange.csv_values import check_email, is_spreadsheet_number, split_categories
from db.interchange.incoming import birthday_without_year
from db.validation import normalise_email


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("1980-03-22", "DMY", date(1980, 3, 22)),
        ("1980-03-22T00:00:00", "MDY", date(1980, 3, 22)),
        ("19800322", "MDY", date(1980, 3, 22)),
        ("--12-10", "MDY", birthday_without_year(12, 10)),
        ("--1210", "MDY", birthday_without_year(12, 10)),
        ("3/22/1980", "MDY", date(1980, 3, 22)),
        ("22/3/1980", "DMY", date(1980, 3, 22)),
        ("22.03.1980", "DMY", date(1980, 3, 22)),
        ("1980/03/22", "DMY", date(1980, 3, 22)),  # a four-digit first part is the year
        ("22-03-80", "DMY", date(1980, 3, 22)),
        ("3/22/1980 0:00", "MDY", date(1980, 3, 22)),
        ("0/0/00", "MDY", None),
        ("00/00/0000", "DMY", None),
        ("", "MDY", None),
    ],
)
def test_date_forms(text: str, order: str, expected: date | None) -> None:
    assert parse_date(text, order) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/1990", "not a date on the calendar"),
        ("--02-30", "not a day of the year"),
        ("yesterday", "not a date"),
        ("13/13/2000", "not a date on the calendar"),
    ],
)
def test_impossible_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text, "DMY")


def test_only_all_zero_dates_are_empty() -> None:
    assert is_empty_date("0/0/00")
    assert is_empty_date("0000-00-00")
    assert not is_empty_date("0")  # a user field's zero is a value
    assert not is_empty_date("1/0/00")


def test_the_order_is_guessed_from_the_dates_that_settle_it() -> None:
    assert guess_order([(2, "1/2/1980"), (7, "13/2/1980")]).order == "DMY"
    assert guess_order([(2, "1/2/1980"), (9, "2/13/1980")]).order == "MDY"
    mixed = guess_order([(2, "13/1/1980"), (3, "14/1/1980"), (4, "1/13/1980")])
    assert mixed.order == "DMY"
    assert "1 dates read the other way round" in mixed.reason
    assert guess_order([(2, "01.02.1980")], system="MDY").order == "DMY"
    unsettled = guess_order([(2, "01/02/1980")], system="YMD")
    assert unsettled.order == "YMD"
    assert "this computer's order" in unsettled.reason


@pytest.mark.parametrize(
    ("locale_name", "order"),
    [
        ("en_US.UTF-8", "MDY"),
        ("de_DE.UTF-8", "DMY"),
        ("en_GB", "DMY"),
        ("ja_JP.eucJP", "YMD"),
        ("C.UTF-8", "MDY"),
        ("", "MDY"),
    ],
)
def test_the_systems_order_comes_from_its_locale(locale_name: str, order: str) -> None:
    environ = {"LANG": locale_name} if locale_name else {"LANG": "C"}
    assert system_date_order(environ) == order


def test_spreadsheet_numbers_are_recognised() -> None:
    assert is_spreadsheet_number("6.28123E+12")
    assert is_spreadsheet_number("4,93012E+11")
    assert is_spreadsheet_number("1E+10")
    assert not is_spreadsheet_number("+1 555 0100")
    assert not is_spreadsheet_number("0800 EXAMPLE")


def test_categories_leave_out_googles_system_labels() -> None:
    assert split_categories("* myContacts ::: Friends", semicolons=False) == ["Friends"]
    assert split_categories("A; B ::: C", semicolons=True) == ["A", "B", "C"]
    assert split_categories("A; B", semicolons=False) == ["A; B"]


EMAILISH = st.text(alphabet="aZ09._-+!#'@é[]\" ()", max_size=30)


@settings(max_examples=400, deadline=None)
@given(local=EMAILISH, domain=st.sampled_from(["example.com", "x.invalid", "a", "ex ample.org"]))
def test_the_email_shortcut_decides_as_email_validator_does(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    try:
        normalise_email(address)
        valid = True
    except ValueError:
        valid = False
    try:
        check_email(address)
        checked = True
    except ValueError:
        checked = False
    assert checked == valid
