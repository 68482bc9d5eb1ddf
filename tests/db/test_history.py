"""Correcting and deleting history entries: only those the user wrote."""

from __future__ import annotations

import pytest

from db import contacts, followups, history
from db.followup_records import ActivityLog, NoFurtherAction
from db.store import Store
from tests.db.factories import person


def logged_call(store: Store) -> tuple[int, int, int]:
    with store.session() as session:
        kari = contacts.create_contact(session, person()).id
        logged = followups.log_activity(
            session,
            kari,
            ActivityLog("call", "Completed", "Spoke to Kari", NoFurtherAction("done")),
        )
        created = next(e.id for e in contacts.history(session, kari) if e.kind == "created")
    return kari, logged.history_id, created


def test_a_call_can_be_corrected_and_deleted(store: Store) -> None:
    kari, call, _created = logged_call(store)
    with store.session() as session:
        assert (
            history.update_history_entry(
                session, call, " Spoke to Kari's assistant ", "Left message"
            )
            == kari
        )
    with store.session() as session:
        entry = next(e for e in contacts.history(session, kari) if e.id == call)
        assert (entry.text, entry.result) == ("Spoke to Kari's assistant", "Left message")
        history.delete_history_entry(session, call)
    with store.session() as session:
        assert [e.kind for e in contacts.history(session, kari)] == ["created"]


def test_entries_cardfile_wrote_stay_as_they_are(store: Store) -> None:
    _kari, _call, created = logged_call(store)
    with store.session() as session:
        with pytest.raises(ValueError, match="written by Cardfile"):
            history.update_history_entry(session, created, "changed", "")
        with pytest.raises(ValueError, match="written by Cardfile"):
            history.delete_history_entry(session, created)
        with pytest.raises(LookupError):
            history.delete_history_entry(session, 999)


def test_correcting_the_latest_calls_result_updates_the_contact(store: Store) -> None:
    from db.validation import InvalidContactError

    kari, call, _created = logged_call(store)
    with store.session() as session:
        history.update_history_entry(session, call, "Spoke to Kari", "Meeting booked")
    with store.session() as session:
        assert contacts.get_contact(session, kari).fields.last_result == "Meeting booked"
        with pytest.raises(InvalidContactError, match="needs a result"):
            history.update_history_entry(session, call, "Spoke to Kari", " ")
