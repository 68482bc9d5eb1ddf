"""User fields on screen: each type defined in Define Fields, typed on a contact's User fields
tab and saved; bad values outlined; a change of type that would lose values reported first; a
field with values deleted only after saying how many contacts hold one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QWidget

from db import contacts
from db.custom_fields import create_field, custom_fields, set_choices
from db.custom_values import set_contact_values
from db.field_types import KIND_LABELS
from db.store import Store
from db.validation import InvalidContactError
from desktop.customfields.define_dialog import DefineFieldsDialog
from desktop.customfields.field_editor import FieldEditor
from desktop.customfields.value_editors import DateValueEditor
from tests.desktop.conftest import Answers
from tests.desktop.custom_fields_support import (
    Screens,
    add_field,
    in_define_fields,
    make_screens,
    press_ok,
    type_field,
    when_shown,
)

ANNA = 2  # filled_store: Bjørn 1, Anna 2, Hans 3, Kari 4


@pytest.fixture
def screens(qtbot: Any, filled_store: Store, answers: Answers) -> Screens:
    return make_screens(qtbot, filled_store)


def type_text(text: str) -> Callable[[Any, QWidget], None]:
    def do(qtbot: Any, editor: QWidget) -> None:
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, text)

    return do


def pick_date(qtbot: Any, editor: QWidget) -> None:
    assert isinstance(editor, QDateEdit)
    editor.setDate(QDate(2026, 3, 14))


def tick(qtbot: Any, editor: QWidget) -> None:
    assert isinstance(editor, QCheckBox)
    editor.click()


def pick_green(qtbot: Any, editor: QWidget) -> None:
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(n) for n in range(editor.count())] == ["", "Red", "Green", "Blue"]
    editor.setCurrentIndex(editor.findText("Green"))


EVERY_TYPE = [
    # kind, what the user does in the editor, the value stored, what the editor shows after
    ("text", type_text("42 EU, wide"), "42 EU, wide", "42 EU, wide"),
    ("number", type_text("1 234,5"), 1234.5, "1,234.5"),
    ("currency", type_text("kr 99,9"), 99.9, "99.90"),
    ("date", pick_date, date(2026, 3, 14), "2026-03-14"),
    ("yes_no", tick, True, True),
    ("choice", pick_green, "Green", "Green"),
    ("url", type_text("example.com/shop"), "https://example.com/shop", None),
    ("phone", type_text("+47 22 33 44 55"), "+47 22 33 44 55", "+47 22 33 44 55"),
]


def shown(editor: QWidget) -> object:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QDateEdit):
        return editor.text()
    assert isinstance(editor, QLineEdit)
    return editor.text()


@pytest.mark.parametrize(("kind", "action", "stored", "shows"), EVERY_TYPE)
def test_every_type_is_defined_typed_and_saved(
    qtbot: Any,
    screens: Screens,
    kind: str,
    action: Callable[[Any, QWidget], None],
    stored: object,
    shows: object,
) -> None:
    def define(dialog: DefineFieldsDialog) -> None:
        add_field(qtbot, dialog, "Detail", kind, "Red\nGreen\n\nBlue" if kind == "choice" else "")
        assert dialog.field_names() == ["Detail"]
        assert dialog.table.item(0, 1).text() == KIND_LABELS[kind]  # type: ignore[union-attr]

    in_define_fields(screens, define)
    field = screens.field("Detail")
    assert field.kind == kind
    assert screens.notices[-1].fields

    screens.open_contact(ANNA)
    assert not screens.form.is_dirty
    editor = screens.form.user_fields.editor(field.id)
    assert editor.objectName() == f"userField_{field.id}"
    action(qtbot, editor)
    assert screens.form.is_dirty

    with screens.store.session() as session:
        set_contact_values(session, ANNA, screens.form.read_user_values())
    assert screens.values_of(ANNA) == {field.id: stored}
    screens.open_contact(ANNA)
    if shows is not None:
        assert shown(screens.form.user_fields.editor(field.id)) == shows


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("number", "lots", "'lots' is not a number"),
        ("currency", "a fortune", "'a fortune' is not a number"),
        ("url", "not a web address", "is not a web address"),
        ("phone", "12", "too few digits"),
    ],
)
def test_a_bad_value_is_outlined_on_its_editor_and_nothing_is_saved(
    qtbot: Any, screens: Screens, kind: str, typed: str, message: str
) -> None:
    with screens.store.session() as session:
        other = create_field(session, "Notes", "text")
        field = create_field(session, "Shoe size", kind)
    screens.open_contact(ANNA)
    qtbot.keyClicks(screens.form.user_fields.editor(other.id), "fine")
    qtbot.keyClicks(screens.form.user_fields.editor(field.id), typed)
    with pytest.raises(InvalidContactError) as refused, screens.store.session() as session:
        set_contact_values(session, ANNA, screens.form.read_user_values())
    screens.form.show_errors(refused.value.errors)

    tab = screens.form.user_fields
    assert tab.has_error(field.id)
    assert not tab.has_error(other.id)
    assert message in tab.editor(field.id).toolTip()
    assert "Shoe size" in screens.form.errors_text()
    assert screens.values_of(ANNA) == {}
    screens.form.show_errors([])
    assert not tab.has_error(field.id)


def test_adding_with_bad_input_shows_why_and_keeps_what_was_typed(
    qtbot: Any, screens: Screens
) -> None:
    with screens.store.session() as session:
        create_field(session, "Shoe size", "number")
    seen: list[tuple[str, str, bool]] = []

    def twice_wrong_then_right(editor: FieldEditor) -> None:
        qtbot.keyClicks(editor.name_edit, "shoe size")
        press_ok(editor)
        seen.append((editor.error_label.text(), editor.name_edit.text(), editor.isVisible()))
        editor.name_edit.setText("Colour")
        editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("choice"))
        press_ok(editor)
        seen.append((editor.error_label.text(), editor.name_edit.text(), editor.isVisible()))
        qtbot.keyClicks(editor.choices_edit, "Red")
        qtbot.keyClick(editor.choices_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(editor.choices_edit, "Blue")
        press_ok(editor)

    def add(dialog: DefineFieldsDialog) -> None:
        when_shown(FieldEditor, twice_wrong_then_right)
        dialog.add_button.click()

    in_define_fields(screens, add)
    assert "there is already a field" in seen[0][0]
    assert seen[0][1:] == ("shoe size", True)
    assert "a choice list needs at least one choice" in seen[1][0]
    assert seen[1][1:] == ("Colour", True)
    assert screens.field("Colour").choices == ("Red", "Blue")


def test_rename_edit_choices_and_move(qtbot: Any, screens: Screens) -> None:
    with screens.store.session() as session:
        size = create_field(session, "Size", "number")
        colour = create_field(session, "Colour", "choice", ["Red"])

    def work(dialog: DefineFieldsDialog) -> None:
        dialog.select(size.id)
        assert not dialog.choices_button.isEnabled()  # a number has no choices
        assert not dialog.up_button.isEnabled()
        when_shown(FieldEditor, type_field(qtbot, "Shoe size"))
        dialog.rename_button.click()
        dialog.select(colour.id)
        when_shown(FieldEditor, type_field(qtbot, None, choices="Red\nGreen"))
        dialog.choices_button.click()
        dialog.up_button.click()
        assert dialog.field_names() == ["Colour", "Shoe size"]
        assert dialog.current() is not None
        assert dialog.current().id == colour.id  # type: ignore[union-attr]
        assert dialog.table.item(0, 2).text() == "Red, Green"  # type: ignore[union-attr]

    in_define_fields(screens, work)
    with screens.store.session() as session:
        names = [(f.name, f.choices) for f in custom_fields(session)]
    assert names == [("Colour", ("Red", "Green")), ("Shoe size", ())]


@pytest.fixture
def shoe_sizes(screens: Screens) -> int:
    """A text field "Shoe size": Anna 42, Hans lots, Kari 43,5 (the 'lots' is no number)."""
    with screens.store.session() as session:
        field = create_field(session, "Shoe size", "text")
        for contact_id, value in ((2, "42"), (3, "lots"), (4, "43,5")):
            set_contact_values(session, contact_id, {field.id: value})
    return field.id


def retype_to_number(
    qtbot: Any, screens: Screens, field_id: int, on_report: Callable[[Any], None]
) -> None:
    from desktop.customfields.retype_report import RetypeReportDialog

    def work(dialog: DefineFieldsDialog) -> None:
        dialog.select(field_id)
        when_shown(FieldEditor, type_field(qtbot, None, "number"))
        when_shown(RetypeReportDialog, on_report)
        dialog.retype_button.click()

    in_define_fields(screens, work)


def test_a_retype_that_loses_values_is_reported_and_cancel_changes_nothing(
    qtbot: Any, screens: Screens, shoe_sizes: int
) -> None:
    rows: list[list[str]] = []

    def read_and_cancel(report: Any) -> None:
        table = report.table
        rows.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
        assert not report.more_label.isVisible()
        report.cancel_button.click()

    retype_to_number(qtbot, screens, shoe_sizes, read_and_cancel)
    assert rows == [["Berg, Hans", "lots", "'lots' is not a number"]]
    assert screens.field("Shoe size").kind == "text"
    assert screens.values_of(3) == {shoe_sizes: "lots"}
    assert screens.values_of(4) == {shoe_sizes: "43,5"}


def test_a_retype_accepted_converts_what_fits_and_removes_the_rest(
    qtbot: Any, screens: Screens, shoe_sizes: int
) -> None:
    retype_to_number(qtbot, screens, shoe_sizes, lambda report: report.remove_button.click())
    assert screens.field("Shoe size").kind == "number"
    assert screens.values_of(2) == {shoe_sizes: 42.0}
    assert screens.values_of(3) == {}
    assert screens.values_of(4) == {shoe_sizes: 43.5}
    with screens.store.session() as session:
        noted = [h.text for h in contacts.history(session, 3)]
    assert any("'lots'" in text and "removed" in text for text in noted)
    assert screens.notices[-1].fields


def test_a_retype_that_loses_nothing_is_only_confirmed(
    qtbot: Any, screens: Screens, shoe_sizes: int, answers: Answers
) -> None:
    with screens.store.session() as session:
        set_contact_values(session, 3, {shoe_sizes: "44"})

    def never(_report: Any) -> None:
        raise AssertionError("no report when nothing is lost")

    retype_to_number(qtbot, screens, shoe_sizes, never)
    assert answers.asked[-1] == "confirm:Change type"
    assert "All 3 values" in answers.texts[-1]
    assert screens.field("Shoe size").kind == "number"
    assert screens.values_of(3) == {shoe_sizes: 44.0}


def test_the_report_counts_what_it_does_not_list(qtbot: Any) -> None:
    from db.custom_fields import LostValue, RetypeReport
    from desktop.customfields.retype_report import RetypeReportDialog

    lost = tuple(LostValue(n, n, f"Person {n}", "x", "'x' is not a number") for n in range(200))
    dialog = RetypeReportDialog(None, "Shoe size", "Number", RetypeReport(5, lost, 1234))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 200
    assert dialog.more_label.text() == "… and 1,034 more."
    assert "1,234 values do not fit" in dialog.summary_label.text()
    assert "The 5 other values convert and are kept." in dialog.summary_label.text()


def test_deleting_a_field_with_values_says_how_many_and_deletes_them(
    screens: Screens, shoe_sizes: int, answers: Answers
) -> None:
    def delete(dialog: DefineFieldsDialog) -> None:
        dialog.select(shoe_sizes)
        answers.confirm = False
        dialog.delete_button.click()
        assert dialog.field_names() == ["Shoe size"]
        answers.confirm = True
        dialog.delete_button.click()
        assert dialog.field_names() == []

    in_define_fields(screens, delete)
    assert (
        answers.texts
        == ["Delete “Shoe size”? 3 contacts have a value in it; the values are deleted too."] * 2
    )
    assert screens.values_of(2) == {}
    with screens.store.session() as session:
        assert custom_fields(session) == []


def test_deleting_an_empty_field_is_a_plain_confirm(screens: Screens, answers: Answers) -> None:
    with screens.store.session() as session:
        field = create_field(session, "Spare", "text")

    def delete(dialog: DefineFieldsDialog) -> None:
        dialog.select(field.id)
        dialog.delete_button.click()

    in_define_fields(screens, delete)
    assert answers.texts == ["Delete “Spare”? No contact has a value in it."]
    with screens.store.session() as session:
        assert custom_fields(session) == []


def test_a_choice_no_longer_listed_is_shown_and_kept(qtbot: Any, screens: Screens) -> None:
    with screens.store.session() as session:
        field = create_field(session, "Colour", "choice", ["Red", "Green", "Blue"])
        set_contact_values(session, ANNA, {field.id: "Green"})
        set_choices(session, field.id, ["Red", "Blue"])
    screens.open_contact(ANNA)
    combo = screens.form.user_fields.editor(field.id)
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Green (no longer a choice)"
    assert field.id not in screens.form.read_user_values()
    with screens.store.session() as session:
        set_contact_values(session, ANNA, screens.form.read_user_values())
    assert screens.values_of(ANNA) == {field.id: "Green"}
    combo.setCurrentIndex(combo.findText("Red"))
    assert screens.form.is_dirty
    assert screens.form.read_user_values() == {field.id: "Red"}


def test_a_date_can_be_cleared_and_reads_as_none(qtbot: Any, screens: Screens) -> None:
    with screens.store.session() as session:
        field = create_field(session, "Signed", "date")
        set_contact_values(session, ANNA, {field.id: date(2025, 6, 1)})
    screens.open_contact(ANNA)
    assert screens.form.read_user_values() == {field.id: date(2025, 6, 1)}
    date_edit = screens.form.user_fields.editor(field.id)
    tab_editor = screens.form.user_fields.value_editor(field.id)
    assert isinstance(tab_editor, DateValueEditor)
    tab_editor.clear_button.click()
    assert screens.form.is_dirty
    assert date_edit.text().strip() == ""
    assert screens.form.read_user_values() == {field.id: None}
    with screens.store.session() as session:
        set_contact_values(session, ANNA, screens.form.read_user_values())
    assert screens.values_of(ANNA) == {}


def test_no_fields_says_where_to_define_them(qtbot: Any, screens: Screens) -> None:
    screens.open_contact(ANNA)
    tab = screens.form.user_fields
    assert tab.pages.currentIndex() == 0
    assert tab.empty_label.text() == "No user fields yet. Define them in Tools ▸ Define Fields…"
    with qtbot.waitSignal(tab.defineRequested):
        tab.define_button.click()
    assert screens.form.read_user_values() == {}


def test_opening_another_contact_never_shows_the_last_ones_values(
    qtbot: Any, screens: Screens
) -> None:
    with screens.store.session() as session:
        field = create_field(session, "Notes", "text")
        set_contact_values(session, ANNA, {field.id: "Anna's"})
    screens.open_contact(ANNA)
    with screens.store.session() as session:
        screens.form.load(contacts.get_contact(session, 3))  # the window has not yet sent values
    assert screens.form.read_user_values() == {field.id: ""}
    assert not screens.form.is_dirty
