"""Lookups, saved lookups, groups, list columns and multi-selection in the real window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QDropEvent

from db import contacts, custom_fields, groups, saved_lookups
from db.custom_values import set_contact_values
from db.lookup_records import Condition
from db.records import Address, ContactFields
from db.store import Store
from desktop import settings as keys
from desktop.lookups.builder import LookupDialog
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.widgets import prompts
from tests.desktop.conftest import Answers
from tests.desktop.window_support import answer_modal

PEOPLE = (  # name, city, status, company size
    ("Ann", "Oslo", "Customer", "12"),
    ("Bo", "Bergen", "Customer", "250"),
    ("Cy", "Oslo", "Prospect", "40"),
    ("Di", "Oslo", "Customer", ""),
    ("Ed", "Tromsø", "Lead", "9000"),
)


@pytest.fixture
def people_store(store: Store) -> Store:
    with store.session() as session:
        size = custom_fields.create_field(session, "Company size", "number").id
        for first, city, status, employees in PEOPLE:
            fields = ContactFields(
                first_name=first, last_name="Lie", status=status, addresses=(Address(city=city),)
            )
            contact_id = contacts.create_contact(session, fields).id
            set_contact_values(session, contact_id, {size: employees})
    return store


@pytest.fixture
def window(make_window: Callable[[Store], MainWindow], people_store: Store) -> MainWindow:
    return make_window(people_store)


def listed(window: MainWindow) -> list[str]:
    model = window.model
    return [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]


def field_id(store: Store, name: str) -> int:
    with store.session() as session:
        return next(f.id for f in custom_fields.custom_fields(session) if f.name == name)


def test_a_lookup_built_in_the_dialog_replaces_the_list(qtbot: object, window: MainWindow) -> None:
    def build(dialog: LookupDialog) -> None:
        first = dialog.rows[0]
        first.field.setCurrentIndex(first.field.findData("status"))
        assert first.choice.isVisible()  # statuses are offered as a list
        first.choice.setCurrentText("Customer")
        second = dialog.add_row()
        second.field.setCurrentIndex(second.field.findData("city"))
        second.operator.setCurrentIndex(second.operator.findData("is"))
        qtbot.keyClicks(second.value, "oslo")  # type: ignore[attr-defined]
        third = dialog.add_row()
        third.field.setCurrentIndex(third.field.findText("Company size"))
        third.operator.setCurrentIndex(third.operator.findData("gt"))
        qtbot.keyClicks(third.value, "10")  # type: ignore[attr-defined]
        dialog.find_button.click()

    seen = answer_modal(LookupDialog, build)
    window.commands.lookup.trigger()
    assert seen == ["Lookup"]
    assert listed(window) == ["Lie, Ann"]
    assert "1 of 5 contacts in the lookup “Lookup”" in window.status_label.text()

    # "or" starts another group: (Customer and Oslo and >10) or Lead.
    def widen(dialog: LookupDialog) -> None:
        assert len(dialog.rows) == 3  # the last lookup, to change
        fourth = dialog.add_row()
        fourth.joiner.setCurrentText("or")
        fourth.field.setCurrentIndex(fourth.field.findData("status"))
        fourth.choice.setCurrentText("Lead")
        dialog.find_button.click()

    answer_modal(LookupDialog, widen)
    window.commands.lookup.trigger()
    assert listed(window) == ["Lie, Ann", "Lie, Ed"]
    window.commands.show_all.trigger()
    assert len(listed(window)) == len(PEOPLE)


def test_a_row_that_cannot_run_is_shown_and_the_dialog_stays_open(
    qtbot: object, window: MainWindow
) -> None:
    shown: list[str] = []

    def build(dialog: LookupDialog) -> None:
        row = dialog.rows[0]
        row.field.setCurrentIndex(row.field.findText("Company size"))
        row.operator.setCurrentIndex(row.operator.findData("lt"))
        qtbot.keyClicks(row.value, "lots")  # type: ignore[attr-defined]
        dialog.find_button.click()
        shown.append(dialog.error_label.text())
        assert dialog.isVisible()

    answer_modal(LookupDialog, build)
    window.commands.lookup.trigger()
    assert "Row 1 (Company size): 'lots' is not a number" in shown[0]
    assert len(listed(window)) == len(PEOPLE)  # the list is as it was


def test_a_saved_lookup_is_in_the_panel_and_runs_again_on_todays_data(
    qtbot: object, window: MainWindow, people_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "ask_text", lambda *_args: "Oslo customers")

    def build(dialog: LookupDialog) -> None:
        dialog.rows[0].field.setCurrentIndex(dialog.rows[0].field.findData("city"))
        qtbot.keyClicks(dialog.rows[0].value, "Oslo")  # type: ignore[attr-defined]
        second = dialog.add_row()
        second.field.setCurrentIndex(second.field.findData("status"))
        second.choice.setCurrentText("Customer")
        dialog.save_button.click()

    answer_modal(LookupDialog, build)
    window.commands.lookup.trigger()
    assert listed(window) == ["Lie, Ann", "Lie, Di"]
    with people_store.session() as session:
        assert saved_lookups.lookup_named(session, "oslo customers").lookup.conditions[1] == (
            Condition("status", "is", "Customer")
        )
    item = window.lists_panel.item_for("lookup", window.lookups.lookups[0].id)
    assert item is not None
    assert item.text(0) == "Oslo customers"
    window.lists_panel.tree.itemClicked.emit(window.lists_panel.everyone, 0)
    assert len(listed(window)) == len(PEOPLE)
    # Cy becomes a customer elsewhere (the command line, another window): opening the saved
    # lookup again finds Cy too.
    cy = window.model.contact_id(2)
    assert cy is not None
    with people_store.session() as session:
        fields = contacts.get_contact(session, cy).fields
        contacts.update_contact(session, cy, replace(fields, status="Customer"))
    window.lists_panel.tree.itemClicked.emit(item, 0)
    assert listed(window) == ["Lie, Ann", "Lie, Cy", "Lie, Di"]
    assert "in the lookup “Oslo customers”" in window.status_label.text()


def select_rows(window: MainWindow, rows: list[int]) -> None:
    selection = window.list_view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_groups_from_the_menu_and_by_dragging_the_selection_onto_them(
    qtbot: object,
    window: MainWindow,
    people_store: Store,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(prompts, "ask_text", lambda *_args: "Trade fair")
    window.lists_panel.newGroupRequested.emit()
    (fair,) = window.lookups.groups
    assert window.lists_panel.item_for("group", fair.id).text(0) == "Trade fair (0)"  # type: ignore[union-attr]
    # Ann and Cy selected (Ctrl-click), added from the Contact menu.
    select_rows(window, [0, 2])
    monkeypatch.setattr(prompts, "choose_item", lambda *_args: "Trade fair")
    window.commands.add_to_group.trigger()
    # Ed dragged onto the group in the side panel.
    select_rows(window, [4])
    mime = window.model.mimeData([window.model.index(4, 0)])
    tree = window.lists_panel.tree
    item = window.lists_panel.item_for("group", fair.id)
    assert item is not None
    target = tree.visualItemRect(item).center()
    drop = QDropEvent(
        target.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(drop)
    with people_store.session() as session:
        (stored,) = groups.groups(session)
    assert stored.contacts == 3
    item = window.lists_panel.item_for("group", fair.id)
    assert item is not None
    assert item.text(0) == "Trade fair (3)"
    window.lists_panel.tree.itemClicked.emit(item, 0)
    assert listed(window) == ["Lie, Ann", "Lie, Cy", "Lie, Ed"]
    # Taken out again: the group's list follows.
    select_rows(window, [1])  # Cy
    window.commands.remove_from_group.trigger()
    assert listed(window) == ["Lie, Ann", "Lie, Ed"]
    # Deleted: asks, with the count, and the list shows everyone.
    window.lists_panel.deleteRequested.emit("group", fair.id)
    assert "Its 2 contacts stay in the database" in answers.texts[-1]
    assert len(listed(window)) == len(PEOPLE)
    assert window.lookups.groups == []


def test_a_user_field_as_a_column_sorted_and_kept_in_the_settings(
    window: MainWindow, people_store: Store, settings: Settings
) -> None:
    size = field_id(people_store, "Company size")
    window.list_columns.set_visible(f"custom:{size}", True)
    model = window.model
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Company size"
    assert [model.data(model.index(r, column)) for r in range(5)] == [
        "12", "250", "40", "", "9,000",
    ]  # fmt: skip
    window.list_view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    assert listed(window) == ["Lie, Ed", "Lie, Bo", "Lie, Cy", "Lie, Ann", "Lie, Di"]
    window.close()
    assert settings.get(keys.LIST_COLUMNS)[-1] == f"custom:{size}"
    assert settings.get(keys.LIST_SORT) == [f"custom:{size}:value_number"]


def test_the_column_menu_lists_every_column_and_user_field(
    window: MainWindow, people_store: Store
) -> None:
    menu = window.list_columns.menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions() if a.isCheckable()]
    assert names == ["Name", "Company", "Phone", "E-mail", "City", "Status", "Company size"]
    phone = next(a for a in menu.actions() if a.text() == "Phone")
    phone.trigger()  # hidden
    assert "Phone" not in [c.heading for c in window.model.columns]
    name = next(a for a in menu.actions() if a.text() == "Name")
    assert not name.isEnabled()  # the name is always shown


def test_a_category_for_the_selected_contacts_only(
    window: MainWindow, people_store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import categories

    with people_store.session() as session:
        categories.create_category(session, "VIP", "#c0392b")
    window.categories.refresh()
    select_rows(window, [1, 3])
    monkeypatch.setattr(prompts, "choose_item", lambda *_args: "VIP")
    window.commands.add_category.trigger()
    assert "to 2 contacts" in answers.texts[-1]
    with people_store.session() as session:
        (vip,) = categories.categories(session)
    assert vip.contacts == 2


def test_rename_edit_and_delete_a_saved_lookup_from_the_panel(
    window: MainWindow, people_store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.lookup_records import Lookup

    with people_store.session() as session:
        saved_lookups.save_lookup(session, "Oslo", Lookup((Condition("city", "is", "Oslo"),)))
    window.lookups.refresh()
    (oslo,) = window.lookups.lookups
    monkeypatch.setattr(prompts, "ask_text", lambda *_args: "Oslo people")
    window.lists_panel.renameRequested.emit("lookup", oslo.id)
    assert [s.name for s in window.lookups.lookups] == ["Oslo people"]
    # Edit: the builder opens with the saved rows in it.
    rows: list[tuple[str, str, str]] = []

    def look(dialog: LookupDialog) -> None:
        rows.extend(
            (r.condition().field, r.condition().operator, r.condition().value) for r in dialog.rows
        )
        assert dialog.windowTitle() == "Lookup — Oslo people"

    answer_modal(LookupDialog, look)
    window.lists_panel.editLookupRequested.emit(oslo.id)
    assert rows == [("city", "is", "Oslo")]
    window.lists_panel.deleteRequested.emit("lookup", oslo.id)
    assert answers.asked[-1] == "confirm:Delete lookup"
    assert window.lookups.lookups == []
    with people_store.session() as session:
        assert saved_lookups.saved_lookups(session) == []


def test_a_saved_lookup_whose_field_was_deleted_says_why_it_cannot_run(
    window: MainWindow, people_store: Store, answers: Answers
) -> None:
    from db.lookup_records import Lookup

    size = field_id(people_store, "Company size")
    with people_store.session() as session:
        saved_lookups.save_lookup(
            session, "Big", Lookup((Condition(f"custom:{size}", "gt", "100"),))
        )
        custom_fields.delete_field(session, size)
    window.lookups.refresh()
    item = window.lists_panel.item_for("lookup", window.lookups.lookups[0].id)
    assert item is not None
    window.lists_panel.tree.itemClicked.emit(item, 0)
    assert answers.errors == ["Cannot run “Big”: Row 1: tests a user field that has been deleted"]
    assert len(listed(window)) == len(PEOPLE)


def test_ctrl_and_shift_clicks_select_several_contacts(qtbot: object, window: MainWindow) -> None:
    view = window.list_view

    def click(row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        rect = view.visualRect(window.model.index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())  # type: ignore[attr-defined]

    click(0)
    click(2, Qt.KeyboardModifier.ControlModifier)
    ids = [window.model.contact_id(r) for r in range(5)]
    assert window.list_pane.selected_ids() == [ids[0], ids[2]]
    assert window.form.contact_id == ids[2]  # the one clicked last is open
    click(4, Qt.KeyboardModifier.ShiftModifier)  # from the last click on, keeping the first
    assert window.list_pane.selected_ids() == [ids[0], *ids[2:5]]
    assert window.list_pane.chosen_ids() == [ids[0], *ids[2:5]]
    click(1)
    assert window.list_pane.selected_ids() == [ids[1]]
    assert window.list_pane.chosen_ids() == ids  # one selected: the whole list


def test_the_lookup_shown_is_compiled_again_when_its_field_changes(
    window: MainWindow, people_store: Store, answers: Answers
) -> None:
    from db.lookup_records import Lookup
    from desktop.store_events import ChangeSet

    size = field_id(people_store, "Company size")
    window.lookups.run(Lookup((Condition(f"custom:{size}", "is", "250"),)), "Mid-size")
    assert listed(window) == ["Lie, Bo"]
    with people_store.session() as session:  # its values move to the text column
        custom_fields.retype_field(session, size, "text")
    window.events.announce(ChangeSet(fields=True, list_changed=True))
    assert listed(window) == ["Lie, Bo"]  # still found: the lookup now reads them as text
    with people_store.session() as session:
        custom_fields.delete_field(session, size)
    window.events.announce(ChangeSet(fields=True, list_changed=True))
    assert answers.errors == [
        "“Mid-size” cannot run any more: Row 1: tests a user field that has been deleted"
    ]
    assert window.model.scope is None
    assert len(listed(window)) == len(PEOPLE)


def test_renaming_the_group_shown_keeps_it_shown(
    window: MainWindow, people_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with people_store.session() as session:
        fair = groups.create_group(session, "Fair")
        groups.add_to_group(session, fair, [window.model.contact_id(0) or 0])
    window.lookups.refresh()
    window.lookups.show_group(fair)
    monkeypatch.setattr(prompts, "ask_text", lambda *_args: "Fair 2026")
    window.lists_panel.renameRequested.emit("group", fair)
    assert listed(window) == ["Lie, Ann"]
    assert "in the group “Fair 2026”" in window.status_label.text()
