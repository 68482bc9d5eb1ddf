"""Colour-coded categories: the manager's operations, memberships, counts, and the list filter."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db import categories, contacts, search
from db.models import ContactCategoryRow
from db.store import Store
from db.validation import InvalidContactError
from tests.db.factories import person


def people(store: Store, n: int) -> list[int]:
    with store.session() as session:
        return [contacts.create_contact(session, person(f"P{i:03d}", "Berg")).id for i in range(n)]


def counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {c.name: c.contacts for c in categories.categories(session)}


def test_make_rename_recolour_and_refuse_bad_input(store: Store) -> None:
    with store.session() as session:
        vip = categories.create_category(session, " VIP ", "#C0392B", "Our best customers")
    with store.session() as session:
        (made,) = categories.categories(session)
        assert (made.name, made.colour, made.description, made.contacts) == (
            "VIP",
            "#c0392b",
            "Our best customers",
            0,
        )
        categories.update_category(session, vip, "Key accounts", "#2e86c1", "")
    with store.session() as session:
        for name, colour, field in (
            ("", "#000000", "Name"),
            ("key ACCOUNTS", "#000000", "Name"),
            ("New", "red", "Colour"),
        ):
            with pytest.raises(InvalidContactError) as caught:
                categories.create_category(session, name, colour)
            assert caught.value.errors[0].field == field
        assert [c.name for c in categories.categories(session)] == ["Key accounts"]


def test_memberships_counts_and_the_trash(store: Store) -> None:
    ids = people(store, 5)
    with store.session() as session:
        vip = categories.create_category(session, "VIP", "#c0392b")
        news = categories.create_category(session, "Newsletter", "#27ae60")
        assert categories.assign_category(session, ids[:3], vip) == 3
        assert categories.assign_category(session, ids[:4], vip) == 1  # no doubles
        categories.set_contact_categories(session, ids[0], [vip, news])
    assert counts(store) == {"VIP": 4, "Newsletter": 1}
    with store.session() as session:
        assert [c.name for c in categories.contact_categories(session, ids[0])] == [
            "VIP",
            "Newsletter",
        ]
        assert (
            "Edited Categories: 'VIP' → 'VIP, Newsletter'"
            in contacts.history(session, ids[0])[0].text
        )
        contacts.delete_contact(session, ids[1])
    assert counts(store)["VIP"] == 3  # the Trash is not counted
    with store.session() as session:
        assert categories.remove_category(session, ids, vip) == 4
    assert counts(store) == {"VIP": 0, "Newsletter": 1}


def test_merge_and_delete(store: Store) -> None:
    ids = people(store, 4)
    with store.session() as session:
        fair = categories.create_category(session, "Trade fair", "#8e44ad")
        fair2 = categories.create_category(session, "Fair 2026", "#8e44ad")
        categories.assign_category(session, ids[:2], fair)
        categories.assign_category(session, ids[1:4], fair2)
        assert categories.merge_categories(session, fair2, fair) == 2  # ids[2], ids[3] join
    assert counts(store) == {"Trade fair": 4}
    with store.session() as session:
        with pytest.raises(ValueError, match="itself"):
            categories.merge_categories(session, fair, fair)
        assert categories.delete_category(session, fair) == 4
        assert categories.categories(session) == []
        assert session.scalar(select(func.count()).select_from(ContactCategoryRow)) == 0
        for contact_id in ids:
            assert contacts.get_contact(session, contact_id).fields.last_name == "Berg"


def test_purge_takes_memberships_along(store: Store) -> None:
    (kari,) = people(store, 1)
    with store.session() as session:
        vip = categories.create_category(session, "VIP", "#c0392b")
        categories.assign_category(session, [kari], vip)
        contacts.delete_contact(session, kari)
    with store.session() as session:
        contacts.purge_contact(session, kari)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(ContactCategoryRow)) == 0


def test_the_list_filters_by_any_of_the_ticked_categories_and_shows_their_colours(
    store: Store,
) -> None:
    ids = people(store, 6)
    with store.session() as session:
        vip = categories.create_category(session, "VIP", "#c0392b")
        news = categories.create_category(session, "Newsletter", "#27ae60")
        categories.assign_category(session, ids[:2], vip)
        categories.assign_category(session, ids[1:3], news)
    with store.session() as session:
        assert list(search.matching_ids(session, "", categories=[vip])) == ids[:2]
        assert list(search.matching_ids(session, "", categories=[vip, news])) == ids[:3]
        assert list(search.matching_ids(session, "p001", categories=[news])) == [ids[1]]
        assert search.category_colours(session, ids[:3]) == {
            ids[0]: ["#c0392b"],
            ids[1]: ["#c0392b", "#27ae60"],
            ids[2]: ["#27ae60"],
        }


def test_a_category_for_ten_thousand_contacts_is_one_statement(store: Store) -> None:
    from db.demo import generate_demo

    generate_demo(store, 10_000, seed=3)
    with store.session() as session:
        ids = list(search.matching_ids(session, ""))
        vip = categories.create_category(session, "Mailing", "#f39c12")
        assert categories.assign_category(session, ids, vip) == len(ids)
    assert counts(store)["Mailing"] == len(ids)
