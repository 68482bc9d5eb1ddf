"""Follow-ups: logging a call in one transaction, the panel's sections across midnight and time
zones, no next action, rescheduling, and the Trash."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db import contacts, followups
from db.clock import FixedClock
from db.followup_records import ActivityLog, NextAction, NoFurtherAction, quick_date
from db.models import FollowUpRow, HistoryRow
from db.store import Store
from db.validation import InvalidContactError
from tests.db.factories import person

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")


def at(local: str, zone: ZoneInfo = OSLO) -> FixedClock:
    """A clock stopped at a local wall time, e.g. at('2026-11-23 10:00')."""
    return FixedClock(datetime.fromisoformat(local).replace(tzinfo=zone), zone)


def add_person(store: Store, status: str = "Prospect", **extra: object) -> int:
    with store.session() as session:
        return contacts.create_contact(session, person(status=status, **extra)).id


def schedule(store: Store, contact_id: int, due: str, clock: FixedClock, when: str = "") -> int:
    action = NextAction(
        "call", "Follow up", date.fromisoformat(due), time.fromisoformat(when) if when else None
    )
    with store.session() as session:
        return followups.schedule(session, contact_id, action, clock)


def sections(store: Store, clock: FixedClock) -> dict[str, list[int]]:
    with store.session() as session:
        panel = followups.follow_up_panel(session, clock)
    return {
        "overdue": [f.id for f in panel.overdue.rows],
        "today": [f.id for f in panel.today.rows],
        "upcoming": [f.id for f in panel.upcoming.rows],
    }


@pytest.mark.parametrize(
    ("choice", "start", "expected"),
    [
        ("tomorrow", "2026-11-23", "2026-11-24"),  # Monday -> Tuesday
        ("tomorrow", "2026-11-27", "2026-11-30"),  # Friday -> Monday, not Saturday
        ("in 3 days", "2026-11-26", "2026-11-30"),  # Thursday + 3 = Sunday -> Monday
        ("next week", "2026-11-23", "2026-11-30"),
        ("in 2 weeks", "2026-11-23", "2026-12-07"),
        ("next month", "2026-01-31", "2026-03-02"),  # 28 Feb is a Saturday -> Monday 2 March
        ("next month", "2026-12-15", "2027-01-15"),
    ],
)
def test_quick_choices(choice: str, start: str, expected: str) -> None:
    got = quick_date(choice, date.fromisoformat(start))
    assert got == date.fromisoformat(expected)
    assert got.weekday() < 5


def test_quick_choice_may_land_on_a_weekend_when_asked() -> None:
    assert quick_date("tomorrow", date(2026, 11, 27), skip_weekends=False) == date(2026, 11, 28)
    assert quick_date("next month", date(2024, 1, 31), skip_weekends=False) == date(2024, 2, 29)
    with pytest.raises(ValueError, match="not a quick choice"):
        quick_date("someday", date(2026, 1, 1))


def test_logging_a_call_is_one_action(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    due = schedule(store, kari, "2026-11-23", clock)
    log = ActivityLog(
        kind="call",
        result="Left message",
        note="Voicemail; she is back Thursday.",
        next=NextAction("call", "Try again", date(2026, 11, 26), time(9, 30)),
        closes=due,
    )
    with store.session() as session:
        logged = followups.log_activity(session, kari, log, clock)
    with store.session() as session:
        (entry,) = [e for e in contacts.history(session, kari) if e.kind == "call"]
        closed = session.get(FollowUpRow, due)
        scheduled = session.get(FollowUpRow, logged.scheduled_id)
        contact = contacts.get_contact(session, kari)
        still_open = followups.open_followups(session, kari, clock)
    assert (entry.kind, entry.result, entry.text) == ("call", "Left message", log.note)
    assert entry.occurred_at == datetime(2026, 11, 23, 10, 0)  # shown in local time
    assert closed is not None
    assert (closed.result, closed.done_at) == ("Left message", datetime(2026, 11, 23, 9, 0))
    assert scheduled is not None
    assert scheduled.due_at == datetime(2026, 11, 26, 8, 30)  # stored in UTC
    assert contact.fields.last_result == "Left message"
    assert [(f.id, f.due_at) for f in still_open] == [
        (logged.scheduled_id, datetime(2026, 11, 26, 9, 30, tzinfo=OSLO))
    ]


def test_no_further_action_must_say_why(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    due = schedule(store, kari, "2026-11-23", clock)
    careless = ActivityLog("call", "Not interested", "", NoFurtherAction("  "), closes=due)
    with store.session() as session, pytest.raises(InvalidContactError) as caught:
        followups.log_activity(session, kari, careless, clock)
    assert caught.value.errors[0].field == "Next action"
    with store.session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(HistoryRow).where(HistoryRow.kind == "call")
            )
            == 0
        )
        assert len(followups.open_followups(session, kari, clock)) == 1  # nothing half-done
    deliberate = ActivityLog("call", "Not interested", "", NoFurtherAction("Bought elsewhere"), due)
    with store.session() as session:
        logged = followups.log_activity(session, kari, deliberate, clock)
    assert logged.scheduled_id is None
    with store.session() as session:
        assert followups.open_followups(session, kari, clock) == []
        texts = [e.text for e in contacts.history(session, kari) if e.kind == "call"]
        assert texts == ["No further action: Bought elsewhere"]


@pytest.mark.parametrize(
    ("log", "field"),
    [
        (ActivityLog("call", "", "x", NoFurtherAction("r")), "Result"),
        (ActivityLog("note", "", "  ", NoFurtherAction("r")), "Note"),
        (ActivityLog("fax", "Completed", "", NoFurtherAction("r")), "Kind"),
        (
            ActivityLog("call", "Completed", "", NextAction("dance", "", date(2026, 1, 1))),
            "Next action",
        ),
    ],
)
def test_a_log_with_a_gap_is_refused(store: Store, log: ActivityLog, field: str) -> None:
    kari = add_person(store)
    with store.session() as session, pytest.raises(InvalidContactError) as caught:
        followups.log_activity(session, kari, log, at("2026-11-23 10:00"))
    assert caught.value.errors[0].field == field


def test_another_contacts_follow_up_cannot_be_closed(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari, ola = add_person(store), add_person(store, first_name="Ola")
    due = schedule(store, ola, "2026-11-23", clock)
    log = ActivityLog("call", "Completed", "", NoFurtherAction("done"), closes=due)
    with store.session() as session, pytest.raises(ValueError, match="not open"):
        followups.log_activity(session, kari, log, clock)
    with store.session() as session:
        assert len(followups.open_followups(session, ola, clock)) == 1
        assert [e.kind for e in contacts.history(session, kari)] == ["created"]


def test_sections_for_untimed_and_timed_follow_ups(store: Store) -> None:
    clock = at("2026-11-23 10:00")  # a Monday morning in Oslo
    kari = add_person(store)
    yesterday = schedule(store, kari, "2026-11-22", clock)
    today = schedule(store, kari, "2026-11-23", clock)
    this_morning = schedule(store, kari, "2026-11-23", clock, "09:00")  # an hour ago
    this_afternoon = schedule(store, kari, "2026-11-23", clock, "15:00")
    in_a_week = schedule(store, kari, "2026-11-30", clock)
    next_month = schedule(store, kari, "2026-12-23", clock)
    assert sections(store, clock) == {
        "overdue": [yesterday, this_morning],
        "today": [today, this_afternoon],
        "upcoming": [in_a_week],
    }
    with store.session() as session:
        panel = followups.follow_up_panel(session, clock)
    assert (panel.overdue.count, panel.today.count, panel.upcoming.count) == (2, 2, 1)
    assert all(next_month not in ids for ids in sections(store, clock).values())


def test_overdue_stays_overdue_day_after_day(store: Store) -> None:
    kari = add_person(store)
    missed = schedule(store, kari, "2026-11-02", at("2026-11-01 12:00"))
    for day in ("2026-11-03", "2026-11-20", "2027-02-01"):
        assert sections(store, at(f"{day} 08:00"))["overdue"] == [missed]


def test_midnight_moves_tomorrow_into_today(store: Store) -> None:
    kari = add_person(store)
    tomorrow = schedule(store, kari, "2026-11-24", at("2026-11-23 12:00"))
    assert sections(store, at("2026-11-23 23:59"))["upcoming"] == [tomorrow]
    assert sections(store, at("2026-11-24 00:01"))["today"] == [tomorrow]
    assert sections(store, at("2026-11-25 00:01"))["overdue"] == [tomorrow]


def test_timed_follow_ups_keep_their_moment_in_another_time_zone(store: Store) -> None:
    kari = add_person(store)
    # 09:00 on Tuesday in Oslo is 03:00 on Tuesday in New York.
    call = schedule(store, kari, "2026-11-24", at("2026-11-23 12:00"), "09:00")
    with store.session() as session:
        (shown,) = followups.open_followups(session, kari, at("2026-11-23 12:00", NEW_YORK))
    assert shown.due_at == datetime(2026, 11, 24, 3, 0, tzinfo=NEW_YORK)
    # At 20:00 on Monday in New York it is 02:00 Tuesday in Oslo: not yet due; then today.
    assert sections(store, at("2026-11-23 20:00", NEW_YORK))["upcoming"] == [call]
    assert sections(store, at("2026-11-24 02:00", NEW_YORK))["today"] == [call]
    assert sections(store, at("2026-11-24 03:01", NEW_YORK))["overdue"] == [call]


def test_trash_takes_follow_ups_off_the_panel_and_restore_brings_them_back(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    due = schedule(store, kari, "2026-11-23", clock)
    with store.session() as session:
        contacts.delete_contact(session, kari)
    with store.session() as session:
        panel = followups.follow_up_panel(session, clock)
    assert (panel.today.count, panel.today.rows, panel.no_next_action_count) == (0, (), 0)
    with store.session() as session:
        contacts.restore_contact(session, kari)
    assert sections(store, clock)["today"] == [due]


def test_no_next_action_lists_active_contacts_with_nothing_open(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    busy = add_person(store, first_name="Busy")
    idle = add_person(store, first_name="Idle", status="Customer")
    add_person(store, first_name="Vendor", status="Vendor")  # not an active status
    add_person(store, first_name="Nostatus", status="")
    due = schedule(store, busy, "2026-11-25", clock)
    with store.session() as session:
        panel = followups.follow_up_panel(session, clock)
    assert panel.no_next_action_count == 1
    assert [c.contact_id for c in panel.no_next_action] == [idle]
    assert panel.no_next_action[0].contact_name == "Nordmann, Idle"
    with store.session() as session:
        followups.remove_followup(session, due, clock)
        followups.set_active_statuses(session, ["Prospect", "Customer", "Vendor"])
    with store.session() as session:
        panel = followups.follow_up_panel(session, clock)
    assert panel.no_next_action_count == 3


def test_reschedule_moves_the_follow_up(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    due = schedule(store, kari, "2026-11-20", clock)
    assert sections(store, clock)["overdue"] == [due]
    with store.session() as session:
        followups.reschedule(
            session, due, quick_date("tomorrow", date(2026, 11, 23)), time(8, 0), clock
        )
    assert sections(store, clock)["upcoming"] == [due]
    with store.session() as session:
        (moved,) = followups.open_followups(session, kari, clock)
    assert moved.due_at == datetime(2026, 11, 24, 8, 0, tzinfo=OSLO)
    with store.session() as session:
        followups.remove_followup(session, due, clock)
    with store.session() as session, pytest.raises(ValueError, match="no longer open"):
        followups.reschedule(session, due, date(2026, 12, 1))


def test_results_are_an_editable_list(store: Store) -> None:
    with store.session() as session:
        assert followups.results(session)[:3] == ["Completed", "Left message", "No answer"]
        followups.set_results(session, ["Completed", " Voicemail ", "Completed", ""])
    with store.session() as session:
        assert followups.results(session) == ["Completed", "Voicemail"]
        with pytest.raises(ValueError, match="at least one"):
            followups.set_results(session, [" "])


def test_purge_removes_follow_ups(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    schedule(store, kari, "2026-11-24", clock)
    with store.session() as session:
        contacts.delete_contact(session, kari)
    with store.session() as session:
        contacts.purge_contact(session, kari)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(FollowUpRow)) == 0


def test_reminders_are_the_timed_follow_ups_come_due_since_the_last_look(store: Store) -> None:
    clock = at("2026-11-23 08:00")
    kari = add_person(store)
    call = schedule(store, kari, "2026-11-23", clock, "09:00")
    schedule(store, kari, "2026-11-23", clock)  # untimed: no reminder
    with store.session() as session:
        before = followups.due_reminders(
            session, datetime(2026, 11, 23, 7, 0), datetime(2026, 11, 23, 7, 59)
        )
        due = followups.due_reminders(
            session, datetime(2026, 11, 23, 7, 59), datetime(2026, 11, 23, 8, 0)
        )
    assert before == []
    assert [f.id for f in due] == [call]  # 09:00 in Oslo is 08:00 UTC
    with store.session() as session:
        moment = followups.snooze(session, call, 10, at("2026-11-23 09:01"))
    assert moment == datetime(2026, 11, 23, 8, 11)
    with store.session() as session:
        (snoozed,) = [f for f in followups.open_followups(session, kari, clock) if f.id == call]
        contacts.delete_contact(session, kari)
    assert snoozed.due_at == datetime(2026, 11, 23, 9, 11, tzinfo=OSLO)
    with store.session() as session:
        assert (
            followups.due_reminders(
                session, datetime(2026, 11, 23, 8, 0), datetime(2026, 11, 23, 9, 0)
            )
            == []
        )


def test_rescheduling_a_timed_follow_up_keeps_its_time(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    call = schedule(store, kari, "2026-11-23", clock, "09:30")
    with store.session() as session:
        followups.reschedule(session, call, date(2026, 11, 24), clock=clock)
    with store.session() as session:
        (moved,) = followups.open_followups(session, kari, clock)
    assert moved.due_at == datetime(2026, 11, 24, 9, 30, tzinfo=OSLO)


def test_the_system_clock_follows_summer_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 09:00 follow-up for July made in winter is 07:00 UTC (CEST), not 08:00 (CET)."""
    import time as clock_module

    from db.clock import SystemClock, local_to_utc, utc_to_local

    monkeypatch.setenv("TZ", "Europe/Oslo")
    clock_module.tzset()
    try:
        system = SystemClock()
        stored = local_to_utc(date(2027, 7, 1), time(9, 0), system)
        assert stored == datetime(2027, 7, 1, 7, 0)
        assert local_to_utc(date(2027, 1, 5), time(9, 0), system) == datetime(2027, 1, 5, 8, 0)
        assert utc_to_local(stored, system).hour == 9
    finally:
        monkeypatch.undo()
        clock_module.tzset()


