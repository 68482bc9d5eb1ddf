"""The Lookups & Groups side panel: saved lookups (dynamic lists, run again when opened) and
static groups with their counts. Clicking one shows it in the contact list; contacts dragged from
the list onto a group join it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts.list_model import CONTACT_IDS_MIME

if TYPE_CHECKING:
    from db.lookup_records import Group, SavedLookup

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def contact_ids_from(mime: QMimeData) -> list[int]:
    """The contact ids a drag from the contact list carries."""
    raw = bytes(mime.data(CONTACT_IDS_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in raw.split(",") if part.isdigit()]


class ListsTree(QTreeWidget):
    """The tree itself: it takes contacts dropped on a group."""

    droppedOnGroup = Signal(int, list)  # group id, contact ids

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def _group_at(self, point: QPoint) -> int | None:
        item = self.itemAt(point)
        if item is None or item.data(0, KIND_ROLE) != "group":
            return None
        return int(item.data(0, ID_ROLE))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._group_at(event.position().toPoint()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        group = self._group_at(event.position().toPoint())
        ids = contact_ids_from(event.mimeData())
        if group is None or not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.droppedOnGroup.emit(group, ids)


class ListsPanel(QWidget):
    everyoneRequested = Signal()
    lookupRequested = Signal(int)
    groupRequested = Signal(int)
    newLookupRequested = Signal()
    editLookupRequested = Signal(int)
    newGroupRequested = Signal()
    renameRequested = Signal(str, int)  # "lookup" or "group", id
    deleteRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = ListsTree()
        self.tree.setObjectName("listsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemClicked.connect(self._clicked)
        self.everyone = QTreeWidgetItem(["All contacts"])
        self.everyone.setData(0, KIND_ROLE, "everyone")
        self.lookups = QTreeWidgetItem(["Saved lookups"])
        self.groups = QTreeWidgetItem(["Groups"])
        for heading in (self.lookups, self.groups):
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItems([self.everyone, self.lookups, self.groups])
        new_lookup = QPushButton("&Lookup…")
        new_lookup.setToolTip("Find contacts by any field (Ctrl+Shift+K)")
        new_lookup.clicked.connect(self.newLookupRequested)
        new_group = QPushButton("New &group…")
        new_group.clicked.connect(self.newGroupRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(new_lookup)
        buttons.addWidget(new_group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def show_lists(self, lookups: list[SavedLookup], groups: list[Group]) -> None:
        for heading in (self.lookups, self.groups):
            heading.takeChildren()
        for saved in lookups:
            item = QTreeWidgetItem([saved.name])
            item.setData(0, KIND_ROLE, "lookup")
            item.setData(0, ID_ROLE, saved.id)
            item.setToolTip(0, saved.problem or "A saved lookup: run again each time it is opened")
            self.lookups.addChild(item)
        for group in groups:
            item = QTreeWidgetItem([f"{group.name} ({group.contacts:,})"])
            item.setData(0, KIND_ROLE, "group")
            item.setData(0, ID_ROLE, group.id)
            item.setToolTip(0, group.description or "Drop contacts here to add them")
            self.groups.addChild(item)
        self.lookups.setExpanded(True)
        self.groups.setExpanded(True)

    def select_everyone(self) -> None:
        self.tree.setCurrentItem(self.everyone)

    def mark_shown(self, kind: str, item_id: int) -> None:
        """Highlight the saved lookup or group the list shows."""
        item = self.item_for(kind, item_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def item_for(self, kind: str, item_id: int) -> QTreeWidgetItem | None:
        heading = self.lookups if kind == "lookup" else self.groups
        for n in range(heading.childCount()):
            child = heading.child(n)
            if child is not None and child.data(0, ID_ROLE) == item_id:
                return child
        return None

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == "everyone":
            self.everyoneRequested.emit()
        elif kind == "lookup":
            self.lookupRequested.emit(int(item.data(0, ID_ROLE)))
        elif kind == "group":
            self.groupRequested.emit(int(item.data(0, ID_ROLE)))

    def _menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        kind = item.data(0, KIND_ROLE) if item is not None else None
        menu = QMenu(self)
        if item is not None and kind in ("lookup", "group"):
            item_id = int(item.data(0, ID_ROLE))
            if kind == "lookup":
                menu.addAction("&Edit lookup…", lambda: self.editLookupRequested.emit(item_id))
            menu.addAction("&Rename…", lambda: self.renameRequested.emit(kind, item_id))
            menu.addAction("&Delete…", lambda: self.deleteRequested.emit(kind, item_id))
            menu.addSeparator()
        menu.addAction("New &lookup…", self.newLookupRequested.emit)
        menu.addAction("New &group…", self.newGroupRequested.emit)
        menu.popup(self.tree.viewport().mapToGlobal(point))
