"""User fields in the main window, end to end: defined from the Tools menu, typed on a contact's
User fields tab, saved with Save, refused with the reason when wrong, shown as a list column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from db.custom_values import contact_values
from db.store import Store
from desktop.contacts.detail_form import TAB_USER_FIELDS
from desktop.customfields.define_dialog import DefineFieldsDialog
from desktop.main_window import MainWindow
from tests.desktop.custom_fields_support import add_field
from tests.desktop.window_support import answer_modal, row_named


def define(qtbot: Any, window: MainWindow, name: str, kind: str, choices: str = "") -> int:
    answer_modal(DefineFieldsDialog, lambda d: add_field(qtbot, d, name, kind, choices))
    window.commands.define_fields.trigger()
    return next(f.id for f in window.custom_fields.fields() if f.name == name)


def values_of(store: Store, contact_id: int) -> dict[int, Any]:
    with store.session() as session:
        return contact_values(session, contact_id)


def test_define_type_save_and_show_as_a_column(
    qtbot: Any, window: MainWindow, filled_store: Store
) -> None:
    size = define(qtbot, window, "Company size", "number")
    window.show_contact(window.model.contact_id(row_named(window, "Hansen, Anna")) or 0)
    anna = window.form.contact_id
    assert anna is not None
    window.form.tabs.setCurrentIndex(TAB_USER_FIELDS)
    editor = window.form.user_fields.editor(size)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "1 250")
    assert window.isWindowModified()
    window.commands.save.trigger()
    assert values_of(filled_store, anna) == {size: 1250.0}
    assert not window.form.is_dirty
    # The history notes the edit like any other.
    assert "Company size: '' → '1250'" in window.form.history.shown()[0].text
    # A bad value: told which field and why, nothing saved, what was typed kept.
    editor = window.form.user_fields.editor(size)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "lots")
    window.commands.save.trigger()
    assert "<b>Company size</b>: 'lots' is not a number" in window.form.errors_text()
    assert window.form.user_fields.has_error(size)
    assert values_of(filled_store, anna) == {size: 1250.0}
    assert editor.text() == "lots"
    window.revert_contact()
    # Shown as a column, sorted on it.
    window.list_columns.set_visible(f"custom:{size}", True)
    column = window.model.columnCount() - 1
    row = row_named(window, "Hansen, Anna")
    assert window.model.data(window.model.index(row, column)) == "1,250"
    header = window.list_view.horizontalHeader()
    header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    assert window.model.contact_id(0) == anna  # the only one with a value


def test_a_new_contact_gets_its_user_fields_saved_with_it(
    qtbot: Any, window: MainWindow, filled_store: Store
) -> None:
    tier = define(qtbot, window, "Tier", "choice", "Gold\nSilver")
    window.commands.new_contact.trigger()
    qtbot.keyClicks(window.form.texts["first_name"], "Nina")
    qtbot.keyClicks(window.form.texts["last_name"], "Lund")
    combo = window.form.user_fields.editor(tier)
    combo.setCurrentIndex(combo.findText("Silver"))  # type: ignore[attr-defined]
    window.commands.save.trigger()
    nina = window.form.contact_id
    assert nina is not None
    assert values_of(filled_store, nina) == {tier: "Silver"}


def test_deleting_the_field_takes_its_column_and_editor_away(
    qtbot: Any, window: MainWindow, answers: Any
) -> None:
    size = define(qtbot, window, "Shoe size", "number")
    window.list_columns.set_visible(f"custom:{size}", True)
    assert "Shoe size" in [c.heading for c in window.model.columns]

    def delete(dialog: DefineFieldsDialog) -> None:
        dialog.select(size)
        dialog.delete_button.click()

    answer_modal(DefineFieldsDialog, delete)
    window.commands.define_fields.trigger()
    assert "No contact has a value in it" in answers.texts[-1]
    assert "Shoe size" not in [c.heading for c in window.model.columns]
    assert window.custom_fields.fields() == []


def test_a_field_deleted_during_an_unsaved_edit_does_not_block_saving_it(
    qtbot: Any, window: MainWindow, filled_store: Store
) -> None:
    from db.custom_fields import delete_field
    from desktop.store_events import ChangeSet

    size = define(qtbot, window, "Shoe size", "number")
    tier = define(qtbot, window, "Tier", "text")
    window.show_contact(window.model.contact_id(row_named(window, "Hansen, Anna")) or 0)
    anna = window.form.contact_id
    assert anna is not None
    qtbot.keyClicks(window.form.user_fields.editor(size), "42")
    qtbot.keyClicks(window.form.user_fields.editor(tier), "Gold")
    type_name = window.form.texts["first_name"]
    type_name.selectAll()
    qtbot.keyClicks(type_name, "Annika")
    with filled_store.session() as session:  # as Define Fields does, while the edit is open
        delete_field(session, size)
    window.events.announce(ChangeSet(fields=True, list_changed=True))
    assert window.form.is_dirty
    assert window.form.read_user_values() == {tier: "Gold"}  # what was typed is kept
    window.commands.save.trigger()
    assert not window.form.is_dirty
    assert values_of(filled_store, anna) == {tier: "Gold"}
    with filled_store.session() as session:
        from db import contacts

        assert contacts.get_contact(session, anna).fields.first_name == "Annika"
