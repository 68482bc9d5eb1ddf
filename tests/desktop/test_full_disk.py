"""A database that cannot grow (a full disk): the user is told in words, nothing is half-saved,
and the unsaved edit stays on screen to be saved once there is room. SQLite's own "disk is full"
error is made real by capping the file at its size with PRAGMA max_page_count."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from db.store import Store
from desktop.main_window import MainWindow
from tests.desktop.conftest import Answers
from tests.desktop.window_support import click_row, row_named, stored


def test_a_full_disk_is_said_in_words_and_the_edit_is_kept(
    qtbot: Any, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    contact_id = window.form.contact_id or 0
    before = stored(filled_store, contact_id)
    long_note = "Met at the fair. " * 20_000  # far more than the pages left
    window.form.notes_edit.setPlainText(long_note)
    assert window.form.is_dirty

    pages = filled_store.reader().execute("PRAGMA page_count").fetchone()[0]

    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    engine = filled_store.engine
    engine.dispose()  # new connections, capped
    event.listen(engine, "connect", cap)
    try:
        assert window.save_contact() is False
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()
    (said,) = answers.errors
    assert "could not save Hans Berg" in said
    assert "full" in said  # SQLite's "database or disk is full", in the message
    assert "Nothing was changed" in said
    assert window.form.is_dirty
    assert window.form.notes_edit.toPlainText() == long_note
    assert stored(filled_store, contact_id) == before  # nothing half-saved
    assert filled_store.reader().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert window.save_contact() is True  # room again: the same edit saves
    assert stored(filled_store, contact_id).fields.notes == long_note


def _refusing(filled_store: Store, statement: str) -> Any:
    """New connections of the store's engine that run `statement` first."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(statement)

    return on_connect


def test_a_read_only_file_is_said_in_words_and_the_edit_is_kept(
    qtbot: Any, window: MainWindow, filled_store: Store, answers: Answers
) -> None:
    """As a file without write permission, or on a write-protected stick, refuses: SQLite's
    'attempt to write a readonly database' (made real here with PRAGMA query_only)."""
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    contact_id = window.form.contact_id or 0
    before = stored(filled_store, contact_id)
    window.form.notes_edit.setPlainText("Call back in May")
    engine = filled_store.engine
    engine.dispose()
    refuse = _refusing(filled_store, "PRAGMA query_only = ON")
    event.listen(engine, "connect", refuse)
    try:
        assert window.save_contact() is False
    finally:
        event.remove(engine, "connect", refuse)
        engine.dispose()
    (said,) = answers.errors
    assert "the database file is read-only" in said
    assert "Nothing was changed" in said
    assert window.form.notes_edit.toPlainText() == "Call back in May"
    assert stored(filled_store, contact_id) == before
    assert window.save_contact() is True


def test_a_vanished_drive_is_said_in_words_and_the_edit_is_kept(
    qtbot: Any, window: MainWindow, filled_store: Store, answers: Answers, monkeypatch: Any
) -> None:
    """A USB stick pulled out: every new connection fails as SQLite fails then."""
    import sqlite3

    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    window.form.notes_edit.setPlainText("Call back in May")
    engine = filled_store.engine
    engine.dispose()

    def gone(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(engine.pool, "_creator", gone)
    assert window.save_contact() is False
    (said,) = answers.errors
    assert "cannot be reached (was its drive removed?)" in said
    assert window.form.is_dirty
    assert window.form.notes_edit.toPlainText() == "Call back in May"
