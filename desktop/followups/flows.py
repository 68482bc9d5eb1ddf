"""What the follow-up actions do: the Log dialog and its one-transaction save, rescheduling and
removing, and keeping the panel and the counts fresh. The main window connects them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from db.clock import Clock, SystemClock, today
from db.followup_records import FollowUp, FollowUpPanel, quick_date
from db.validation import InvalidContactError
from desktop import settings as keys
from desktop.followups.panel import PICK_A_DATE, FollowUpPanelWidget
from desktop.operations import Operations
from desktop.settings import Settings
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REFRESH_MS = 60_000  # overdue items roll forward at midnight without anyone touching anything


class FollowUpFlows(QObject):
    countsChanged = Signal(str)

    def __init__(
        self,
        window: QWidget,
        panel: FollowUpPanelWidget,
        ops: Operations,
        settings: Settings,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.ops = ops
        self.settings = settings
        self.clock = clock or SystemClock()
        self.last: FollowUpPanel | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        panel.rescheduleRequested.connect(self.reschedule)

    def refresh(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from db.followups import follow_up_panel

        try:
            self.last = self.ops.read(lambda session: follow_up_panel(session, self.clock))
        except SQLAlchemyError:  # locked for a moment: the timer tries again in a minute
            self.countsChanged.emit("Follow-ups could not be read just now")
            return
        self.panel.show_panel(self.last)
        self.countsChanged.emit(counts_text(self.last))

    def open_for(self, contact_id: int) -> list[FollowUp]:
        from db.followups import open_followups

        return self.ops.read(lambda session: open_followups(session, contact_id, self.clock))

    def log(self, kind: str, contact_id: int, contact_name: str, due: FollowUp | None) -> bool:
        """Ask what happened and what is next, and save it all as one action. True when saved."""
        from db.followups import log_activity, results, still_open
        from desktop.followups.log_dialog import LogDialog, Remembered

        scheduled = self.open_for(contact_id)
        if due is None and kind != "note" and scheduled:
            due = scheduled[0]  # the call most likely did the next thing that was planned
        remembered = Remembered(
            next_kind=self.settings.get(keys.LOG_NEXT_KIND),
            quick=self.settings.get(keys.LOG_QUICK_CHOICE),
        )
        activity, remember = LogDialog.ask(
            self.window,
            kind=kind,
            contact_name=contact_name,
            results=self.ops.read(results),
            due=due,
            remembered=remembered,
            today=today(self.clock),
            # What a note (or a call that completes something else) can leave as it is.
            scheduled=next((f for f in scheduled if due is None or f.id != due.id), None),
        )
        self.settings.set(keys.LOG_NEXT_KIND, remember.next_kind)
        self.settings.set(keys.LOG_QUICK_CHOICE, remember.quick)
        if activity is None:
            return False

        def save(session: Session) -> object:
            logged = activity
            if logged.closes is not None and not still_open(session, [logged.closes]):
                logged = replace(logged, closes=None)  # done elsewhere meanwhile: keep the note
            return log_activity(session, contact_id, logged, self.clock)

        try:
            done = self.ops.write(
                f"log the {kind}",
                save,
                ChangeSet(contact_ids=frozenset({contact_id}), followups=True),
            )
        except InvalidContactError as invalid:  # e.g. "keep" with nothing left to keep
            prompts.show_error(self.window, "Not logged", "\n".join(str(e) for e in invalid.errors))
            return False
        return done is not None

    def reschedule(self, followup_id: int, choice: str) -> None:
        from db.followups import reschedule

        if choice == PICK_A_DATE:
            from db.followups import followup_day

            current = self.ops.read(lambda session: followup_day(session, followup_id))
            picked = prompts.choose_date(self.window, "Reschedule to", current or today(self.clock))
            if picked is None:
                return
            new_day = picked
        else:
            new_day = quick_date(choice, today(self.clock))
        self.ops.write(
            "reschedule the follow-up",
            lambda session: reschedule(session, followup_id, new_day, None, self.clock),
            ChangeSet(followups=True),
        )

    def edit(self, followup: FollowUp) -> None:
        """Change what a follow-up is and when, from the contact's Follow-ups tab."""
        from db.followups import edit_followup
        from desktop.followups.edit_dialog import EditFollowUpDialog

        action = EditFollowUpDialog.ask(self.window, followup)
        if action is not None:
            self.ops.write(
                "change the follow-up",
                lambda session: edit_followup(session, followup.id, action, self.clock),
                ChangeSet(followups=True),
            )

    def choose_active_statuses(self) -> None:
        """Which statuses' contacts must always have a next action (No next action section)."""
        from db.followups import active_statuses, set_active_statuses
        from db.store_settings import statuses

        every = self.ops.read(statuses)
        current = self.ops.read(active_statuses)
        chosen = prompts.choose_many(
            self.window,
            "Contacts that need a next action",
            "Contacts with these statuses show under “No next action” when nothing is scheduled:",
            [*every, *(status for status in current if status not in every)],
            current,
        )
        if chosen is not None and chosen != current:
            self.ops.write(
                "change which contacts need a next action",
                lambda session: set_active_statuses(session, chosen),
                ChangeSet(followups=True),
            )

    def remove(self, followup: FollowUp) -> None:
        from db.followups import remove_followup

        if prompts.confirm(
            self.window,
            "Remove follow-up",
            f"Remove “{followup.what}” ({followup.when}) without doing it?",
            "Remove",
        ):
            self.ops.write(
                "remove the follow-up",
                lambda session: remove_followup(session, followup.id, self.clock),
                ChangeSet(followups=True),
            )

    def write_report(self) -> Path | None:
        """Tools ▸ My Activity Report: the period, where to save it, then the PDF."""
        from db.activity_report import activity_report
        from desktop.printing.activity_pdf import write_activity_pdf

        day = today(self.clock)
        period = prompts.choose_date_range(
            self.window, "My activity report", day.replace(day=1), day
        )
        if period is None:
            return None
        start, end = period
        if end < start:
            prompts.show_error(
                self.window, "My activity report", "The period ends before it starts."
            )
            return None
        path = prompts.choose_save_path(
            self.window,
            "Save the report",
            Path.home() / f"activity-{start}-{end}.pdf",
            "PDF files (*.pdf)",
        )
        if path is None:
            return None
        report = self.ops.read(lambda session: activity_report(session, start, end, self.clock))
        try:
            return write_activity_pdf(report, path)
        except OSError as exc:
            prompts.show_error(self.window, "My activity report", f"Could not write {path}: {exc}")
            return None


def counts_text(panel: FollowUpPanel) -> str:
    return (
        f"{panel.overdue.count:,} overdue · {panel.today.count:,} today · "
        f"{panel.upcoming.count:,} this week · {panel.no_next_action_count:,} with no next action"
    )
