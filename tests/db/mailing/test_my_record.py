"""My record: kept in the database, read back as saved; the sender's country is home."""

from __future__ import annotations

from db.mailing.my_record import (
    MY_RECORD_KEY,
    MyRecord,
    get_my_record,
    home_country,
    return_address,
    set_my_record,
)
from db.store import Store
from db.store_settings import set_default_region, set_setting

ME = MyRecord(
    name="Kari Nordmann",
    title="Sales manager",
    company="Nordlys AS",
    street="Kirkegata 5",
    city="Oslo",
    postal_code="0153",
    country="Norway",
    phone="+47 22 00 00 00",
    email="kari@nordlys.no",
    signature="Best regards,\nKari",
)


def test_my_record_is_empty_until_saved_then_reads_back(store: Store) -> None:
    with store.session() as session:
        assert get_my_record(session).is_empty()
        set_my_record(session, ME)
    with store.session() as session:  # another transaction, as the command line would read it
        assert get_my_record(session) == ME


def test_home_is_my_country_else_the_default_region(store: Store) -> None:
    with store.session() as session:
        set_default_region(session, "SE")
        assert home_country(session) == "SE"
        set_my_record(session, ME)
        assert home_country(session) == "NO"


def test_a_damaged_record_reads_as_empty(store: Store) -> None:
    with store.session() as session:
        set_setting(session, MY_RECORD_KEY, "{not json")
        assert get_my_record(session) == MyRecord()


def test_the_return_address_names_the_country_only_from_abroad() -> None:
    assert return_address(ME, "NO") == ("Kari Nordmann", "Nordlys AS", "Kirkegata 5", "0153 Oslo")
    assert return_address(ME, "")[-1] == "NORWAY"
