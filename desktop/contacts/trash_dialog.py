"""The Trash: deleted contacts, to restore or to delete for good."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.records import TrashEntry


class TrashDialog(QDialog):
    restoreRequested = Signal(list)  # contact ids
    purgeRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash")
        self.resize(640, 420)
        self.summary = QLabel()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Name", "Company", "Deleted"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.clicked.connect(lambda: self.restoreRequested.emit(self.selected_ids()))
        self.purge_button = QPushButton("&Delete for good…")
        self.purge_button.clicked.connect(lambda: self.purgeRequested.emit(self.selected_ids()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._entries: list[TrashEntry] = []

    def show_entries(self, entries: list[TrashEntry]) -> None:
        self._entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, value in enumerate(
                (entry.name, entry.company, f"{entry.deleted_at:%Y-%m-%d %H:%M}")
            ):
                self.table.setItem(row, column, QTableWidgetItem(value))
        count = len(entries)
        self.summary.setText(
            "The Trash is empty."
            if not count
            else f"{count} deleted contact{'s' if count != 1 else ''}. "
            "Restore puts a contact back with all its history."
        )
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._entries[r].id for r in rows]

    def _update_buttons(self) -> None:
        has_selection = bool(self.table.selectedIndexes())
        self.restore_button.setEnabled(has_selection)
        self.purge_button.setEnabled(has_selection)
