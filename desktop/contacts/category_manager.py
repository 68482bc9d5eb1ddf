"""The category manager: add, rename, recolour, describe, merge and delete categories."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.records import Category
from desktop.contacts.category_panel import ID_ROLE, colour_icon
from desktop.widgets.dialog_buttons import accept_buttons

DEFAULT_COLOUR = "#4a90d9"


class CategoryEditor(QDialog):
    """Name, colour and description of one category."""

    def __init__(self, parent: QWidget | None, category: Category | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Category" if category else "New category")
        self.name_edit = QLineEdit(category.name if category else "")
        self.description_edit = QLineEdit(category.description if category else "")
        self.colour = category.colour if category else DEFAULT_COLOUR
        self.colour_button = QPushButton("&Colour…")
        self.colour_button.clicked.connect(self._pick_colour)
        self._show_colour()
        buttons = accept_buttons(self)
        layout = QFormLayout(self)
        layout.addRow("&Name", self.name_edit)
        layout.addRow("Colour", self.colour_button)
        layout.addRow("&Description", self.description_edit)
        layout.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, category: Category | None) -> tuple[str, str, str] | None:
        """(name, colour, description), or None when cancelled."""
        dialog = cls(parent, category)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.name_edit.text(), dialog.colour, dialog.description_edit.text()

    def _pick_colour(self) -> None:
        from PySide6.QtGui import QColor

        chosen = QColorDialog.getColor(QColor(self.colour), self, "Category colour")
        if chosen.isValid():
            self.colour = chosen.name()
            self._show_colour()

    def _show_colour(self) -> None:
        self.colour_button.setIcon(colour_icon(self.colour))
        self.colour_button.setText(f"&Colour… {self.colour}")


class CategoryManager(QDialog):
    newRequested = Signal()
    editRequested = Signal(object)  # Category
    mergeRequested = Signal(object)
    deleteRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Categories")
        self.resize(520, 400)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self._emit(self.editRequested))
        self._categories: list[Category] = []
        buttons = QVBoxLayout()
        for text, signal in (
            ("&New…", None),
            ("&Edit…", self.editRequested),
            ("&Merge into…", self.mergeRequested),
            ("&Delete…", self.deleteRequested),
        ):
            button = QPushButton(text)
            if signal is None:
                button.clicked.connect(self.newRequested)
            else:
                button.clicked.connect(lambda _=False, s=signal: self._emit(s))
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def show_categories(self, categories: list[Category]) -> None:
        current = self.current()
        self._categories = categories
        self.list.clear()
        for category in categories:
            item = QListWidgetItem(
                colour_icon(category.colour),
                f"{category.name}  ({category.contacts:,} contacts)",
            )
            item.setData(ID_ROLE, category.id)
            item.setToolTip(category.description)
            self.list.addItem(item)
            if current and current.id == category.id:
                self.list.setCurrentItem(item)

    def current(self) -> Category | None:
        row = self.list.currentRow()
        return self._categories[row] if 0 <= row < len(self._categories) else None

    def select(self, name: str) -> None:
        for row, category in enumerate(self._categories):
            if category.name == name:
                self.list.setCurrentRow(row)

    def _emit(self, signal: object) -> None:
        category = self.current()
        if category is not None:
            signal.emit(category)  # type: ignore[attr-defined]
