"""The time, as the rules about follow-ups see it: now in UTC, and the user's time zone.

Stored times are UTC; what the user sees and what "today" means are local. Tests pass a
`FixedClock` to check the rules across midnight and time zones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Now, aware, in UTC."""
        ...

    @property
    def zone(self) -> tzinfo: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    @property
    def zone(self) -> tzinfo:
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None
        return zone


@dataclass(frozen=True)
class FixedClock:
    at: datetime
    zone: tzinfo

    def now(self) -> datetime:
        return self.at.astimezone(UTC)


def today(clock: Clock) -> date:
    """The user's calendar date now."""
    return clock.now().astimezone(clock.zone).date()


def local_to_utc(day: date, at: time, clock: Clock) -> datetime:
    """A local date and time as a naive UTC datetime, as stored."""
    return datetime.combine(day, at, tzinfo=clock.zone).astimezone(UTC).replace(tzinfo=None)


def utc_to_local(stored: datetime, clock: Clock) -> datetime:
    """A stored naive UTC datetime as the user's local time (aware)."""
    return stored.replace(tzinfo=UTC).astimezone(clock.zone)


def start_of_day_utc(day: date, clock: Clock) -> datetime:
    return local_to_utc(day, time(0, 0), clock)


def now_utc_naive(clock: Clock) -> datetime:
    return clock.now().replace(tzinfo=None, microsecond=0)


def days_after(day: date, days: int) -> date:
    return day + timedelta(days=days)
