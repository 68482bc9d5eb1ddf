"""The follow-up panel: overdue, today, the coming week, and active contacts with no next action.

It shows what `db.followups.follow_up_panel` found and asks for things (open, log, reschedule);
the main window does them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.followup_records import QUICK_CHOICES, FollowUp, FollowUpPanel, IdleContact, Section

PICK_A_DATE = "pick a date…"
COLUMNS = ("Contact", "Company", "Phone", "What to do", "When")
PHONE_COLUMN = 2
OVERDUE_RED = QColor("#b3261e")
ItemData = FollowUp | IdleContact
DATA_ROLE = Qt.ItemDataRole.UserRole + 1


def quick_choices_menu(parent: QWidget, chosen: Callable[[str], None]) -> QMenu:
    """Tomorrow, In 3 days, …: the same quick choices as the Log dialog, for Reschedule."""
    menu = QMenu(parent)
    for choice in (*QUICK_CHOICES, PICK_A_DATE):
        if choice == PICK_A_DATE:
            menu.addSeparator()
        action = QAction(choice.capitalize(), parent)
        action.triggered.connect(lambda _=False, c=choice: chosen(c))
        menu.addAction(action)
    return menu


class FollowUpPanelWidget(QWidget):
    openContactRequested = Signal(int)
    logRequested = Signal(int, object)  # contact id, the FollowUp it does (or None)
    rescheduleRequested = Signal(int, str)  # follow-up id, quick choice
    phoneCopied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("followUps")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 230)
        header.resizeSection(1, 200)
        header.resizeSection(2, 140)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(4, 150)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        for key in ("Return", "Enter"):  # from the keyboard: Enter on a line is Done
            done_key = QShortcut(QKeySequence(key), self.tree)
            done_key.setContext(Qt.ShortcutContext.WidgetShortcut)
            done_key.activated.connect(self._done)

        self.done_button = QPushButton("&Done…")
        self.done_button.setToolTip("Log what happened and schedule the next action")
        self.done_button.clicked.connect(self._done)
        self.reschedule_button = QPushButton("Re&schedule")
        self.reschedule_menu = quick_choices_menu(self, self._reschedule)
        self.reschedule_button.setMenu(self.reschedule_menu)
        self.open_button = QPushButton("&Open contact")
        self.open_button.clicked.connect(self._open)
        buttons = QHBoxLayout()
        for button in (self.done_button, self.reschedule_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.sections: dict[str, QTreeWidgetItem] = {}
        self._update_buttons()

    def show_panel(self, panel: FollowUpPanel) -> None:
        """Show the four sections; the open/closed state of each is kept."""
        expanded = {name: item.isExpanded() for name, item in self.sections.items()}
        current = self.current_data()
        self.tree.clear()
        self.sections = {}
        for name, title, section in (
            ("overdue", "Overdue", panel.overdue),
            ("today", "Today", panel.today),
            ("upcoming", "Coming week", panel.upcoming),
        ):
            item = self._section(name, title, section.count, expanded.get(name, True))
            item.addChildren(
                [self._followup_item(f, overdue=name == "overdue") for f in section.rows]
            )
            self._more(item, section)
        idle = self._section(
            "idle", "No next action", panel.no_next_action_count, expanded.get("idle", True)
        )
        idle.addChildren([self._idle_item(c) for c in panel.no_next_action])
        if panel.no_next_action_count > len(panel.no_next_action):
            idle.addChild(
                QTreeWidgetItem(
                    [f"… and {panel.no_next_action_count - len(panel.no_next_action):,} more"]
                )
            )
        for item in self.sections.values():
            item.setExpanded(expanded.get(self._name_of(item), True))
        self._reselect(current)
        self._update_buttons()

    def take_focus(self) -> None:
        """Ctrl+Shift+F: show the panel and go to its first line."""
        dock = self.parentWidget()
        if dock is not None:
            dock.show()
        self.tree.setFocus()
        if self.current_data() is None:
            self.select_first()

    def select_first(self) -> None:
        """The first line that is a follow-up or a contact (not a section title)."""
        for section in self.sections.values():
            if section.childCount():
                child = section.child(0)
                if child is not None and child.data(0, DATA_ROLE) is not None:
                    self.tree.setCurrentItem(child)
                    return

    def current_data(self) -> ItemData | None:
        item = self.tree.currentItem()
        data = item.data(0, DATA_ROLE) if item else None
        return data if isinstance(data, (FollowUp, IdleContact)) else None

    def section_titles(self) -> list[str]:
        return [self.sections[name].text(0) for name in ("overdue", "today", "upcoming", "idle")]

    def _section(self, name: str, title: str, count: int, expanded: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [f"{title} ({count:,})"])
        item.setData(0, Qt.ItemDataRole.UserRole, name)
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if name == "overdue" and count:
            item.setForeground(0, QBrush(OVERDUE_RED))
        item.setExpanded(expanded)
        self.sections[name] = item
        return item

    def _name_of(self, item: QTreeWidgetItem) -> str:
        return str(item.data(0, Qt.ItemDataRole.UserRole))

    def _more(self, parent: QTreeWidgetItem, section: Section) -> None:
        if section.count > len(section.rows):
            parent.addChild(QTreeWidgetItem([f"… and {section.count - len(section.rows):,} more"]))

    def _followup_item(self, followup: FollowUp, *, overdue: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [followup.contact_name, followup.company, followup.phone, followup.what, followup.when]
        )
        item.setData(0, DATA_ROLE, followup)
        item.setToolTip(PHONE_COLUMN, "Click to copy the number")
        if overdue:
            item.setForeground(4, QBrush(OVERDUE_RED))
        return item

    def _idle_item(self, contact: IdleContact) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                contact.contact_name,
                contact.company,
                contact.phone,
                f"Nothing scheduled ({contact.status})",
                "",
            ]
        )
        item.setData(0, DATA_ROLE, contact)
        item.setToolTip(PHONE_COLUMN, "Click to copy the number")
        return item

    def _reselect(self, data: ItemData | None) -> None:
        if data is None:
            return
        for section in self.sections.values():
            for n in range(section.childCount()):
                child = section.child(n)
                if child is not None and child.data(0, DATA_ROLE) == data:
                    self.tree.setCurrentItem(child)
                    return

    def _update_buttons(self) -> None:
        data = self.current_data()
        self.done_button.setEnabled(data is not None)
        self.open_button.setEnabled(data is not None)
        self.reschedule_button.setEnabled(isinstance(data, FollowUp))

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        data = item.data(0, DATA_ROLE)
        if column == PHONE_COLUMN and isinstance(data, (FollowUp, IdleContact)) and data.phone:
            QApplication.clipboard().setText(data.phone)
            self.phoneCopied.emit(data.phone)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, DATA_ROLE)
        if isinstance(data, (FollowUp, IdleContact)):
            self.openContactRequested.emit(data.contact_id)

    def _open(self) -> None:
        data = self.current_data()
        if data is not None:
            self.openContactRequested.emit(data.contact_id)

    def _done(self) -> None:
        data = self.current_data()
        if data is not None:
            self.logRequested.emit(data.contact_id, data if isinstance(data, FollowUp) else None)

    def _reschedule(self, choice: str) -> None:
        data = self.current_data()
        if isinstance(data, FollowUp):
            self.rescheduleRequested.emit(data.id, choice)
