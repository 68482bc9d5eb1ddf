"""The small form that asks for a user field's name, its type and, for a choice list, its
choices. It stays open until what was typed is accepted, showing what is wrong beside it."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.field_types import KIND_LABELS, MAX_NAME
from db.records import FieldError
from desktop.widgets.dialog_buttons import accept_buttons

ERROR_STYLE = "border: 2px solid #c0392b; border-radius: 3px;"
ASK_ALL = frozenset({"name", "kind", "choices"})


@dataclass(frozen=True)
class FieldSpec:
    """What the user typed for a field: its name, its type (a key of KIND_LABELS) and, for a
    choice list, its choices."""

    name: str
    kind: str = "text"
    choices: tuple[str, ...] = ()


# Given what was typed when the user presses OK: the problems with it (the form stays open and
# shows them), or none (the form closes). Usually it saves, so a refused save keeps the typing.
Submit = Callable[[FieldSpec], Sequence[FieldError]]


class FieldEditor(QDialog):
    """Asks for the parts of a field named in `asks` ("name", "kind", "choices"); the choices
    are asked only while the type is a choice list."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        spec: FieldSpec,
        submit: Submit,
        asks: frozenset[str] = ASK_ALL,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self._submit = submit
        self._asks = asks
        self.spec: FieldSpec | None = None  # what was accepted
        self.name_edit = QLineEdit(spec.name)
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setPlaceholderText("e.g. Shoe size")
        self.kind_combo = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(spec.kind)))
        self.choices_edit = QPlainTextEdit("\n".join(spec.choices))
        self.choices_edit.setTabChangesFocus(True)
        self.choices_edit.setPlaceholderText("One choice per line")
        self.choices_edit.setMinimumHeight(110)
        self.error_label = QLabel()
        self.error_label.setObjectName("errors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel#errors { color: #8b0000; }")
        self.error_label.hide()
        self.form_layout = QFormLayout(self)
        if "name" in asks:
            self.form_layout.addRow("&Name", self.name_edit)
        if "kind" in asks:
            self.form_layout.addRow("&Type", self.kind_combo)
        if "choices" in asks:
            self.form_layout.addRow("&Choices", self.choices_edit)
        self.form_layout.addRow(self.error_label)
        self.form_layout.addRow(accept_buttons(self, save=False))
        self.kind_combo.currentIndexChanged.connect(self._show_choices_for_kind)
        self._show_choices_for_kind()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        spec: FieldSpec,
        submit: Submit,
        asks: frozenset[str] = ASK_ALL,
    ) -> FieldSpec | None:
        """What the user typed, once `submit` found nothing wrong; None when cancelled."""
        dialog = cls(parent, title, spec, submit, asks)
        dialog.exec()
        return dialog.spec

    def typed(self) -> FieldSpec:
        kind = str(self.kind_combo.currentData())
        lines = self.choices_edit.toPlainText().splitlines()
        choices = tuple(line.strip() for line in lines if line.strip()) if kind == "choice" else ()
        return FieldSpec(self.name_edit.text(), kind, choices)

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Say what is wrong under the form, and outline the box it is about."""
        boxes: dict[str, QWidget] = {
            "Name": self.name_edit,
            "Type": self.kind_combo,
            "Choices": self.choices_edit,
        }
        for name, box in boxes.items():
            wrong = [e.message for e in errors if e.field == name]
            box.setStyleSheet(ERROR_STYLE if wrong else "")
            box.setToolTip("; ".join(wrong))
        lines = "<br>".join(
            f"<b>{html.escape(e.field)}</b>: {html.escape(e.message)}" if e.field else e.message
            for e in errors
        )
        self.error_label.setText(lines)
        self.error_label.setVisible(bool(errors))
        self.adjustSize()

    def accept(self) -> None:
        typed = self.typed()
        errors = list(self._submit(typed))
        if errors:
            self.show_errors(errors)
            return
        self.spec = typed
        super().accept()

    def _show_choices_for_kind(self) -> None:
        if "choices" not in self._asks:
            return
        is_choice = self.kind_combo.currentData() == "choice"
        self.form_layout.setRowVisible(self.choices_edit, is_choice)
        self.adjustSize()
