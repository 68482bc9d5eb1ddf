"""Lookups: every operator on every kind of field, and/or, errors per row, saved lookups."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import update

from db import categories, contacts, custom_fields, groups, saved_lookups
from db.custom_values import set_contact_values
from db.lookup_records import OPERATORS, Condition, Lookup
from db.lookups import compile_lookup, lookup_ids
from db.models import ContactRow
from db.records import Address, Phone
from db.store import Store
from db.validation import InvalidContactError
from tests.db.factories import person

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """Four contacts that differ in every way the lookups below test."""
    with store.session() as session:
        size = custom_fields.create_field(session, "Size", "number").id
        since = custom_fields.create_field(session, "Since", "date").id
        tier = custom_fields.create_field(session, "Tier", "choice", ("Gold", "Silver")).id
        paid = custom_fields.create_field(session, "Paid", "yes_no").id
        revenue = custom_fields.create_field(session, "Revenue", "currency").id
        web = custom_fields.create_field(session, "Shop", "url").id
        made = {
            "ann": person(
                "Ann", "Berg", company="Fjord AS", status="Customer", do_not_call=True,
                addresses=(Address(city="Oslo", postal_code="0150"),),
                phones=(Phone("+47 22 33 44 55"),), birthday=date(1980, 5, 1),
            ),
            "bo": person(
                "Bo", "Dahl", company="Fjell 100% AS", status="Prospect",
                addresses=(Address(city="Bergen"), Address(city="Oslo", kind="home")),
            ),
            "cy": person("Cy", "Eik", company="", status="Customer"),
            "di": person(
                "Di", "Fos", company="Fjord Shipping", status="",
                addresses=(Address(city="Tromsø"),),
            ),
        }  # fmt: skip
        ids = {key: contacts.create_contact(session, fields).id for key, fields in made.items()}
        values = {
            "ann": {size: "10", since: "2020-01-15", tier: "Gold", paid: True, revenue: "100.5"},
            "bo": {size: "250", since: "2026-11-20", tier: "Silver", web: "bo.example.com"},
            "cy": {size: "5000", since: "2026-10-01"},
            "di": {},
        }
        for key, given in values.items():
            set_contact_values(session, ids[key], given)
        vip = categories.create_category(session, "VIP", "#c0392b")
        categories.assign_category(session, [ids["ann"], ids["cy"]], vip)
        fair = groups.create_group(session, "Fair")
        groups.add_to_group(session, fair, [ids["bo"]])
        # Contacted: Ann long ago, Bo three days ago (and long ago), Cy never.
        for key, when in (("ann", "2025-01-10"), ("bo", "2024-06-01"), ("bo", "2026-11-20")):
            contacts.add_history(
                session, ids[key], "call", "Called", occurred_at=datetime.fromisoformat(when)
            )
        contacts.add_history(session, ids["cy"], "note", "Just a note")
        session.execute(  # created on known days
            update(ContactRow).values(created_at=datetime(2026, 11, 1, 9, 30))
        )
        session.execute(
            update(ContactRow)
            .where(ContactRow.id == ids["di"])
            .values(created_at=datetime(2026, 11, 22, 23, 59))
        )
        ids.update(size=size, since=since, tier=tier, paid=paid, revenue=revenue, web=web)
    return ids


def found(store: Store, people: dict[str, int], *conditions: Condition) -> set[str]:
    names = {people[k]: k for k in ("ann", "bo", "cy", "di")}
    with store.session() as session:
        return {names[i] for i in lookup_ids(session, Lookup(conditions), TODAY)}


def row(
    field: str, operator: str, value: str = "", value2: str = "", joiner: str = "and"
) -> Condition:
    return Condition(field, operator, value, value2, joiner)


CASES = [
    # Text on the contact.
    (row("company", "contains", "fjord"), {"ann", "di"}),
    (row("company", "contains", "100%"), {"bo"}),  # % is a character, not a wildcard
    (row("company", "is", "fjord as"), {"ann"}),
    (row("company", "is_not", "Fjord AS"), {"bo", "cy", "di"}),
    (row("company", "starts_with", "Fj"), {"ann", "bo", "di"}),
    (row("company", "is_empty"), {"cy"}),
    (row("company", "is_not_empty"), {"ann", "bo", "di"}),
    # Any of a contact's addresses or phones.
    (row("city", "is", "oslo"), {"ann", "bo"}),
    (row("city", "is_not", "Oslo"), {"cy", "di"}),
    (row("city", "is_empty"), {"cy"}),
    (row("city", "contains", "TROMSØ"), {"di"}),  # any alphabet, any case
    (row("city", "is", "tromsø"), {"di"}),
    (row("city", "starts_with", "TROMS"), {"di"}),
    (row("city", "contains", "Ø*"), set()),  # * is a character here, not a wildcard
    (row("postal_code", "starts_with", "01"), {"ann"}),
    (row("phone", "contains", "33 44"), {"ann"}),
    # Status (a choice), categories and groups.
    (row("status", "is", "Customer"), {"ann", "cy"}),
    (row("status", "is_not", "Customer"), {"bo", "di"}),
    (row("status", "contains", "OM"), {"ann", "cy"}),
    (row("status", "is_empty"), {"di"}),
    (row("status", "is_not_empty"), {"ann", "bo", "cy"}),
    (row("category", "is", "vip"), {"ann", "cy"}),
    (row("category", "is_not", "VIP"), {"bo", "di"}),
    (row("category", "is_empty"), {"bo", "di"}),
    (row("category", "is_not_empty"), {"ann", "cy"}),
    (row("group", "is", "Fair"), {"bo"}),
    (row("group", "is_empty"), {"ann", "cy", "di"}),
    # Flags and dates on the contact.
    (row("do_not_call", "is_yes"), {"ann"}),
    (row("do_not_call", "is_no"), {"bo", "cy", "di"}),
    (row("birthday", "before", "1990-01-01"), {"ann"}),
    (row("birthday", "is_empty"), {"bo", "cy", "di"}),
    (row("created_at", "is", "2026-11-01"), {"ann", "bo", "cy"}),
    (row("created_at", "after", "2026-11-01"), {"di"}),
    (row("created_at", "in_last_days", "1"), {"di"}),
    (row("created_at", "not_in_last_days", "7"), {"ann", "bo", "cy"}),
    (row("created_at", "between", "2026-11-02", "2026-11-22"), {"di"}),
    (row("created_at", "before", "2026-11-22"), {"ann", "bo", "cy"}),
    (row("created_at", "is_empty"), set()),
    (row("created_at", "is_not_empty"), {"ann", "bo", "cy", "di"}),
    # Last contacted (calls and meetings in the history; a note does not count).
    (row("last_contacted", "in_last_days", "7"), {"bo"}),
    (row("last_contacted", "not_in_last_days", "7"), {"ann", "cy", "di"}),
    (row("last_contacted", "before", "2026-01-01"), {"ann"}),  # Bo's latest is recent
    (row("last_contacted", "is", "2026-11-20"), {"bo"}),
    (row("last_contacted", "between", "2024-01-01", "2025-12-31"), {"ann"}),
    (row("last_contacted", "after", "2025-01-10"), {"bo"}),
    (row("last_contacted", "is_empty"), {"cy", "di"}),
    (row("last_contacted", "is_not_empty"), {"ann", "bo"}),
]
CUSTOM_CASES = [
    (("size", "is", "250"), {"bo"}),
    (("size", "is_not", "250"), {"ann", "cy", "di"}),
    (("size", "lt", "250"), {"ann"}),
    (("size", "gt", "10"), {"bo", "cy"}),
    (("size", "between", "5 000", "100"), {"bo", "cy"}),
    (("size", "is_empty", ""), {"di"}),
    (("size", "is_not_empty", ""), {"ann", "bo", "cy"}),
    (("revenue", "gt", "100,25"), {"ann"}),
    (("since", "is", "2026-11-20"), {"bo"}),
    (("since", "before", "2026-01-01"), {"ann"}),
    (("since", "after", "2026-10-01"), {"bo"}),
    (("since", "between", "2026-10-01", "2026-11-20"), {"bo", "cy"}),
    (("since", "in_last_days", "30"), {"bo"}),
    (("since", "not_in_last_days", "30"), {"ann", "cy", "di"}),
    (("since", "is_empty", ""), {"di"}),
    (("since", "is_not_empty", ""), {"ann", "bo", "cy"}),
    (("tier", "is", "gold"), {"ann"}),
    (("tier", "is_not", "Gold"), {"bo", "cy", "di"}),
    (("tier", "contains", "il"), {"bo"}),
    (("tier", "is_empty", ""), {"cy", "di"}),
    (("tier", "is_not_empty", ""), {"ann", "bo"}),
    (("paid", "is_yes", ""), {"ann"}),
    (("paid", "is_no", ""), {"bo", "cy", "di"}),
    (("web", "contains", "example"), {"bo"}),
    (("web", "starts_with", "https://bo"), {"bo"}),
]


@pytest.mark.parametrize(("condition", "expected"), CASES, ids=str)
def test_standard_fields(
    store: Store, people: dict[str, int], condition: Condition, expected: set[str]
) -> None:
    assert found(store, people, condition) == expected


@pytest.mark.parametrize(("case", "expected"), CUSTOM_CASES, ids=str)
def test_user_fields(
    store: Store, people: dict[str, int], case: tuple[str, ...], expected: set[str]
) -> None:
    field, operator, value, *rest = case
    condition = row(f"custom:{people[field]}", operator, value, *rest)
    assert found(store, people, condition) == expected


def test_every_operator_of_every_kind_is_tested() -> None:
    tested = {(c.field, c.operator) for c, _e in CASES}
    kinds = {
        "text": "company", "choice": "status", "date": "created_at", "yes_no": "do_not_call",
        "membership": "category",
    }  # fmt: skip
    for kind, field in kinds.items():
        assert {op for f, op in tested if f == field} == set(OPERATORS[kind]), kind
    custom = {"number": "size", "date": "since", "choice": "tier", "yes_no": "paid"}
    for kind, field in custom.items():
        ops = {c[1] for c, _e in CUSTOM_CASES if c[0] == field}
        assert ops == set(OPERATORS[kind]), kind


def test_and_binds_before_or(store: Store, people: dict[str, int]) -> None:
    customer = row("status", "is", "Customer")
    in_oslo = row("city", "is", "Oslo")
    assert found(store, people, customer, in_oslo) == {"ann"}
    assert found(store, people, customer, row("city", "is", "Oslo", joiner="or")) == {
        "ann",
        "bo",
        "cy",
    }
    # (Customer and VIP and no company) or (Prospect)
    lookup = (
        customer,
        row("category", "is", "VIP"),
        row("company", "is_empty"),
        row("status", "is", "Prospect", joiner="or"),
    )
    assert found(store, people, *lookup) == {"bo", "cy"}


def test_three_conditions_one_on_a_user_field(store: Store, people: dict[str, int]) -> None:
    lookup = (
        row("status", "is", "Customer"),
        row(f"custom:{people['size']}", "gt", "100"),
        row("created_at", "in_last_days", "30"),
    )
    assert found(store, people, *lookup) == {"cy"}


def test_the_last_day_of_the_calendar(store: Store, people: dict[str, int]) -> None:
    assert found(store, people, row("birthday", "after", "9999-12-31")) == set()
    assert found(store, people, row("birthday", "is", "9999-12-31")) == set()


SEVERAL_SETS = [
    ((("size", "gt", "100"), ("city", "contains", "e")), {"bo"}),
    ((("tier", "is", "gold"), ("paid", "is_yes", ""), ("city", "is", "Oslo")), {"ann"}),
    (
        (("size", "between", "1", "300"), ("since", "in_last_days", "30"), ("tier", "is_not", "X")),
        {"bo"},
    ),
    ((("category", "is", "VIP"), ("size", "lt", "100")), {"ann"}),
    ((("category", "is", "VIP"), ("tier", "is_empty", "")), {"cy"}),
    ((("city", "contains", "o"), ("paid", "is_no", ""), ("group", "is", "Fair")), {"bo"}),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "expected"), SEVERAL_SETS, ids=str)
def test_several_sets_in_one_group_are_all_met(
    store: Store, people: dict[str, int], rows: tuple[tuple[str, ...], ...], expected: set[str]
) -> None:
    """One set drives the search, the others are tested contact by contact: each contact of
    the enclosing query, not any contact at all."""
    custom = ("size", "since", "tier", "paid")
    conditions = [
        row(f"custom:{people[field]}" if field in custom else field, operator, value, *rest)
        for field, operator, value, *rest in rows
    ]
    assert found(store, people, *conditions) == expected
    with store.session() as session:
        fragment = compile_lookup(session, Lookup(tuple(conditions)), TODAY)
    assert "contacts" not in fragment.sql  # only the enclosing query's `c`


def test_the_trash_is_never_found(store: Store, people: dict[str, int]) -> None:
    with store.session() as session:
        contacts.delete_contact(session, people["ann"])
    assert found(store, people, row("company", "contains", "fjord")) == {"di"}


def test_bad_rows_are_reported_by_row_and_field(store: Store, people: dict[str, int]) -> None:
    lookup = Lookup(
        (
            row(f"custom:{people['size']}", "gt", "lots"),
            row("created_at", "before", "2026-02-30"),
            row("category", "is", "Nobody"),
            row("company", "contains", ""),
            row("company", "lt", "3"),
            row("shoe_size", "is", "42"),
            row("last_contacted", "in_last_days", "a week"),
            row("created_at", "in_last_days", "1000000"),
            row("created_at", "in_last_days", "²"),
        )
    )
    with store.session() as session, pytest.raises(InvalidContactError) as refused:
        compile_lookup(session, lookup, TODAY)
    assert [str(e) for e in refused.value.errors] == [
        "Row 1 (Size): 'lots' is not a number",
        "Row 2 (Created): 2026-02-30 is not a date on the calendar",
        "Row 3 (Category): there is no category “Nobody”",
        "Row 4 (Company): needs a value",
        "Row 5 (Company): 'lt' does not apply to this field",
        "Row 6: there is no field 'shoe_size'",
        "Row 7 (Last contacted (call, meeting…)): 'a week' is not a number of days (0 to 36,500)",
        "Row 8 (Created): '1000000' is not a number of days (0 to 36,500)",
        "Row 9 (Created): '²' is not a number of days (0 to 36,500)",
    ]


def test_compiled_lookups_are_sql_with_bound_values(store: Store, people: dict[str, int]) -> None:
    with store.session() as session:
        fragment = compile_lookup(
            session, Lookup((row("company", "is", "x'); DROP TABLE contacts; --"),)), TODAY
        )
    assert "DROP" not in fragment.sql
    assert "x'); DROP TABLE contacts; --" in fragment.params.values()


def test_saved_lookups_run_again_on_the_data_as_it_is_now(
    store: Store, people: dict[str, int]
) -> None:
    customers = Lookup((row("status", "is", "Customer"),))
    with store.session() as session:
        saved_lookups.save_lookup(session, "Customers", customers)
        with pytest.raises(InvalidContactError):
            saved_lookups.save_lookup(session, "customers", customers)
        with pytest.raises(InvalidContactError):
            saved_lookups.save_lookup(session, "Nothing", Lookup())
    with store.session() as session:
        saved = saved_lookups.lookup_named(session, "CUSTOMERS")
        assert saved.lookup == customers
        assert len(lookup_ids(session, saved.lookup, TODAY)) == 2
        contacts.update_contact(session, people["di"], person("Di", "Fos", status="Customer"))
    with store.session() as session:
        again = saved_lookups.lookup_named(session, "Customers").lookup
        assert len(lookup_ids(session, again, TODAY)) == 3
        wider = Lookup((*customers.conditions, row("status", "is", "Prospect", joiner="or")))
        saved_lookups.save_lookup(session, "Customers", wider, replace=True)
        saved_lookups.rename_lookup(session, saved.id, "Buyers")
    with store.session() as session:
        (only,) = saved_lookups.saved_lookups(session)
        assert (only.name, len(only.lookup.conditions)) == ("Buyers", 2)
        saved_lookups.delete_lookup(session, only.id)
        assert saved_lookups.saved_lookups(session) == []
        with pytest.raises(LookupError, match="no saved lookup called “Buyers”"):
            saved_lookups.lookup_named(session, "Buyers")


def test_a_lookup_survives_its_json_and_is_described_in_words() -> None:
    lookup = Lookup(
        (row("status", "is", "Customer"), row("created_at", "in_last_days", "30", joiner="or"))
    )
    assert Lookup.from_json(lookup.to_json()) == lookup
    words = lookup.describe({"status": "Status", "created_at": "Created"})
    assert words == "Status is Customer or Created in the last 30 days"
    with pytest.raises(ValueError, match="cannot be read"):
        Lookup.from_json('{"rows": []}')
