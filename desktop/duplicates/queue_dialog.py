"""The duplicate review queue: the groups a scan found, best first, one at a time: Merge…, Not
duplicates (remembered), or Skip. A scan runs in the background with its progress and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.duplicate_records import AUTO_MERGE_SCORE, DEFAULT_MIN_SCORE, DuplicateGroup
from db.records import ContactListRow

GROUP_COLUMNS = ("Alike", "Contacts", "Companies")
MEMBER_COLUMNS = ("Name", "Company", "Phone", "E-mail", "City", "Id")


class DuplicateQueue(QDialog):
    scanRequested = Signal(float)  # the lowest score to show
    cancelRequested = Signal()
    mergeRequested = Signal(object)  # DuplicateGroup
    notDuplicatesRequested = Signal(object)
    autoMergeRequested = Signal(float)  # groups from this score are merged without asking
    groupChosen = Signal(object)  # the window shows its contacts below

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateQueue")
        self.setWindowTitle("Duplicates")
        self.groups: list[DuplicateGroup] = []
        self.names: dict[int, ContactListRow] = {}
        self.min_score = QDoubleSpinBox()
        self.scan_button = QPushButton("&Scan for duplicates")
        self.scan_button.clicked.connect(lambda: self.scanRequested.emit(self.min_score.value()))
        self.cancel_button = QPushButton("Cancel scan")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        self.min_score.setRange(0.5, 1.0)
        self.min_score.setSingleStep(0.05)
        self.min_score.setDecimals(2)
        self.min_score.setPrefix("alike at least ")
        self.min_score.setValue(DEFAULT_MIN_SCORE)
        self.min_score.valueChanged.connect(self._filter)
        self.status = QLabel("Scan the database to find contacts that are likely the same.")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        for widget in (self.scan_button, self.cancel_button, self.progress):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.min_score)

        self.table = QTableWidget(0, len(GROUP_COLUMNS))
        self.table.setObjectName("duplicateGroups")
        self.table.setHorizontalHeaderLabels(list(GROUP_COLUMNS))
        _tidy(self.table, (70, 460))
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.doubleClicked.connect(lambda _index: self._merge())
        self.members = QTableWidget(0, len(MEMBER_COLUMNS))
        self.members.setObjectName("groupMembers")
        self.members.setHorizontalHeaderLabels(list(MEMBER_COLUMNS))
        _tidy(self.members, (190, 170, 130, 220, 110))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.members)
        split.setSizes([300, 160])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(self._buttons())
        self.resize(900, 560)
        self._update_buttons()

    def _buttons(self) -> QHBoxLayout:
        self.merge_button = QPushButton("&Merge…")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self._merge)
        self.not_button = QPushButton("&Not duplicates")
        self.not_button.setToolTip("These are different people: never propose them again")
        self.not_button.clicked.connect(self._not_duplicates)
        self.auto_button = QPushButton("Merge the &sure ones…")
        self.auto_button.setToolTip(
            f"Merge every group alike {AUTO_MERGE_SCORE:.0%} or more: the oldest contact stays, "
            "newer values update it. Shows what would be done first; each merge can be undone."
        )
        self.auto_button.clicked.connect(lambda: self.autoMergeRequested.emit(AUTO_MERGE_SCORE))
        self.skip_button = QPushButton("S&kip")
        self.skip_button.setToolTip("Decide later: go to the next group")
        self.skip_button.clicked.connect(self.skip)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.not_button, self.skip_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.auto_button)
        buttons.addWidget(close)
        return buttons

    # What the flows tell it.

    def scanning(self, step: str, done: int, of: int) -> None:
        self.scan_button.setEnabled(False)
        self.cancel_button.show()
        self.progress.show()
        self.progress.setRange(0, of)
        self.progress.setValue(done)
        self.progress.setFormat(step)
        self.status.setText(f"{step}…")

    def scan_ended(self, text: str) -> None:
        self.scan_button.setEnabled(True)
        self.cancel_button.hide()
        self.progress.hide()
        self.status.setText(text)

    def show_groups(self, groups: list[DuplicateGroup], names: dict[int, ContactListRow]) -> None:
        """The groups found (best first), with the list rows of their contacts."""
        self.groups = list(groups)
        self.names = names
        self._filter()

    def remove_all(self, groups: list[DuplicateGroup]) -> None:
        self.groups = [g for g in self.groups if g not in groups]
        self._filter()

    def remove(self, group: DuplicateGroup) -> None:
        """A group dealt with (merged, or not duplicates): off the queue; the next is chosen."""
        row = self.table.currentRow()
        if group in self.groups:
            self.groups.remove(group)
        self._filter()
        if self.table.rowCount():
            self.table.selectRow(min(max(row, 0), self.table.rowCount() - 1))

    def skip(self) -> None:
        row = self.table.currentRow()
        if row + 1 < self.table.rowCount():
            self.table.selectRow(row + 1)

    def current(self) -> DuplicateGroup | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, DuplicateGroup) else None

    # Inside.

    def _shown(self) -> list[DuplicateGroup]:
        lowest = self.min_score.value()
        return [g for g in self.groups if g.review or g.score >= lowest - 1e-9]

    def _filter(self) -> None:
        shown = self._shown()
        self.table.setRowCount(len(shown))
        names = self.names
        for row, group in enumerate(shown):
            people = [names[i] for i in group.contact_ids if i in names]
            cells = (
                f"{group.score:.0%}",
                " · ".join(p.name for p in people),
                " · ".join(sorted({p.company for p in people if p.company})),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, group)
                self.table.setItem(row, column, item)
        if shown and self.table.currentRow() < 0:
            self.table.selectRow(0)
        if self.groups:
            self.status.setText(
                f"{len(shown):,} of {len(self.groups):,} groups shown, best first. "
                "Merge, say they are not duplicates, or skip."
            )
        self._chosen()

    def _chosen(self) -> None:
        group = self.current()
        names = self.names
        ids = group.contact_ids if group is not None else ()
        self.members.setRowCount(len(ids))
        for row, contact_id in enumerate(ids):
            found = names.get(contact_id)
            cells = (
                (found.name, found.company, found.phone, found.email, found.city)
                if found
                else ("(no longer there)", "", "", "", "")
            )
            for column, text in enumerate((*cells, str(contact_id))):
                self.members.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()
        if group is not None:
            self.groupChosen.emit(group)

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        for button in (self.merge_button, self.not_button, self.skip_button):
            button.setEnabled(chosen)
        self.auto_button.setEnabled(any(g.score >= AUTO_MERGE_SCORE for g in self.groups))

    def _merge(self) -> None:
        group = self.current()
        if group is not None:
            self.mergeRequested.emit(group)

    def _not_duplicates(self) -> None:
        group = self.current()
        if group is not None:
            self.notDuplicatesRequested.emit(group)


def _tidy(table: QTableWidget, widths: tuple[int, ...] = ()) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
