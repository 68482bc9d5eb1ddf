"""The side-by-side merge dialog: one column per contact (two or three) and a Result column, one
row per field (user fields too). Differences are highlighted; a click on a cell keeps that value.
Phones, e-mails, addresses and categories are combined (each can be unticked); what always moves
to the survivor is said in words, and so is what the merge will do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.merge_records import MergePreview

DIFFERS = QColor("#fff4d6")  # a row whose values differ
CHOSEN = QColor("#d4edda")  # the value that will be kept
KIND_WORDS = {"phone": "Phone", "email": "E-mail", "address": "Address", "category": "Category"}


class MergeDialog(QDialog):
    def __init__(self, parent: QWidget | None, preview: MergePreview) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(f"Merge {len(preview.contact_ids)} contacts")
        self.preview = preview
        self.ids = preview.contact_ids
        self.survivor_id = preview.survivor_id
        self.choices = preview.default_choices()
        self.chose_by_hand: set[str] = set()
        # The fields whose values differ first: they are what the user has to decide.
        self.rows = sorted(preview.fields, key=lambda f: not f.differs)

        self.survivors = QButtonGroup(self)
        keep = self._survivor_buttons()

        self.table = QTableWidget(len(preview.fields), len(self.ids) + 1)
        self.table.setObjectName("mergeFields")
        self.table.setHorizontalHeaderLabels(
            [f"#{c.id} {c.name}" for c in preview.contacts] + ["Result"]
        )
        self.table.setVerticalHeaderLabels([f.label for f in self.rows])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.cellClicked.connect(self.choose_cell)

        self.items = self._items_list()
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("Phones, e-mails, addresses and categories (combined):"))
        lower_layout.addWidget(self.items)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([380, 160])
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            "The fields whose values differ come first: click the value to keep (green is kept)."
        )
        hint.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addLayout(keep)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(980, 720)
        self._fill()

    def _survivor_buttons(self) -> QHBoxLayout:
        keep = QHBoxLayout()
        keep.addWidget(QLabel("Keep the record of:"))
        for column, summary in enumerate(self.preview.contacts):
            button = QRadioButton(f"{summary.name}  (#{summary.id})")
            button.setChecked(summary.id == self.survivor_id)
            self.survivors.addButton(button, column)
            keep.addWidget(button)
        keep.addStretch(1)
        self.survivors.idClicked.connect(self._survivor_chosen)
        return keep

    def _items_list(self) -> QListWidget:
        items = QListWidget()
        items.setObjectName("mergeItems")
        for item in self.preview.items:
            row = QListWidgetItem(f"{KIND_WORDS.get(item.kind, item.kind)}: {item.text}")
            row.setData(Qt.ItemDataRole.UserRole, item.key)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            row.setToolTip("Untick to leave it out of the merged contact")
            items.addItem(row)
        items.itemChanged.connect(lambda _item: self._explain())
        return items

    # What the user does.

    def choose_cell(self, row: int, column: int) -> None:
        """Keep the value in this cell (a contact's column; the Result column does nothing)."""
        if column >= len(self.ids):
            return
        field = self.rows[row]
        self.choices[field.key] = self.ids[column]
        self.chose_by_hand.add(field.key)
        self._fill()

    def unticked(self) -> list[str]:
        rows = (self.items.item(n) for n in range(self.items.count()))
        return [
            str(row.data(Qt.ItemDataRole.UserRole))
            for row in rows
            if row is not None and row.checkState() != Qt.CheckState.Checked
        ]

    def absorbed_ids(self) -> list[int]:
        return [c for c in self.ids if c != self.survivor_id]

    def kept_value(self, key: str) -> str:
        """What the Result column shows for a field: the value the merge keeps."""
        row = next(n for n, f in enumerate(self.rows) if f.key == key)
        item = self.table.item(row, len(self.ids))
        return item.text() if item is not None else ""

    # Inside.

    def _survivor_chosen(self, column: int) -> None:
        self.survivor_id = self.ids[column]
        defaults = self.preview.default_choices(self.survivor_id)
        for key, contact_id in defaults.items():
            if key not in self.chose_by_hand:
                self.choices[key] = contact_id
        self._fill()

    def _fill(self) -> None:
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, field in enumerate(self.rows):
            chosen = self.choices[field.key]
            for column, value in enumerate(field.values):
                cell = QTableWidgetItem(value)
                if field.differs and self.ids[column] == chosen:
                    cell.setBackground(QBrush(CHOSEN))
                    cell.setFont(bold)
                elif field.differs:
                    cell.setBackground(QBrush(DIFFERS))
                self.table.setItem(row, column, cell)
            kept = field.values[self.ids.index(chosen)]
            result = QTableWidgetItem(kept)
            result.setFont(bold)
            self.table.setItem(row, len(self.ids), result)
        self._explain()

    def _explain(self) -> None:
        survivor = next(c for c in self.preview.contacts if c.id == self.survivor_id)
        others = [c for c in self.preview.contacts if c.id != self.survivor_id]
        moves = self.preview.moves(self.survivor_id)
        replaced = sum(
            1
            for f in self.preview.fields
            if self.choices[f.key] != self.survivor_id
            and f.values[self.ids.index(self.choices[f.key])]
            != f.values[self.ids.index(self.survivor_id)]
        )
        left_out = len(self.unticked())
        names = " and ".join(f"{c.name} (#{c.id})" for c in others)
        self.summary.setText(
            f"<b>{survivor.name} (#{survivor.id})</b> stays; {names} "
            f"{'is' if len(others) == 1 else 'are'} merged into it and removed. "
            f"{replaced} of its values will be replaced; "
            f"{len(self.preview.items) - left_out} phones, e-mails, addresses and categories "
            f"kept{f' ({left_out} left out)' if left_out else ''}. "
            f"Always moved to it: {moves.history_entries} history entries, "
            f"{moves.open_followups} open follow-ups, {moves.group_memberships} group "
            f"memberships{', and the notes' if moves.notes else ''}. "
            "The history keeps every replaced value, and <b>Undo merge</b> can put it all back."
        )
