"""Duplicates in the window: the review queue and its background scan, the merge dialog driven by
clicks, Undo merge from the history, and the warning when a new contact looks like one here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from db import contacts
from db.custom_fields import create_field
from db.custom_values import contact_values, set_contact_values
from db.records import ContactFields, Email, Phone
from db.store import Store
from desktop.contacts.detail_form import TAB_HISTORY
from desktop.duplicates.merge_dialog import MergeDialog
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.desktop.conftest import Answers
from tests.desktop.test_lookups_ui import select_rows
from tests.desktop.window_support import answer_modal, type_into

ROBERT = ContactFields(
    first_name="Robert",
    last_name="Lie",
    company="Fjordkraft AS",
    title="Buyer",
    emails=(Email("robert.lie@fjordkraft.no"),),
    phones=(Phone("+47 22 33 44 55"),),
)
BOB = ContactFields(
    first_name="Bob",
    last_name="Lie",
    company="Fjordkraft",
    title="Head of purchasing",
    emails=(Email("ROBERT.LIE@fjordkraft.no"), Email("bob@example.org")),
    phones=(Phone("+47 912 34 567", "mobile"),),
)


@pytest.fixture
def pair(store: Store) -> tuple[int, int, int]:
    """Robert and Bob Lie (the same man), a stranger, and a user field with a value on Bob."""
    with store.session() as session:
        robert = contacts.create_contact(session, ROBERT).id
        bob = contacts.create_contact(session, BOB).id
        contacts.create_contact(session, ContactFields(first_name="Ingrid", last_name="Bakke"))
        tier = create_field(session, "Tier", "text").id
        set_contact_values(session, bob, {tier: "Gold"})
        contacts.add_history(session, bob, "call", "Called about the spring order")
    return robert, bob, tier


@pytest.fixture
def window(make_window: Callable[[Store], MainWindow], store: Store, pair: Any) -> MainWindow:
    return make_window(store)


def click_cell(qtbot: Any, dialog: MergeDialog, key: str, column: int) -> None:
    row = next(n for n, f in enumerate(dialog.rows) if f.key == key)
    table = dialog.table
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_merge_dialog_picks_values_by_clicking_and_merges(
    qtbot: Any, window: MainWindow, store: Store, pair: tuple[int, int, int]
) -> None:
    robert, bob, tier = pair
    seen: list[str] = []

    def merge(dialog: MergeDialog) -> None:
        assert dialog.table.columnCount() == 3  # Robert, Bob, Result
        assert dialog.kept_value("first_name") == "Robert"  # the survivor's, by default
        assert dialog.kept_value(f"custom:{tier}") == "Gold"  # only Bob has one
        click_cell(qtbot, dialog, "title", 1)  # Bob's title
        assert dialog.kept_value("title") == "Head of purchasing"
        seen.append(dialog.summary.text())
        dialog.merge_button.click()

    answer_modal(MergeDialog, merge)
    select_rows(window, [window.model.row_of(robert) or 0, window.model.row_of(bob) or 0])
    window.commands.merge_selected.trigger()
    assert "Lie, Robert (#1)</b> stays; Lie, Bob (#2) is merged into it" in seen[0].replace(
        "<b>", ""
    )
    with store.session() as session:
        survivor = contacts.get_contact(session, robert)
        assert survivor.fields.title == "Head of purchasing"
        assert survivor.fields.first_name == "Robert"
        assert {e.address.lower() for e in survivor.fields.emails} == {
            "robert.lie@fjordkraft.no",
            "bob@example.org",
        }
        assert len(survivor.fields.phones) == 2
        assert contact_values(session, robert) == {tier: "Gold"}
        assert any(
            h.text == "Called about the spring order" for h in contacts.history(session, robert)
        )
        with pytest.raises(contacts.ContactNotFoundError):
            contacts.get_contact(session, bob)
    assert window.model.rowCount() == 2
    # Undo from the merge's history entry puts Bob back as he was.
    window.show_contact(robert)
    window.form.tabs.setCurrentIndex(TAB_HISTORY)
    history = window.form.history
    merged = next(n for n, e in enumerate(history.shown()) if e.kind == "merge")
    history.select(merged)
    assert history.undo_merge_button.isVisible()
    history.undo_merge_button.click()
    with store.session() as session:
        assert contacts.get_contact(session, bob).fields.title == "Head of purchasing"
        assert contacts.get_contact(session, robert).fields.title == "Buyer"
        assert contact_values(session, bob) == {tier: "Gold"}
    assert window.model.rowCount() == 3


def test_the_queue_scans_in_the_background_and_remembers_not_duplicates(
    qtbot: Any, window: MainWindow, store: Store, pair: tuple[int, int, int]
) -> None:
    robert, bob, _tier = pair
    queue = window.duplicates.open_queue()
    qtbot.waitUntil(lambda: bool(queue.groups), timeout=30_000)
    window.duplicates.scan.wait()
    assert [g.contact_ids for g in queue.groups] == [(robert, bob)]
    assert queue.table.item(0, 1).text() == "Lie, Robert · Lie, Bob"
    assert queue.members.rowCount() == 2
    assert "Found 1 groups" in queue.status.text()
    queue.not_button.click()
    assert queue.groups == []
    queue.scan_button.click()
    window.duplicates.scan.wait()
    qtbot.waitUntil(lambda: "No likely duplicates" in queue.status.text(), timeout=30_000)
    assert queue.groups == []  # never proposed again


def test_a_scan_can_be_cancelled(qtbot: Any, window: MainWindow) -> None:
    queue = window.duplicates.open_queue()
    window.duplicates.scan.cancel()
    window.duplicates.scan.wait()
    ended = ("Scan cancelled; nothing was changed.", "Found 1 groups of likely duplicates.")
    qtbot.waitUntil(lambda: queue.status.text() in ended, timeout=30_000)
    assert queue.scan_button.isEnabled()
    if queue.status.text() == ended[0]:  # (it may finish before the cancel lands)
        assert queue.groups == []


@pytest.mark.parametrize(
    "choice",
    [
        prompts.DuplicateChoice.CANCEL,
        prompts.DuplicateChoice.SAVE,
        prompts.DuplicateChoice.OPEN,
        prompts.DuplicateChoice.MERGE,
    ],
)
def test_a_new_contact_that_looks_like_one_here_is_asked_about(
    qtbot: Any,
    window: MainWindow,
    store: Store,
    pair: tuple[int, int, int],
    monkeypatch: pytest.MonkeyPatch,
    answers: Answers,
    choice: prompts.DuplicateChoice,
) -> None:
    robert, _bob, _tier = pair
    asked: list[str] = []

    def ask(_parent: object, new: str, existing: str, score: float) -> prompts.DuplicateChoice:
        asked.append(f"{new} ~ {existing} {score:.0%}")
        return choice

    monkeypatch.setattr(prompts, "ask_duplicate", ask)
    merged: list[tuple[int, ...]] = []
    monkeypatch.setattr(window.duplicates, "merge", merged.append)
    window.commands.new_contact.trigger()
    type_into(qtbot, window.form.texts["first_name"], "Robert")
    type_into(qtbot, window.form.texts["last_name"], "Lie")
    type_into(qtbot, window.form.texts["company"], "Fjordkraft")
    window.commands.save.trigger()
    assert asked[0].startswith("Robert Lie ~ Lie, Robert (Fjordkraft AS)")
    with store.session() as session:
        count = len(list(contacts.trash(session))) + window.model.total_contacts
    if choice is prompts.DuplicateChoice.CANCEL:
        assert window.form.is_new
        assert window.form.is_dirty  # what was typed is still there
        assert count == 3
    elif choice is prompts.DuplicateChoice.OPEN:
        assert window.form.contact_id == robert
        assert count == 3
    else:
        assert count == 4
        assert merged == ([(robert, window.form.contact_id)] if choice.value == "merge" else [])


def test_the_sure_ones_are_merged_after_saying_what_will_happen(
    qtbot: Any, window: MainWindow, store: Store, pair: tuple[int, int, int], answers: Answers
) -> None:
    robert, bob, _tier = pair
    queue = window.duplicates.open_queue()
    window.duplicates.scan.wait()
    qtbot.waitUntil(lambda: bool(queue.groups), timeout=30_000)
    answers.confirm = False
    window.duplicates.auto_merge(0.5)
    assert f"#{robert} Robert Lie absorbs #{bob}; 5 values updated" in answers.texts[-1]
    with store.session() as session:
        assert contacts.get_contact(session, bob).fields.first_name == "Bob"  # not yet
    answers.confirm = True
    window.duplicates.auto_merge(0.5)
    with store.session() as session:
        with pytest.raises(contacts.ContactNotFoundError):
            contacts.get_contact(session, bob)
        survivor = contacts.get_contact(session, robert)
        assert survivor.fields.title == "Head of purchasing"  # the newer value
    assert queue.groups == []
    assert "Merged 1 groups" in queue.status.text()


def test_an_automatic_merge_backs_up_the_database_first(
    qtbot: Any, window: MainWindow, store: Store, pair: tuple[int, int, int], answers: Answers
) -> None:
    queue = window.duplicates.open_queue()
    window.duplicates.scan.wait()
    qtbot.waitUntil(lambda: bool(queue.groups), timeout=30_000)
    window.duplicates.auto_merge(0.5)
    kept = list((store.path.parent / "backups").glob("*before-auto-merge*.zip"))
    assert len(kept) == 1


def test_opening_another_database_empties_the_queue(
    qtbot: Any, window: MainWindow, tmp_path: Any
) -> None:
    queue = window.duplicates.open_queue()
    window.duplicates.scan.wait()
    qtbot.waitUntil(lambda: bool(queue.groups), timeout=30_000)
    assert window.open_database(tmp_path / "other.sqlite", create=True)
    assert queue.groups == []
    assert "Another database was opened" in queue.status.text()


def test_a_scan_that_fails_says_why_and_can_run_again(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import db.duplicates

    def broken(*_args: object, **_kw: object) -> list[object]:
        raise MemoryError("out of memory")

    monkeypatch.setattr(db.duplicates, "find_duplicate_groups", broken)
    queue = window.duplicates.open_queue()
    window.duplicates.scan.wait()
    qtbot.waitUntil(lambda: "The scan stopped" in queue.status.text(), timeout=30_000)
    assert "MemoryError: out of memory" in queue.status.text()
    assert not window.duplicates.scan.running
