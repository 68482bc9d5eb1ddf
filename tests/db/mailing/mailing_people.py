"""A small set of contacts for the mailing tests: one for each reason to be left out."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db import contacts
from db.categories import assign_category, create_category
from db.groups import add_to_group, create_group
from db.lookup_records import Condition, Lookup
from db.mailing.my_record import MyRecord
from db.records import Address, ContactFields
from db.saved_lookups import save_lookup


def _at(street: str, city: str = "Oslo", postal_code: str = "0150") -> tuple[Address, ...]:
    return (Address(street, city, "", postal_code, "Norway"),)


# The sender (My record) of the letters, labels and envelopes the tests write.
SENDER = MyRecord(
    name="Kari Nordmann", street="Kirkegata 5", city="Oslo", postal_code="0153", country="Norway"
)

PEOPLE = {
    "anna": ContactFields(
        first_name="Anna", last_name="Hansen", company="Acme AS", addresses=_at("Storgata 1")
    ),
    "per": ContactFields(first_name="Per", last_name="Hansen", addresses=_at("STORGATA 1.")),
    "bjorn": ContactFields(
        first_name="Bjørn", last_name="Ødegård", addresses=_at("Fjordveien 2", "Tromsø", "9008")
    ),
    "quiet": ContactFields(
        first_name="Quiet", last_name="Person", do_not_mail=True, addresses=_at("Stille vei 3")
    ),
    "moved": ContactFields(
        first_name="Moved", last_name="Away", mail_returned=True, addresses=_at("Gamle vei 4")
    ),
    "nowhere": ContactFields(
        first_name="No", last_name="Address", addresses=(Address(city="Oslo", country="Norway"),)
    ),
    "gone": ContactFields(first_name="Gone", last_name="Deleted", addresses=_at("Borte 5")),
}


def make_people(session: Session) -> dict[str, int]:
    """The people above; all in category "Customers", all but Bjørn in group "Spring"; a saved
    lookup "Tromsø" finds Bjørn; "gone" is in the Trash."""
    ids = {key: contacts.create_contact(session, fields).id for key, fields in PEOPLE.items()}
    category = create_category(session, "Customers", "#3366cc")
    assign_category(session, list(ids.values()), category)
    group = create_group(session, "Spring")
    add_to_group(session, group, [i for k, i in ids.items() if k != "bjorn"])
    save_lookup(session, "Tromsø", Lookup((Condition("city", "contains", "Tromsø"),)))
    contacts.delete_contact(session, ids["gone"])
    return ids
