"""Which phone, e-mail and address the contact list shows."""

from __future__ import annotations

from db.contact_keys import list_phone, mailing_address, primary_email
from db.records import Address, Email, Phone

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
