"""A contact's history on screen: filtered by kind, corrected and deleted, and kept up to date
beside an unsaved edit."""

from __future__ import annotations

import pytest

from db.store import Store
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.desktop.conftest import Answers
from tests.desktop.window_support import click_row, row_named


@pytest.fixture
def hans_with_a_note(qtbot: object, window: MainWindow, filled_store: Store) -> int:
    """Hans Berg open in the window, with a note in his history."""
    from db import followups
    from db.followup_records import ActivityLog, NoFurtherAction

    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    hans = window.form.contact_id or 0
    with filled_store.session() as session:
        followups.log_activity(
            session, hans, ActivityLog("note", "", "Likes golf", NoFurtherAction("-"))
        )
    window.open_contact(hans)
    return hans


def test_history_is_filtered_by_kind_and_a_note_can_be_edited_and_deleted(
    window: MainWindow,
    hans_with_a_note: int,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = window.form.history
    assert {e.kind for e in view.shown()} == {"created", "note"}
    view.kind_filter.setCurrentText("note")
    assert [e.text for e in view.shown()] == ["Likes golf\nNo further action: -"]
    view.select(0)
    assert view.edit_button.isEnabled()
    monkeypatch.setattr(prompts, "ask_entry", lambda *_args: ("Good", "Likes golf and sailing"))
    view.edit_button.click()
    assert [(e.result, e.text) for e in window.form.history.shown()] == [
        ("Good", "Likes golf and sailing")
    ]
    assert window.form.history.kind_filter.currentText() == "note"  # the filter is kept
    window.form.history.select(0)
    window.form.history.delete_button.click()
    assert answers.asked[-1] == "confirm:Delete history entry"
    assert window.form.history.kind_filter.currentText() == "All kinds"
    assert [e.kind for e in window.form.history.shown()] == ["created"]
    window.form.history.select(0)
    assert not window.form.history.edit_button.isEnabled()  # Cardfile's own entries stay


def test_history_keeps_up_while_the_form_has_an_unsaved_edit(
    window: MainWindow,
    hans_with_a_note: int,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.form.notes_edit.setPlainText("Typing, not saved")
    assert window.form.is_dirty
    view = window.form.history
    view.kind_filter.setCurrentText("note")
    view.select(0)
    monkeypatch.setattr(prompts, "ask_entry", lambda *_args: ("", "Likes sailing"))
    view.edit_button.click()
    assert [e.text for e in window.form.history.shown()] == ["Likes sailing"]
    assert window.form.notes_edit.toPlainText() == "Typing, not saved"
    assert window.form.is_dirty
