"""Who gets mail: each contact once, however many lists hold them; everyone left out is listed
with the reason; one piece per household when asked."""

from __future__ import annotations

import pytest

from db.mailing.recipient_records import MailingSources
from db.mailing.recipients import (
    DELETED,
    DO_NOT_MAIL,
    MAIL_RETURNED,
    NO_POSTAL_ADDRESS,
    NO_SUCH_CONTACT,
    choose_recipients,
)
from db.store import Store
from db.store_settings import set_default_region
from tests.db.mailing.mailing_people import make_people


def test_every_reason_is_given_and_nobody_is_mailed_twice(store: Store) -> None:
    with store.session() as session:
        ids = make_people(session)
        chosen = choose_recipients(
            session,
            MailingSources(
                contact_ids=(ids["anna"], ids["gone"], 999_999),
                categories=("customers",),
                groups=("Spring",),
                lookups=("Tromsø",),
            ),
        )
    assert [r.name for r in chosen.recipients] == ["Hansen, Anna", "Hansen, Per", "Ødegård, Bjørn"]
    assert len(set(chosen.contact_ids)) == 3
    reasons = {left.contact_id: left.reason for left in chosen.left_out}
    assert reasons == {
        ids["quiet"]: DO_NOT_MAIL,
        ids["moved"]: MAIL_RETURNED,
        ids["nowhere"]: NO_POSTAL_ADDRESS,
        ids["gone"]: DELETED,
        999_999: NO_SUCH_CONTACT,
    }


def test_the_recipient_carries_the_address_block(store: Store) -> None:
    with store.session() as session:
        ids = make_people(session)
        anna_only = MailingSources(contact_ids=(ids["anna"],))
        from_abroad = choose_recipients(session, anna_only).recipients  # the default region: US
        set_default_region(session, "NO")
        (anna,) = choose_recipients(session, anna_only).recipients
    assert from_abroad[0].block[-1] == "NORWAY"
    assert anna.block == ("Anna Hansen", "Acme AS", "Storgata 1", "0150 Oslo")
    assert anna.country == "NO"


def test_a_letter_needs_no_postal_address(store: Store) -> None:
    with store.session() as session:
        ids = make_people(session)
        chosen = choose_recipients(
            session, MailingSources(contact_ids=(ids["nowhere"],)), needs_address=False
        )
    assert chosen.contact_ids == (ids["nowhere"],)
    assert chosen.left_out == ()


def test_one_piece_per_household_keeps_the_first_by_name(store: Store) -> None:
    with store.session() as session:
        ids = make_people(session)
        chosen = choose_recipients(session, MailingSources(groups=("Spring",)), per_household=True)
    assert chosen.contact_ids == (ids["anna"],)  # Per lives at "STORGATA 1." too
    per = next(left for left in chosen.left_out if left.contact_id == ids["per"])
    assert per.reason == "same household as Hansen, Anna"


def test_an_unknown_list_is_named_in_the_error(store: Store) -> None:
    with store.session() as session:
        make_people(session)
        with pytest.raises(LookupError, match=r"no category called “Prospects”.*Customers"):
            choose_recipients(session, MailingSources(categories=("Prospects",)))
        with pytest.raises(LookupError, match="no group called “Autumn”"):
            choose_recipients(session, MailingSources(groups=("Autumn",)))
        with pytest.raises(LookupError):
            choose_recipients(session, MailingSources(lookups=("Nobody",)))
