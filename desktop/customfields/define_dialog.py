"""Define Fields (Tools ▸ Define Fields…): the user's own fields in their order, with buttons to
add, rename, retype, edit the choices of, move and delete them. The buttons only ask; the
flows (`desktop.customfields.flows`) do the work and show the fields again."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
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

from db.field_types import KIND_LABELS, CustomField

COLUMNS = ("Name", "Type", "Choices")
CHOICES_SHOWN = 60  # characters of a choice list shown in its row; the tooltip has them all


def choices_summary(field: CustomField) -> str:
    if field.kind != "choice":
        return ""
    text = ", ".join(field.choices)
    return text if len(text) <= CHOICES_SHOWN else text[: CHOICES_SHOWN - 1] + "…"


class DefineFieldsDialog(QDialog):
    addRequested = Signal()
    renameRequested = Signal(object)  # CustomField
    retypeRequested = Signal(object)
    choicesRequested = Signal(object)
    moveRequested = Signal(object, int)  # the field, -1 up or +1 down
    deleteRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Define Fields")
        self.resize(640, 400)
        self._fields: list[CustomField] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._enable_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._emit(self.renameRequested))
        hint = QLabel(
            "Your own fields show on every contact's User fields tab, in this order, and can "
            "be looked up and listed like the others."
        )
        hint.setWordWrap(True)

        self.add_button = QPushButton("&Add…")
        self.add_button.clicked.connect(self.addRequested)
        self.rename_button = self._button("&Rename…", self.renameRequested)
        self.retype_button = self._button("Change &type…", self.retypeRequested)
        self.choices_button = self._button("Edit &choices…", self.choicesRequested)
        self.up_button = QPushButton("Move &up")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton("Move do&wn")
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.delete_button = self._button("&Delete…", self.deleteRequested)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.retype_button):
            buttons.addWidget(button)
        buttons.addWidget(self.choices_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        left = QVBoxLayout()
        left.addWidget(hint)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)
        self._enable_buttons()

    def show_fields(self, fields: list[CustomField]) -> None:
        """Show `fields`, keeping the same one selected."""
        current = self.current()
        self._fields = list(fields)
        self.table.setRowCount(len(fields))
        for row, field in enumerate(fields):
            summary = choices_summary(field)
            for column, text in enumerate((field.name, KIND_LABELS[field.kind], summary)):
                item = QTableWidgetItem(text)
                if column == 2 and field.choices:
                    item.setToolTip("\n".join(field.choices))
                self.table.setItem(row, column, item)
        if current is not None:
            self.select(current.id)
        self._enable_buttons()

    def current(self) -> CustomField | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self._fields[row] if 0 <= row < len(self._fields) else None

    def select(self, field_id: int) -> None:
        for row, field in enumerate(self._fields):
            if field.id == field_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.table.model().index(row, 0))

    def field_names(self) -> list[str]:
        return [f.name for f in self._fields]

    def _button(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self._emit(signal))
        return button

    def _emit(self, signal: SignalInstance) -> None:
        field = self.current()
        if field is not None:
            signal.emit(field)

    def _move(self, step: int) -> None:
        field = self.current()
        if field is not None:
            self.moveRequested.emit(field, step)

    def _enable_buttons(self) -> None:
        field = self.current()
        row = self._fields.index(field) if field else -1
        for button in (self.rename_button, self.retype_button, self.delete_button):
            button.setEnabled(field is not None)
        self.choices_button.setEnabled(field is not None and field.kind == "choice")
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._fields) - 1)


def moved(fields: list[CustomField], field: CustomField, step: int) -> list[int]:
    """The ids of `fields` in order, with `field` moved `step` places (kept within the list)."""
    ids = [f.id for f in fields]
    old = ids.index(field.id)
    new = min(max(old + step, 0), len(ids) - 1)
    ids.insert(new, ids.pop(old))
    return ids
