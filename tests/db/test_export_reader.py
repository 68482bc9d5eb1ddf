"""Contacts read for export: which ones (all, ids, a condition; never the Trash), in id order,
with everything a contact holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from db import contacts
from db.categories import assign_category, create_category
from db.custom_fields import create_field
from db.custom_values import set_contact_values
from db.groups import add_to_group, create_group
from db.interchange.export_reader import (
    contacts_for_export,
    export_ids,
    group_widths,
    user_field_names,
)
from db.interchange.incoming import Photo, birthday_without_year
from db.lookup_records import Condition, Lookup, SqlFragment
from db.models import ContactPhotoRow
from db.named_lists import category_condition, group_condition, named_list
from db.records import Address, Email, Phone
from db.saved_lookups import save_lookup
from db.store import Store
from tests.db.factories import full_person, person


def make(store: Store, *names: str) -> list[int]:
    with store.session() as session:
        return [contacts.create_contact(session, person(n, "Hansen")).id for n in names]


def exported_names(
    store: Store, ids: list[int] | None = None, condition: SqlFragment | None = None
) -> list[str]:
    rows = contacts_for_export(store.reader(), ids, condition=condition)
    return [c.fields.first_name for _id, c in rows]


def test_everyone_in_id_order_without_the_trash(store: Store) -> None:
    ids = make(store, "Anna", "Bjørn", "Cecilie", "Dag")
    with store.session() as session:
        contacts.delete_contact(session, ids[1])
    rows = list(contacts_for_export(store.reader()))
    assert [i for i, _c in rows] == [ids[0], ids[2], ids[3]]
    assert [c.fields.first_name for _i, c in rows] == ["Anna", "Cecilie", "Dag"]
    assert [c.where for _i, c in rows] == [f"contact {i}" for i in (ids[0], ids[2], ids[3])]


def test_chosen_ids_in_id_order_whatever_order_given(store: Store) -> None:
    ids = make(store, "Anna", "Bjørn", "Cecilie", "Dag")
    with store.session() as session:
        contacts.delete_contact(session, ids[3])
    chosen = [ids[3], ids[2], ids[0], ids[2], 99_999]  # a deleted one, a repeat, one not there
    assert exported_names(store, chosen) == ["Anna", "Cecilie"]
    assert exported_names(store, []) == []


def test_ids_far_apart_and_close_together_read_the_same(store: Store) -> None:
    ids = make(store, *(f"P{n}" for n in range(30)))
    sparse = ids[::9]  # read as a list of ids, not a range
    assert exported_names(store, sparse) == [f"P{n}" for n in range(0, 30, 9)]
    dense = [i for i in ids if i != ids[5]]  # read as a range, passing over the one left out
    assert exported_names(store, dense) == [f"P{n}" for n in range(30) if n != 5]


def test_conditions_of_a_group_a_category_and_a_saved_lookup(store: Store) -> None:
    ids = make(store, "Anna", "Bjørn", "Cecilie")
    with store.session() as session:
        group = create_group(session, "Golf")
        add_to_group(session, group, [ids[2], ids[0]])
        category = create_category(session, "VIP", "#aa0000")
        assign_category(session, [ids[1]], category)
        contacts.update_contact(session, ids[2], person("Cecilie", "Hansen", company="Acme"))
        save_lookup(session, "Acme people", Lookup((Condition("company", "is", "Acme"),)))
        by_name = named_list(session, lookup="Acme people", today=date.today())
        by_category = named_list(session, category="vip", today=date.today())
    assert exported_names(store, None, group_condition(group)) == ["Anna", "Cecilie"]
    assert exported_names(store, None, category_condition(category)) == ["Bjørn"]
    assert exported_names(store, None, by_category) == ["Bjørn"]
    assert exported_names(store, None, by_name) == ["Cecilie"]
    # ids and a condition together: those of the ids that meet it
    assert exported_names(store, [ids[0], ids[1]], group_condition(group)) == ["Anna"]


def test_an_unknown_category_is_said_in_words(store: Store) -> None:
    with store.session() as session, pytest.raises(LookupError, match="no category called “Nope”"):
        named_list(session, category="Nope", today=date.today())


def test_everything_a_contact_holds(store: Store) -> None:
    fields = replace(
        full_person(),
        do_not_mail=True,
        notes="Line one\nline two",
        birthday=birthday_without_year(3, 12),
    )
    with store.session() as session:
        contact_id = contacts.create_contact(session, fields).id
        for name in ("Key account", "VIP"):
            assign_category(session, [contact_id], create_category(session, name, "#123456"))
        text = create_field(session, "Shoe size", "number")
        since = create_field(session, "Customer since", "date")
        create_field(session, "Newsletter", "yes_no")
        price = create_field(session, "Credit", "currency")
        create_field(session, "Unused", "text")
        set_contact_values(
            session,
            contact_id,
            {text.id: "42", since.id: date(2019, 8, 6), price.id: "1234.5"},
        )
        session.add(ContactPhotoRow(contact_id=contact_id, mime="image/png", data=b"\x89PNG..."))
    [(read_id, contact)] = list(contacts_for_export(store.reader()))
    assert read_id == contact_id
    f = contact.fields
    assert (f.prefix, f.first_name, f.last_name, f.company) == (
        "Ms.",
        "Åse",
        "Bjørnstad",
        "Fjordkraft AS",
    )
    assert (f.title, f.status, f.salutation) == ("Innkjøpssjef", "Customer", "Åse")
    assert f.birthday == birthday_without_year(3, 12)
    assert f.do_not_mail
    assert not f.do_not_call
    assert f.notes == "Line one\nline two"
    assert f.phones == (
        Phone("+47 22 33 44 55", "work", "12"),
        Phone("+47 912 34 567", "mobile"),
    )
    assert f.emails == (
        Email("Ase@Fjordkraft.NO", "work", is_primary=True),
        Email("ase@example.org", "home"),
    )
    assert f.addresses == (
        Address(
            street="Storgata 1",
            city="Tromsø",
            postal_code="9008",
            country="Norway",
            is_mailing=True,
        ),
        Address(street="Heimveien 2", city="Bodø", kind="home"),
    )
    assert contact.categories == ("Key account", "VIP")
    assert contact.custom == (
        ("Shoe size", "42"),
        ("Customer since", "2019-08-06"),
        ("Credit", "1234.50"),
        ("Newsletter", "No"),  # an unticked yes/no, after the values stored
    )
    assert contact.photo == Photo(b"\x89PNG...", "image/png")


def test_user_field_values_as_text_and_ticked_yes(store: Store) -> None:
    [first, second] = make(store, "Anna", "Bjørn")
    with store.session() as session:
        opt_in = create_field(session, "Newsletter", "yes_no")
        size = create_field(session, "Size", "number")
        set_contact_values(session, first, {opt_in.id: True, size.id: "1 234,5"})
    rows = dict(contacts_for_export(store.reader()))
    assert rows[first].custom == (("Newsletter", "Yes"), ("Size", "1234.5"))
    assert rows[second].custom == (("Newsletter", "No"),)
    assert user_field_names(store.reader()) == ["Newsletter", "Size"]


def test_group_widths_count_only_the_chosen(store: Store) -> None:
    with store.session() as session:
        many = contacts.create_contact(
            session,
            person(
                "Many",
                "Rows",
                phones=tuple(Phone(f"+47 22 33 44 5{n}") for n in range(4)),
                emails=(Email("a@example.org"), Email("b@example.org")),
            ),
        ).id
        few = contacts.create_contact(
            session, person("Few", "Rows", addresses=(Address(city="Oslo"),))
        ).id
    assert group_widths(store.reader(), [many, few]) == (2, 4, 1)
    assert group_widths(store.reader(), [few]) == (0, 0, 1)
    assert group_widths(store.reader(), []) == (0, 0, 0)
    assert list(export_ids(store.reader(), [few, many])) == [many, few]
