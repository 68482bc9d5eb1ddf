"""The lookup builder: rows of (field, operator, value), joined by "and" or "or".

The dialog only gathers the rows; `desktop.lookups.flows` runs them (as SQL, in `db.lookups`)
and shows any row that cannot run back here, in words, with the dialog still open.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.lookup_records import (
    DAYS,
    JOINERS,
    NO_VALUE,
    OPERATOR_LABELS,
    OPERATORS,
    TWO_VALUES,
    Condition,
    Lookup,
    LookupField,
)
from db.records import FieldError

PLACEHOLDERS = {"date": "YYYY-MM-DD", "number": "a number", "currency": "an amount"}
USER_FIELDS_FROM = "custom:"


class ConditionRow:
    """The widgets of one row of the builder."""

    def __init__(self, dialog: LookupDialog, fields: list[LookupField], first: bool) -> None:
        self.fields = fields
        self._kind = ""
        self._listed = False
        self.joiner = QComboBox()
        self.joiner.addItems(list(JOINERS))
        self.joiner.setVisible(not first)
        self.where = QLabel("Where")
        self.where.setVisible(first)
        self.field = QComboBox()
        for n, field in enumerate(fields):
            if field.key.startswith(USER_FIELDS_FROM) and (
                n == 0 or not fields[n - 1].key.startswith(USER_FIELDS_FROM)
            ):
                self.field.insertSeparator(self.field.count())
            self.field.addItem(field.label, field.key)
        self.field.setMaxVisibleItems(24)
        self.operator = QComboBox()
        self.value = QLineEdit()  # typed values
        self.value.setMinimumWidth(150)
        self.choice = QComboBox()  # or one of a list: statuses, categories, groups, choices
        self.choice.setMinimumWidth(150)
        self.and_label = QLabel("and")
        self.value2 = QLineEdit()
        self.value2.setMaximumWidth(110)
        self.value_holder = QWidget()
        holder = QHBoxLayout(self.value_holder)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(self.value)
        holder.addWidget(self.choice)
        self.remove = QToolButton()
        self.remove.setText("−")
        self.remove.setToolTip("Remove this condition")
        self.remove.clicked.connect(lambda: dialog.remove_row(self))
        self.field.currentIndexChanged.connect(self._field_changed)
        self.operator.currentIndexChanged.connect(self._operator_changed)
        self._field_changed()

    def widgets(self) -> list[QWidget]:
        """The row's widgets left to right, after the joiner (or "Where")."""
        return [
            self.field,
            self.operator,
            self.value_holder,
            self.and_label,
            self.value2,
            self.remove,
        ]

    def current_field(self) -> LookupField:
        key = self.field.currentData()
        return next(f for f in self.fields if f.key == key)

    def set_condition(self, condition: Condition) -> None:
        index = self.field.findData(condition.field)
        if index >= 0:
            self.field.setCurrentIndex(index)
        op_index = self.operator.findData(condition.operator)
        if op_index >= 0:
            self.operator.setCurrentIndex(op_index)
        self.set_value(condition.value)
        self.value2.setText(condition.value2)
        self.joiner.setCurrentText(condition.joiner)

    def condition(self) -> Condition:
        op = str(self.operator.currentData())
        return Condition(
            field=str(self.field.currentData()),
            operator=op,
            value="" if op in NO_VALUE else self._value().strip(),
            value2=self.value2.text().strip() if op in TWO_VALUES else "",
            joiner=self.joiner.currentText(),
        )

    def _value(self) -> str:
        return self.choice.currentText() if self._listed else self.value.text()

    def set_value(self, text: str) -> None:
        """Type `text` as the value (or choose it, from a list)."""
        self.value.setText(text)
        self.choice.setCurrentText(text)

    def _field_changed(self) -> None:
        """Offer the operators of the field's kind (the usual one first, unless the one chosen
        fits this field too) and, for a list, its entries."""
        field = self.current_field()
        current = self.operator.currentData()
        kept = current in OPERATORS[field.kind] and self._kind == field.kind
        self._kind = field.kind
        self.operator.blockSignals(True)
        self.operator.clear()
        for op in OPERATORS[field.kind]:
            self.operator.addItem(OPERATOR_LABELS[op], op)
        self.operator.setCurrentIndex(self.operator.findData(current) if kept else 0)
        self.operator.blockSignals(False)
        self.choice.clear()
        self.choice.addItems(list(field.choices))
        self._operator_changed()

    def _operator_changed(self) -> None:
        op = self.operator.currentData()
        field = self.current_field()
        listed = self._listed = bool(field.choices) and op not in ("contains", "starts_with")
        self.value_holder.setVisible(op not in NO_VALUE)
        self.value.setVisible(not listed)
        self.choice.setVisible(listed)
        self.and_label.setVisible(op in TWO_VALUES)
        self.value2.setVisible(op in TWO_VALUES)
        hint = "days" if op in DAYS else PLACEHOLDERS.get(field.kind, "")
        self.value.setPlaceholderText(hint)
        self.value2.setPlaceholderText(hint)


