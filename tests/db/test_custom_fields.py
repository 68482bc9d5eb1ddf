"""User fields: every type defined, given values, checked, retyped and deleted."""

from __future__ import annotations

from datetime import date

import pytest

from db import contacts, custom_fields, search
from db.custom_values import contact_values, set_contact_values
from db.field_types import FieldValueError, display, parse_number, parse_value
from db.list_columns import available_columns, custom_cells, read_fields
from db.store import Store
from db.validation import InvalidContactError
from tests.db.factories import person

GOOD = {  # type: a typed value, and what it is stored as
    "text": ("Tropical fish", "Tropical fish"),
    "number": ("1 250", 1250.0),
    "currency": ("12 345,678", 12345.68),
    "date": ("2026-02-28", date(2026, 2, 28)),
    "yes_no": (True, True),
    "choice": ("gold", "Gold"),
    "url": ("example.com/shop", "https://example.com/shop"),
    "phone": ("+47 22 33 44 55", "+47 22 33 44 55"),
}
BAD = {  # type: a typed value that must be refused, and words of the message
    "number": ("lots", "not a number"),
    "currency": ("12..5", "not a number"),
    "date": ("2026-02-30", "not a date on the calendar"),
    "yes_no": ("perhaps", "not yes or no"),
    "choice": ("Platinum", "not one of the choices"),
    "url": ("not a site", "not a web address"),
    "phone": ("12", "phone"),
}


def define_all(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            kind: custom_fields.create_field(
                session, f"My {kind}", kind, ("Gold", "Silver") if kind == "choice" else ()
            ).id
            for kind in GOOD
        }


def test_every_type_is_defined_given_a_value_and_read_back(store: Store) -> None:
    ids = define_all(store)
    with store.session() as session:
        kari = contacts.create_contact(session, person()).id
        changes = set_contact_values(
            session, kari, {ids[kind]: typed for kind, (typed, _s) in GOOD.items()}
        )
        assert len(changes) == len(GOOD)
    with store.session() as session:
        stored = contact_values(session, kari)
        assert {kind: stored[ids[kind]] for kind in GOOD} == {
            kind: value for kind, (_t, value) in GOOD.items()
        }
        edit = contacts.history(session, kari)[0]
        assert edit.kind == "edit"
        assert "My currency: '' → '12345.68'" in edit.text
    with store.session() as session:  # the list's cells, read like the list reads them
        fields = read_fields(session)
        cells = custom_cells(session, [kari], fields)
    assert cells[kari, ids["currency"]] == "12,345.68"
    assert cells[kari, ids["yes_no"]] == "Yes"
    assert cells[kari, ids["date"]] == "2026-02-28"
    assert [c.heading for c in available_columns(fields)][6:] == [f"My {k}" for k in GOOD]


def test_bad_values_are_refused_together_and_nothing_is_written(store: Store) -> None:
    ids = define_all(store)
    with store.session() as session:
        kari = contacts.create_contact(session, person()).id
        set_contact_values(session, kari, {ids["text"]: "kept"})
    with store.session() as session, pytest.raises(InvalidContactError) as refused:
        set_contact_values(
            session,
            kari,
            {ids["text"]: "changed", **{ids[kind]: typed for kind, (typed, _w) in BAD.items()}},
        )
    messages = {e.field: e.message for e in refused.value.errors}
    assert set(messages) == {f"My {kind}" for kind in BAD}
    for kind, (_typed, words) in BAD.items():
        assert words in messages[f"My {kind}"]
    with store.session() as session:
        assert contact_values(session, kari) == {ids["text"]: "kept"}


def test_clearing_a_value_removes_it_and_an_unticked_yes_no_is_empty(store: Store) -> None:
    ids = define_all(store)
    with store.session() as session:
        kari = contacts.create_contact(session, person()).id
        set_contact_values(session, kari, {ids["number"]: "7", ids["yes_no"]: True})
        set_contact_values(session, kari, {ids["number"]: "", ids["yes_no"]: False})
        assert contact_values(session, kari) == {}


@pytest.mark.parametrize(
    ("text", "number"),
    [("1,234.50", 1234.5), ("1.234,50", 1234.5), ("kr 200", 200.0), ("-3", -3.0), ("0,5", 0.5)],
)
def test_numbers_as_people_type_them(text: str, number: float) -> None:
    assert parse_number(text) == number


def test_display_of_numbers_and_currency() -> None:
    assert display("number", 1250.0) == "1,250"
    assert display("number", 2.5) == "2.5"
    assert display("currency", 3.0) == "3.00"


def test_define_rename_reorder_and_refuse_bad_definitions(store: Store) -> None:
    with store.session() as session:
        size = custom_fields.create_field(session, "Company size", "number").id
        since = custom_fields.create_field(session, "Customer since", "date").id
        for name, kind, choices, where in (
            ("", "text", (), "Name"),
            ("company SIZE", "text", (), "Name"),
            ("Colour", "colour", (), "Type"),
            ("Tier", "choice", (" ",), "Choices"),
        ):
            with pytest.raises(InvalidContactError) as refused:
                custom_fields.create_field(session, name, kind, choices)
            assert refused.value.errors[0].field == where
        custom_fields.rename_field(session, size, "Employees")
        custom_fields.reorder_fields(session, [since, size])
    with store.session() as session:
        assert [f.name for f in custom_fields.custom_fields(session)] == [
            "Customer since",
            "Employees",
        ]


