"""Shared by the user-field screen tests: the pieces a window would wire (a form, the flows over a
real store), and a way to answer the small dialogs they open, as a user would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from db import contacts
from db.custom_fields import custom_fields
from db.custom_values import contact_values
from db.field_types import CustomField
from db.store import Store
from desktop.contacts.detail_form import ContactForm
from desktop.customfields.define_dialog import DefineFieldsDialog
from desktop.customfields.field_editor import FieldEditor
from desktop.customfields.flows import CustomFieldFlows
from desktop.operations import Operations
from desktop.store_events import StoreEvents
from tests.desktop.window_support import answer_modal

D = TypeVar("D", bound=QDialog)


@dataclass
class Screens:
    store: Store
    window: QWidget
    flows: CustomFieldFlows
    form: ContactForm
    events: StoreEvents
    notices: list[Any]

    def field(self, name: str) -> CustomField:
        with self.store.session() as session:
            return next(f for f in custom_fields(session) if f.name == name)

    def open_contact(self, contact_id: int) -> None:
        """What the window does when a contact is opened: the form, then its user fields."""
        with self.store.session() as session:
            contact = contacts.get_contact(session, contact_id)
            fields = custom_fields(session)
            values = contact_values(session, contact_id)
        self.form.load(contact)
        self.form.load_user_fields(fields, values)

    def values_of(self, contact_id: int) -> dict[int, Any]:
        with self.store.session() as session:
            return contact_values(session, contact_id)


def make_screens(qtbot: Any, store: Store) -> Screens:
    window = QWidget()
    qtbot.addWidget(window)
    events = StoreEvents()
    notices: list[Any] = []
    events.changed.connect(notices.append)
    ops = Operations(window, events, lambda: store)
    form = ContactForm()
    qtbot.addWidget(form)
    form.show()
    return Screens(store, window, CustomFieldFlows(window, ops), form, events, notices)


def when_shown(kind: type[D], then: Callable[[D], None]) -> None:
    """When a dialog of `kind` is the modal one, run `then` on it; reject it if still open."""
    answer_modal(kind, then)


def in_define_fields(screens: Screens, then: Callable[[DefineFieldsDialog], None]) -> None:
    """Open Define Fields, do `then` in it, close it."""
    when_shown(DefineFieldsDialog, then)
    screens.flows.define_fields()


def press_ok(editor: FieldEditor) -> None:
    box = editor.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    button.click()


def type_field(
    qtbot: Any, name: str | None, kind: str | None = None, choices: str = ""
) -> Callable[[FieldEditor], None]:
    """Fill the field editor as a user would, and press OK."""

    def fill(editor: FieldEditor) -> None:
        if name is not None:
            editor.name_edit.clear()
            qtbot.keyClicks(editor.name_edit, name)
        if kind is not None:
            editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(kind))
        if choices:
            editor.choices_edit.setPlainText(choices)
        press_ok(editor)

    return fill


def add_field(
    qtbot: Any, dialog: DefineFieldsDialog, name: str, kind: str, choices: str = ""
) -> None:
    when_shown(FieldEditor, type_field(qtbot, name, kind, choices))
    dialog.add_button.click()
