"""Follow-ups as plain data: what the Log dialog gathers, what the panel shows, the quick dates,
and the checks on a log. No database here, so the screens can use it before SQLAlchemy loads."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from db.records import FieldError

ACTION_KINDS = ("call", "meeting", "to-do", "letter", "e-mail")
LOG_KINDS = ("call", "meeting", "note")
DEFAULT_RESULTS = (
    "Completed",
    "Left message",
    "No answer",
    "Wrong number",
    "Not interested",
    "Meeting booked",
    "Sent information",
)
DEFAULT_ACTIVE_STATUSES = ("Lead", "Prospect", "Customer")
QUICK_CHOICES = ("tomorrow", "in 3 days", "next week", "in 2 weeks", "next month")
UPCOMING_DAYS = 7
SECTION_ROWS = 200


class FollowUpClosedError(ValueError):
    """The follow-up was done or removed meanwhile (elsewhere in the window, or by the command
    line); the message says so in words."""


@dataclass(frozen=True)
class KeepScheduled:
    """A note that leaves the contact's next action as it is."""


@dataclass(frozen=True)
class NextAction:
    kind: str
    description: str
    due_on: date
    due_time: time | None = None


@dataclass(frozen=True)
class NoFurtherAction:
    """Ending with nothing scheduled, on purpose, and why."""

    reason: str


@dataclass(frozen=True)
class ActivityLog:
    """What the Log dialog gathers: what happened, and what happens next."""

    kind: str  # call, meeting or note
    result: str
    note: str
    next: NextAction | NoFurtherAction | KeepScheduled
    closes: int | None = None  # the open follow-up this activity did


@dataclass(frozen=True)
class LoggedActivity:
    history_id: int
    closed_id: int | None
    scheduled_id: int | None


@dataclass(frozen=True)
class FollowUp:
    id: int
    contact_id: int
    contact_name: str
    company: str
    phone: str
    kind: str
    description: str
    due_on: date
    due_at: datetime | None  # local, aware; None for a follow-up without a time

    @property
    def when(self) -> str:
        """'Tue 24 Nov', or 'Tue 24 Nov 09:30' for a timed one (its moment, in local time)."""
        if self.due_at is not None:
            return f"{self.due_at:%a %d %b %H:%M}"
        return f"{self.due_on:%a %d %b}"

    @property
    def what(self) -> str:
        return f"{self.kind.capitalize()}: {self.description}" if self.description else self.kind


@dataclass(frozen=True)
class IdleContact:
    """An active contact with no next action scheduled: a dropped ball."""

    contact_id: int
    contact_name: str
    company: str
    phone: str
    status: str


@dataclass(frozen=True)
class Section:
    count: int
    rows: tuple[FollowUp, ...]


@dataclass(frozen=True)
class FollowUpPanel:
    overdue: Section
    today: Section
    upcoming: Section
    no_next_action_count: int
    no_next_action: tuple[IdleContact, ...]


def quick_date(choice: str, start: date, *, skip_weekends: bool = True) -> date:
    """The date a quick choice means from `start`; a Saturday or Sunday moves to the Monday."""
    if choice == "tomorrow":
        due = start + timedelta(days=1)
    elif choice == "in 3 days":
        due = start + timedelta(days=3)
    elif choice == "next week":
        due = start + timedelta(days=7)
    elif choice == "in 2 weeks":
        due = start + timedelta(days=14)
    elif choice == "next month":
        month = start.month % 12 + 1
        year = start.year + (start.month == 12)
        due = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    else:
        raise ValueError(f"'{choice}' is not a quick choice ({', '.join(QUICK_CHOICES)})")
    if skip_weekends and due.weekday() >= 5:
        due += timedelta(days=7 - due.weekday())
    return due


def validate_log(log: ActivityLog) -> list[FieldError]:
    errors = []
    if log.kind not in LOG_KINDS:
        errors.append(FieldError("Kind", f"'{log.kind}' is not one of {', '.join(LOG_KINDS)}"))
    if log.kind != "note" and not log.result.strip():
        errors.append(FieldError("Result", "say how it went"))
    if log.kind == "note" and not log.note.strip():
        errors.append(FieldError("Note", "a note needs some text"))
    if isinstance(log.next, NoFurtherAction):
        if not log.next.reason.strip():
            errors.append(FieldError("Next action", "say why there is no further action"))
    elif isinstance(log.next, KeepScheduled):
        pass  # whether there is anything to keep is the database's to say
    else:
        errors.extend(validate_action(log.next))
    return errors


def validate_action(action: NextAction) -> list[FieldError]:
    if action.kind not in ACTION_KINDS:
        return [
            FieldError("Next action", f"'{action.kind}' is not one of {', '.join(ACTION_KINDS)}")
        ]
    return []
