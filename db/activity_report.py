"""The "My activity" report: what was done in a date range, and who was left with nothing next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from db.clock import Clock, SystemClock, local_to_utc, utc_to_local
from db.contact_keys import list_name
from db.followup_records import IdleContact
from db.followups import follow_up_panel
from db.models import ContactRow, FollowUpRow, HistoryRow

LOGGED_KINDS = ("call", "meeting")


@dataclass(frozen=True)
class ReportLine:
    when: datetime  # local
    contact: str
    kind: str
    result: str
    text: str


@dataclass(frozen=True)
class ActivityReport:
    start: date
    end: date
    logged: tuple[ReportLine, ...]  # calls and meetings
    completed: tuple[ReportLine, ...]  # follow-ups done
    scheduled: tuple[ReportLine, ...]  # follow-ups made
    no_next_action_count: int
    no_next_action: tuple[IdleContact, ...]


def activity_report(
    session: Session, start: date, end: date, clock: Clock | None = None
) -> ActivityReport:
    """Everything between the start of `start` and the end of `end`, in the user's calendar."""
    if end < start:
        raise ValueError(f"The report ends ({end}) before it starts ({start})")
    clock = clock or SystemClock()
    first_local = datetime.combine(start, time(0, 0))
    after_local = datetime.combine(end + timedelta(days=1), time(0, 0))
    first_utc = local_to_utc(start, time(0, 0), clock)
    after_utc = local_to_utc(end + timedelta(days=1), time(0, 0), clock)
    name = (ContactRow.first_name, ContactRow.middle_name, ContactRow.last_name, ContactRow.company)
    logged = session.execute(
        select(HistoryRow.occurred_at, *name, HistoryRow.kind, HistoryRow.result, HistoryRow.text)
        .join(ContactRow, ContactRow.id == HistoryRow.contact_id)
        .where(
            HistoryRow.kind.in_(LOGGED_KINDS),
            HistoryRow.occurred_at >= first_local,
            HistoryRow.occurred_at < after_local,
        )
        .order_by(HistoryRow.occurred_at, HistoryRow.id)
    )

    def followups(done: bool) -> list[ReportLine]:
        column = FollowUpRow.done_at if done else FollowUpRow.created_at
        rows = session.execute(
            select(column, *name, FollowUpRow.kind, FollowUpRow.result, FollowUpRow.description)
            .join(ContactRow, ContactRow.id == FollowUpRow.contact_id)
            .where(and_(column >= first_utc, column < after_utc))
            .order_by(column, FollowUpRow.id)
        )
        return [
            ReportLine(utc_to_local(r[0], clock).replace(tzinfo=None), _name(r), r[5], r[6], r[7])
            for r in rows
            if r[0] is not None
        ]

    panel = follow_up_panel(session, clock, rows=50)
    return ActivityReport(
        start=start,
        end=end,
        logged=tuple(ReportLine(r[0], _name(r), r[5], r[6], r[7]) for r in logged),
        completed=tuple(followups(done=True)),
        scheduled=tuple(followups(done=False)),
        no_next_action_count=panel.no_next_action_count,
        no_next_action=panel.no_next_action,
    )


def _name(row: tuple[object, ...]) -> str:
    first, middle, last, company = (str(v or "") for v in row[1:5])
    return list_name(first, middle, last) or company
