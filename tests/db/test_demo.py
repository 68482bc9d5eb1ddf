"""The demo database: varied, realistic, repeatable, and searchable like typed contacts."""

from __future__ import annotations

from sqlalchemy import text

from db import contacts, search
from db.contact_keys import search_document
from db.demo import generate_demo
from db.store import Store


def test_demo_contacts_are_varied_and_complete(store: Store) -> None:
    assert generate_demo(store, 600, seed=3) == 600
    with store.session() as session:
        assert search.live_contact_count(session) == 600
        sql = session.connection().exec_driver_sql
        non_ascii = sql(
            "SELECT count(*) FROM contacts WHERE first_name || last_name GLOB '*[æøåÆØÅ]*'"
        ).scalar()
        companies = sql("SELECT count(DISTINCT company) FROM contacts").scalar()
        with_two_phones = sql(
            "SELECT count(*) FROM (SELECT contact_id FROM phones GROUP BY contact_id "
            "HAVING count(*) > 1)"
        ).scalar()
        with_history = sql("SELECT count(DISTINCT contact_id) FROM history").scalar()
        shared_phones = sql(
            "SELECT count(*) FROM (SELECT e164 FROM phones GROUP BY e164 HAVING count(*) > 1)"
        ).scalar()
        indexed = sql("SELECT count(*) FROM contact_search").scalar()
    assert non_ascii > 30
    assert companies > 200
    assert with_two_phones > 200
    assert with_history == 600
    assert shared_phones > 3  # deliberate near-duplicates share a phone number
    assert indexed == 600


def test_same_seed_same_people(tmp_path: object, store: Store) -> None:
    from pathlib import Path

    from db.store import open_store

    other = open_store(Path(str(tmp_path)) / "other.sqlite")
    try:
        generate_demo(store, 50, seed=9)
        generate_demo(other, 50, seed=9)
        names = []
        for each in (store, other):
            with each.session() as session:
                names.append([contacts.get_contact(session, i).fields for i in range(1, 51)])
        assert names[0] == names[1]
    finally:
        other.close()


def test_demo_rows_match_what_the_operations_would_store(store: Store) -> None:
    """A demo contact typed in again through create_contact gets the same list columns and
    search text as the bulk path gave it."""
    generate_demo(store, 40, seed=5)
    columns = "sort_name, sort_company, sort_city, list_phone, list_email, list_city"
    with store.session() as session:
        for contact_id in (1, 17, 40):
            fields = contacts.get_contact(session, contact_id).fields
            typed = contacts.create_contact(session, fields).id
            rows, documents = [], []
            for each in (contact_id, typed):
                rows.append(
                    tuple(
                        session.execute(
                            text(f"SELECT {columns} FROM contacts WHERE id = :id"), {"id": each}
                        ).one()
                    )
                )
                documents.append(
                    session.execute(
                        text("SELECT document FROM contact_search WHERE rowid = :id"), {"id": each}
                    ).scalar()
                )
            assert rows[0] == rows[1]
            assert documents[0] == documents[1]
            assert documents[0] == search_document(fields)


def test_demo_adds_to_an_existing_database(store: Store) -> None:
    generate_demo(store, 30, seed=1)
    generate_demo(store, 30, seed=2)
    with store.session() as session:
        assert search.live_contact_count(session) == 60
        assert len(search.matching_ids(session, "")) == 60


def test_demo_phone_numbers_are_real_numbers_with_the_e164_the_store_would_compute(
    store: Store,
) -> None:
    from db.phones import to_e164

    generate_demo(store, 400, seed=11)
    with store.session() as session:
        phones = session.connection().exec_driver_sql("SELECT number, e164 FROM phones").all()
    wrong = [(number, e164) for number, e164 in phones if to_e164(number, "US") != e164]
    assert len(phones) > 500
    assert wrong == []


def test_demo_follow_ups_fill_every_section_of_the_panel(store: Store) -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from db.clock import FixedClock
    from db.followups import follow_up_panel

    generate_demo(store, 300, seed=2, today=date(2026, 11, 23))
    oslo = ZoneInfo("Europe/Oslo")
    clock = FixedClock(datetime(2026, 11, 23, 7, 30, tzinfo=oslo), oslo)
    with store.session() as session:
        panel = follow_up_panel(session, clock)
    assert panel.overdue.count > 10
    assert panel.today.count > 5
    assert panel.upcoming.count > 20
    assert panel.no_next_action_count > 10


def test_demo_contacts_know_their_next_follow_up_day(store: Store) -> None:
    generate_demo(store, 200, seed=4)
    with store.session() as session:
        wrong = (
            session.connection()
            .exec_driver_sql(
                "SELECT c.id FROM contacts c WHERE c.next_follow_up_on IS NOT "
                "(SELECT min(due_on) FROM followups f WHERE f.contact_id = c.id "
                "AND f.done_at IS NULL AND f.removed_at IS NULL)"
            )
            .all()
        )
        with_one = (
            session.connection()
            .exec_driver_sql("SELECT count(*) FROM contacts WHERE next_follow_up_on IS NOT NULL")
            .scalar()
        )
    assert wrong == []
    assert 100 < (with_one or 0) < 170


def test_demo_contacts_wear_colour_coded_categories(store: Store) -> None:
    from db.categories import categories

    generate_demo(store, 500, seed=2)
    generate_demo(store, 100, seed=3)  # a second run reuses the categories
    with store.session() as session:
        made = categories(session)
    assert [c.name for c in made] == [
        "VIP",
        "Newsletter",
        "Trade fair 2026",
        "Key account",
        "Send samples",
    ]
    assert all(c.contacts > 0 for c in made)
    assert made[1].contacts > made[0].contacts
