"""What the Define Fields commands do: each button of the dialog asks what it needs, writes one
change through `Operations`, and announces it (`ChangeSet(fields=True)`) so the list and the
contact form show the fields anew. The main window connects `define_fields` to its menu."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from db.field_types import KIND_LABELS, CustomField
from db.records import FieldError
from desktop.customfields.field_editor import FieldEditor, FieldSpec
from desktop.operations import Operations
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.custom_fields import RetypeReport
    from desktop.customfields.define_dialog import DefineFieldsDialog

FIELDS_CHANGED = ChangeSet(fields=True, list_changed=True)
NOT_SAVED = FieldError("", "Nothing was saved; try again.")


class CustomFieldFlows(QObject):
    def __init__(self, window: QWidget, ops: Operations) -> None:
        super().__init__(window)
        self.window = window
        self.ops = ops
        self.dialog: DefineFieldsDialog | None = None  # while Define Fields is open

    def fields(self) -> list[CustomField]:
        from db.custom_fields import custom_fields

        return self.ops.read(custom_fields)

    def define_fields(self) -> None:
        """Run Define Fields until the user closes it."""
        from desktop.customfields.define_dialog import DefineFieldsDialog

        dialog = DefineFieldsDialog(self.window)
        self.dialog = dialog
        dialog.addRequested.connect(self.add)
        dialog.renameRequested.connect(self.rename)
        dialog.retypeRequested.connect(self.retype)
        dialog.choicesRequested.connect(self.edit_choices)
        dialog.moveRequested.connect(self.move)
        dialog.deleteRequested.connect(self.delete)
        dialog.show_fields(self.fields())
        try:
            dialog.exec()
        finally:
            self.dialog = None

    # The commands; each takes the field the dialog has selected.

    def add(self) -> None:
        from db.custom_fields import create_field

        made: list[CustomField] = []

        def save(spec: FieldSpec) -> Sequence[FieldError]:
            return self._write(
                "add the field",
                lambda s: made.append(create_field(s, spec.name, spec.kind, spec.choices)),
            )

        FieldEditor.ask(self._parent(), "New field", FieldSpec(""), save)
        if made:
            self._refresh(made[0].id)

    def rename(self, field: CustomField) -> None:
        from db.custom_fields import rename_field

        def save(spec: FieldSpec) -> Sequence[FieldError]:
            if spec.name.strip() == field.name:
                return []
            return self._write("rename the field", lambda s: rename_field(s, field.id, spec.name))

        title = f"Rename “{field.name}”"
        if FieldEditor.ask(self._parent(), title, _spec(field), save, frozenset({"name"})):
            self._refresh(field.id)

    def edit_choices(self, field: CustomField) -> None:
        from db.custom_fields import set_choices

        def save(spec: FieldSpec) -> Sequence[FieldError]:
            if spec.choices == field.choices:
                return []
            return self._write(
                "change the choices", lambda s: set_choices(s, field.id, spec.choices)
            )

        title = f"Choices of “{field.name}”"
        if FieldEditor.ask(self._parent(), title, _spec(field), save, frozenset({"choices"})):
            self._refresh(field.id)

    def retype(self, field: CustomField) -> None:
        """Ask for the new type; say what would convert and what would be lost; then retype."""
        from db.custom_fields import retype_field, retype_report
        from db.validation import InvalidContactError

        reports: list[RetypeReport] = []

        def check(spec: FieldSpec) -> Sequence[FieldError]:
            if spec.kind == field.kind and spec.choices == field.choices:
                return []
            try:
                reports.append(
                    self.ops.read(lambda s: retype_report(s, field.id, spec.kind, spec.choices))
                )
            except InvalidContactError as invalid:
                return invalid.errors
            return []

        title = f"Change the type of “{field.name}”"
        asks = frozenset({"kind", "choices"})
        spec = FieldEditor.ask(self._parent(), title, _spec(field), check, asks)
        if spec is None or not reports:
            return
        report, label = reports[-1], KIND_LABELS[spec.kind]
        if report.lost_count:
            from desktop.customfields.retype_report import RetypeReportDialog

            if not RetypeReportDialog.ask(self._parent(), field.name, label, report):
                return
        elif not prompts.confirm(
            self._parent(),
            "Change type",
            f"Change “{field.name}” from {KIND_LABELS[field.kind]} to {label}? "
            f"All {report.converted:,} values in it fit the new type.",
            "Change type",
        ):
            return
        problems = self._write(
            "change the type",
            lambda s: retype_field(
                s, field.id, spec.kind, spec.choices, accept_losses=report.lost_count > 0
            ),
        )
        if problems and problems != [NOT_SAVED]:
            prompts.show_error(self.window, "Not changed", "\n".join(map(str, problems)))
        self._refresh(field.id)

    def move(self, field: CustomField, step: int) -> None:
        from db.custom_fields import reorder_fields
        from desktop.customfields.define_dialog import moved

        order = moved(self.fields(), field, step)
        self._write("move the field", lambda s: reorder_fields(s, order))
        self._refresh(field.id)

    def delete(self, field: CustomField) -> None:
        from db.custom_fields import delete_field, value_count

        count = self.ops.read(lambda s: value_count(s, field.id))
        if count:
            holders = "1 contact has" if count == 1 else f"{count:,} contacts have"
            question = (
                f"Delete “{field.name}”? {holders} a value in it; the values are deleted too."
            )
        else:
            question = f"Delete “{field.name}”? No contact has a value in it."
        if not prompts.confirm(self._parent(), "Delete field", question, "Delete"):
            return
        self._write("delete the field", lambda s: delete_field(s, field.id))
        self._refresh(None)

    # Internals.

    def _parent(self) -> QWidget:
        return self.dialog if self.dialog is not None else self.window

    def _write(self, what: str, action: Callable[[Session], object]) -> list[FieldError]:
        """Write and announce; the problems with the input, if it was refused for them."""
        from db.validation import InvalidContactError

        try:
            done = self.ops.write(what, action, FIELDS_CHANGED)
        except InvalidContactError as invalid:
            return list(invalid.errors)
        return [] if done is not None else [NOT_SAVED]

    def _refresh(self, select: int | None) -> None:
        if self.dialog is not None:
            self.dialog.show_fields(self.fields())
            if select is not None:
                self.dialog.select(select)


def _spec(field: CustomField) -> FieldSpec:
    return FieldSpec(field.name, field.kind, field.choices)