def test_a_shorter_choice_list_keeps_values_already_given(store: Store) -> None:
    with store.session() as session:
        tier = custom_fields.create_field(session, "Tier", "choice", ("Gold", "Silver"))
        kari = contacts.create_contact(session, person()).id
        set_contact_values(session, kari, {tier.id: "Silver"})
        custom_fields.set_choices(session, tier.id, ["Gold", "Bronze"])
        assert contact_values(session, kari) == {tier.id: "Silver"}
        with pytest.raises(InvalidContactError):
            set_contact_values(session, kari, {tier.id: "Silver"} | {tier.id: "Platinum"})


def test_retyping_reports_values_that_would_not_convert_before_writing(store: Store) -> None:
    with store.session() as session:
        size = custom_fields.create_field(session, "Size", "text").id
        names = ("Ann", "Bo", "Cy", "Di")
        people = {n: contacts.create_contact(session, person(n, "Lie")).id for n in names}
        for name, value in zip(names, ("12", "1 500", "about fifty", "n/a"), strict=True):
            set_contact_values(session, people[name], {size: value})
    with store.session() as session:
        report = custom_fields.retype_report(session, size, "number")
        assert report.converted == 2
        assert report.lost_count == 2
        assert [(v.contact_name, v.value) for v in report.lost] == [
            ("Lie, Cy", "about fifty"),
            ("Lie, Di", "n/a"),
        ]
        with pytest.raises(custom_fields.RetypeLosesValuesError):
            custom_fields.retype_field(session, size, "number")
    with store.session() as session:  # refused: still text, every value as it was
        assert custom_fields.get_field(session, size).kind == "text"
        assert contact_values(session, people["Cy"]) == {size: "about fifty"}
        custom_fields.retype_field(session, size, "number", accept_losses=True)
    with store.session() as session:
        assert custom_fields.get_field(session, size).kind == "number"
        assert contact_values(session, people["Bo"]) == {size: 1500.0}
        assert contact_values(session, people["Cy"]) == {}
        noted = contacts.history(session, people["Cy"])[0].text
        assert "'about fifty' did not fit" in noted
        assert "Size" in noted


def test_retyping_to_text_and_between_types_keeps_what_converts(store: Store) -> None:
    with store.session() as session:
        field = custom_fields.create_field(session, "Since", "date").id
        kari = contacts.create_contact(session, person()).id
        set_contact_values(session, kari, {field: "2020-05-01"})
        custom_fields.retype_field(session, field, "text")
        assert contact_values(session, kari) == {field: "2020-05-01"}
        custom_fields.retype_field(session, field, "date")
        assert contact_values(session, kari) == {field: date(2020, 5, 1)}
        report = custom_fields.retype_field(session, field, "choice", ["2020-05-01", "Later"])
        assert report.lost_count == 0
        assert contact_values(session, kari) == {field: "2020-05-01"}


def test_deleting_a_field_says_how_many_held_a_value(store: Store) -> None:
    with store.session() as session:
        field = custom_fields.create_field(session, "Shoe size", "number").id
        ids = [contacts.create_contact(session, person(f"P{n}")).id for n in range(3)]
        for contact_id in ids:
            set_contact_values(session, contact_id, {field: "42"})
        contacts.delete_contact(session, ids[0])  # in the Trash: not counted
        assert custom_fields.value_count(session, field) == 2
        assert custom_fields.delete_field(session, field) == 2
    with store.session() as session:
        assert custom_fields.custom_fields(session) == []
        assert contact_values(session, ids[1]) == {}


def test_the_list_sorts_on_a_user_field_with_empty_values_last(store: Store) -> None:
    with store.session() as session:
        field = custom_fields.create_field(session, "Revenue", "currency")
        ids = {}
        for name, value in (("Ann", "300"), ("Bo", ""), ("Cy", "20"), ("Di", "1 000")):
            ids[name] = contacts.create_contact(session, person(name, "Lie")).id
            set_contact_values(session, ids[name], {field.id: value})
        sort = next(c.sort for c in available_columns([field]) if c.field)
        up = list(search.matching_ids(session, "", sort=sort))
        down = list(search.matching_ids(session, "", sort=sort, descending=True))
    assert up == [ids["Cy"], ids["Ann"], ids["Di"], ids["Bo"]]
    assert down == [ids["Di"], ids["Ann"], ids["Cy"], ids["Bo"]]


def test_parse_value_of_a_phone_uses_the_default_country() -> None:
    from db.field_types import CustomField

    phone = CustomField(1, "Assistant", "phone")
    assert parse_value(phone, "22 33 44 55", "NO") == "22 33 44 55"
    with pytest.raises(FieldValueError):
        parse_value(phone, "abc", "NO")


def test_big_numbers_keep_every_digit_through_a_retype(store: Store) -> None:
    with store.session() as session:
        field = custom_fields.create_field(session, "Revenue", "number").id
        kari = contacts.create_contact(session, person()).id
        set_contact_values(session, kari, {field: "1 234 567 891"})
        custom_fields.retype_field(session, field, "text")
        assert contact_values(session, kari) == {field: "1234567891"}
