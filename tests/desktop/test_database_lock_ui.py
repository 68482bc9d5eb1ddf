"""Two windows on one database, and changes made beside an open window (the command line)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from db import contacts
from db.contacts import create_contact
from db.lock import lock_path
from db.records import ContactFields
from db.store import Store, open_store
from desktop.main_window import MainWindow
from desktop.store_events import ChangeSet
from desktop.widgets import prompts
from tests.desktop.conftest import Answers
from tests.desktop.window_support import type_into


def _count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])


def test_a_second_window_is_told_and_may_open_it_read_only(
    qtbot: object,
    make_window: Callable[[Store], MainWindow],
    filled_store: Store,
    tmp_path: Path,
    answers: Answers,
) -> None:
    shared = tmp_path / "shared.sqlite"
    open_store(shared).close()
    first = make_window(filled_store)
    assert first.open_database(shared)
    assert lock_path(shared).exists()

    other = open_store(tmp_path / "other.sqlite")
    second = make_window(other)
    answers.confirm = False
    assert second.open_database(shared) is False  # told, and cancelled
    assert answers.asked == ["confirm:Database already open"]
    assert "already open in another Cardfile window (pid" in answers.texts[0]
    assert second.store is other

    answers.confirm = True
    assert second.open_database(shared)
    assert second.store.read_only
    assert "read-only" in second.windowTitle()
    assert "read-only" not in first.windowTitle()

    second.new_contact()
    type_into(qtbot, second.form.texts["first_name"], "Sneaky")
    assert second.save_contact() is False
    assert any("read-only" in error for error in answers.errors)
    assert _count(shared) == 0

    # The first window lets go when it switches database, and the file is free again.
    assert first.open_database(tmp_path / "third.sqlite", create=True)
    assert not lock_path(shared).exists()
    assert lock_path(tmp_path / "third.sqlite").exists()
    first.close()
    assert not lock_path(tmp_path / "third.sqlite").exists()


def test_a_write_by_another_connection_is_picked_up_by_the_poll(
    window: MainWindow, filled_store: Store
) -> None:
    announced: list[ChangeSet] = []
    window.events.changed.connect(announced.append)
    assert window.hold.poll() is False
    assert window.model.rowCount() == 4
    # Like `cardfile add` beside the open window: another connection to the same file.
    beside = open_store(filled_store.path)
    try:
        with beside.session() as session:
            contacts.create_contact(session, ContactFields(first_name="Ola", last_name="Lund"))
    finally:
        beside.close()
    assert window.hold.poll() is True
    assert announced[-1] == ChangeSet(
        list_changed=True, followups=True, categories=True, lists=True
    )
    assert window.model.rowCount() == 5
    assert window.hold.poll() is False  # nothing new


def test_the_poll_keeps_an_unsaved_edit(
    qtbot: object, window: MainWindow, filled_store: Store
) -> None:
    opened = window.form.contact_id
    assert opened is not None
    window.hold.poll()
    type_into(qtbot, window.form.texts["company"], "Typed but not saved")
    assert window.form.is_dirty
    beside = open_store(filled_store.path)
    try:
        with beside.session() as session:
            contacts.create_contact(session, ContactFields(first_name="Ola", last_name="Lund"))
    finally:
        beside.close()
    assert window.hold.poll()
    assert window.form.contact_id == opened
    assert window.form.texts["company"].text() == "Typed but not saved"
    assert window.form.is_dirty


def test_its_own_saves_are_not_taken_for_changes_elsewhere(
    qtbot: object, window: MainWindow
) -> None:
    window.hold.poll()
    type_into(qtbot, window.form.texts["company"], "Saved here")
    assert window.save_contact()
    assert window.hold.poll() is False


@pytest.fixture
def holding(
    make_window: Callable[[Store], MainWindow], filled_store: Store, tmp_path: Path
) -> tuple[MainWindow, Path]:
    """A window that has opened (and so locked) a database of its own."""
    shared = tmp_path / "shared.sqlite"
    open_store(shared).close()
    window = make_window(filled_store)
    assert window.open_database(shared)
    return window, shared


def test_reopening_its_own_database_keeps_the_window_s_lock(
    holding: tuple[MainWindow, Path], answers: Answers
) -> None:
    """As a restore does: the window opens again the database it holds; nobody is asked."""
    window, shared = holding
    assert window.open_database(shared)  # again
    assert answers.asked == []
    assert not window.store.read_only
    assert lock_path(shared).exists()
    window.close()
    assert not lock_path(shared).exists()


def test_a_read_only_window_cannot_restore_or_repair(
    holding: tuple[MainWindow, Path],
    make_window: Callable[[Store], MainWindow],
    tmp_path: Path,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, shared = holding
    with first.store.session() as session:  # a contact the search index then misses
        contact_id = create_contact(session, ContactFields(first_name="Ida")).id
    with sqlite3.connect(shared) as raw:
        raw.execute("DELETE FROM contact_search WHERE rowid = ?", (contact_id,))
    second = make_window(open_store(tmp_path / "other.sqlite"))
    answers.confirm = True
    assert second.open_database(shared)
    assert second.store.read_only
    before = shared.read_bytes()
    assert second.backups.restore() is False
    assert "cannot restore a backup over it" in answers.errors[-1]
    assert shared.read_bytes() == before
    offered: list[str] = []

    def report(_parent: object, _title: str, _lines: list[str], action: str = "") -> bool:
        offered.append(action)
        return bool(action)

    monkeypatch.setattr(prompts, "show_report", report)
    second.backups.check()
    assert offered == [""]  # the problem is shown, but Repair is not offered here
    first.backups.check()
    assert offered[1] == "&Repair"  # (in the window that holds the database, it is)
