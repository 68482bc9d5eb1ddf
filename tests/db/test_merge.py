"""Merging contacts keeps everything, as chosen; an undo puts everything back or says why not."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import search
from db.categories import create_category, set_contact_categories
from db.contacts import add_history, create_contact, get_contact
from db.custom_fields import create_field
from db.custom_values import contact_values, set_contact_values
from db.followup_records import NextAction
from db.followups import schedule
from db.groups import add_to_group, contact_groups, create_group
from db.merge import (
    MergeUndoError,
    auto_merge,
    merge_contacts,
    merge_preview,
    merges,
    undo_merge,
)
from db.models import ContactRow, FollowUpRow, HistoryRow
from db.records import Address, Email, Phone
from db.store import Store
from tests.db.factories import person
from tests.db.merge_helpers import dump_contacts, dump_everything


def _pair(session: Session) -> tuple[int, int]:
    """Two records of one person, typed differently, each with something of its own."""
    kari = create_contact(
        session,
        person(
            "Kari",
            "Nordmann",
            company="Fjordkraft",
            notes="Prefers e-mail.",
            phones=(Phone("+47 22 33 44 55"),),
            emails=(Email("kari@fjordkraft.no"),),
        ),
    ).id
    other = create_contact(
        session,
        person(
            "Kari",
            "Nordman",
            title="Buyer",
            notes="Met at Nor-Shipping.",
            phones=(Phone("+4722334455", "work"), Phone("+47 912 34 567", "mobile")),
            emails=(Email("KARI@fjordkraft.no"), Email("kari@example.org", "home")),
            addresses=(Address(street="Storgata 1", city="Tromsø"),),
        ),
    ).id
    return kari, other


def test_the_preview_shows_each_field_and_the_items_combined(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        preview = merge_preview(session, [other, kari])
    assert preview.contact_ids == (kari, other)
    assert preview.survivor_id == kari
    last = next(f for f in preview.fields if f.key == "last_name")
    assert (last.label, last.values, last.differs) == ("Last name", ("Nordmann", "Nordman"), True)
    assert preview.default_choices()["last_name"] == kari
    assert preview.default_choices()["title"] == other  # the survivor's is empty
    assert preview.default_choices(other)["company"] == kari
    kinds = [i.kind for i in preview.items]
    assert kinds == ["phone", "phone", "email", "email", "address"]  # one phone, one e-mail twice
    assert preview.items[0].contact_ids == (kari, other)
    assert preview.moves().notes == 1
    assert preview.moves().history_entries == 1  # "created"


@pytest.mark.parametrize("count", [1, 4])
def test_the_preview_takes_two_or_three_contacts(store: Store, count: int) -> None:
    with store.session() as session:
        ids = [create_contact(session, person(f"P{n}", "X")).id for n in range(count)]
        with pytest.raises(ValueError, match="two or three"):
            merge_preview(session, ids)


def test_a_merge_keeps_everything_of_both(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        field = create_field(session, "Shoe size", "number")
        flag = create_field(session, "Newsletter", "yes_no")
        set_contact_values(session, other, {field.id: 38, flag.id: True})
        red = create_category(session, "Red", "#ff0000")
        blue = create_category(session, "Blue", "#0000ff")
        set_contact_categories(session, kari, [red])
        set_contact_categories(session, other, [red, blue])
        group = create_group(session, "Fair")
        add_to_group(session, group, [other])
        schedule(session, other, NextAction("call", "Ring back", date(2030, 1, 2)))
        add_history(session, other, "call", "Talked about prices", result="Interested")
        before = len(session.scalars(select(HistoryRow.id)).all())
    with store.session() as session:
        merge_id = merge_contacts(session, kari, [other])
    with store.session() as session:
        assert session.get(ContactRow, other) is None
        merged = get_contact(session, kari).fields
        assert (merged.last_name, merged.title) == ("Nordmann", "Buyer")
        assert merged.notes == "Prefers e-mail.\n\nMet at Nor-Shipping."
        assert [p.number for p in merged.phones] == ["+47 22 33 44 55", "+47 912 34 567"]
        assert [e.address for e in merged.emails] == ["kari@fjordkraft.no", "kari@example.org"]
        assert [e.is_primary for e in merged.emails] == [True, False]
        assert [a.city for a in merged.addresses] == ["Tromsø"]
        assert contact_values(session, kari) == {field.id: 38.0, flag.id: True}
        from db.categories import contact_categories

        assert {c.name for c in contact_categories(session, kari)} == {"Red", "Blue"}
        assert [g.name for g in contact_groups(session, kari)] == ["Fair"]
        assert session.get(ContactRow, kari).next_follow_up_on == date(2030, 1, 2)  # type: ignore[union-attr]
        entries = session.scalars(select(HistoryRow).where(HistoryRow.contact_id == kari)).all()
        assert len(entries) == before + 1  # all of them, and the merge
        merge_entry = entries[-1]
        assert merge_entry.kind == "merge"
        assert f"Merged in #{other} Kari Nordman" in merge_entry.text
        assert "Title: '' → 'Buyer'" in merge_entry.text
        assert json.loads(merge_entry.detail) == {"merge_id": merge_id}
        assert search.found_ids(session, "912 34") is not None
        assert list(search.found_ids(session, "91234567") or []) == [kari]
        assert list(search.found_ids(session, "nordman") or []) == [kari]
        listed = merges(session)
        assert [(m.id, m.survivor_id, m.absorbed_ids, m.automatic) for m in listed] == [
            (merge_id, kari, (other,), False)
        ]


def test_choices_and_unticked_items_and_their_undo(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        preview = merge_preview(session, [kari, other])
        home = next(i.key for i in preview.items if "example.org" in i.text)
        tromso = next(i.key for i in preview.items if i.kind == "address")
        original = dump_contacts(session, [kari, other])
    with store.session() as session:
        merge_id = merge_contacts(
            session, other, [kari], {"last_name": kari, "title": kari}, unticked=[home, tromso]
        )
    with store.session() as session:
        merged = get_contact(session, other).fields
        assert (merged.last_name, merged.title, merged.company) == ("Nordmann", "", "Fjordkraft")
        assert [e.address for e in merged.emails] == ["KARI@fjordkraft.no"]
        assert merged.addresses == ()
        assert session.scalars(select(HistoryRow.text).where(HistoryRow.kind == "merge")).one()
    with store.session() as session:
        assert undo_merge(session, merge_id) == [kari]
    with store.session() as session:
        assert _without_merge_entries(dump_contacts(session, [kari, other])) == original
        assert list(search.found_ids(session, "nordmann") or []) == [kari]
        kinds = session.scalars(select(HistoryRow.kind).where(HistoryRow.contact_id == other))
        assert list(kinds)[-2:] == ["merge", "unmerge"]
        assert merges(session)[0].undone_at is not None


def _without_merge_entries(dump: dict[str, list[dict[str, Any]]]) -> dict[str, object]:
    return {
        **dump,
        "history": [r for r in dump["history"] if r["kind"] not in ("merge", "unmerge")],
    }


def test_follow_ups_and_search_follow_the_merge_and_its_undo(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        schedule(session, other, NextAction("call", "Ring", date(2030, 5, 1)))
        schedule(session, kari, NextAction("call", "Ring", date(2030, 6, 1)))
    with store.session() as session:
        merge_id = merge_contacts(session, kari, [other])
    with store.session() as session:
        assert session.get(ContactRow, kari).next_follow_up_on == date(2030, 5, 1)  # type: ignore[union-attr]
        assert list(search.found_ids(session, "Tromsø") or []) == [kari]
        undo_merge(session, merge_id)
    with store.session() as session:
        assert session.get(ContactRow, kari).next_follow_up_on == date(2030, 6, 1)  # type: ignore[union-attr]
        assert session.get(ContactRow, other).next_follow_up_on == date(2030, 5, 1)  # type: ignore[union-attr]
        assert list(search.found_ids(session, "Tromsø") or []) == [other]
        assert sorted(search.found_ids(session, "kari") or []) == [kari, other]


def test_a_three_way_merge_and_back(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        third = create_contact(session, person("K.", "Nordmann", department="Sales")).id
        original = dump_contacts(session, [kari, other, third])
        preview = merge_preview(session, [third, kari, other])
        assert preview.contact_ids == (kari, other, third)
        assert preview.default_choices()["department"] == third
    with store.session() as session:
        merge_id = merge_contacts(session, kari, [other, third], {"first_name": third})
    with store.session() as session:
        merged = get_contact(session, kari).fields
        assert (merged.first_name, merged.department, merged.title) == ("K.", "Sales", "Buyer")
        assert undo_merge(session, merge_id) == [other, third]
    with store.session() as session:
        assert _without_merge_entries(dump_contacts(session, [kari, other, third])) == original


def test_an_undo_is_refused_when_it_would_lose_or_clash(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        merge_id = merge_contacts(session, kari, [other])
        undo_merge(session, merge_id)
    with store.session() as session, pytest.raises(MergeUndoError, match="already undone"):
        undo_merge(session, merge_id)
    with store.session() as session, pytest.raises(MergeUndoError, match="There is no merge 99"):
        undo_merge(session, 99)

    # Edited after the merge.
    with store.session() as session:
        merge_id = merge_contacts(session, kari, [other])
        session.execute(
            update(ContactRow)
            .where(ContactRow.id == kari)
            .values(edited_at=datetime.now() + timedelta(minutes=5))
        )
    with store.session() as session, pytest.raises(MergeUndoError, match="was edited on"):
        undo_merge(session, merge_id)


def test_an_undo_is_refused_when_the_survivor_has_changed_or_is_gone(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        third = create_contact(session, person("Ola", "Nordmann")).id
        first = merge_contacts(session, other, [kari])
        red = create_category(session, "Red", "#ff0000")
        set_contact_categories(session, other, [red])
    with (
        store.session() as session,
        pytest.raises(MergeUndoError, match=r"changed since.*categories"),
    ):
        undo_merge(session, first)
    with store.session() as session:
        set_contact_categories(session, other, [])
        second = merge_contacts(session, third, [other])
    with store.session() as session:
        with pytest.raises(
            MergeUndoError, match=f"merged into contact #{third} \\(merge {second}\\)"
        ):
            undo_merge(session, first)
        undo_merge(session, second)
        undo_merge(session, first)
        assert [get_contact(session, i).id for i in (kari, other, third)] == [kari, other, third]


def test_an_undo_is_refused_when_an_id_has_been_taken(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        merge_id = merge_contacts(session, kari, [other])
    with store.session() as session:
        newcomer = create_contact(session, person("Per", "Hansen")).id
        assert newcomer == other  # SQLite hands out the highest id + 1 again
    with store.session() as session, pytest.raises(MergeUndoError, match="has been taken"):
        undo_merge(session, merge_id)


def test_a_call_logged_after_the_merge_does_not_stop_its_undo(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        merge_id = merge_contacts(session, kari, [other])
        call = add_history(session, kari, "call", "Called after the merge", result="Busy")
        session.flush()
        assert undo_merge(session, merge_id) == [other]
        session.expire_all()
        assert session.get(HistoryRow, call.id).contact_id == kari  # type: ignore[union-attr]


def test_automatic_merge_and_its_dry_run(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        ola = create_contact(session, person("Ola", "Hansen", title="CEO")).id
        ola2 = create_contact(session, person("Ola", "Hansen", title="Chief executive")).id
        lone = create_contact(session, person("Per", "Alone")).id
        before = dump_everything(session)
    groups = [[other, kari], [ola, ola2], [lone]]
    with store.session() as session:
        planned = auto_merge(session, groups, dry_run=True)
        assert dump_everything(session) == before
    assert [(p.survivor_id, p.absorbed_ids, p.merge_id) for p in planned] == [
        (kari, (other,), None),
        (ola, (ola2,), None),
    ]
    assert [(c.field, c.old, c.new) for c in planned[0].changes] == [
        ("Last name", "Nordmann", "Nordman"),
        ("Title", "", "Buyer"),
        ("Salutation", "Kari", "Kari"),
    ][:2]
    assert [(c.field, c.old, c.new) for c in planned[1].changes] == [
        ("Title", "CEO", "Chief executive")
    ]
    with store.session() as session:
        done = auto_merge(session, groups, dry_run=False)
    assert [(d.survivor_id, d.changes) for d in done] == [
        (p.survivor_id, p.changes) for p in planned
    ]
    with store.session() as session:
        assert get_contact(session, ola).fields.title == "Chief executive"
        assert get_contact(session, kari).fields.last_name == "Nordman"
        listed = merges(session)
        assert all(m.automatic for m in listed)
        assert done[1].merge_id is not None
        assert undo_merge(session, done[1].merge_id) == [ola2]
        assert get_contact(session, ola).fields.title == "CEO"
        text = session.scalars(
            select(HistoryRow.text).where(HistoryRow.contact_id == kari, HistoryRow.kind == "merge")
        ).one()
        assert "Last name: 'Nordmann' → 'Nordman'" in text


def test_follow_ups_done_or_open_move_and_come_back(store: Store) -> None:
    with store.session() as session:
        kari, other = _pair(session)
        followup = schedule(session, other, NextAction("call", "Ring", date(2030, 5, 1)))
        session.execute(
            update(FollowUpRow)
            .where(FollowUpRow.id == followup)
            .values(done_at=datetime(2030, 5, 1))
        )
        merge_id = merge_contacts(session, kari, [other])
        assert session.get(FollowUpRow, followup).contact_id == kari  # type: ignore[union-attr]
        undo_merge(session, merge_id)
        session.expire_all()
        assert session.get(FollowUpRow, followup).contact_id == other  # type: ignore[union-attr]


def _photo(session: Session, contact_id: int) -> bytes | None:
    from db.photos import contact_photo

    photo = contact_photo(session, contact_id)
    return photo.data if photo else None


def test_photos_are_kept_by_a_merge_and_given_back_by_its_undo(store: Store) -> None:
    from db.models import ContactPhotoRow

    with store.session() as session:
        bare = create_contact(session, person("Ola", "Hansen")).id
        pictured = create_contact(session, person("Ola", "Hansen")).id
        other = create_contact(session, person("Ola", "Hansen")).id
        session.add(ContactPhotoRow(contact_id=pictured, mime="image/png", data=b"ola.png"))
        session.add(ContactPhotoRow(contact_id=other, mime="image/jpeg", data=b"ola.jpg"))
    with store.session() as session:
        first = merge_contacts(session, bare, [pictured])
        assert _photo(session, bare) == b"ola.png"  # it had none: it takes the absorbed one's
    with store.session() as session:
        second = merge_contacts(session, other, [bare])
        assert _photo(session, other) == b"ola.jpg"  # it keeps its own
    with store.session() as session:
        undo_merge(session, second)
        undo_merge(session, first)
    with store.session() as session:
        assert (_photo(session, bare), _photo(session, pictured), _photo(session, other)) == (
            None,
            b"ola.png",
            b"ola.jpg",
        )
