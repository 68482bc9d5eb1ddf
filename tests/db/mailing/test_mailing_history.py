"""After a mailing: a history entry on each contact, optionally a follow-up call, all or none."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db import contacts
from db.clock import FixedClock
from db.followups import open_followups
from db.mailing.mailing_history import label_text, record_mailing
from db.models import HistoryRow
from db.store import Store
from tests.db.factories import person

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), UTC)


def _make(store: Store, count: int) -> list[int]:
    with store.session() as session:
        return [contacts.create_contact(session, person(f"P{n}", "Test")).id for n in range(count)]


def test_each_contact_gets_one_entry_and_a_follow_up(store: Store) -> None:
    ids = _make(store, 3)
    with store.session() as session:
        done = record_mailing(
            session, [*ids, ids[0]], "letter", label_text("Avery 5160"), 7, clock=CLOCK
        )
    assert done == 3
    with store.session() as session:
        for contact_id in ids:
            mailed = [e for e in contacts.history(session, contact_id) if e.kind == "letter"]
            assert [e.text for e in mailed] == ["Label: Avery 5160"]
            assert mailed[0].occurred_at == datetime(2026, 3, 2, 9, 30)
            (follow_up,) = open_followups(session, contact_id, CLOCK)
            assert follow_up.kind == "call"
            assert follow_up.due_on == date(2026, 3, 2) + timedelta(days=7)
            assert "Label: Avery 5160" in follow_up.description


def test_no_follow_up_unless_asked(store: Store) -> None:
    ids = _make(store, 2)
    with store.session() as session:
        record_mailing(session, ids, "letter", "Envelope: #10", clock=CLOCK)
        assert all(not open_followups(session, i, CLOCK) for i in ids)


def test_nothing_is_recorded_when_one_contact_fails(store: Store) -> None:
    ids = _make(store, 2)
    with store.session() as session:
        before = session.scalar(select(func.count()).select_from(HistoryRow))
        contacts.delete_contact(session, ids[1])  # a follow-up needs a live contact
    with pytest.raises(LookupError), store.session() as session:
        record_mailing(session, ids, "letter", "Envelope: #10", 3, clock=CLOCK)
    with store.session() as session:
        after = session.scalar(select(func.count()).select_from(HistoryRow))
    assert after == (before or 0) + 1  # only the move to the Trash


def test_a_kind_that_is_not_a_contact_is_refused(store: Store) -> None:
    ids = _make(store, 1)
    with store.session() as session, pytest.raises(ValueError, match="not a kind of contact"):
        record_mailing(session, ids, "label", "Label: Avery 5160")
    with store.session() as session, pytest.raises(ValueError, match="0 to 366 days"):
        record_mailing(session, ids, "letter", "Label: Avery 5160", -1)
