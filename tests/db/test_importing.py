"""Importing a batch of incoming contacts: created, matched (each choice), rejected, cancelled,
and undone as a whole."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from db.categories import categories, contact_categories
from db.contacts import create_contact, get_contact, history, update_contact
from db.custom_fields import create_field, custom_fields
from db.custom_values import contact_values
from db.interchange.import_batches import import_batches
from db.interchange.import_records import (
    ImportCancelledError,
    ImportOptions,
    ImportResult,
    ImportUndoError,
)
from db.interchange.import_undo import undo_import
from db.interchange.importing import run_import, survey_import
from db.interchange.incoming import Incoming, Photo, Rejected
from db.models import ContactPhotoRow, ContactRow
from db.records import Address, ContactFields, Email, Phone
from db.search import found_ids, live_contact_count
from db.store import Store
from db.store_settings import set_default_region
from tests.db.factories import person


def incoming(fields: ContactFields, line: int = 2, **extra: object) -> Incoming:
    return Incoming(fields, f"line {line}", **extra)  # type: ignore[arg-type]


def ola(**extra: object) -> ContactFields:
    base = person(
        "Ola",
        "Hansen",
        company="Fjordfisk AS",
        emails=(Email("ola@fjordfisk.no"),),
        phones=(Phone("+47 22 33 44 55"),),
    )
    return replace(base, **extra)  # type: ignore[arg-type]


@pytest.fixture
def stored(store: Store) -> int:
    """One stored contact, Ola Hansen, with an e-mail and a phone but no title or notes."""
    with store.session() as session:
        set_default_region(session, "NO")
        return create_contact(session, ola()).id


def run(store: Store, records: list[Incoming | Rejected], on_match: str = "fill") -> ImportResult:
    with store.session() as session:
        return run_import(session, records, ImportOptions(on_match, file_name="/tmp/people.csv"))


def test_new_contacts_are_created_with_everything_and_found_by_search(store: Store) -> None:
    fields = person(
        "Marit",
        "Olsen",
        company="Nordlys AS",
        phones=(Phone("+47 912 34 567", "mobile"),),
        emails=(Email("Marit@Nordlys.no"),),
        addresses=(Address(street="Kaigata 3", city="Bodø", postal_code="8006"),),
    )
    record = incoming(
        fields,
        categories=("Customer", "Nor-Shipping"),
        custom=(("Account number", "A-1001"),),
        photo=Photo(b"\x89PNG fake", "image/png"),
    )
    result = run(store, [record])
    assert (result.created, result.updated, result.rejected) == (1, 0, 0)
    with store.session() as session:
        (contact_id,) = found_ids(session, "marit") or []
        contact = get_contact(session, contact_id)
        assert contact.fields.company == "Nordlys AS"
        assert contact.fields.salutation == "Marit"  # as a contact typed in gets
        assert contact.fields.phones[0].e164 == "+4791234567"
        assert contact.fields.emails[0].is_primary
        assert contact.fields.addresses[0].is_mailing
        assert {c.name for c in contact_categories(session, contact_id)} == {
            "Customer",
            "Nor-Shipping",
        }
        (field,) = custom_fields(session)
        assert (field.name, field.kind) == ("Account number", "text")
        assert contact_values(session, contact_id) == {field.id: "A-1001"}
        photo = session.scalars(select(ContactPhotoRow)).one()
        assert (photo.contact_id, photo.data) == (contact_id, b"\x89PNG fake")
        (entry,) = history(session, contact_id)
        assert entry.text == f"Created by import {result.batch_id} from people.csv (line 2)"


def test_a_match_is_found_by_email_phone_or_likeness(store: Store, stored: int) -> None:
    by_email = incoming(person("Ola", "Hansen", emails=(Email("OLA@fjordfisk.no"),)))
    by_phone = incoming(person("Ola", "Hansen", phones=(Phone("22334455"),)), 3)
    alike = incoming(person("Ola", "Hansen", company="Fjordfisk"), 4)
    stranger = incoming(person("Per", "Pettersen", company="Annet AS"), 5)
    with store.session() as session:
        survey = survey_import(session, [by_email, by_phone, alike, stranger], ImportOptions())
    assert (survey.read, survey.new, survey.matched, survey.rejected) == (4, 1, 3, 0)
    assert survey.by_how == {"same e-mail": 1, "same phone": 1, "alike": 1}
    assert survey.outcome("skip") == {
        "created": 1,
        "updated": 0,
        "skipped": 3,
        "to review": 0,
        "rejected": 0,
    }
    with store.session() as session:
        assert live_contact_count(session) == 1  # a survey writes nothing


def test_shared_phone_with_another_name_is_not_a_match(store: Store, stored: int) -> None:
    colleague = incoming(person("Kari", "Berg", phones=(Phone("+47 22 33 44 55"),)))
    with store.session() as session:
        survey = survey_import(session, [colleague], ImportOptions())
    assert (survey.new, survey.matched) == (1, 0)


def test_skip_leaves_the_stored_contact_alone(store: Store, stored: int) -> None:
    result = run(store, [incoming(ola(title="CEO"))], "skip")
    assert (result.created, result.updated, result.skipped) == (0, 0, 1)
    with store.session() as session:
        assert get_contact(session, stored).fields.title == ""


def test_fill_only_fills_empty_fields_and_adds_new_phones(store: Store, stored: int) -> None:
    record = incoming(
        ola(company="Other AS", title="CEO", phones=(Phone("+47 22 33 44 55"), Phone("90000001"))),
        categories=("Customer",),
    )
    result = run(store, [record], "fill")
    assert (result.created, result.updated) == (0, 1)
    with store.session() as session:
        fields = get_contact(session, stored).fields
        assert fields.company == "Fjordfisk AS"  # kept: it was not empty
        assert fields.title == "CEO"  # filled: it was
        assert [p.number for p in fields.phones] == ["+47 22 33 44 55", "90000001"]
        assert [c.name for c in contact_categories(session, stored)] == ["Customer"]
        assert history(session, stored)[0].text.startswith(f"Filled in by import {result.batch_id}")


def test_update_lets_the_file_win_and_keeps_replaced_values_in_history(
    store: Store, stored: int
) -> None:
    run(store, [incoming(ola(company="Fjordfisk Holding AS"))], "update")
    with store.session() as session:
        assert get_contact(session, stored).fields.company == "Fjordfisk Holding AS"
        texts = [h.text for h in history(session, stored)]
        assert any("'Fjordfisk AS' → 'Fjordfisk Holding AS'" in t for t in texts)


def test_add_anyway_and_review(store: Store, stored: int) -> None:
    added = run(store, [incoming(ola())], "add")
    assert (added.created, added.review_pairs) == (1, ())
    reviewed = run(store, [incoming(ola(), 7)], "review")
    assert reviewed.created == 1
    ((new_id, matched_id),) = reviewed.review_pairs
    assert matched_id == stored
    with store.session() as session:
        assert live_contact_count(session) == 3
        assert get_contact(session, new_id).fields.first_name == "Ola"


def test_bad_rows_are_rejected_with_line_and_field_and_the_good_ones_import(store: Store) -> None:
    records: list[Incoming | Rejected] = [
        incoming(person("Good", "One"), 2),
        incoming(person("Bad", "Mail", emails=(Email("not-an-address"),)), 3),
        Rejected("line 4", "6.28123E+12 looks like a number Excel changed", "Mobile Phone"),
        incoming(ContactFields(notes="nobody"), 5),
        incoming(person("Worse", "Phone", phones=(Phone("call me"),)), 6),
    ]
    result = run(store, records)
    assert (result.created, result.rejected) == (1, 4)
    assert [r.where for r in result.rejects] == ["line 3", "line 4", "line 5", "line 6"]
    assert result.rejects[0].field == "E-mail 1"
    assert "not an e-mail address" in result.rejects[0].reason
    assert result.rejects[1].field == "Mobile Phone"
    assert "needs a first name, a last name or a company" in result.rejects[2].reason


def test_a_value_that_does_not_fit_its_user_field_rejects_the_row(store: Store) -> None:
    with store.session() as session:
        create_field(session, "Employees", "number")
    result = run(
        store,
        [
            incoming(person("Anna", "Aasen"), custom=(("employees", "1 200"),)),
            incoming(person("Berit", "Berg"), 3, custom=(("Employees", "lots"),)),
        ],
    )
    assert (result.created, result.rejected) == (1, 1)
    assert (result.rejects[0].where, result.rejects[0].field) == ("line 3", "Employees")
    assert "'lots' is not a number" in result.rejects[0].reason
    with store.session() as session:
        (field,) = custom_fields(session)
        (contact_id,) = found_ids(session, "aasen") or []
        assert contact_values(session, contact_id) == {field.id: 1200.0}


def test_cancel_leaves_the_database_as_it_was(store: Store, stored: int) -> None:
    records = [incoming(person(f"P{n}", "Q"), n) for n in range(1200)]
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 1

    with pytest.raises(ImportCancelledError), store.session() as session:
        run_import(session, records, ImportOptions(), cancelled=cancelled)
    with store.session() as session:
        assert live_contact_count(session) == 1
        assert import_batches(session) == []


def test_undo_removes_what_was_created_and_puts_back_what_was_changed(
    store: Store, stored: int
) -> None:
    result = run(
        store,
        [
            incoming(ola(title="CEO", company="Changed AS"), categories=("Imported",)),
            incoming(person("New", "Person"), 3, custom=(("Source", "fair"),)),
        ],
        "update",
    )
    assert (result.created, result.updated) == (1, 1)
    with store.session() as session:
        message = undo_import(session, result.batch_id)
    assert message == (
        f"Import {result.batch_id} undone: 1 contact it created removed, "
        "1 contact it changed put back as they were."
    )
    with store.session() as session:
        assert live_contact_count(session) == 1
        assert session.scalar(select(func.count()).select_from(ContactRow)) == 1
        fields = get_contact(session, stored).fields
        assert (fields.title, fields.company) == ("", "Fjordfisk AS")
        assert list(found_ids(session, "changed") or []) == []
        assert categories(session) == []  # made by the import, used by nothing now
        assert custom_fields(session) == []
        assert import_batches(session)[0].undone_at is not None
        with pytest.raises(ImportUndoError, match="already undone"):
            undo_import(session, result.batch_id)


def test_undo_is_refused_when_a_contact_changed_since(store: Store, stored: int) -> None:
    result = run(store, [incoming(person("New", "Person"))])
    with store.session() as session:
        (new_id,) = found_ids(session, "new") or []
        contact = get_contact(session, new_id)
        session.execute(
            ContactRow.__table__.update()  # type: ignore[attr-defined]
            .where(ContactRow.id == new_id)
            .values(edited_at=contact.edited_at.replace(year=contact.edited_at.year + 1))
        )
    with store.session() as session, pytest.raises(ImportUndoError, match="edited since: #"):
        undo_import(session, result.batch_id)
    with store.session() as session:
        assert live_contact_count(session) == 2


def test_undo_is_refused_when_a_call_was_logged_since(store: Store, stored: int) -> None:
    result = run(store, [incoming(ola(title="CEO"))], "fill")
    with store.session() as session:
        from db.contacts import add_history

        add_history(session, stored, "call", "Called about the offer")
    with store.session() as session, pytest.raises(ImportUndoError, match="history or follow"):
        undo_import(session, result.batch_id)


def test_unknown_import_number(store: Store) -> None:
    with store.session() as session, pytest.raises(ImportUndoError, match="no import 99"):
        undo_import(session, 99)


def test_an_edit_after_undo_is_possible(store: Store, stored: int) -> None:
    result = run(store, [incoming(ola(title="CEO"))], "update")
    with store.session() as session:
        undo_import(session, result.batch_id)
    with store.session() as session:
        edited = update_contact(session, stored, ola(title="CTO"))
        assert edited.contact.fields.title == "CTO"


def test_a_long_file_is_checked_with_worker_processes_to_the_same_result(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Phones and e-mails normalised in other processes give exactly what the form gives."""
    from db.interchange import importing

    monkeypatch.setattr(importing, "CHUNK", 40)
    made = []

    class Spied(importing.Normaliser):
        def __init__(self, region: str) -> None:
            super().__init__(region)
            made.append(region)

    monkeypatch.setattr(importing, "Normaliser", Spied)
    records: list[Incoming | Rejected] = [
        incoming(
            person(
                f"Person{n}",
                "Workers",
                phones=(Phone(f"+47 22 33 {n:04d}" if n % 17 else "call me"),),
                emails=(Email(f"p{n}@example.com" if n % 23 else "no at sign"),),
            ),
            n + 2,
        )
        for n in range(100)
    ]
    with store.session() as session:
        set_default_region(session, "NO")
        result = run_import(session, records, ImportOptions())
    bad = [n for n in range(100) if n % 17 == 0 or n % 23 == 0]
    assert result.rejected == len(bad)
    assert [r.where for r in result.rejects] == [f"line {n + 2}" for n in bad]
    assert "'call me' is not a phone number" in result.rejects[0].reason
    assert "not an e-mail address" in next(r for r in result.rejects if r.where == "line 25").reason
    assert made == ["NO"]  # one set of workers for the whole import
    with store.session() as session:
        contact_id = session.scalar(select(ContactRow.id).where(ContactRow.first_name == "Person1"))
        assert contact_id is not None
        (phone,) = get_contact(session, contact_id).fields.phones
        assert phone.e164 == "+4722330001"


def test_pairs_sent_for_review_are_in_the_duplicate_queue_until_decided(
    store: Store, stored: int
) -> None:
    from db.duplicates import find_duplicate_groups, mark_not_duplicates

    # Same phone, a first name that is only an initial: a match, but under the queue's bar.
    result = run(store, [incoming(person("O.", "Hansen", phones=(Phone("22334455"),)))], "review")
    ((new_id, matched_id),) = result.review_pairs
    with store.session() as session:
        (group,) = find_duplicate_groups(session, min_score=0.99)
        assert group.contact_ids == (matched_id, new_id)
        mark_not_duplicates(session, [matched_id, new_id])
    with store.session() as session:
        assert find_duplicate_groups(session, min_score=0.99) == []
