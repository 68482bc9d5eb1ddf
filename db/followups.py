"""Follow-ups: the mantra after every call — note what happened, decide the next action, date it.

`log_activity` does all three in one transaction; `follow_up_panel` says each morning what is
overdue, due today and coming this week, and which active contacts have no next action at all.
Untimed follow-ups belong to a calendar day; timed ones to a moment (stored in UTC, shown local).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, select, text, update
from sqlalchemy.orm import Session

from db.clock import (
    Clock,
    SystemClock,
    local_to_utc,
    now_utc_naive,
    today,
    utc_to_local,
)
from db.contact_keys import list_name
from db.contacts import ContactNotFoundError, add_history
from db.followup_records import (
    DEFAULT_ACTIVE_STATUSES,
    DEFAULT_RESULTS,
    SECTION_ROWS,
    UPCOMING_DAYS,
    ActivityLog,
    FollowUp,
    FollowUpClosedError,
    FollowUpPanel,
    IdleContact,
    KeepScheduled,
    LoggedActivity,
    NextAction,
    NoFurtherAction,
    Section,
    validate_action,
    validate_log,
)
from db.models import ContactRow, FollowUpRow
from db.records import FieldError
from db.store_settings import get_setting, set_setting
from db.validation import InvalidContactError

RESULTS_KEY = "followups.results"
ACTIVE_STATUSES_KEY = "followups.active_statuses"
OPEN = and_(FollowUpRow.done_at.is_(None), FollowUpRow.removed_at.is_(None))


def results(session: Session) -> list[str]:
    """The results a call or meeting can have: an editable list kept in the database."""
    stored = get_setting(session, RESULTS_KEY)
    return json.loads(stored) if stored else list(DEFAULT_RESULTS)


def set_results(session: Session, names: list[str]) -> None:
    cleaned = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not cleaned:
        raise ValueError("Keep at least one result")
    set_setting(session, RESULTS_KEY, json.dumps(cleaned))


def active_statuses(session: Session) -> list[str]:
    """Statuses whose contacts should always have a next action (a setting)."""
    stored = get_setting(session, ACTIVE_STATUSES_KEY)
    return json.loads(stored) if stored else list(DEFAULT_ACTIVE_STATUSES)


def set_active_statuses(session: Session, names: list[str]) -> None:
    set_setting(session, ACTIVE_STATUSES_KEY, json.dumps(list(dict.fromkeys(names))))


def log_activity(
    session: Session, contact_id: int, log: ActivityLog, clock: Clock | None = None
) -> LoggedActivity:
    """Record a call, meeting or note, close the follow-up it did, schedule the next: one action."""
    clock = clock or SystemClock()
    errors = validate_log(log)
    if errors:
        raise InvalidContactError(errors)
    contact = _live_contact(session, contact_id)
    if isinstance(log.next, KeepScheduled):
        others = select(func.count()).where(
            OPEN, FollowUpRow.contact_id == contact.id, FollowUpRow.id != (log.closes or 0)
        )
        if not session.scalar(others):
            raise InvalidContactError(
                [FieldError("Next action", "nothing else is scheduled: choose the next action")]
            )
    stamp = now_utc_naive(clock)
    closed_id = None
    if log.closes is not None:
        row = session.get(FollowUpRow, log.closes)
        if row is None or row.contact_id != contact_id or row.done_at or row.removed_at:
            raise FollowUpClosedError("That follow-up is not open for this contact any more")
        row.done_at, row.result, closed_id = stamp, log.result or "Done", row.id
    text = log.note.strip()
    if isinstance(log.next, NoFurtherAction):
        text += f"\nNo further action: {log.next.reason.strip()}"
    history = add_history(
        session,
        contact_id,
        log.kind,
        text.strip(),
        result=log.result.strip(),
        occurred_at=utc_to_local(stamp, clock).replace(tzinfo=None),
    )
    if log.result.strip():
        contact.last_result = log.result.strip()
    scheduled_id = None
    if isinstance(log.next, NextAction):
        scheduled_id = schedule(session, contact_id, log.next, clock)
    sync_next_follow_up(session, contact_id)
    return LoggedActivity(history.id, closed_id, scheduled_id)


def schedule(
    session: Session, contact_id: int, action: NextAction, clock: Clock | None = None
) -> int:
    clock = clock or SystemClock()
    errors = validate_action(action)
    if errors:
        raise InvalidContactError(errors)
    _live_contact(session, contact_id)
    row = FollowUpRow(
        contact_id=contact_id,
        kind=action.kind,
        description=action.description.strip(),
        due_on=action.due_on,
        due_at=local_to_utc(action.due_on, action.due_time, clock) if action.due_time else None,
        created_at=now_utc_naive(clock),
        result="",
    )
    session.add(row)
    sync_next_follow_up(session, contact_id)
    return row.id


def reschedule(
    session: Session,
    followup_id: int,
    due_on: date,
    due_time: time | None = None,
    clock: Clock | None = None,
) -> None:
    """Move an open follow-up to another day; a timed one keeps its time unless `due_time` says
    otherwise."""
    clock = clock or SystemClock()
    row = _open_followup(session, followup_id)
    if due_time is None and row.due_at is not None:
        due_time = utc_to_local(row.due_at, clock).time()
    row.due_on = due_on
    row.due_at = local_to_utc(due_on, due_time, clock) if due_time else None
    sync_next_follow_up(session, row.contact_id)


def due_reminders(
    session: Session, after: datetime, until: datetime, clock: Clock | None = None
) -> list[FollowUp]:
    """Timed open follow-ups whose moment falls in (after, until], both naive UTC: what to remind
    the user of since the last look. Contacts in the Trash are left out."""
    clock = clock or SystemClock()
    query = _followup_query().where(OPEN, FollowUpRow.due_at > after, FollowUpRow.due_at <= until)
    return [_to_followup(r, clock) for r in session.execute(query)]


def followup_day(session: Session, followup_id: int) -> date | None:
    """The day an open follow-up is due on, or None when it is no longer open."""
    return session.scalar(select(FollowUpRow.due_on).where(OPEN, FollowUpRow.id == followup_id))


def still_open(session: Session, followup_ids: list[int]) -> list[int]:
    """Which of these follow-ups are still open (and of a contact not in the Trash)."""
    return list(
        session.scalars(
            select(FollowUpRow.id)
            .join(ContactRow, ContactRow.id == FollowUpRow.contact_id)
            .where(OPEN, FollowUpRow.id.in_(followup_ids), ContactRow.deleted_at.is_(None))
        )
    )


def snooze(
    session: Session, followup_id: int, minutes: int, clock: Clock | None = None
) -> datetime:
    """Remind again `minutes` from now; returns the new moment (naive UTC)."""
    clock = clock or SystemClock()
    row = _open_followup(session, followup_id)
    moment = now_utc_naive(clock) + timedelta(minutes=minutes)
    row.due_at = moment
    row.due_on = utc_to_local(moment, clock).date()
    sync_next_follow_up(session, row.contact_id)
    return moment


def edit_followup(
    session: Session, followup_id: int, action: NextAction, clock: Clock | None = None
) -> None:
    """Change what an open follow-up is (kind, description) and when (day, time)."""
    clock = clock or SystemClock()
    errors = validate_action(action)
    if errors:
        raise InvalidContactError(errors)
    row = _open_followup(session, followup_id)
    row.kind, row.description, row.due_on = action.kind, action.description.strip(), action.due_on
    row.due_at = local_to_utc(action.due_on, action.due_time, clock) if action.due_time else None
    sync_next_follow_up(session, row.contact_id)


def remove_followup(session: Session, followup_id: int, clock: Clock | None = None) -> None:
    row = _open_followup(session, followup_id)
    row.removed_at = now_utc_naive(clock or SystemClock())
    sync_next_follow_up(session, row.contact_id)


def open_followups(session: Session, contact_id: int, clock: Clock | None = None) -> list[FollowUp]:
    """A contact's open follow-ups, soonest first."""
    clock = clock or SystemClock()
    query = _followup_query().where(OPEN, FollowUpRow.contact_id == contact_id)
    return [_to_followup(r, clock) for r in session.execute(query)]


