"""The Log dialog: what happened, the next action, and its date — the three steps after a call.

Keyboard first: the result list has the focus, Alt+letter picks a quick date, Ctrl+Enter saves.
Ending with no next action is a choice of its own, with a reason; it cannot happen by leaving a
field empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from db.followup_records import (
    ACTION_KINDS,
    QUICK_CHOICES,
    ActivityLog,
    FollowUp,
    KeepScheduled,
    NextAction,
    NoFurtherAction,
    quick_date,
    validate_log,
)
from desktop.widgets.dialog_buttons import accept_buttons

QUICK_LABELS = {
    "tomorrow": "&Tomorrow",
    "in 3 days": "In &3 days",
    "next week": "&Next week",
    "in 2 weeks": "In &2 weeks",
    "next month": "Next &month",
}
TITLES = {"call": "Log a call", "meeting": "Log a meeting", "note": "Add a note"}


@dataclass(frozen=True)
class Remembered:
    """What the dialog offers first next time: the last kind of next action and quick date."""

    next_kind: str = "call"
    quick: str = "next week"


class LogDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        kind: str,
        contact_name: str,
        results: list[str],
        due: FollowUp | None,
        remembered: Remembered,
        today: date,
        scheduled: FollowUp | None = None,
    ) -> None:
        """`due` is the follow-up this activity would complete; `scheduled`, the contact's
        next action that a note can leave as it is."""
        super().__init__(parent)
        self.kind = kind
        self.due = due
        self.today = today
        self.setWindowTitle(f"{TITLES[kind]} — {contact_name}")
        self.setMinimumWidth(560)

        heading = QLabel(f"<b>{TITLES[kind]}</b> with {contact_name}")
        self.closes_check = QCheckBox(
            f"&Completes: {due.what} (due {due.due_on:%a %d %b})" if due else ""
        )
        self.closes_check.setChecked(due is not None)
        self.closes_check.setVisible(due is not None)

        step1 = self._what_happened(kind, results)
        step2 = self._next_action(remembered, scheduled)
        self._when()

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #8b0000;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = accept_buttons(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.closes_check)
        layout.addWidget(step1)
        layout.addWidget(step2)
        layout.addWidget(self.step3)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.schedule_radio.toggled.connect(self._schedule_toggled)
        self.none_radio.toggled.connect(
            lambda _on: self._schedule_toggled(self.schedule_radio.isChecked())
        )
        self._schedule_toggled(self.schedule_radio.isChecked())
        self._quick = remembered.quick if remembered.quick in QUICK_CHOICES else "next week"
        self.choose_quick(self._quick)
        (self.result_combo if kind != "note" else self.note_edit).setFocus()

    def _what_happened(self, kind: str, results: list[str]) -> QGroupBox:
        self.result_combo = QComboBox()
        self.result_combo.setEditable(True)
        self.result_combo.addItems(results)
        self.result_combo.setCurrentIndex(-1)
        self.result_combo.setPlaceholderText("How did it go?")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("What happened")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(90)
        happened = QFormLayout()
        if kind != "note":
            happened.addRow("&Result", self.result_combo)
        happened.addRow("&What happened", self.note_edit)
        step1 = QGroupBox("1 · What happened")
        step1.setLayout(happened)
        return step1

    def _next_action(self, remembered: Remembered, scheduled: FollowUp | None) -> QGroupBox:
        self.schedule_radio = QRadioButton("&Schedule the next action")
        self.none_radio = QRadioButton("No &further action")
        self.keep_radio = QRadioButton(
            f"&Keep what is scheduled: {scheduled.what} ({scheduled.due_on:%a %d %b})"
            if scheduled
            else ""
        )
        self.keep_radio.setVisible(scheduled is not None)
        # A note usually leaves the plan as it is; a call or meeting decides the next step.
        (self.keep_radio if scheduled and self.kind == "note" else self.schedule_radio).setChecked(
            True
        )
        self.next_kind_combo = QComboBox()
        self.next_kind_combo.addItems(list(ACTION_KINDS))
        self.next_kind_combo.setCurrentText(remembered.next_kind)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("e.g. Call back about the quote")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("Why nothing more is needed (required)")
        action_row = QHBoxLayout()
        action_row.addWidget(self.next_kind_combo)
        action_row.addWidget(self.description_edit, 1)
        step2_layout = QVBoxLayout()
        step2_layout.addWidget(self.keep_radio)
        step2_layout.addWidget(self.schedule_radio)
        step2_layout.addLayout(action_row)
        step2_layout.addWidget(self.none_radio)
        step2_layout.addWidget(self.reason_edit)
        step2 = QGroupBox("2 · Next action")
        step2.setLayout(step2_layout)
        return step2

    def _when(self) -> QGroupBox:
        self.quick_buttons: dict[str, QPushButton] = {}
        self.quick_group = QButtonGroup(self)
        quick_row = QHBoxLayout()
        for choice in QUICK_CHOICES:
            button = QPushButton(QUICK_LABELS[choice])
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=choice: self.choose_quick(c))
            self.quick_group.addButton(button)
            self.quick_buttons[choice] = button
            quick_row.addWidget(button)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.userDateChanged.connect(self._date_typed)
        self.time_check = QCheckBox("&At")
        self.time_edit = QTimeEdit(QTime(9, 0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setEnabled(False)
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        self.skip_weekends = QCheckBox("Skip &weekends")
        self.skip_weekends.setChecked(True)
        self.skip_weekends.toggled.connect(lambda _on: self._requick())
        when_row = QHBoxLayout()
        when_row.addWidget(self.date_edit)
        when_row.addWidget(self.time_check)
        when_row.addWidget(self.time_edit)
        when_row.addStretch()
        when_row.addWidget(self.skip_weekends)
        step3_layout = QVBoxLayout()
        step3_layout.addLayout(quick_row)
        step3_layout.addLayout(when_row)
        self.step3 = QGroupBox("3 · When")
        self.step3.setLayout(step3_layout)
        return self.step3

    @classmethod
    def ask(cls, parent: QWidget | None, **options: Any) -> tuple[ActivityLog | None, Remembered]:
        """Show the dialog (options as for the constructor); the log when saved (None when
        cancelled), and what to remember."""
        dialog = cls(parent, **options)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.activity() if accepted else None), dialog.remembered()

    # What the dialog gives back.

    def activity(self) -> ActivityLog:
        next_step: NextAction | NoFurtherAction | KeepScheduled
        if self.none_radio.isChecked():
            next_step = NoFurtherAction(self.reason_edit.text())
        elif self.keep_radio.isChecked():
            next_step = KeepScheduled()
        else:
            next_step = NextAction(
                kind=self.next_kind_combo.currentText(),
                description=self.description_edit.text(),
                due_on=self.due_on(),
                due_time=self.due_time(),
            )
        return ActivityLog(
            kind=self.kind,
            result=self.result_combo.currentText() if self.kind != "note" else "",
            note=self.note_edit.toPlainText(),
            next=next_step,
            closes=self.due.id if self.due and self.closes_check.isChecked() else None,
        )

    def remembered(self) -> Remembered:
        return Remembered(next_kind=self.next_kind_combo.currentText(), quick=self._quick)

    def due_on(self) -> date:
        qdate = self.date_edit.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def due_time(self) -> time | None:
        if not self.time_check.isChecked():
            return None
        qtime = self.time_edit.time()
        return time(qtime.hour(), qtime.minute())

    # Behaviour.

    def choose_quick(self, choice: str) -> None:
        self._quick = choice
        self.quick_buttons[choice].setChecked(True)
        due = quick_date(choice, self.today, skip_weekends=self.skip_weekends.isChecked())
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(due.year, due.month, due.day))
        self.date_edit.blockSignals(False)

    def _requick(self) -> None:
        if self.quick_group.checkedButton() is not None:
            self.choose_quick(self._quick)

    def _date_typed(self, _date: QDate) -> None:
        # A date picked by hand is no quick choice.
        self.quick_group.setExclusive(False)
        for button in self.quick_buttons.values():
            button.setChecked(False)
        self.quick_group.setExclusive(True)

    def _schedule_toggled(self, scheduling: bool) -> None:
        self.next_kind_combo.setEnabled(scheduling)
        self.description_edit.setEnabled(scheduling)
        self.step3.setEnabled(scheduling)
        self.reason_edit.setEnabled(self.none_radio.isChecked())
        if self.none_radio.isChecked():
            self.reason_edit.setFocus()

    def accept(self) -> None:
        errors = validate_log(self.activity())
        if errors:
            self.error_label.setText("<br>".join(f"<b>{e.field}</b>: {e.message}" for e in errors))
            self.error_label.show()
            return
        super().accept()
