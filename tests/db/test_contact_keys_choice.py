"""Which phone, e-mail and address the contact list shows, and what quick search looks in."""

from __future__ import annotations

from db.contact_keys import list_phone, mailing_address, primary_email, search_document
from db.records import Address, ContactFields, Email, Phone

HOME, MOBILE, WORK = Phone("1", "home"), Phone("2", "mobile"), Phone("3", "work")


def test_the_list_shows_the_work_phone_then_the_mobile_then_the_first() -> None:
    assert list_phone((HOME, MOBILE, WORK, Phone("4", "work"))) is WORK
    assert list_phone((HOME, MOBILE, Phone("5", "mobile"))) is MOBILE
    assert list_phone((HOME, Phone("6", "fax"))) is HOME
    assert list_phone(()) is None


def test_the_primary_email_and_the_mailing_address_else_the_first() -> None:
    first, primary = Email("a@example.org"), Email("b@example.org", is_primary=True)
    assert primary_email((first, primary)) is primary
    assert primary_email((first, Email("c@example.org"))) is first
    assert primary_email(()) is None
    home, mailing = Address("Storgata 1"), Address("Kirkegata 2", is_mailing=True)
    assert mailing_address((home, mailing)) is mailing
    assert mailing_address((home,)) is home
    assert mailing_address(()) is None


def test_a_phone_is_searched_as_typed_and_as_e164_digits_each_once() -> None:
    local = ContactFields(last_name="Berg", phones=(Phone("22 33 44 55", e164="+4722334455"),))
    assert search_document(local).split(" | ")[1:] == ["22334455", "4722334455"]
    international = ContactFields(phones=(Phone("+47 22 33 44 55", e164="+4722334455"),))
    assert search_document(international) == "4722334455"  # the same digits: once
