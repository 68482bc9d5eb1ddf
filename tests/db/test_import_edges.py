"""Imports at their edges (each found by a review, each once a real fault): columns that are
one user field, long names, undoing imports in any order, things deleted since, reused ids,
unchanged photos, and counts that say what really happened."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.categories import categories, delete_category
from db.contacts import add_history, create_contact, delete_contact, get_contact, purge_contact
from db.custom_fields import custom_fields
from db.custom_values import contact_values
from db.duplicates import find_duplicate_groups
from db.interchange.import_records import ImportOptions, ImportResult, ImportUndoError
from db.interchange.import_undo import undo_import
from db.interchange.importing import run_import, survey_import
from db.interchange.incoming import Incoming, Photo, Rejected
from db.merge import merge_contacts, undo_merge
from db.models import ContactPhotoRow, ContactRow
from db.records import ContactFields, Email, Phone
from db.search import live_contact_count
from db.store import Store
from tests.db.factories import person

LONG = "A" * 59 + " trailing"  # cut to 60 characters, it ends in a space


def incoming(fields: ContactFields, line: int = 2, **extra: object) -> Incoming:
    return Incoming(fields, f"line {line}", **extra)  # type: ignore[arg-type]


def ola(**extra: object) -> ContactFields:
    return person("Ola", "Hansen", emails=(Email("ola@example.com"),), **extra)


def run(store: Store, records: list[Incoming | Rejected], on_match: str = "fill") -> ImportResult:
    with store.session() as session:
        return run_import(session, records, ImportOptions(on_match, file_name="people.csv"))


def test_two_columns_that_are_one_user_field_give_it_one_value(store: Store) -> None:
    record = incoming(person("Kari", "Berg"), custom=(("Hobby", "sailing"), ("hobby", "chess")))
    assert run(store, [record]).created == 1
    with store.session() as session:
        (field,) = custom_fields(session)
        contact_id = session.scalar(select(ContactRow.id))
        assert contact_values(session, contact_id or 0) == {field.id: "sailing"}


def test_long_names_cut_to_a_trailing_space_are_found_again_next_time(store: Store) -> None:
    record = incoming(person("Kari", "Berg"), custom=((LONG, "x"),), categories=(LONG,))
    run(store, [record])
    again = incoming(person("Per", "Dal"), custom=((LONG, "y"),), categories=(LONG,))
    assert run(store, [again]).created == 1  # no "there is already a field" this time
    with store.session() as session:
        assert [f.name for f in custom_fields(session)] == ["A" * 59]
        assert [c.name for c in categories(session)] == ["A" * 59]


def test_imports_can_be_undone_newest_first_even_when_they_touched_one_contact(
    store: Store,
) -> None:
    first = run(store, [incoming(ola())])
    second = run(store, [incoming(ola(title="CEO"))], "update")
    with store.session() as session:
        undo_import(session, second.batch_id)
    with store.session() as session:
        undo_import(session, first.batch_id)
        assert live_contact_count(session) == 0


def test_an_import_can_be_undone_once_a_later_merge_is_undone(store: Store) -> None:
    first = run(store, [incoming(ola())])
    with store.session() as session:
        other = create_contact(session, person("Ola", "Hansen", title="Buyer")).id
        imported = session.scalar(select(ContactRow.id).where(ContactRow.id != other))
        merge = merge_contacts(session, other, [imported or 0])
    with store.session() as session, pytest.raises(ImportUndoError, match="merged since"):
        undo_import(session, first.batch_id)
    with store.session() as session:
        undo_merge(session, merge)
    with store.session() as session:
        undo_import(session, first.batch_id)
        assert live_contact_count(session) == 1  # the one typed in stays


def test_undo_puts_back_what_still_exists_of_a_changed_contact(store: Store) -> None:
    with store.session() as session:
        from db.categories import create_category, set_contact_categories

        stored = create_contact(session, ola()).id
        gone = create_category(session, "Old list", "#336699")
        set_contact_categories(session, stored, [gone])
    result = run(store, [incoming(ola(title="CEO"))], "update")
    with store.session() as session:
        delete_category(session, gone)
    with store.session() as session:
        undo_import(session, result.batch_id)
        assert get_contact(session, stored).fields.title == ""


def test_a_call_logged_after_a_purge_is_never_undone_with_the_import(store: Store) -> None:
    """History ids are reused once the newest rows are gone: the undo must still see it."""
    result = run(store, [incoming(ola()), incoming(person("Per", "Dal"), 3)])
    with store.session() as session:
        per = session.scalar(select(ContactRow.id).where(ContactRow.first_name == "Per")) or 0
        delete_contact(session, per)
        purge_contact(session, per)
        kept = session.scalar(select(ContactRow.id).where(ContactRow.first_name == "Ola")) or 0
        add_history(session, kept, "letter", "Sent the price list")
    with store.session() as session, pytest.raises(ImportUndoError, match="history or follow"):
        undo_import(session, result.batch_id)


def test_a_review_pair_does_not_outlive_its_new_contact(store: Store) -> None:
    with store.session() as session:
        stored = create_contact(session, ola()).id
    result = run(
        store, [incoming(person("O.", "Hansen", emails=(Email("ola@example.com"),)))], "review"
    )
    ((new_id, _),) = result.review_pairs
    with store.session() as session:
        merge_contacts(session, stored, [new_id])  # the user merged the pair from the queue
    run(store, [incoming(person("Zed", "Zulu", phones=(Phone("+47 22 33 44 55"),)))], "add")
    with store.session() as session:
        assert find_duplicate_groups(session, min_score=0.99) == []


def test_the_same_photo_again_is_no_update(store: Store) -> None:
    photo = Photo(b"\x89PNG same", "image/png")
    run(store, [incoming(ola(), photo=photo)])
    again = run(store, [incoming(ola(), photo=photo)], "update")
    assert (again.updated, again.unchanged) == (0, 1)
    newer = run(store, [incoming(ola(), photo=Photo(b"\x89PNG new", "image/png"))], "update")
    assert newer.updated == 1
    with store.session() as session:
        assert session.scalar(select(ContactPhotoRow.data)) == b"\x89PNG new"


def test_two_rows_for_one_contact_count_it_once(store: Store) -> None:
    with store.session() as session:
        create_contact(session, ola())
    result = run(
        store, [incoming(ola(title="CEO")), incoming(ola(department="Sales"), 3)], "update"
    )
    assert result.updated == 1
    with store.session() as session:
        said = undo_import(session, result.batch_id)
    assert said.endswith("1 contact it changed put back as they were.")


def test_the_survey_names_what_each_choice_would_make(store: Store) -> None:
    with store.session() as session:
        create_contact(session, ola())
    records: list[Incoming | Rejected] = [
        incoming(ola(), categories=("VIP",), custom=(("Shoe size", "44"),)),
        incoming(person("New", "Person"), 3, categories=("Prospect",)),
    ]
    with store.session() as session:
        survey = survey_import(session, records, ImportOptions())
    assert survey.made("skip") == ((), ("Prospect",))
    assert survey.made("fill") == (("Shoe size",), ("Prospect", "VIP"))


def test_a_pair_sent_for_review_is_marked_so_the_queue_shows_it(store: Store) -> None:
    with store.session() as session:
        create_contact(session, ola())
    run(store, [incoming(person("O.", "Hansen", phones=(Phone("22334455"),)))], "add")
    result = run(
        store, [incoming(person("O.", "Hansen", emails=(Email("ola@example.com"),)))], "review"
    )
    assert result.review_pairs
    with store.session() as session:
        groups = find_duplicate_groups(session, min_score=0.99)
    assert [g.review for g in groups] == [True]


def test_what_is_left_out_is_said_in_words_with_the_first_few() -> None:
    from db.interchange.import_records import WARNINGS_KEPT, left_out_lines

    said = (("line 2", "a birthday needs a month and a day; not imported"), ("card 3", "x"))
    assert left_out_lines(0, (), 5) == []
    assert left_out_lines(2, said, 5) == [
        "2 contacts in the file have something Cardfile cannot import:",
        "  line 2: a birthday needs a month and a day; not imported",
        "  card 3: x",
    ]
    assert left_out_lines(2, said, 1)[-1] == "  … and more"
    kept = tuple(("line 2", "x") for _ in range(WARNINGS_KEPT))
    assert left_out_lines(5000, kept, WARNINGS_KEPT)[-1] == "  … and more"  # more than kept
