"""Changing a follow-up: what to do, and when."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from db.followup_records import ACTION_KINDS, FollowUp, NextAction, validate_action
from desktop.widgets.dialog_buttons import accept_buttons


class EditFollowUpDialog(QDialog):
    def __init__(self, parent: QWidget | None, followup: FollowUp) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Follow-up — {followup.contact_name}")
        self.kind_combo = QComboBox()
        self.kind_combo.addItems(list(ACTION_KINDS))
        self.kind_combo.setCurrentText(followup.kind)
        self.description_edit = QLineEdit(followup.description)
        day = followup.due_at.date() if followup.due_at else followup.due_on
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.time_check = QCheckBox("&At")
        self.time_edit = QTimeEdit(QTime(9, 0))
        self.time_edit.setDisplayFormat("HH:mm")
        if followup.due_at is not None:
            self.time_check.setChecked(True)
            self.time_edit.setTime(QTime(followup.due_at.hour, followup.due_at.minute))
        self.time_edit.setEnabled(self.time_check.isChecked())
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_check)
        when.addWidget(self.time_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #8b0000;")
        self.error_label.hide()
        buttons = accept_buttons(self)
        layout = QFormLayout(self)
        layout.addRow("&Kind", self.kind_combo)
        layout.addRow("&What to do", self.description_edit)
        layout.addRow("W&hen", when)
        layout.addRow(self.error_label)
        layout.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, followup: FollowUp) -> NextAction | None:
        dialog = cls(parent, followup)
        return dialog.action() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def action(self) -> NextAction:
        picked = self.date_edit.date()
        at = self.time_edit.time()
        return NextAction(
            kind=self.kind_combo.currentText(),
            description=self.description_edit.text(),
            due_on=date(picked.year(), picked.month(), picked.day()),
            due_time=time(at.hour(), at.minute()) if self.time_check.isChecked() else None,
        )

    def accept(self) -> None:
        errors = validate_action(self.action())
        if errors:
            self.error_label.setText("; ".join(str(e) for e in errors))
            self.error_label.show()
            return
        super().accept()
