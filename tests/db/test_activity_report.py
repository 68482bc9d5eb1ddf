"""The "My activity" report: what falls in the period, in the user's calendar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from db import contacts, followups
from db.activity_report import activity_report
from db.clock import FixedClock
from db.followup_records import ActivityLog, NextAction, NoFurtherAction
from db.store import Store
from tests.db.factories import person

OSLO = ZoneInfo("Europe/Oslo")


def at(local: str) -> FixedClock:
    return FixedClock(datetime.fromisoformat(local).replace(tzinfo=OSLO), OSLO)


def test_the_report_holds_what_happened_in_the_period(store: Store) -> None:
    with store.session() as session:
        kari = contacts.create_contact(session, person("Kari", status="Customer")).id
        ola = contacts.create_contact(session, person("Ola", status="Prospect")).id
        due = followups.schedule(
            session, kari, NextAction("call", "Quote", date(2026, 11, 3)), at("2026-10-20 10:00")
        )
    with store.session() as session:
        followups.log_activity(  # the last minute before the period: left out
            session,
            ola,
            ActivityLog("call", "No answer", "Too early", NoFurtherAction("x")),
            at("2026-10-31 23:59"),
        )
        followups.log_activity(  # the first minute of the period: kept
            session,
            ola,
            ActivityLog("call", "No answer", "Just in time", NoFurtherAction("x")),
            at("2026-11-01 00:00"),
        )
        followups.log_activity(
            session,
            kari,
            ActivityLog(
                "call",
                "Completed",
                "Agreed on 40 units",
                NextAction("meeting", "Sign", date(2026, 11, 10)),
                due,
            ),
            at("2026-11-03 09:15"),
        )
        followups.log_activity(  # the last minute of the period: kept
            session,
            ola,
            ActivityLog("meeting", "Completed", "Demo went well", NoFurtherAction("Signed")),
            at("2026-11-30 23:59"),
        )
    with store.session() as session:
        report = activity_report(
            session, date(2026, 11, 1), date(2026, 11, 30), at("2026-12-01 08:00")
        )
    assert [(line.contact, line.kind, line.text) for line in report.logged] == [
        ("Nordmann, Ola", "call", "Just in time\nNo further action: x"),
        ("Nordmann, Kari", "call", "Agreed on 40 units"),
        ("Nordmann, Ola", "meeting", "Demo went well\nNo further action: Signed"),
    ]
    assert [(line.contact, line.text, line.result) for line in report.completed] == [
        ("Nordmann, Kari", "Quote", "Completed")
    ]
    assert report.completed[0].when == datetime(2026, 11, 3, 9, 15)  # local time
    assert [(line.kind, line.text) for line in report.scheduled] == [("meeting", "Sign")]
    assert report.no_next_action_count == 1
    assert [c.contact_name for c in report.no_next_action] == ["Nordmann, Ola"]


def test_a_period_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(ValueError, match="ends"):
        activity_report(session, date(2026, 11, 30), date(2026, 11, 1))
