"""Categories on screen: the manager, chips on the record, the side panel's filter and counts,
and a category for every listed contact at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer

from db import categories, contacts
from db.store import Store
from desktop.contacts.category_manager import CategoryEditor, CategoryManager
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.desktop.conftest import Answers


@pytest.fixture
def coloured(filled_store: Store) -> dict[str, int]:
    with filled_store.session() as session:
        vip = categories.create_category(session, "VIP", "#c0392b", "Best customers")
        news = categories.create_category(session, "Newsletter", "#27ae60")
        ids = {
            c.fields.first_name: c.id
            for c in (contacts.get_contact(session, i) for i in range(1, 5))
        }
        categories.assign_category(session, [ids["Anna"], ids["Hans"]], vip)
        categories.assign_category(session, [ids["Hans"]], news)
    return {"vip": vip, "news": news, **ids}


def panel_rows(window: MainWindow) -> list[str]:
    items = (window.category_panel.list.item(n) for n in range(window.category_panel.list.count()))
    return [item.text() for item in items if item is not None]


def test_the_side_panel_counts_and_filters(
    qtbot: object, window: MainWindow, coloured: dict[str, int]
) -> None:
    window.categories.refresh()
    assert panel_rows(window) == ["VIP (2)", "Newsletter (1)"]
    window.category_panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    names = [window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())]
    assert names == ["Berg, Hans", "Hansen, Anna"]
    assert window.status_label.text() == "2 of 4 contacts in the ticked categories"
    assert window.model.data(window.model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None
    window.category_panel.clear_filter()
    assert window.model.rowCount() == 4


def test_chips_show_on_the_record_and_are_changed_there(
    qtbot: object,
    window: MainWindow,
    filled_store: Store,
    coloured: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.open_contact(coloured["Hans"])
    assert window.form.chips.names() == ["VIP", "Newsletter"]
    monkeypatch.setattr(prompts, "choose_many", lambda *_args: ["Newsletter"])
    window.form.chips.button.click()
    assert window.form.chips.names() == ["Newsletter"]
    with filled_store.session() as session:
        assert [c.name for c in categories.contact_categories(session, coloured["Hans"])] == [
            "Newsletter"
        ]
    assert panel_rows(window) == ["VIP (1)", "Newsletter (1)"]


def test_a_category_for_every_listed_contact(
    qtbot: object,
    window: MainWindow,
    filled_store: Store,
    coloured: dict[str, int],
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    qtbot.keyClicks(window.search_box, "nord")  # type: ignore[attr-defined]
    listed = window.model.listed_ids()
    assert sorted(listed) == sorted([coloured["Kari"]])  # Nordmann, Kari (and Nordlys AS)
    monkeypatch.setattr(prompts, "choose_item", lambda *_args: "Newsletter")
    window.commands.add_category.trigger()
    assert answers.asked[-1] == "confirm:Add category"
    assert f"{len(listed)} contacts" in answers.texts[-1]
    with filled_store.session() as session:
        members = {
            i
            for i in listed
            if "Newsletter" in [c.name for c in categories.contact_categories(session, i)]
        }
    assert members == set(listed)


def run_manager(window: MainWindow, then: Callable[[CategoryManager], None]) -> None:
    def find() -> None:
        dialog = window.categories.manager
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, find)
            return
        try:
            then(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(0, find)
    window.categories.manage()


def test_the_manager_adds_edits_merges_and_deletes(
    qtbot: object,
    window: MainWindow,
    filled_store: Store,
    coloured: dict[str, int],
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers_for_editor = iter(
        [("Trade fair", "#8e44ad", "Oslo, March"), ("Trade fair 2026", "#8e44ad", "Oslo, March")]
    )
    monkeypatch.setattr(CategoryEditor, "ask", lambda *_args: next(answers_for_editor))
    monkeypatch.setattr(prompts, "choose_item", lambda *_args: "VIP")

    def work(dialog: CategoryManager) -> None:
        dialog.newRequested.emit()
        assert dialog.current() is not None
        assert dialog.current().name == "Trade fair"  # type: ignore[union-attr]
        dialog.editRequested.emit(dialog.current())
        dialog.select("Newsletter")
        dialog.mergeRequested.emit(dialog.current())  # Newsletter into VIP
        dialog.select("Trade fair 2026")
        dialog.deleteRequested.emit(dialog.current())

    run_manager(window, work)
    assert answers.asked[-2:] == ["confirm:Merge categories", "confirm:Delete category"]
    with filled_store.session() as session:
        left = {c.name: c.contacts for c in categories.categories(session)}
    assert left == {"VIP": 2}  # Hans was in both: counted once
    assert panel_rows(window) == ["VIP (2)"]