def follow_up_panel(
    session: Session, clock: Clock | None = None, *, rows: int = SECTION_ROWS
) -> FollowUpPanel:
    """What is overdue, due today and due in the coming week, with counts; and the active
    contacts that have no next action. Contacts in the Trash are left out.

    An untimed follow-up belongs to its day in the user's calendar (`due_on`); a timed one to its
    moment (`due_at`, UTC), seen in the zone the laptop is in now. Each section is a range of an
    index of the open follow-ups, so the panel stays quick with hundreds of thousands of them.
    """
    clock = clock or SystemClock()
    day = today(clock)
    now = now_utc_naive(clock)
    week_ends = day + timedelta(days=UPCOMING_DAYS)
    due_on, due_at = FollowUpRow.due_on, FollowUpRow.due_at
    untimed = due_at.is_(None)
    # A timed follow-up goes by its moment, wherever the laptop is; an untimed one by its day.
    tomorrow_starts = local_to_utc(day + timedelta(days=1), time(0, 0), clock)
    week_after_starts = local_to_utc(week_ends + timedelta(days=1), time(0, 0), clock)
    # Each section as ranges over (due_on, due_at), earliest first.
    sections = {
        "overdue": (and_(untimed, due_on < day), due_at < now),
        "today": (and_(untimed, due_on == day), and_(due_at >= now, due_at < tomorrow_starts)),
        "upcoming": (
            and_(untimed, due_on > day, due_on <= week_ends),
            and_(due_at >= tomorrow_starts, due_at < week_after_starts),
        ),
    }
    built = {
        name: Section(
            sum(_count(session, part) for part in parts),
            tuple(_first_rows(session, parts, rows, clock)),
        )
        for name, parts in sections.items()
    }
    idle_count, idle = _no_next_action(session, rows)
    return FollowUpPanel(
        built["overdue"], built["today"], built["upcoming"], idle_count, tuple(idle)
    )


