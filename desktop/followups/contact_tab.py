"""The contact's Follow-ups tab: its open follow-ups, to do, reschedule or remove."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.followup_records import FollowUp
from desktop.followups.panel import quick_choices_menu


class ContactFollowUps(QWidget):
    logRequested = Signal(object)  # the FollowUp being done
    editRequested = Signal(object)
    rescheduleRequested = Signal(int, str)  # follow-up id, quick choice
    removeRequested = Signal(object)  # the FollowUp

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["When", "What to do"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.done_button = QPushButton("Done…")
        self.done_button.clicked.connect(lambda: self._emit_current(self.logRequested.emit))
        self.edit_button = QPushButton("C&hange…")
        self.edit_button.clicked.connect(lambda: self._emit_current(self.editRequested.emit))
        self.tree.itemDoubleClicked.connect(lambda *_: self._emit_current(self.editRequested.emit))
        self.reschedule_button = QPushButton("Reschedule")
        menu = quick_choices_menu(
            self,
            lambda choice: self._emit_current(
                lambda f: self.rescheduleRequested.emit(f.id, choice)
            ),
        )
        self.reschedule_button.setMenu(menu)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.clicked.connect(lambda: self._emit_current(self.removeRequested.emit))
        self.empty_label = QLabel(
            "Nothing scheduled. Log a call (Ctrl+L) to decide the next action and its date."
        )
        self.empty_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.done_button,
            self.edit_button,
            self.reschedule_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self._followups: list[FollowUp] = []
        self._update_buttons()

    def show_followups(self, followups: list[FollowUp]) -> None:
        """Show these follow-ups; the one selected stays selected if it is still there."""
        selected = self.current()
        self._followups = followups
        self.tree.clear()
        for followup in followups:
            self.tree.addTopLevelItem(QTreeWidgetItem([followup.when, followup.what]))
        self.empty_label.setVisible(not followups)
        ids = [f.id for f in followups]
        row = ids.index(selected.id) if selected and selected.id in ids else 0
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)
        self._update_buttons()

    def current(self) -> FollowUp | None:
        item = self.tree.currentItem()
        row = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        return self._followups[row] if 0 <= row < len(self._followups) else None

    def _emit_current(self, emit: Callable[[FollowUp], object]) -> None:
        followup = self.current()
        if followup is not None:
            emit(followup)

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for button in (
            self.done_button,
            self.edit_button,
            self.reschedule_button,
            self.remove_button,
        ):
            button.setEnabled(has)
