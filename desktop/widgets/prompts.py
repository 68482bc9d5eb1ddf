"""Questions put to the user. Kept in one module so that tests can answer them."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.dialog_buttons import accept_buttons


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved_changes(parent: QWidget, name: str) -> UnsavedChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save your changes to {name}?")
    box.setInformativeText("If you don't save, your changes will be lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


class DuplicateChoice(Enum):
    OPEN = "open"  # open the one already there; the new one is not saved
    MERGE = "merge"  # save the new one, then merge the two
    SAVE = "save"  # save it anyway
    CANCEL = "cancel"  # back to the form


def ask_duplicate(parent: QWidget, new_name: str, existing: str, score: float) -> DuplicateChoice:
    """A new contact looks like one already there: what now?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Possible duplicate")
    box.setText(f"{new_name} looks like {existing}, who is already here ({score:.0%} alike).")
    box.setInformativeText(
        "Open the one already here (what you typed is thrown away), save yours and merge the "
        "two, or save it anyway?"
    )
    answers = {
        box.addButton(f"Discard mine, open {existing}", QMessageBox.ButtonRole.ActionRole): (
            DuplicateChoice.OPEN
        ),
        box.addButton("Save and &merge…", QMessageBox.ButtonRole.ActionRole): (
            DuplicateChoice.MERGE
        ),
        box.addButton("&Save anyway", QMessageBox.ButtonRole.AcceptRole): DuplicateChoice.SAVE,
    }
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return next((c for b, c in answers.items() if b is clicked), DuplicateChoice.CANCEL)


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def choose_item(
    parent: QWidget, title: str, label: str, items: list[str], current: str
) -> str | None:
    """One choice from a list; None when the user cancels."""
    from PySide6.QtWidgets import QInputDialog

    index = items.index(current) if current in items else 0
    chosen, ok = QInputDialog.getItem(parent, title, label, items, index, False)
    return chosen if ok else None


def _run(dialog: QDialog, layout: QFormLayout | QVBoxLayout, *, save: bool = False) -> bool:
    """Put OK (or Save) and Cancel under `layout`, run `dialog`; True when the user accepted."""
    buttons = accept_buttons(dialog, save=save)
    if isinstance(layout, QFormLayout):
        layout.addRow(buttons)
    else:
        layout.addWidget(buttons)
    return dialog.exec() == QDialog.DialogCode.Accepted


def choose_date_range(
    parent: QWidget, title: str, start: date, end: date
) -> tuple[date, date] | None:
    """Two dates, from and to; None when the user cancels."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edits = []
    layout = QFormLayout(dialog)
    for label, day in (("&From", start), ("&To", end)):
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edits.append(edit)
        layout.addRow(label, edit)
    if not _run(dialog, layout):
        return None
    first, last = (date(e.date().year(), e.date().month(), e.date().day()) for e in edits)
    return first, last


def choose_save_path(parent: QWidget, title: str, suggested: Path, kinds: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
    return Path(chosen) if chosen else None


def ask_entry(parent: QWidget, title: str, result: str, text: str) -> tuple[str, str] | None:
    """A history entry's result and text, as changed by the user; None when cancelled."""
    from PySide6.QtWidgets import (
        QDialog,
        QFormLayout,
        QLineEdit,
        QPlainTextEdit,
    )

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    result_edit = QLineEdit(result)
    text_edit = QPlainTextEdit(text)
    text_edit.setTabChangesFocus(True)
    layout = QFormLayout(dialog)
    layout.addRow("&Result", result_edit)
    layout.addRow("&What happened", text_edit)
    if not _run(dialog, layout, save=True):
        return None
    return result_edit.text(), text_edit.toPlainText()


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """One line of text (a name); None when the user cancels."""
    from PySide6.QtWidgets import QLineEdit

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QLineEdit(text)
    edit.setMinimumWidth(280)
    layout = QFormLayout(dialog)
    layout.addRow(label, edit)
    if not _run(dialog, layout):
        return None
    return edit.text()


def choose_date(parent: QWidget, title: str, day: date) -> date | None:
    """One date from a calendar; None when the user cancels."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QDialog, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget()
    calendar.setSelectedDate(QDate(day.year, day.month, day.day))
    calendar.activated.connect(lambda _d: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    if not _run(dialog, layout):
        return None
    picked = calendar.selectedDate()
    return date(picked.year(), picked.month(), picked.day())


def choose_many(
    parent: QWidget, title: str, label: str, items: list[str], chosen: list[str]
) -> list[str] | None:
    """Tick any of `items`; None when the user cancels."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QDialog,
        QLabel,
        QListWidget,
        QListWidgetItem,
        QVBoxLayout,
    )

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    choices = QListWidget()
    for item in items:
        entry = QListWidgetItem(item, choices)
        entry.setCheckState(Qt.CheckState.Checked if item in chosen else Qt.CheckState.Unchecked)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(label))
    layout.addWidget(choices)
    if not _run(dialog, layout):
        return None
    return [
        entry.text()
        for entry in (choices.item(n) for n in range(choices.count()))
        if entry is not None and entry.checkState() == Qt.CheckState.Checked
    ]


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def choose_open_path(parent: QWidget, title: str, folder: Path, kinds: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), kinds)
    return Path(chosen) if chosen else None


class ReportDialog(QDialog):
    """A report in words (a line per finding), with an optional action beside Close."""

    def __init__(self, parent: QWidget | None, title: str, lines: list[str], action: str) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit

        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(600, 360)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.action_button = None
        if action:
            self.action_button = self.buttons.addButton(
                action, QDialogButtonBox.ButtonRole.AcceptRole
            )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)


def show_report(parent: QWidget, title: str, lines: list[str], action: str = "") -> bool:
    """Show `lines`; True when the user chose `action` (offered only when given)."""
    dialog = ReportDialog(parent, title, lines, action)
    return dialog.exec() == QDialog.DialogCode.Accepted and bool(action)