def _count(session: Session, part: ColumnElement[bool]) -> int:
    """Open follow-ups in one range, less those of contacts in the Trash (a short list)."""
    everyone = session.scalar(select(func.count()).select_from(FollowUpRow).where(OPEN, part))
    trashed = select(ContactRow.id).where(ContactRow.deleted_at.is_not(None))
    in_trash = session.scalar(
        select(func.count())
        .select_from(FollowUpRow)
        .where(OPEN, part, FollowUpRow.contact_id.in_(trashed))
    )
    return (everyone or 0) - (in_trash or 0)


def _first_rows(
    session: Session, parts: tuple[ColumnElement[bool], ...], rows: int, clock: Clock
) -> list[FollowUp]:
    found: list[FollowUp] = []
    for n, part in enumerate(parts):
        # The first range of each section is the untimed one, the second the timed: each comes
        # in its own index's order, so nothing needs sorting.
        order = (FollowUpRow.due_on, FollowUpRow.due_at) if n == 0 else (FollowUpRow.due_at,)
        query = (_followup_query().order_by(None).order_by(*order).where(OPEN, part)).limit(
            rows - len(found)
        )
        found.extend(_to_followup(r, clock) for r in session.execute(query))
        if len(found) >= rows:
            break
    return found


def _no_next_action(session: Session, rows: int) -> tuple[int, list[IdleContact]]:
    # SQLite-specific, like db.search: its planner would take the status index and visit every
    # contact of those statuses; INDEXED BY names the partial index of contacts with nothing open.
    statuses = active_statuses(session)
    marks = ", ".join(f":s{n}" for n in range(len(statuses)))
    params: dict[str, Any] = {f"s{n}": status for n, status in enumerate(statuses)}
    idle = (
        "FROM contacts INDEXED BY ix_contacts_idle WHERE deleted_at IS NULL "
        f"AND next_follow_up_on IS NULL AND status IN ({marks})"
    )
    count = session.execute(text(f"SELECT count(*) {idle}"), params).scalar_one()
    found = session.execute(
        text(
            "SELECT id, first_name, middle_name, last_name, company, list_phone, status "
            f"{idle} ORDER BY sort_name, id LIMIT :rows"
        ),
        {**params, "rows": rows},
    )
    return int(count), [
        IdleContact(
            r.id,
            list_name(r.first_name, r.middle_name, r.last_name) or r.company,
            r.company,
            r.list_phone,
            r.status,
        )
        for r in found
    ]


def sync_next_follow_up(session: Session, contact_id: int) -> None:
    """Keep `contacts.next_follow_up_on` (the earliest open follow-up's day) in step: the panel
    finds the contacts with no next action through it."""
    session.flush()
    earliest = (
        select(func.min(FollowUpRow.due_on))
        .where(OPEN, FollowUpRow.contact_id == contact_id)
        .scalar_subquery()
    )
    session.execute(
        update(ContactRow).where(ContactRow.id == contact_id).values(next_follow_up_on=earliest)
    )


def _followup_query() -> Any:  # a Select of the columns _to_followup reads
    return (
        select(
            FollowUpRow.id,
            FollowUpRow.contact_id,
            ContactRow.first_name,
            ContactRow.middle_name,
            ContactRow.last_name,
            ContactRow.company,
            ContactRow.list_phone,
            FollowUpRow.kind,
            FollowUpRow.description,
            FollowUpRow.due_on,
            FollowUpRow.due_at,
        )
        .join(ContactRow, ContactRow.id == FollowUpRow.contact_id)
        .where(ContactRow.deleted_at.is_(None))
        .order_by(FollowUpRow.due_on, FollowUpRow.due_at, FollowUpRow.id)
    )


def _to_followup(r: Row[Any], clock: Clock) -> FollowUp:
    return FollowUp(
        id=r.id,
        contact_id=r.contact_id,
        contact_name=list_name(r.first_name, r.middle_name, r.last_name) or r.company,
        company=r.company,
        phone=r.list_phone,
        kind=r.kind,
        description=r.description,
        due_on=r.due_on,
        due_at=utc_to_local(r.due_at, clock) if r.due_at else None,
    )


def _live_contact(session: Session, contact_id: int) -> ContactRow:
    contact = session.get(ContactRow, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise ContactNotFoundError(contact_id)
    return contact


def _open_followup(session: Session, followup_id: int) -> FollowUpRow:
    row = session.get(FollowUpRow, followup_id)
    if row is None or row.done_at is not None or row.removed_at is not None:
        raise FollowUpClosedError("That follow-up is no longer open: it was done or removed")
    return row
