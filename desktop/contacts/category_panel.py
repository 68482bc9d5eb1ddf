"""The Categories side panel: each category with its colour and count; ticking some shows only
their contacts in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.records import Category

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def colour_icon(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CategoryPanel(QWidget):
    filterChanged = Signal(tuple)  # category ids ticked
    manageRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("categoryFilter")
        self.list.itemChanged.connect(lambda _item: self.filterChanged.emit(self.ticked()))
        self.hint = QLabel("Tick categories to show only their contacts.")
        self.hint.setWordWrap(True)
        manage = QPushButton("&Manage categories…")
        manage.clicked.connect(self.manageRequested)
        clear = QPushButton("Show &all")
        clear.clicked.connect(self.clear_filter)
        buttons = QHBoxLayout()
        buttons.addWidget(clear)
        buttons.addWidget(manage)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def show_categories(self, categories: list[Category]) -> None:
        ticked = set(self.ticked())
        self.list.blockSignals(True)
        self.list.clear()
        for category in categories:
            item = QListWidgetItem(
                colour_icon(category.colour), f"{category.name} ({category.contacts:,})"
            )
            item.setData(ID_ROLE, category.id)
            item.setToolTip(category.description or category.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if category.id in ticked else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        if set(self.ticked()) != ticked:  # a ticked category was deleted
            self.filterChanged.emit(self.ticked())

    def ticked(self) -> tuple[int, ...]:
        items = (self.list.item(n) for n in range(self.list.count()))
        return tuple(
            int(item.data(ID_ROLE))
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        )

    def clear_filter(self) -> None:
        self.list.blockSignals(True)
        for n in range(self.list.count()):
            item = self.list.item(n)
            if item is not None:
                item.setCheckState(Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.filterChanged.emit(())
