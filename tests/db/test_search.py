"""Quick search: substrings, phone digits in any format, non-ASCII, short queries, order, paging."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db import contacts, search
from db.folding import fold
from db.records import Address, ContactFields, Email, Phone
from db.store import Store
from tests.db.factories import person


def add(store: Store, *people: ContactFields) -> list[int]:
    with store.session() as session:
        return [contacts.create_contact(session, p).id for p in people]


def found(store: Store, query: str, **options: object) -> list[int]:
    with store.session() as session:
        return list(search.matching_ids(session, query, **options))  # type: ignore[arg-type]


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    ids = add(
        store,
        person(
            "Bjørn",
            "Ødegård",
            company="Fjordkraft AS",
            emails=(Email("bjorn.odegard@fjordkraft.no"),),
            phones=(Phone("+47 22 33 44 55"),),
            addresses=(Address(city="Tromsø"),),
        ),
        person(
            "Anna",
            "Hansen",
            company="Acme Logistics",
            emails=(Email("anna@acme.example"),),
            phones=(Phone("(415) 723-4567"),),
            addresses=(Address(city="Oslo"),),
        ),
        person("Hans", "Berg", company="Bergen Bygg", addresses=(Address(city="Bergen"),)),
        ContactFields(company="Zebra Consulting"),
    )
    return dict(zip(("bjorn", "anna", "hans", "zebra"), ids, strict=True))


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("ødegård", ["bjorn"]),  # as typed
        ("odegard", ["bjorn"]),  # without the Norwegian letters
        ("BJØRN", ["bjorn"]),  # any case
        ("tromso", ["bjorn"]),  # city
        ("kraft", ["bjorn"]),  # inside a company name
        ("fjordkraft.no", ["bjorn"]),  # e-mail
        ("acme", ["anna"]),  # company and e-mail, counted once
        ("hans", ["hans", "anna"]),  # first name, and inside "Hansen"; in name order
        ("anna oslo", ["anna"]),  # every word must match
        ("anna bergen", []),
        ("zebra", ["zebra"]),  # a company with no person
    ],
)
def test_substring_search(store: Store, people: dict[str, int], query: str, who: list[str]) -> None:
    assert found(store, query) == [people[w] for w in who]


@pytest.mark.parametrize(
    "typed",
    ["22334455", "22 33 44 55", "+47 22 33", "4722334455", "(22) 33-44", "33.44.55"],
)
def test_phone_digits_in_any_format(store: Store, people: dict[str, int], typed: str) -> None:
    assert found(store, typed) == [people["bjorn"]]


def test_us_number_typed_as_digits(store: Store, people: dict[str, int]) -> None:
    assert found(store, "4157234567") == [people["anna"]]
    assert found(store, "723-45") == [people["anna"]]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("h", ["anna"]),  # the start of the name as listed: "Hansen, Anna"
        ("b", ["hans"]),  # "Berg, Hans"
        ("ø", ["bjorn"]),  # "Ødegård, Bjørn", folded
        ("od", ["bjorn"]),
        ("ze", ["zebra"]),  # a company-only contact is listed by its company
        ("x", []),
    ],
)
def test_one_and_two_letter_queries_match_the_start_of_the_name(
    store: Store, people: dict[str, int], query: str, who: list[str]
) -> None:
    assert found(store, query) == [people[w] for w in who]


def test_empty_query_lists_everyone_in_name_order(store: Store, people: dict[str, int]) -> None:
    # Sorted on the folded name, so "Ødegård" files under O, as it is searched for.
    assert found(store, "") == [people[w] for w in ("hans", "anna", "bjorn", "zebra")]
    assert found(store, "   ") == found(store, "")


@pytest.mark.parametrize(
    ("sort", "descending", "who"),
    [
        ("company", False, ["anna", "hans", "bjorn", "zebra"]),
        ("company", True, ["zebra", "bjorn", "hans", "anna"]),
        ("city", False, ["zebra", "hans", "anna", "bjorn"]),
        ("name", True, ["zebra", "bjorn", "anna", "hans"]),
    ],
)
def test_sorting(
    store: Store, people: dict[str, int], sort: str, descending: bool, who: list[str]
) -> None:
    assert found(store, "", sort=sort, descending=descending) == [people[w] for w in who]


def test_unknown_sort_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(ValueError, match="Cannot sort on 'shoe size'"):
        search.matching_ids(session, "", sort="shoe size")


def test_search_page_counts_all_and_returns_one_page(store: Store) -> None:
    add(store, *(person(f"Per{n:02d}", "Olsen", company="Olsen AS") for n in range(30)))
    with store.session() as session:
        page = search.search_page(session, "olsen", limit=10, offset=20)
    assert page.total == 30
    assert [r.name for r in page.rows] == [f"Olsen, Per{n:02d}" for n in range(20, 30)]
    assert page.rows[0].company == "Olsen AS"


def test_an_edit_is_found_by_its_new_text_only(store: Store, people: dict[str, int]) -> None:
    with store.session() as session:
        anna = contacts.get_contact(session, people["anna"])
        contacts.update_contact(session, anna.id, replace(anna.fields, company="Globex"))
    assert found(store, "globex") == [people["anna"]]
    assert found(store, "acme") == [people["anna"]]  # still in her e-mail address
    with store.session() as session:
        anna = contacts.get_contact(session, people["anna"])
        contacts.update_contact(session, anna.id, replace(anna.fields, emails=()))
    assert found(store, "acme") == []


def test_wildcards_typed_by_the_user_are_not_wildcards(
    store: Store, people: dict[str, int]
) -> None:
    assert found(store, "a*a") == []
    assert found(store, 'an"na') == []  # a quote does not break the query


def test_list_rows_give_what_the_list_shows(store: Store, people: dict[str, int]) -> None:
    with store.session() as session:
        rows = search.list_rows(session, [people["bjorn"]])
    row = rows[people["bjorn"]]
    assert (row.name, row.company, row.phone, row.email, row.city) == (
        "Ødegård, Bjørn",
        "Fjordkraft AS",
        "+47 22 33 44 55",
        "bjorn.odegard@fjordkraft.no",
        "Tromsø",
    )


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåäöüéABCÆØÅ ", min_size=3, max_size=12))
def test_folding_is_stable(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text) == fold(text.upper()) or "ß" in text


@settings(max_examples=25, deadline=None)
@given(
    last=st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=3, max_size=10),
    start=st.integers(min_value=0, max_value=7),
    length=st.integers(min_value=3, max_value=10),
)
def test_any_piece_of_a_name_finds_the_contact(
    tmp_path_factory: pytest.TempPathFactory, last: str, start: int, length: int
) -> None:
    from db.store import open_store

    piece = last[start : start + length]
    if len(piece) < 3:
        return
    store = open_store(tmp_path_factory.mktemp("s") / "c.sqlite")
    try:
        (contact_id,) = add(store, person("Kari", last.capitalize()))
        assert found(store, piece) == [contact_id]
    finally:
        store.close()
