"""The time, as the rules about follow-ups see it: now in UTC, and the user's time zone.

Stored times are UTC; what the user sees and what "today" means are local. Tests pass a
`FixedClock` to check the rules across midnight and time zones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Now, aware, in UTC."""
        ...

    @property
    def zone(self) -> tzinfo | None:
        """The user's time zone; None for the operating system's own rules."""
        ...


class SystemClock:
    """The computer's clock and time zone. The zone is None on purpose: Python then applies the
    operating system's rules for each moment, summer time included, where a zone taken from
    "now" would be a fixed offset and put every winter follow-up an hour off in summer."""

    zone: tzinfo | None = None

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    at: datetime
    zone: tzinfo | None

    def now(self) -> datetime:
        return self.at.astimezone(UTC)


def _in_zone(moment: datetime, clock: Clock) -> datetime:
    """An aware moment as the user's local time."""
    return moment.astimezone(clock.zone) if clock.zone is not None else moment.astimezone()


def today(clock: Clock) -> date:
    """The user's calendar date now."""
    return _in_zone(clock.now(), clock).date()


def local_to_utc(day: date, at: time, clock: Clock) -> datetime:
    """A local date and time as a naive UTC datetime, as stored."""
    local = datetime.combine(day, at, tzinfo=clock.zone)  # naive when the zone is the system's
    return local.astimezone(UTC).replace(tzinfo=None)


def utc_to_local(stored: datetime, clock: Clock) -> datetime:
    """A stored naive UTC datetime as the user's local time (aware)."""
    return _in_zone(stored.replace(tzinfo=UTC), clock)


def now_utc_naive(clock: Clock) -> datetime:
    return clock.now().replace(tzinfo=None, microsecond=0)
