"""Creating, reading, editing, deleting to the Trash, restoring and purging contacts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from db import contacts
from db.models import EmailRow, HistoryRow, PhoneRow
from db.records import Address, ContactFields, Email, Phone
from db.search import live_contact_count, matching_ids
from db.store import Store
from db.store_settings import default_region, set_default_region
from db.validation import InvalidContactError, parse_date
from tests.db.factories import full_person, person


def test_create_then_read_gives_back_what_was_typed(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
    with store.session() as session:
        read = contacts.get_contact(session, created.id)
    assert read.fields == created.fields
    assert read.fields.first_name == "Åse"
    assert [p.e164 for p in read.fields.phones] == ["+4722334455", "+4791234567"]
    assert read.fields.phones[0].extension == "12"
    assert read.fields.emails[0].is_primary  # the first e-mail becomes primary
    assert read.fields.addresses[0].is_mailing  # and the first address the mailing one
    assert read.created_at == read.edited_at


def test_emails_are_normalised_for_matching(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
        normalized = session.scalars(
            select(EmailRow.normalized).where(EmailRow.contact_id == created.id)
        ).all()
    assert normalized == ["ase@fjordkraft.no", "ase@example.org"]


def test_phone_numbers_use_the_default_region(store: Store) -> None:
    with store.session() as session:
        assert default_region(session) == "US"
        set_default_region(session, "no")
    with store.session() as session:
        created = contacts.create_contact(session, person(phones=(Phone("22 33 44 55"),)))
    assert created.fields.phones[0].e164 == "+4722334455"
    assert created.fields.phones[0].number == "22 33 44 55"  # shown as typed


def test_unknown_region_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(ValueError, match="XX"):
        set_default_region(session, "XX")


def test_creation_is_recorded_in_the_history(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, person())
        entries = contacts.history(session, created.id)
    assert [(e.kind, e.text) for e in entries] == [("created", "Contact created")]


def test_an_edit_records_each_change_with_its_old_value(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contacts, "now", lambda: datetime(2026, 11, 1, 9, 0))
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
    monkeypatch.setattr(contacts, "now", lambda: datetime(2026, 11, 2, 14, 30))
    edited = replace(
        created.fields,
        company="Fjordkraft ASA",
        phones=created.fields.phones[:1],
        birthday=date(1980, 2, 29),
    )
    with store.session() as session:
        result = contacts.update_contact(session, created.id, edited)
    assert [c.field for c in result.changes] == ["Company", "Birthday", "Phones"]
    with store.session() as session:
        read = contacts.get_contact(session, created.id)
        entry = contacts.history(session, created.id)[0]
        detail = session.scalar(select(HistoryRow.detail).where(HistoryRow.id == entry.id))
    assert read.fields.company == "Fjordkraft ASA"
    assert read.fields.birthday == date(1980, 2, 29)
    assert len(read.fields.phones) == 1
    assert (read.created_at, read.edited_at) == (
        datetime(2026, 11, 1, 9, 0),
        datetime(2026, 11, 2, 14, 30),
    )
    assert entry.occurred_at == datetime(2026, 11, 2, 14, 30)
    assert entry.kind == "edit"
    assert "Company: 'Fjordkraft AS' → 'Fjordkraft ASA'" in entry.text
    assert json.loads(detail or "{}")["changes"][0] == [
        "Company",
        "Fjordkraft AS",
        "Fjordkraft ASA",
    ]


def test_saving_without_changes_records_nothing(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
    with store.session() as session:
        result = contacts.update_contact(session, created.id, created.fields)
        entries = contacts.history(session, created.id)
    assert result.changes == ()
    assert len(entries) == 1


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (ContactFields(), "Name", "needs a first name, a last name or a company"),
        (person(emails=(Email("bob@@example"),)), "E-mail 1", "is not an e-mail address"),
        (person(phones=(Phone("call me maybe"),)), "Phone 1 (work)", "is not a phone number"),
        (person(phones=(Phone("12"),)), "Phone 1 (work)", "too few digits"),
        (person(phones=(Phone("555 1234", extension="abc"),)), "Phone 1 (work)", "digits"),
        (person(birthday=date.today() + timedelta(days=3)), "Birthday", "in the future"),
        (person(birthday=date(1200, 1, 1)), "Birthday", "too long ago"),
        (person(first_name="x" * 201), "First name", "longer than 200"),
        (
            person(
                emails=(Email("a@example.org", is_primary=True), Email("b@ex.org", "home", True))
            ),
            "E-mails",
            "only one",
        ),
        (person(addresses=(Address(city="Oslo", kind="castle"),)), "Address 1", "not a kind"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(
    store: Store, fields: ContactFields, field: str, words: str
) -> None:
    with store.session() as session, pytest.raises(InvalidContactError) as caught:
        contacts.create_contact(session, fields)
    assert any(e.field == field and words in e.message for e in caught.value.errors), caught.value
    with store.session() as session:
        assert live_contact_count(session) == 0
        assert session.scalar(select(func.count()).select_from(PhoneRow)) == 0


def test_all_problems_are_reported_at_once(store: Store) -> None:
    bad = person(emails=(Email("nope"),), phones=(Phone("zz"),))
    with store.session() as session, pytest.raises(InvalidContactError) as caught:
        contacts.create_contact(session, bad)
    assert {e.field for e in caught.value.errors} == {"E-mail 1", "Phone 1 (work)"}


def test_a_refused_edit_leaves_the_stored_contact_whole(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
    bad = replace(created.fields, company="New name", emails=(Email("broken@"),))
    with store.session() as session, pytest.raises(InvalidContactError):
        contacts.update_contact(session, created.id, bad)
    with store.session() as session:
        read = contacts.get_contact(session, created.id)
        entries = contacts.history(session, created.id)
    assert read.fields == created.fields
    assert len(entries) == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("", None), ("1980-02-29", date(1980, 2, 29)), (" 2001-1-5 ", date(2001, 1, 5))],
)
def test_dates_that_are_dates(typed: str, expected: date | None) -> None:
    assert parse_date(typed, "Birthday") == expected


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2023-02-30", "2023-02-30 is not a date on the calendar"),
        ("2023-13-01", "not a date on the calendar"),
        ("31/12/1999", "'31/12/1999' is not a date (use YYYY-MM-DD)"),
        ("yesterday", "is not a date"),
    ],
)
def test_impossible_dates_are_named(typed: str, words: str) -> None:
    with pytest.raises(InvalidContactError) as caught:
        parse_date(typed, "Birthday")
    assert caught.value.errors[0].field == "Birthday"
    assert words in caught.value.errors[0].message


def test_blank_rows_are_dropped_and_text_trimmed(store: Store) -> None:
    typed = person(
        first="  Ola ",
        phones=(Phone("   "), Phone(" +47 22 33 44 55 ")),
        emails=(Email(""),),
        addresses=(Address(),),
    )
    with store.session() as session:
        created = contacts.create_contact(session, typed)
    assert created.fields.first_name == "Ola"
    assert [p.number for p in created.fields.phones] == ["+47 22 33 44 55"]
    assert created.fields.emails == ()
    assert created.fields.addresses == ()


def test_delete_moves_to_the_trash_and_restore_brings_everything_back(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
    with store.session() as session:
        contacts.delete_contact(session, created.id)
    with store.session() as session:
        assert list(matching_ids(session, "")) == []
        assert list(matching_ids(session, "bjørnstad")) == []
        trash = contacts.trash(session)
    assert [(t.id, t.name) for t in trash] == [(created.id, "Åse Bjørnstad")]
    with store.session() as session:
        restored = contacts.restore_contact(session, created.id)
    with store.session() as session:
        assert list(matching_ids(session, "bjørnstad")) == [created.id]
        kinds = [e.kind for e in contacts.history(session, created.id)]
        assert contacts.trash(session) == []
    assert restored.fields == created.fields
    assert kinds == ["restored", "deleted", "created"]


def test_purge_deletes_for_good_only_from_the_trash(store: Store) -> None:
    with store.session() as session:
        created = contacts.create_contact(session, full_person())
    with store.session() as session, pytest.raises(ValueError, match="Trash"):
        contacts.purge_contact(session, created.id)
    with store.session() as session:
        contacts.delete_contact(session, created.id)
    with store.session() as session:
        contacts.purge_contact(session, created.id)
    with store.session() as session:
        with pytest.raises(contacts.ContactNotFoundError):
            contacts.get_contact(session, created.id)
        leftovers = {
            table: session.execute(
                text(f"SELECT count(*) FROM {table} WHERE {column} = :id"), {"id": created.id}
            ).scalar()
            for table, column in (
                ("phones", "contact_id"),
                ("emails", "contact_id"),
                ("addresses", "contact_id"),
                ("history", "contact_id"),
                ("contact_search", "rowid"),
            )
        }
    assert set(leftovers.values()) == {0}


def test_missing_contact_is_reported(store: Store) -> None:
    with store.session() as session, pytest.raises(contacts.ContactNotFoundError, match="42"):
        contacts.update_contact(session, 42, person())


def test_salutation_defaults_to_the_first_name(store: Store) -> None:
    with store.session() as session:
        plain = contacts.create_contact(session, person("Ingrid", "Berg"))
        formal = contacts.create_contact(session, person("Ingrid", "Berg", salutation="Dr. Berg"))
        company = contacts.create_contact(session, ContactFields(company="Acme"))
    assert plain.fields.salutation == "Ingrid"
    assert formal.fields.salutation == "Dr. Berg"
    assert company.fields.salutation == ""


def test_a_birthday_without_a_year_is_kept_and_shown_as_its_day(store: Store) -> None:
    from db.records import NO_YEAR, birthday_text

    birthday = parse_date("--03-12", "Birthday", no_year=True)
    assert birthday == date(NO_YEAR, 3, 12)
    assert birthday_text(birthday) == "--03-12"
    assert birthday_text(date(1980, 3, 12)) == "1980-03-12"
    with pytest.raises(InvalidContactError, match="not a date"):
        parse_date("--03-12", "Birthday")  # only where a day without a year makes sense
    with store.session() as session:
        contact = contacts.create_contact(session, person(birthday=birthday))
        assert contacts.get_contact(session, contact.id).fields.birthday == birthday
