"""The demo database: varied, realistic, repeatable, and searchable like typed contacts."""

from __future__ import annotations

from datetime import date

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


def test_demo_defines_the_user_fields_a_sales_team_would_have(store: Store) -> None:
    from db.custom_fields import custom_fields

    generate_demo(store, 2000, seed=1, today=date(2026, 11, 23))
    with store.session() as session:
        fields = custom_fields(session)
        counts = dict(
            session.connection()
            .exec_driver_sql("SELECT field_id, count(*) FROM custom_values GROUP BY field_id")
            .all()
        )
    assert [(f.name, f.kind) for f in fields] == [
        ("Industry", "choice"),
        ("Company size", "number"),
        ("Annual revenue", "currency"),
        ("Customer since", "date"),
        ("Newsletter opt-in", "yes_no"),
        ("LinkedIn", "url"),
        ("Assistant phone", "phone"),
    ]
    assert "Shipping" in fields[0].choices
    expected = (0.80, 0.70, 0.40, 0.30, 0.35, 0.15, 0.05)
    for field, share in zip(fields, expected, strict=True):
        assert abs(counts[field.id] / 2000 - share) < 0.04, field.name


def test_demo_values_are_what_the_app_would_store(store: Store) -> None:
    from db.custom_fields import custom_fields
    from db.custom_values import contact_values
    from db.field_types import as_text, parse_value
    from db.store_settings import default_region

    generate_demo(store, 2000, seed=1, today=date(2026, 11, 23))
    with store.session() as session:
        fields = {f.id: f for f in custom_fields(session)}
        region = default_region(session)
        stored = session.connection().exec_driver_sql("SELECT count(*) FROM custom_values")
        total = stored.scalar()
        read = 0
        sizes = []
        for contact_id in range(1, 2001):
            for field_id, value in contact_values(session, contact_id).items():
                field = fields[field_id]
                assert parse_value(field, as_text(field.kind, value), region) == value
                assert parse_value(field, value, region) == value
                read += 1
                if field.name == "Company size":
                    sizes.append(value)
                if field.kind == "date":
                    assert isinstance(value, date)
                    assert value <= date(2026, 11, 23)
    assert read == total  # every row read back: no unticked yes/no rows, none of another type
    small = sum(1 for s in sizes if isinstance(s, float) and s < 50)
    large = sum(1 for s in sizes if isinstance(s, float) and s >= 1000)
    assert small > 0.6 * len(sizes)
    assert 0 < large < 0.1 * len(sizes)


def test_same_seed_same_user_field_values(tmp_path: object, store: Store) -> None:
    from pathlib import Path

    from db.store import open_store

    other = open_store(Path(str(tmp_path)) / "other.sqlite")
    sql = (
        "SELECT contact_id, f.name, value_text, value_number, value_date FROM custom_values v "
        "JOIN custom_fields f ON f.id = v.field_id ORDER BY contact_id, f.name"
    )
    try:
        found = []
        for each in (store, other):
            generate_demo(each, 300, seed=9, today=date(2026, 11, 23))
            with each.session() as session:
                found.append(session.connection().exec_driver_sql(sql).all())
        assert found[0] == found[1]
        assert len(found[0]) > 500
    finally:
        other.close()


def test_a_second_demo_reuses_the_fields_and_leaves_the_users_own_alone(store: Store) -> None:
    from db.custom_fields import create_field, custom_fields

    with store.session() as session:
        create_field(session, "Industry", "text")  # the user's own, of another type
        session.commit()
    generate_demo(store, 100, seed=1)
    generate_demo(store, 100, seed=2)
    with store.session() as session:
        names = [f.name for f in custom_fields(session)]
        industry = custom_fields(session)[0].id
        given = (
            session.connection()
            .exec_driver_sql(f"SELECT count(*) FROM custom_values WHERE field_id = {industry}")
            .scalar()
        )
    assert names.count("Industry") == 1
    assert len(names) == 7
    assert given == 0


def test_the_demo_has_a_saved_lookup_and_a_group_to_try(store: Store) -> None:
    from db import custom_fields, groups, saved_lookups
    from db.lookups import lookup_ids

    generate_demo(store, 2_000, seed=4)
    generate_demo(store, 500, seed=5)  # a second run adds no second lookup or group
    with store.session() as session:
        (saved,) = saved_lookups.saved_lookups(session)
        (group,) = groups.groups(session)
        found = lookup_ids(session, saved.lookup, date.today())
        industry = next(f.id for f in custom_fields.custom_fields(session) if f.name == "Industry")
        assert len(saved.lookup.conditions) == 2
        assert saved.lookup.conditions[1].field == f"custom:{industry}"
    assert 0 < len(found) < 2_500
    assert 20 < group.contacts < 100
