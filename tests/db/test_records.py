"""The plain records' quick constructor, which a big import uses a million times over."""

from __future__ import annotations

from datetime import date

from db.records import Address, ContactFields, Email, Phone, fields_of


def test_fields_of_makes_what_the_constructor_makes() -> None:
    values: dict[str, object] = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "birthday": date(1980, 2, 29),
        "do_not_call": True,
        "phones": (Phone("+47 22 33 44 55", "work", "", "+4722334455"),),
        "emails": (Email("kari@example.no"),),
        "addresses": (Address("Storgata 1", "Oslo"),),
    }
    made = fields_of(values)
    assert made == ContactFields(**values)  # type: ignore[arg-type]
    assert hash(made) == hash(ContactFields(**values))  # type: ignore[arg-type]
    assert made.company == ""
    assert made.notes == ""
    assert made.email_bounced is False
    assert made.display_name == "Kari Nordmann"


def test_fields_of_leaves_the_defaults_alone() -> None:
    first = fields_of({"first_name": "A", "phones": (Phone("1"),)})
    second = fields_of({"last_name": "B"})
    assert second.first_name == ""
    assert second.phones == ()
    assert first.first_name == "A"
    assert ContactFields() == fields_of({})
