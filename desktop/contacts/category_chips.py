"""A contact's categories as coloured chips on the record, with a button to change them."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from db.records import Category


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on `background`."""
    colour = QColor(background)
    brightness = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#000000" if brightness > 150 else "#ffffff"


class CategoryChips(QWidget):
    changeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.button = QPushButton("Cate&gories…")
        self.button.setToolTip("Choose this contact's categories")
        self.button.clicked.connect(self.changeRequested)
        self.chips: list[QLabel] = []
        self._layout.addStretch()
        self._layout.addWidget(self.button)

    def show_categories(self, categories: list[Category]) -> None:
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.hide()  # at once: deleteLater waits for the event loop
            chip.deleteLater()
        self.chips = []
        for n, category in enumerate(categories):
            chip = QLabel(html.escape(category.name))
            chip.setObjectName("categoryChip")
            chip.setToolTip(category.description or category.name)
            chip.setStyleSheet(
                f"QLabel#categoryChip {{ background: {category.colour}; "
                f"color: {text_colour_on(category.colour)}; border-radius: 8px; "
                "padding: 1px 8px; }"
            )
            chip.ensurePolished()  # so that its size counts the padding of the style sheet
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._layout.insertWidget(n, chip)
            self.chips.append(chip)

    def names(self) -> list[str]:
        return [chip.text() for chip in self.chips]
