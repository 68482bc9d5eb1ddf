"""The property that makes a merge safe to do: merge, then undo, gives back exactly the contacts
and every row of theirs, whatever they held and whatever the user chose in the dialog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.contacts import add_history, create_contact
from db.custom_fields import create_field
from db.custom_values import set_contact_values
from db.followups import sync_next_follow_up
from db.merge import merge_contacts, merge_preview, undo_merge
from db.models import ContactCategoryRow, FollowUpRow, GroupMemberRow
from db.records import Address, ContactFields, Email, Phone
from db.store import Store, open_store
from tests.db.merge_helpers import dump_contacts

PHONES = ("+47 22 33 44 55", "+4722334455", "+47 912 34 567", "+1 212 555 0100", "+46 8 123 456")
EMAILS = ("kari@example.org", "KARI@example.org", "ola@example.org", "post@firma.no")
ADDRESSES = (
    Address(street="Storgata 1", city="Tromsø"),
    Address(street="storgata 1", city="TROMSØ"),
    Address(street="Heimveien 2", city="Bodø", kind="home"),
)
NAMES = ("Kari", "Ola", "", "Åse")


@st.composite
def contacts(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "fields": ContactFields(
            first_name=draw(st.sampled_from(NAMES)),
            last_name=draw(st.sampled_from(("Nordmann", "Nordman", "Hansen"))),
            company=draw(st.sampled_from(("", "Fjordkraft", "Hurtigruten"))),
            title=draw(st.sampled_from(("", "Buyer", "CEO"))),
            birthday=draw(st.sampled_from((None, date(1980, 2, 29), date(1975, 5, 17)))),
            do_not_call=draw(st.booleans()),
            notes=draw(st.sampled_from(("", "Prefers e-mail.", "Met at a fair."))),
            phones=tuple(Phone(n) for n in draw(st.lists(st.sampled_from(PHONES), max_size=3))),
            emails=tuple(Email(e) for e in draw(st.lists(st.sampled_from(EMAILS), max_size=3))),
            addresses=tuple(draw(st.lists(st.sampled_from(ADDRESSES), max_size=2))),
        ),
        "categories": draw(st.sets(st.integers(0, 2))),
        "groups": draw(st.sets(st.integers(0, 1))),
        "values": draw(
            st.fixed_dictionaries(
                {},
                optional={
                    0: st.sampled_from(("Oslo", "Bergen")),
                    1: st.sampled_from((38.0, 42.5)),
                    2: st.sampled_from((date(2020, 1, 1), date(2021, 6, 1))),
                    3: st.just(True),
                },
            )
        ),
        "history": draw(st.lists(st.sampled_from(("call", "note", "meeting")), max_size=3)),
        "followups": draw(st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=3)),
    }


@pytest.fixture(scope="module")
def shared_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Store, dict[str, list[int]]]]:
    """One database for every example (each adds its own contacts): opening one per example
    would spend the time budget on migrations."""
    store = open_store(Path(tmp_path_factory.mktemp("merge-property")) / "contacts.sqlite")
    from db.categories import create_category
    from db.groups import create_group

    with store.session() as session:
        made = {
            "categories": [create_category(session, f"C{n}", "#123456") for n in range(3)],
            "groups": [create_group(session, f"G{n}") for n in range(2)],
            "fields": [
                create_field(session, name, kind).id
                for name, kind in (
                    ("City", "text"),
                    ("Size", "number"),
                    ("Since", "date"),
                    ("VIP", "yes_no"),
                )
            ],
        }
    yield store, made
    store.close()


def _create(session: Any, made: dict[str, list[int]], spec: dict[str, Any]) -> int:
    contact_id: int = create_contact(session, spec["fields"]).id
    for n in spec["categories"]:
        session.add(ContactCategoryRow(contact_id=contact_id, category_id=made["categories"][n]))
    for n in spec["groups"]:
        session.add(GroupMemberRow(contact_id=contact_id, group_id=made["groups"][n]))
    values = {made["fields"][n]: v for n, v in spec["values"].items()}
    set_contact_values(session, contact_id, values, record=False)
    for kind in spec["history"]:
        add_history(session, contact_id, kind, f"A {kind}", result="Done")
    for days, done in spec["followups"]:
        session.add(
            FollowUpRow(
                contact_id=contact_id,
                kind="call",
                description="Ring",
                due_on=date.fromordinal(date(2030, 1, 1).toordinal() + days),
                created_at=datetime(2029, 12, 1),
                done_at=datetime(2030, 1, 1) if done else None,
            )
        )
    sync_next_follow_up(session, contact_id)
    return contact_id


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=st.lists(contacts(), min_size=2, max_size=3), data=st.data())
def test_merge_then_undo_gives_back_every_row(
    shared_store: tuple[Store, dict[str, list[int]]],
    specs: list[dict[str, Any]],
    data: st.DataObject,
) -> None:
    store, made = shared_store
    with store.session() as session:
        ids = [_create(session, made, spec) for spec in specs]
        before = dump_contacts(session, ids)
        preview = merge_preview(session, ids)
    survivor = data.draw(st.sampled_from(ids))
    choices = {f.key: data.draw(st.sampled_from(ids)) for f in preview.fields}
    choices = {k: v for k, v in choices.items() if data.draw(st.booleans())}
    unticked = data.draw(st.sets(st.sampled_from([i.key for i in preview.items] or ["none"])))
    absorbed = [c for c in ids if c != survivor]
    with store.session() as session:
        # (every contact has a last name, so the merged one always has a name)
        merge_id = merge_contacts(session, survivor, absorbed, choices, unticked)
    with store.session() as session:
        assert sorted(undo_merge(session, merge_id)) == sorted(absorbed)
    with store.session() as session:
        after = dump_contacts(session, ids)
    merge_kinds = ("merge", "unmerge")
    after["history"] = [r for r in after["history"] if r["kind"] not in merge_kinds]
    assert after == before
