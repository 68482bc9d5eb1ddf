"""Fixtures and helpers for the follow-up window tests: a clock stopped on a Monday morning in
Oslo, three people with follow-ups, and a way to answer the Log dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QTreeWidgetItem

from db.clock import FixedClock
from desktop.followups.log_dialog import LogDialog
from desktop.main_window import MainWindow
from tests.desktop.window_support import answer_modal

OSLO = ZoneInfo("Europe/Oslo")
MONDAY_MORNING = FixedClock(datetime(2026, 11, 23, 8, 0, tzinfo=OSLO), OSLO)
TODAY = date(2026, 11, 23)


def item_named(window: MainWindow, section: str, name: str) -> QTreeWidgetItem:
    parent = window.followup_panel.sections[section]
    for n in range(parent.childCount()):
        child = parent.child(n)
        if child is not None and child.text(0) == name:
            return child
    raise AssertionError(f"{name} is not under {section}")


def answer_log_dialog(then: Callable[[LogDialog], None]) -> list[str]:
    """Deal with the Log dialog when it opens; returns its window title once it has."""
    return answer_modal(LogDialog, then)


class MovableClock:
    """A clock the test moves forward."""

    def __init__(self, local: str) -> None:
        self.at = datetime.fromisoformat(local).replace(tzinfo=OSLO)
        self.zone = OSLO

    def now(self) -> datetime:
        return self.at.astimezone(ZoneInfo("UTC"))

    def advance(self, minutes: int) -> None:
        from datetime import timedelta

        self.at += timedelta(minutes=minutes)
