"""The contact form's User fields tab: one editor per field the user defined, in their order,
each fit for its type; what is wrong in them is outlined after a save that was refused."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.field_types import CustomField, Value
from db.records import FieldError
from desktop.customfields.value_editors import ValueEditor, make_editor

NO_FIELDS = "No user fields yet. Define them in Tools ▸ Define Fields…"


class UserFieldsTab(QWidget):
    edited = Signal()  # the user changed a value (not sent while values are being shown)
    defineRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields: list[CustomField] = []
        self._editors: dict[int, ValueEditor] = {}
        self._loading = False

        self.empty_label = QLabel(NO_FIELDS)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.define_button = QPushButton("&Define fields…")
        self.define_button.clicked.connect(self.defineRequested)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch()
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.define_button, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch()

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def show_fields(self, fields: Sequence[CustomField], values: dict[int, Value]) -> None:
        """Show an editor for each of `fields` holding the contact's value in it, if any."""
        if list(fields) != self._fields:
            self._build(list(fields))
        self.show_values(values)

    def show_values(self, values: dict[int, Value]) -> None:
        """Put `values` in the editors (empty where a field has none); no `edited` for this."""
        self._loading = True
        try:
            for field_id, editor in self._editors.items():
                editor.set_value(values.get(field_id))
        finally:
            self._loading = False
        self.clear_errors()

    def read_values(self) -> dict[int, Value | None]:
        """What is in each editor, as typed: text from the line editors, a date or None, a
        tick. A choice no longer on the list that the user left alone is not given, so that
        saving keeps it."""
        return {
            field_id: editor.read()
            for field_id, editor in self._editors.items()
            if not editor.kept_as_is()
        }

    def editor(self, field_id: int) -> QWidget:
        """The widget holding the value of the field (for the window and for tests)."""
        return self._editors[field_id].widget

    def value_editor(self, field_id: int) -> ValueEditor:
        return self._editors[field_id]

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Outline the editor of each field named in `errors` and put the message in its
        tooltip; errors about other fields are left to the form."""
        self.clear_errors()
        by_name = {e.field.name: e for e in self._editors.values()}
        marked = [by_name[e.field] for e in errors if e.field in by_name]
        for error in errors:
            editor = by_name.get(error.field)
            if editor is None:
                continue
            widget = editor.widget
            widget.setStyleSheet(
                f"#{widget.objectName()} {{ border: 2px solid #c0392b; border-radius: 3px; }}"
            )
            widget.setToolTip(f"{error.field}: {error.message}")
            widget.setProperty("invalid", True)
        if marked:
            self.scroll_area.ensureWidgetVisible(marked[0].box)

    def clear_errors(self) -> None:
        for editor in self._editors.values():
            editor.widget.setStyleSheet("")
            editor.widget.setToolTip("")
            editor.widget.setProperty("invalid", False)

    def has_error(self, field_id: int) -> bool:
        return bool(self._editors[field_id].widget.property("invalid"))

    def _build(self, fields: list[CustomField]) -> None:
        self._fields = fields
        self._editors = {}
        content = QWidget()
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in fields:
            editor = make_editor(field, self._user_edited)
            self._editors[field.id] = editor
            label = QLabel(field.name)
            label.setBuddy(editor.widget)
            form.addRow(label, editor.box)
        old = self.scroll_area.takeWidget()
        self.scroll_area.setWidget(content)
        if old is not None:
            old.deleteLater()
        self.pages.setCurrentIndex(1 if fields else 0)

    def _user_edited(self) -> None:
        if not self._loading:
            self.edited.emit()
