"""An editable table of small records (phones, e-mails, addresses) with Add and Remove buttons."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Cell = str | bool


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # "text", "choice" or "check"
    choices: tuple[str, ...] = ()
    stretch: bool = False


class LiveCommitDelegate(QStyledItemDelegate):
    """Hands each keystroke in a cell to the table at once, so that a phone number still being
    typed is saved by Ctrl+S and counts as an unsaved change."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text: self.commitData.emit(editor))
        return editor


class RowsEditor(QWidget):
    """Rows of cells; `rows()` gives them back as tuples in column order."""

    changed = Signal()

    def __init__(self, columns: tuple[Column, ...], noun: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._columns = columns
        self._loading = False
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        for n, column in enumerate(columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else (QHeaderView.ResizeMode.ResizeToContents)
            )
            header.setSectionResizeMode(n, mode)
        self.table.setItemDelegate(LiveCommitDelegate(self.table))
        self.table.itemChanged.connect(self._cell_changed)
        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[tuple[Cell, ...]]) -> None:
        self._loading = True
        try:
            self.table.setRowCount(0)
            for row in rows:
                self._append(row)
        finally:
            self._loading = False

    def rows(self) -> list[tuple[Cell, ...]]:
        result = []
        for r in range(self.table.rowCount()):
            cells: list[Cell] = []
            for c, column in enumerate(self._columns):
                if column.kind == "choice":
                    combo = self.table.cellWidget(r, c)
                    cells.append(combo.currentText() if isinstance(combo, QComboBox) else "")
                elif column.kind == "check":
                    item = self.table.item(r, c)
                    cells.append(bool(item and item.checkState() == Qt.CheckState.Checked))
                else:
                    item = self.table.item(r, c)
                    cells.append(item.text() if item else "")
            result.append(tuple(cells))
        return result

    def add_row(self, row: tuple[Cell, ...] | None = None) -> int:
        """Append a row (blank by default) and start editing its first text cell."""
        blank = tuple(
            (c.choices[0] if c.kind == "choice" else False if c.kind == "check" else "")
            for c in self._columns
        )
        self._append(row or blank)
        new_row = self.table.rowCount() - 1
        if not self._loading:
            self.changed.emit()
        return new_row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for r in rows:
            self.table.removeRow(r)
        if rows:
            self.changed.emit()

    def _add_clicked(self) -> None:
        row = self.add_row()
        text_column = next((n for n, c in enumerate(self._columns) if c.kind == "text"), 0)
        self.table.setCurrentCell(row, text_column)
        item = self.table.item(row, text_column)
        if item is not None:
            self.table.editItem(item)

    def _append(self, row: tuple[Cell, ...]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, (column, value) in enumerate(zip(self._columns, row, strict=True)):
            if column.kind == "choice":
                combo = QComboBox()
                combo.addItems(list(column.choices))
                if str(value) not in column.choices:
                    combo.addItem(str(value))
                combo.setCurrentText(str(value))
                combo.currentTextChanged.connect(self._combo_changed)
                self.table.setCellWidget(r, c, combo)
            elif column.kind == "check":
                item = QTableWidgetItem()
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                self.table.setItem(r, c, item)
            else:
                self.table.setItem(r, c, QTableWidgetItem(str(value)))

    def _cell_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.changed.emit()

    def _combo_changed(self, _text: str) -> None:
        if not self._loading:
            self.changed.emit()