def test_a_note_can_keep_the_plan_only_when_there_is_one(store: Store) -> None:
    from db.followup_records import KeepScheduled

    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    note = ActivityLog("note", "", "Birthday in May", KeepScheduled())
    with store.session() as session, pytest.raises(InvalidContactError, match="nothing else"):
        followups.log_activity(session, kari, note, clock)
    due = schedule(store, kari, "2026-11-25", clock)
    with store.session() as session:
        followups.log_activity(session, kari, note, clock)
    closing = ActivityLog("call", "Completed", "", KeepScheduled(), closes=due)
    with store.session() as session, pytest.raises(InvalidContactError, match="nothing else"):
        followups.log_activity(session, kari, closing, clock)


def test_a_follow_up_can_be_changed_but_only_while_open(store: Store) -> None:
    clock = at("2026-11-23 10:00")
    kari = add_person(store)
    due = schedule(store, kari, "2026-11-25", clock)
    with store.session() as session:
        followups.edit_followup(
            session, due, NextAction("meeting", "Lunch", date(2026, 11, 20), time(12, 0)), clock
        )
    assert sections(store, clock)["overdue"] == [due]
    with store.session() as session:
        contact = contacts.get_contact(session, kari)
        (shown,) = followups.open_followups(session, kari, clock)
        followups.remove_followup(session, due, clock)
    assert (shown.kind, shown.description) == ("meeting", "Lunch")
    assert contact.fields.last_name == "Nordmann"
    with store.session() as session, pytest.raises(followups.FollowUpClosedError):
        followups.edit_followup(session, due, NextAction("call", "x", date(2026, 12, 1)), clock)


def test_a_timed_follow_up_is_overdue_once_its_moment_passed_even_after_travelling(
    store: Store,
) -> None:
    kari = add_person(store)
    # Tuesday 01:00 in Oslo is Monday 19:00 in New York.
    late = schedule(store, kari, "2026-11-24", at("2026-11-23 12:00"), "01:00")
    in_new_york = {
        "18:00": "today",  # due tonight at 19:00, New York time
        "20:00": "overdue",  # its moment has passed, and the reminder has fired
    }
    for hour, section in in_new_york.items():
        found = sections(store, at(f"2026-11-23 {hour}", NEW_YORK))
        assert found[section] == [late], (hour, found)
        assert sum(len(ids) for ids in found.values()) == 1


def test_a_timed_follow_up_made_in_a_zone_behind_is_not_overdue_early(store: Store) -> None:
    kari = add_person(store)
    # Monday 20:00 in New York is Tuesday 02:00 in Oslo.
    evening = schedule(store, kari, "2026-11-23", at("2026-11-23 09:00", NEW_YORK), "20:00")
    assert sections(store, at("2026-11-24 01:00"))["today"] == [evening]  # Oslo, 01:00
    assert sections(store, at("2026-11-24 02:01"))["overdue"] == [evening]
