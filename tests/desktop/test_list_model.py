"""The lazy contact list model: Qt's model tester, paging, sorting and searching in SQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from db import contacts, search
from db.demo import generate_demo
from db.folding import fold
from db.records import ContactFields
from db.store import Store
from desktop.contacts.list_model import COLUMNS, PAGE_SIZE, ContactIdRole, ContactListModel


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """The colour marks are pixmaps, which need a QApplication even with no window."""


def test_model_passes_qts_model_tester(qtmodeltester: object, store: Store) -> None:
    generate_demo(store, 50, seed=2)
    model = ContactListModel(store)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_query("a")
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_rows_are_read_in_pages_and_cached(store: Store) -> None:
    generate_demo(store, PAGE_SIZE * 2 + 50, seed=4)
    model = ContactListModel(store)
    assert model.rowCount() == PAGE_SIZE * 2 + 50
    assert model._pages == {}  # nothing is read until the view asks
    last = model.index(model.rowCount() - 1, 0)
    assert model.data(last)
    assert list(model._pages) == [2]  # only the page holding the last row was read
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert all(names)
    assert [fold(n) for n in names] == sorted(fold(n) for n in names)


def test_columns_show_the_list_fields(store: Store) -> None:
    from db.records import Email, Phone

    with store.session() as session:
        contact = contacts.create_contact(
            session,
            ContactFields(
                first_name="Kari",
                last_name="Nordmann",
                company="Nordlys AS",
                phones=(Phone("+47 22 33 44 55"),),
                emails=(Email("kari@nordlys.no"),),
                status="Customer",
            ),
        )
    model = ContactListModel(store)
    shown = [model.data(model.index(0, c)) for c in range(len(COLUMNS))]
    assert shown == [
        "Nordmann, Kari",
        "Nordlys AS",
        "+47 22 33 44 55",
        "kari@nordlys.no",
        "",
        "Customer",
    ]
    assert model.data(model.index(0, 0), ContactIdRole) == contact.id
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Company"


def test_search_and_sort_change_the_rows(store: Store) -> None:
    generate_demo(store, 300, seed=6)
    model = ContactListModel(store)
    model.set_query("hansen")
    assert 0 < model.rowCount() < 300
    assert model.total_contacts == 300
    for row in range(model.rowCount()):
        shown = " ".join(model.data(model.index(row, c)) for c in (0, 1, 3))
        assert "hansen" in fold(shown)
    model.set_query("")
    model.sort(1, Qt.SortOrder.DescendingOrder)
    companies = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert [fold(c) for c in companies] == sorted((fold(c) for c in companies), reverse=True)
    assert model.row_of(model.contact_id(5) or -1) == 5


@pytest.mark.parametrize(
    ("query", "column", "order"),
    [
        ("", 0, Qt.SortOrder.AscendingOrder),
        ("", 1, Qt.SortOrder.DescendingOrder),
        ("han", 0, Qt.SortOrder.AscendingOrder),
        ("b", 4, Qt.SortOrder.AscendingOrder),
    ],
)
def test_changed_contacts_find_their_place_without_a_reload(
    qtmodeltester: object, store: Store, query: str, column: int, order: Qt.SortOrder
) -> None:
    generate_demo(store, 120, seed=8)
    model = ContactListModel(store)
    model.set_query(query)
    model.sort(column, order)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with store.session() as session:
        renamed = contacts.get_contact(session, 7)
        contacts.update_contact(
            session, 7, replace(renamed.fields, last_name="Hanssen", company="Zeta")
        )
        added = contacts.create_contact(
            session, ContactFields(first_name="Bo", last_name="Hansen", company="Alfa")
        )
        contacts.delete_contact(session, 11)
    model.update_contacts(frozenset({7, added.id, 11}))
    with store.session() as session:
        expected = list(
            search.matching_ids(
                session,
                query,
                sort=COLUMNS[column][0],
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )
    assert [model.contact_id(r) for r in range(model.rowCount())] == expected
    assert resets == []
    assert model.total_contacts == 120


def test_a_change_made_while_searching_shows_when_the_search_is_cleared(store: Store) -> None:
    generate_demo(store, 60, seed=3)
    model = ContactListModel(store)
    model.set_query("hansen")
    with store.session() as session:
        added = contacts.create_contact(
            session, ContactFields(first_name="Ada", last_name="Aaberg")
        )
    model.update_contacts(frozenset({added.id}))
    assert model.row_of(added.id) is None  # not a Hansen
    assert model.total_contacts == 61
    model.set_query("")
    assert model.rowCount() == 61
    assert model.contact_id(0) == added.id  # "aaberg, ada" comes first
    with store.session() as session:
        contacts.delete_contact(session, added.id)
    model.update_contacts(frozenset({added.id}))
    model.set_query("ada")
    model.set_query("")
    assert model.row_of(added.id) is None
    assert model.total_contacts == 60


def test_search_results_come_in_the_same_order_as_sqlite_sorts_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many hits are sorted in Python by everyone's kept order; it must be exactly SQLite's."""
    from desktop.contacts import list_model

    monkeypatch.setattr(list_model, "RANKED_SORT_FROM", 1)  # every search takes that path
    sorted_by_sqlite: list[str] = []
    original = search.matching_ids

    def spy(reader: object, query: str = "", **options: object) -> object:
        if query:
            sorted_by_sqlite.append(query)
        return original(reader, query, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "matching_ids", spy)
    generate_demo(store, 400, seed=12)
    model = ContactListModel(store)

    def shown() -> list[int]:
        return [model.contact_id(r) or 0 for r in range(model.rowCount())]

    def expected(query: str, sort: str, descending: bool) -> list[int]:
        with store.session() as session:
            return list(original(session, query, sort=sort, descending=descending))

    for column, order in ((0, Qt.SortOrder.AscendingOrder), (1, Qt.SortOrder.DescendingOrder)):
        model.set_query("")
        model.sort(column, order)
        for query in ("hansen", "oslo", "ber", "an ol", "+47 9"):
            model.set_query(query)
            assert shown() == expected(
                query, COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder
            ), query
    model.set_query("")
    with store.session() as session:
        moved = contacts.get_contact(session, 3)
        contacts.update_contact(session, 3, replace(moved.fields, last_name="Aaberg", company="Zz"))
    model.update_contacts(frozenset({3}))
    model.set_query("aaberg")
    assert shown() == expected("aaberg", "company", True) == [3]
    assert set(sorted_by_sqlite) == {"an ol"}  # only short words go the prefix way


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorted_on_a_user_field_changes_find_their_place_empty_values_last(
    store: Store, order: Qt.SortOrder
) -> None:
    from db.custom_fields import create_field
    from db.custom_values import set_contact_values
    from db.list_columns import available_columns

    generate_demo(store, 60, seed=3)
    with store.session() as session:
        field = create_field(session, "Size", "number")
        for contact_id in range(1, 61):
            value = "" if contact_id % 4 == 0 else str(contact_id % 7)  # ties and empties
            set_contact_values(session, contact_id, {field.id: value})
    model = ContactListModel(store)
    model.set_columns(available_columns([field]))
    model.sort(len(COLUMNS), order)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with store.session() as session:
        set_contact_values(session, 5, {field.id: "100"})  # to one end
        set_contact_values(session, 9, {field.id: ""})  # among the empty ones
        set_contact_values(session, 12, {field.id: "3"})  # from empty into the ties
    model.update_contacts(frozenset({5, 9, 12}))
    with store.session() as session:
        expected = list(
            search.matching_ids(
                session,
                "",
                sort=f"custom:{field.id}:value_number",
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )
    assert [model.contact_id(r) for r in range(model.rowCount())] == expected
    assert resets == []
    assert model.data(model.index(model.row_of(5) or 0, len(COLUMNS))) == "100"


def test_sorted_on_user_field_text_the_case_is_ignored_as_sqlite_does(store: Store) -> None:
    from db.custom_fields import create_field
    from db.custom_values import set_contact_values
    from db.list_columns import available_columns

    generate_demo(store, 30, seed=5)
    words = ("apple", "Banana", "cherry", "Apple", "banana", "Østfold", "østfold", "Zed")
    with store.session() as session:
        field = create_field(session, "Word", "text")
        for contact_id in range(1, 31):
            set_contact_values(session, contact_id, {field.id: words[contact_id % len(words)]})
    model = ContactListModel(store)
    model.set_columns(available_columns([field]))
    model.sort(len(COLUMNS), Qt.SortOrder.AscendingOrder)
    with store.session() as session:
        set_contact_values(session, 4, {field.id: "BANANA"})
        set_contact_values(session, 17, {field.id: "ØSTFOLD"})
    model.update_contacts(frozenset({4, 17}))
    with store.session() as session:
        expected = list(search.matching_ids(session, "", sort=f"custom:{field.id}:value_text"))
    assert [model.contact_id(r) for r in range(model.rowCount())] == expected


def test_changes_that_removed_one_contact_and_moved_another_are_both_taken(store: Store) -> None:
    """A merge: one contact changes, another is gone for good; the list follows without a
    reload and without reading the one that is gone."""
    generate_demo(store, 40, seed=2)
    model = ContactListModel(store)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with store.session() as session:
        kept = contacts.get_contact(session, 5)
        contacts.update_contact(session, 5, replace(kept.fields, last_name="Aaberg"))
        contacts.delete_contact(session, 30)
        contacts.purge_contact(session, 30)
    model.update_contacts(frozenset({5, 30}))
    with store.session() as session:
        assert [model.contact_id(r) for r in range(model.rowCount())] == list(
            search.matching_ids(session, "")
        )
    assert model.row_of(30) is None
    assert resets == []
