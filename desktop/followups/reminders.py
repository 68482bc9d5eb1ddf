"""Reminders: a timed follow-up pops up when its moment comes while Cardfile is open, with snooze.

A tray notification where the platform has a tray; always a small window that stays open until
it is dealt with (it does not block the rest of Cardfile).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from db.clock import Clock, SystemClock, now_utc_naive
from db.followup_records import FollowUp
from desktop.operations import Operations
from desktop.store_events import ChangeSet

CHECK_MS = 30_000
SNOOZES = (("10 minutes", 10), ("1 hour", 60), ("Tomorrow", 24 * 60))


class ReminderWindow(QDialog):
    openContactRequested = Signal(int)
    snoozeRequested = Signal(int, int)  # follow-up id, minutes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reminder — Cardfile")
        self.setModal(False)
        self.heading = QLabel()
        self.list = QListWidget()
        self.followups: list[FollowUp] = []
        buttons = QHBoxLayout()
        for label, minutes in SNOOZES:
            button = QPushButton(
                f"Snooze {label.lower()}" if minutes < 1440 else "Snooze till tomorrow"
            )
            button.clicked.connect(lambda _=False, m=minutes: self._snooze(m))
            buttons.addWidget(button)
        self.open_button = QPushButton("&Open contact")
        self.open_button.clicked.connect(self._open)
        dismiss = QPushButton("&Dismiss")
        dismiss.clicked.connect(self._dismiss)
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        buttons.addWidget(dismiss)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(560, 260)

    def add(self, due: list[FollowUp]) -> None:
        known = {f.id for f in self.followups}
        for followup in due:
            if followup.id not in known:
                self.followups.append(followup)
                self.list.addItem(
                    f"{followup.when}  {followup.contact_name} — {followup.what}  {followup.phone}"
                )
        self.heading.setText(f"<b>Due now</b> ({len(self.followups)})")
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.show()
        self.raise_()

    def keep(self, ids: list[int]) -> None:
        """Keep only the reminders for these follow-ups."""
        for row in reversed(range(len(self.followups))):
            if self.followups[row].id not in ids:
                self.list.takeItem(row)
                self.followups.pop(row)
        self.heading.setText(f"<b>Due now</b> ({len(self.followups)})")
        if not self.followups:
            self.hide()

    def current(self) -> FollowUp | None:
        row = self.list.currentRow()
        return self.followups[row] if 0 <= row < len(self.followups) else None

    def _take_current(self) -> FollowUp | None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.followups):
            return None
        self.list.takeItem(row)
        followup = self.followups.pop(row)
        self.heading.setText(f"<b>Due now</b> ({len(self.followups)})")
        if not self.followups:
            self.hide()
        return followup

    def _snooze(self, minutes: int) -> None:
        followup = self._take_current()
        if followup is not None:
            self.snoozeRequested.emit(followup.id, minutes)

    def _open(self) -> None:
        followup = self.current()
        if followup is not None:
            self.openContactRequested.emit(followup.contact_id)

    def _dismiss(self) -> None:
        self._take_current()


class Reminders(QObject):
    """Looks every half minute for timed follow-ups that have come due since the last look."""

    windowMade = Signal(object)  # the ReminderWindow, made when first needed

    def __init__(self, window: QWidget, ops: Operations, clock: Clock | None = None) -> None:
        super().__init__(window)
        self.ops = ops
        self.clock = clock or SystemClock()
        self.last_look = now_utc_naive(self.clock)
        self._parent = window
        self._window: ReminderWindow | None = None  # made when the first reminder comes
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def window(self) -> ReminderWindow:
        if self._window is None:
            self._window = ReminderWindow(self._parent)
            self._window.snoozeRequested.connect(self.snooze)
            self.windowMade.emit(self._window)
        return self._window

    def check(self) -> list[FollowUp]:
        from sqlalchemy.exc import SQLAlchemyError

        from db.followups import due_reminders

        now = now_utc_naive(self.clock)
        try:
            due = self.ops.read(
                lambda session: due_reminders(session, self.last_look, now, self.clock)
            )
        except SQLAlchemyError:  # locked for a moment: look again at the next tick
            return []
        self.last_look = now
        if due:
            self.window.add(due)
            if self.tray is not None:
                first = due[0]
                self.tray.show()
                self.tray.showMessage("Cardfile", f"{first.contact_name}: {first.what}")
        return due

    def store_changed(self, change: ChangeSet) -> None:
        """Take rows done or removed elsewhere off the reminder window; start afresh when
        another database is opened."""
        if self._window is None:
            if change.store_replaced:
                self.last_look = now_utc_naive(self.clock)
            return
        if change.store_replaced:
            self.window.keep([])
            self.last_look = now_utc_naive(self.clock)
        elif (change.followups or change.contact_ids) and self.window.followups:
            from db.followups import still_open

            ids = [f.id for f in self.window.followups]
            self.window.keep(self.ops.read(lambda session: still_open(session, ids)))

    def snooze(self, followup_id: int, minutes: int) -> None:
        from db.followups import snooze

        self.ops.write(
            "snooze the reminder",
            lambda session: snooze(session, followup_id, minutes, self.clock),
            ChangeSet(followups=True),
        )