class LookupDialog(QDialog):
    findRequested = Signal(object)  # Lookup
    saveRequested = Signal(object)  # Lookup

    def __init__(
        self, parent: QWidget | None, fields: list[LookupField], lookup: Lookup | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lookupBuilder")
        self.setWindowTitle("Lookup")
        self.fields = fields
        self.rows: list[ConditionRow] = []
        intro = QLabel(
            "Find the contacts that meet these conditions. Rows joined by <b>and</b> must all "
            "match; <b>or</b> starts another set of rows, any of which may match."
        )
        intro.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(3, 1)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addLayout(self.grid)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        add = QPushButton("&Add condition")
        add.clicked.connect(lambda: self.add_row())  # noqa: PLW0108 (clicked passes a bool)
        self.error_label = QLabel()
        self.error_label.setObjectName("lookupErrors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #8b0000;")
        self.error_label.hide()
        buttons = QDialogButtonBox()
        self.find_button = buttons.addButton("&Find", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = buttons.addButton("&Save as…", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(lambda: self.findRequested.emit(self.lookup()))
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self.lookup()))
        buttons.rejected.connect(self.reject)
        add_row = QHBoxLayout()
        add_row.addWidget(add)
        add_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(820, 360)
        for condition in lookup.conditions if lookup else ():
            self.add_row(condition)
        if not self.rows:
            self.add_row()

    def add_row(self, condition: Condition | None = None) -> ConditionRow:
        row = ConditionRow(self, self.fields, first=not self.rows)
        if condition is not None:
            row.set_condition(condition)
        self.rows.append(row)
        self._lay_out()
        row.field.setFocus()
        return row

    def remove_row(self, row: ConditionRow) -> None:
        if len(self.rows) == 1:
            return
        self.rows.remove(row)
        for widget in (row.joiner, row.where, *row.widgets()):
            widget.setParent(None)
            widget.deleteLater()
        self._lay_out()

    def lookup(self) -> Lookup:
        return Lookup(tuple(row.condition() for row in self.rows))

    def show_errors(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        lines = "".join(f"<li>{html.escape(str(e), quote=False)}</li>" for e in errors)
        self.error_label.setText(f"<b>This lookup cannot run:</b><ul>{lines}</ul>")
        self.error_label.setVisible(bool(errors))

    def _lay_out(self) -> None:
        for n, row in enumerate(self.rows):
            first = n == 0
            row.joiner.setVisible(not first)
            row.where.setVisible(first)
            self.grid.addWidget(row.where if first else row.joiner, n, 0)
            for column, widget in enumerate(row.widgets(), start=1):
                self.grid.addWidget(widget, n, column, Qt.AlignmentFlag.AlignVCenter)
            row.remove.setEnabled(len(self.rows) > 1)
