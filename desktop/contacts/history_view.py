"""A contact's history as a timeline, newest first, filterable by kind; the entries a user wrote
(calls, meetings, notes) can be edited or deleted, the ones Cardfile wrote (edits, merges) not."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.followup_records import LOG_KINDS as USER_KINDS  # calls, meetings, notes
from db.records import HistoryEntry

ALL_KINDS = "All kinds"


class HistoryView(QWidget):
    editRequested = Signal(object)  # HistoryEntry
    deleteRequested = Signal(object)
    undoMergeRequested = Signal(int)  # the merge's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(ALL_KINDS)
        self.kind_filter.currentTextChanged.connect(lambda _text: self._fill())
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["When", "Kind", "Result", "What happened"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._request(self.editRequested))
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(lambda: self._request(self.editRequested))
        self.delete_button = QPushButton("De&lete…")
        self.delete_button.clicked.connect(lambda: self._request(self.deleteRequested))
        self.undo_merge_button = QPushButton("&Undo merge…")
        self.undo_merge_button.setToolTip("Bring back the contacts this merge absorbed")
        self.undo_merge_button.clicked.connect(self._undo_merge)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.kind_filter)
        top.addStretch()
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.undo_merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._entries: list[HistoryEntry] = []
        self._shown: list[HistoryEntry] = []
        self._update_buttons()

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self._entries = entries
        chosen = self.kind_filter.currentText()
        kinds = sorted({e.kind for e in entries})
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItems([ALL_KINDS, *kinds])
        self.kind_filter.setCurrentText(chosen if chosen in kinds else ALL_KINDS)
        self.kind_filter.blockSignals(False)
        self._fill()

    def shown(self) -> list[HistoryEntry]:
        return list(self._shown)

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def _fill(self) -> None:
        kind = self.kind_filter.currentText()
        self._shown = [e for e in self._entries if kind in (ALL_KINDS, e.kind)]
        self.table.setRowCount(len(self._shown))
        for row, entry in enumerate(self._shown):
            values = (f"{entry.occurred_at:%Y-%m-%d %H:%M}", entry.kind, entry.result, entry.text)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._update_buttons()

    def _selected(self) -> HistoryEntry | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._shown[row] if row < len(self._shown) else None

    def _update_buttons(self) -> None:
        entry = self._selected()
        editable = entry is not None and entry.kind in USER_KINDS
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.undo_merge_button.setVisible(entry is not None and entry.merge_id is not None)

    def _undo_merge(self) -> None:
        entry = self._selected()
        if entry is not None and entry.merge_id is not None:
            self.undoMergeRequested.emit(entry.merge_id)

    def _request(self, signal: SignalInstance) -> None:
        entry = self._selected()
        if entry is not None and entry.kind in USER_KINDS:
            signal.emit(entry)
