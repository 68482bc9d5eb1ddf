"""The main window driven like a user: search, open, edit, save, guard unsaved edits, Trash."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from db import contacts
from db.search import live_contact_count
from db.store import Store, open_store
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.db.factories import person
from tests.desktop.conftest import Answers
from tests.desktop.window_support import click_row, row_named, stored, type_into


def test_search_open_edit_save_and_find_it_in_the_database(
    qtbot: object, window: MainWindow, filled_store: Store
) -> None:
    assert window.status_label.text() == "4 contacts"
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "hansen")  # type: ignore[attr-defined]
    assert window.model.rowCount() == 1
    assert window.status_label.text() == "1 of 4 contacts match “hansen”"
    click_row(qtbot, window, 0)
    assert window.form.texts["first_name"].text() == "Anna"
    type_into(qtbot, window.form.texts["company"], "Acme Freight")
    assert window.form.is_dirty
    assert window.isWindowModified()
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not window.form.is_dirty
    contact_id = window.form.contact_id
    assert contact_id is not None
    assert stored(filled_store, contact_id).fields.company == "Acme Freight"
    assert window.model.data(window.model.index(0, 1)) == "Acme Freight"
    with filled_store.session() as session:
        assert (
            "Company: 'Acme Logistics' → 'Acme Freight'"
            in contacts.history(session, contact_id)[0].text
        )
    assert window.form.history_table.item(0, 3).text().startswith("Edited Company")


def test_ctrl_f_goes_to_the_search_box(qtbot: object, window: MainWindow) -> None:
    window.list_view.setFocus()
    qtbot.waitUntil(window.list_view.hasFocus)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.search_box


def test_phones_emails_and_addresses_are_edited_in_their_tables(
    qtbot: object, window: MainWindow, filled_store: Store
) -> None:
    click_row(qtbot, window, row_named(window, "Nordmann, Kari"))
    form = window.form
    form.phones.add_row(("mobile", "+47 912 34 567", ""))
    form.emails.add_row(("work", "kari@nordlys.no", True))
    form.addresses.add_row(("work", "Kirkegata 2", "0153", "Oslo", "", "Norway", True))
    assert form.is_dirty
    window.commands.save.trigger()
    saved = stored(filled_store, form.contact_id or 0).fields
    assert [(p.kind, p.e164) for p in saved.phones] == [("mobile", "+4791234567")]
    assert [e.address for e in saved.emails] == ["kari@nordlys.no"]
    assert saved.addresses[0].city == "Oslo"
    assert (
        window.model.data(window.model.index(window.model.row_of(form.contact_id or 0) or 0, 4))
        == "Oslo"
    )


def test_bad_input_is_shown_and_nothing_is_saved(
    qtbot: object, window: MainWindow, filled_store: Store
) -> None:
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    contact_id = window.form.contact_id or 0
    before = stored(filled_store, contact_id)
    type_into(qtbot, window.form.texts["birthday"], "2023-02-30")
    type_into(qtbot, window.form.texts["company"], "Changed")
    window.form.emails.add_row(("work", "hans@@berg", False))
    assert window.save_contact() is False
    shown = window.form.errors_text()
    assert "2023-02-30 is not a date on the calendar" in shown
    assert "E-mail 1" in shown  # every problem at once, not one per try
    assert stored(filled_store, contact_id) == before
    assert window.form.texts["company"].text() == "Changed"  # the typing is still there
    type_into(qtbot, window.form.texts["birthday"], "1970-05-17")
    assert window.save_contact() is False
    assert "E-mail 1" in window.form.errors_text()
    assert "Birthday" not in window.form.errors_text()
    assert stored(filled_store, contact_id) == before


@pytest.mark.parametrize(
    ("answer", "expect_saved", "expect_moved"),
    [
        (prompts.UnsavedChoice.CANCEL, False, False),
        (prompts.UnsavedChoice.DISCARD, False, True),
        (prompts.UnsavedChoice.SAVE, True, True),
    ],
)
def test_moving_to_another_row_never_loses_an_edit_silently(
    qtbot: object,
    window: MainWindow,
    filled_store: Store,
    answers: Answers,
    answer: prompts.UnsavedChoice,
    expect_saved: bool,
    expect_moved: bool,
) -> None:
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    edited_id = window.form.contact_id or 0
    type_into(qtbot, window.form.texts["title"], "Daglig leder")
    answers.unsaved = answer
    click_row(qtbot, window, row_named(window, "Hansen, Anna"))
    qtbot.wait(20)  # type: ignore[attr-defined]
    assert answers.asked == ["unsaved:Hans Berg"]
    assert (stored(filled_store, edited_id).fields.title == "Daglig leder") is expect_saved
    if expect_moved:
        assert window.form.texts["first_name"].text() == "Anna"
        assert not window.form.is_dirty
    else:
        assert window.form.contact_id == edited_id
        assert window.form.texts["title"].text() == "Daglig leder"
        assert window.form.is_dirty
        current = window.list_view.currentIndex().row()
        assert window.model.contact_id(current) == edited_id


def test_closing_with_an_unsaved_edit_asks_first(
    qtbot: object, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    type_into(qtbot, window.form.texts["title"], "Sjef")
    answers.unsaved = prompts.UnsavedChoice.CANCEL
    assert window.close() is False
    assert window.isVisible()
    answers.unsaved = prompts.UnsavedChoice.SAVE
    assert window.close() is True
    assert stored(filled_store, window.form.contact_id or 0).fields.title == "Sjef"


def test_search_while_editing_asks_first(
    qtbot: object, window: MainWindow, answers: Answers
) -> None:
    type_into(qtbot, window.form.texts["title"], "Sjef")
    answers.unsaved = prompts.UnsavedChoice.CANCEL
    qtbot.keyClicks(window.search_box, "x")  # type: ignore[attr-defined]
    assert window.search_box.text() == ""
    assert window.model.rowCount() == 4
    assert window.form.texts["title"].text() == "Sjef"


def test_new_contact_with_ctrl_n(qtbot: object, window: MainWindow, filled_store: Store) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.form.is_new
    assert window.form.title_label.text() == "New contact"
    qtbot.keyClicks(window.form.texts["first_name"], "Ingrid")  # type: ignore[attr-defined]
    qtbot.keyClicks(window.form.texts["last_name"], "Åsheim")  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    with filled_store.session() as session:
        assert live_contact_count(session) == 5
    assert window.form.contact_id is not None
    assert window.form.title_label.text() == "Ingrid Åsheim"
    current = window.list_view.currentIndex().row()
    assert window.model.data(window.model.index(current, 0)) == "Åsheim, Ingrid"
    assert window.status_label.text() == "5 contacts"


def test_an_empty_new_contact_is_refused(window: MainWindow, filled_store: Store) -> None:
    window.commands.new_contact.trigger()
    assert window.save_contact() is False
    assert "a contact needs a first name" in window.form.errors_text()
    with filled_store.session() as session:
        assert live_contact_count(session) == 4


def test_delete_to_trash_and_restore(
    qtbot: object, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    click_row(qtbot, window, row_named(window, "Hansen, Anna"))
    anna = window.form.contact_id or 0
    answers.confirm = False
    window.commands.delete.trigger()
    assert window.model.rowCount() == 4  # the user said no
    answers.confirm = True
    window.commands.delete.trigger()
    assert answers.asked == ["confirm:Delete contact", "confirm:Delete contact"]
    assert window.model.row_of(anna) is None
    assert window.status_label.text() == "3 contacts"
    assert window.form.contact_id is not None  # the next contact is shown
    with filled_store.session() as session:
        assert [t.id for t in contacts.trash(session)] == [anna]

    def restore_in_dialog() -> None:
        dialog = window.trash_dialog
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 0).text() == "Anna Hansen"
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        assert dialog.table.rowCount() == 0
        dialog.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, restore_in_dialog)
    window.show_trash()
    assert window.model.row_of(anna) is not None
    assert stored(filled_store, anna).deleted_at is None


def test_sorting_by_clicking_a_column_header(qtbot: object, window: MainWindow) -> None:
    header = window.list_view.horizontalHeader()
    x = header.sectionViewportPosition(1) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))  # type: ignore[attr-defined]
    companies = [window.model.data(window.model.index(r, 1)) for r in range(4)]
    assert companies in (
        ["Acme Logistics", "Bergen Bygg", "Fjordkraft AS", "Nordlys AS"],
        ["Nordlys AS", "Fjordkraft AS", "Bergen Bygg", "Acme Logistics"],
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))  # type: ignore[attr-defined]
    again = [window.model.data(window.model.index(r, 1)) for r in range(4)]
    assert again == list(reversed(companies))


def test_window_layout_is_remembered(
    make_window: Callable[[Store], MainWindow], filled_store: Store
) -> None:
    first = make_window(filled_store)
    first.resize(780, 650)
    chosen = (first.width(), first.height())
    assert chosen[0] == 780  # a width no fresh window has
    first.splitter.setSizes([300, 600])
    first.form.tabs.setCurrentIndex(2)
    first.close()
    second = make_window(filled_store)
    assert (second.width(), second.height()) == chosen
    assert second.splitter.sizes()[0] < second.splitter.sizes()[1]
    assert second.form.tabs.currentIndex() == 2


def test_opening_a_newer_database_is_refused_and_the_current_one_kept(
    window: MainWindow, tmp_path: Path, answers: Answers
) -> None:
    newer = tmp_path / "newer.sqlite"
    open_store(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00'")
    conn.close()
    assert window.open_database(newer) is False
    assert len(answers.errors) == 1
    assert "newer version of Cardfile" in answers.errors[0]
    assert window.model.rowCount() == 4


def test_opening_another_database_switches_and_remembers_it(
    window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    assert window.open_database(other, create=True) is True
    assert window.model.rowCount() == 0
    assert window.windowTitle().startswith("other.sqlite")
    assert not window.isWindowModified()
    assert not window.form.isEnabled()
    from desktop import settings as keys

    assert window.settings.get(keys.RECENT_DATABASES)[0] == str(other)


def test_default_phone_country_is_chosen_from_the_tools_menu(
    qtbot: object, window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[list[str]] = []

    def choose(_parent: object, _title: str, _label: str, items: list[str], current: str) -> str:
        offered.append(items)
        assert current == "US"
        return "NO"

    monkeypatch.setattr(prompts, "choose_item", choose)
    window.commands.region.trigger()
    assert "NO" in offered[0]
    assert "SE" in offered[0]
    click_row(qtbot, window, row_named(window, "Nordmann, Kari"))
    window.form.phones.add_row(("work", "22 33 44 55", ""))
    assert window.save_contact()
    assert stored(filled_store, window.form.contact_id or 0).fields.phones[0].e164 == "+4722334455"


def test_an_empty_list_says_what_to_do(qtbot: object, window: MainWindow, tmp_path: Path) -> None:
    assert window.list_view.isVisible()
    qtbot.keyClicks(window.search_box, "zzzyx")  # type: ignore[attr-defined]
    assert not window.list_view.isVisible()
    assert window.empty_label.isVisible()
    assert "No contact matches “zzzyx”" in window.empty_label.text()
    assert not window.form.isEnabled()  # nothing is open
    window.search_box.clear()
    assert window.list_view.isVisible()
    assert window.form.isEnabled()
    window.open_database(tmp_path / "empty.sqlite", create=True)
    assert window.empty_label.isVisible()
    assert "No contacts yet" in window.empty_label.text()
    assert "Ctrl+N" in window.empty_label.text()


def test_a_database_that_refuses_the_write_loses_nothing(
    qtbot: object,
    window: MainWindow,
    filled_store: Store,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy.exc import OperationalError

    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    contact_id = window.form.contact_id or 0
    type_into(qtbot, window.form.texts["title"], "Daglig leder")

    def locked(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("UPDATE contacts", {}, Exception("database is locked"))

    monkeypatch.setattr(contacts, "update_contact", locked)
    assert window.save_contact() is False
    assert len(answers.errors) == 1
    assert "could not save Hans Berg" in answers.errors[0]
    assert "database is locked" in answers.errors[0]
    assert window.form.is_dirty
    assert window.form.texts["title"].text() == "Daglig leder"
    assert stored(filled_store, contact_id).fields.title == ""
    monkeypatch.undo()
    assert window.save_contact() is True
    assert stored(filled_store, contact_id).fields.title == "Daglig leder"


def test_del_key_deletes_from_the_list_but_not_while_typing(
    qtbot: object, window: MainWindow, answers: Answers
) -> None:
    answers.confirm = False
    window.form.texts["title"].setFocus()
    window.form.texts["title"].setText("abc")
    window.form.texts["title"].setCursorPosition(0)
    qtbot.keyClick(window.form.texts["title"], Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    assert window.form.texts["title"].text() == "bc"
    assert answers.asked == []
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    assert answers.asked == ["confirm:Delete contact"]


def test_enter_in_the_search_box_goes_to_the_list(qtbot: object, window: MainWindow) -> None:
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "berg")  # type: ignore[attr-defined]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.list_view.hasFocus()


def test_the_window_opens_ready_to_search(
    qtbot: object, settings: object, filled_store: Store, answers: Answers
) -> None:
    from desktop.store_events import StoreEvents

    window = MainWindow(filled_store, settings, StoreEvents())  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_box)  # type: ignore[attr-defined]
    assert window.form.contact_id is None  # nothing opened before the first paint
    window.show_first_contact()
    assert window.form.texts["last_name"].text() == "Berg"


def test_at_start_up_the_first_contact_opens_once_the_list_has_painted(
    qtbot: object, settings: object, filled_store: Store, answers: Answers
) -> None:
    from desktop.store_events import StoreEvents

    window = MainWindow(filled_store, settings, StoreEvents())  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show_first_contact_after_paint()
    assert window.form.contact_id is None
    window.show()
    qtbot.waitUntil(lambda: window.form.contact_id is not None)  # type: ignore[attr-defined]
    assert window.form.texts["last_name"].text() == "Berg"
    click_row(qtbot, window, row_named(window, "Hansen, Anna"))
    window.show_first_contact()  # a late call does not take the user's contact away
    assert window.form.texts["first_name"].text() == "Anna"


def test_a_phone_still_being_typed_is_saved_and_counts_as_a_change(
    qtbot: object, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    click_row(qtbot, window, row_named(window, "Nordmann, Kari"))
    kari = window.form.contact_id or 0
    qtbot.mouseClick(window.form.phones.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, "+47 22 33 44 55")  # type: ignore[attr-defined]
    assert window.form.is_dirty  # before the cell editor closes
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert [p.number for p in stored(filled_store, kari).fields.phones] == ["+47 22 33 44 55"]


def test_after_saving_on_the_way_to_another_row_list_and_form_agree(
    qtbot: object, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    type_into(qtbot, window.form.texts["last_name"], "Bergx")
    answers.unsaved = prompts.UnsavedChoice.SAVE
    click_row(qtbot, window, row_named(window, "Hansen, Anna"))
    qtbot.wait(20)  # type: ignore[attr-defined]
    current = window.list_view.currentIndex().row()
    assert window.model.contact_id(current) == window.form.contact_id
    assert window.form.texts["first_name"].text() == "Anna"
    answers.confirm = True
    window.list_view.setFocus()
    window.commands.delete.trigger()
    with filled_store.session() as session:
        assert [t.name for t in contacts.trash(session)] == ["Anna Hansen"]


@pytest.mark.parametrize("answer", [prompts.UnsavedChoice.DISCARD, prompts.UnsavedChoice.SAVE])
def test_searching_with_an_edit_open_asks_once_and_does_what_was_answered(
    qtbot: object,
    window: MainWindow,
    filled_store: Store,
    answers: Answers,
    answer: prompts.UnsavedChoice,
) -> None:
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    hans = window.form.contact_id or 0
    type_into(qtbot, window.form.texts["title"], "Sjef")
    answers.unsaved = answer
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "ber")  # type: ignore[attr-defined]
    assert answers.asked == ["unsaved:Hans Berg"]
    assert not window.form.is_dirty
    assert window.search_box.text() == "ber"
    saved = answer is prompts.UnsavedChoice.SAVE
    assert (stored(filled_store, hans).fields.title == "Sjef") is saved


def test_a_recent_database_that_is_gone_is_not_created_again(
    window: MainWindow, tmp_path: Path, answers: Answers
) -> None:
    from desktop import settings as keys

    gone = tmp_path / "usb" / "work.sqlite"
    window.settings.remember_database(str(gone))
    assert window.open_database(gone) is False
    assert "does not exist any more" in answers.errors[0]
    assert not gone.parent.exists()
    assert str(gone) not in window.settings.get(keys.RECENT_DATABASES)
    assert window.model.rowCount() == 4


def test_a_saved_contact_that_leaves_the_search_stays_open(
    qtbot: object, window: MainWindow, filled_store: Store
) -> None:
    qtbot.keyClicks(window.search_box, "hansen")  # type: ignore[attr-defined]
    click_row(qtbot, window, 0)
    anna = window.form.contact_id
    type_into(qtbot, window.form.texts["last_name"], "Larsen")
    assert window.save_contact()
    assert window.form.contact_id == anna
    assert window.form.isEnabled()
    assert window.form.texts["last_name"].text() == "Larsen"
    assert window.model.rowCount() == 0
    assert "no longer matches" in window.statusBar().currentMessage()


def test_purge_from_the_trash_dialog_asks_and_deletes_for_good(
    qtbot: object, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    from PySide6.QtCore import QTimer

    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    hans = window.form.contact_id or 0
    window.commands.delete.trigger()

    def purge_in_dialog() -> None:
        dialog = window.trash_dialog
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        assert dialog.table.rowCount() == 0
        dialog.reject()

    QTimer.singleShot(0, purge_in_dialog)
    window.show_trash()
    assert answers.asked[-1] == "confirm:Delete for good"
    with filled_store.session() as session, pytest.raises(contacts.ContactNotFoundError):
        contacts.get_contact(session, hans)


def test_the_list_sort_is_remembered(
    qtbot: object, make_window: Callable[[Store], MainWindow], filled_store: Store
) -> None:
    first = make_window(filled_store)
    first.list_view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert first.model.data(first.model.index(0, 1)) == "Nordlys AS"
    first.close()
    second = make_window(filled_store)
    header = second.list_view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    assert second.model.data(second.model.index(0, 1)) == "Nordlys AS"


def test_recent_databases_menu_opens_one(
    window: MainWindow, filled_store: Store, tmp_path: Path
) -> None:
    first = str(filled_store.path)
    window.settings.remember_database(first)
    assert window.open_database(tmp_path / "other.sqlite", create=True)
    assert window.model.rowCount() == 0
    window.recent_menu.aboutToShow.emit()
    entries = {action.text(): action for action in window.recent_menu.actions()}
    assert list(entries)[:2] == [str(tmp_path / "other.sqlite"), first]
    entries[first].trigger()
    assert window.model.rowCount() == 4
    assert window.windowTitle().startswith("contacts.sqlite")


def test_a_database_locked_for_a_moment_leaves_the_list_as_it_was(
    qtbot: object, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import search

    def locked(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(search, "found_ids", locked)
    monkeypatch.setattr(search, "matching_ids", locked)
    qtbot.keyClicks(window.search_box, "hansen")  # type: ignore[attr-defined]
    assert "Could not search just now: database is locked" in window.statusBar().currentMessage()
    assert window.model.rowCount() == 4  # still the whole list, and a valid model
    assert window.model.data(window.model.index(0, 0)) == "Berg, Hans"


def test_an_imported_photo_is_shown_beside_the_name(
    window: MainWindow, filled_store: Store
) -> None:
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QColor, QImage

    from db.models import ContactPhotoRow

    image = QImage(40, 50, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    with filled_store.session() as session:
        contact_id = contacts.create_contact(session, person("Foto", "Grafen")).id
        photo = bytes(buffer.data().data())
        session.add(ContactPhotoRow(contact_id=contact_id, mime="image/png", data=photo))
        other_id = contacts.create_contact(session, person("Uten", "Bilde")).id
    window.open_contact(contact_id)
    label = window.form.photo_label
    assert not label.isHidden()
    assert label.pixmap().height() == 64  # scaled to fit beside the name
    assert label.pixmap().toImage().pixelColor(10, 10) == QColor("#336699")
    window.open_contact(other_id)
    assert label.isHidden()
