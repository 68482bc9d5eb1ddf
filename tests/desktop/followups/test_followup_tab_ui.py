"""Follow-ups on the contact's tab and around it: kept up to date, changed, rescheduled and
removed; the statuses that need a next action; and what happens when things change elsewhere."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from db import contacts, followups
from db.followup_records import NextAction
from db.store import Store
from desktop.followups.log_dialog import LogDialog
from desktop.main_window import MainWindow
from tests.desktop.conftest import Answers
from tests.desktop.followups.support import (
    MONDAY_MORNING,
    OSLO,
    TODAY,
    answer_log_dialog,
    item_named,
)


def test_the_follow_ups_tab_keeps_up_even_with_an_unsaved_edit(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int], answers: Answers
) -> None:
    window.show_contact(people["Kari"])
    window.form.texts["title"].setText("Buyer")
    window.form.texts["title"].textEdited.emit("Buyer")
    assert window.form.is_dirty
    assert window.contact_followups.tree.topLevelItemCount() == 1
    stale = window.contact_followups.current()
    assert stale is not None
    with store.session() as session:  # done elsewhere, e.g. by the command line
        followups.remove_followup(session, stale.id)
    window.followups.reschedule(stale.id, "tomorrow")
    assert answers.errors == [
        "Already done: Cardfile could not reschedule the follow-up. "
        "That follow-up is no longer open: it was done or removed."
    ]
    assert window.contact_followups.tree.topLevelItemCount() == 0
    assert window.form.is_dirty  # the edit is still there
    assert window.followup_panel.section_titles()[1] == "Today (0)"


def test_reschedule_and_remove_from_the_contacts_follow_ups_tab(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int], answers: Answers
) -> None:
    window.show_contact(people["Ola"])
    tab = window.contact_followups
    assert tab.tree.topLevelItem(0).text(1) == "E-mail: Send prices"
    tomorrow = next(a for a in tab.reschedule_button.menu().actions() if a.text() == "Tomorrow")
    tomorrow.trigger()
    assert tab.tree.topLevelItem(0).text(0) == "Tue 24 Nov"
    tab.remove_button.click()
    assert answers.asked[-1] == "confirm:Remove follow-up"
    assert tab.tree.topLevelItemCount() == 0
    assert not tab.empty_label.isHidden()
    with store.session() as session:
        assert followups.open_followups(session, people["Ola"], MONDAY_MORNING) == []


def test_a_follow_up_can_be_changed_and_rescheduled_to_a_picked_date(
    qtbot: object,
    window: MainWindow,
    store: Store,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.followups.edit_dialog import EditFollowUpDialog
    from desktop.widgets import prompts

    window.show_contact(people["Ola"])
    tab = window.contact_followups

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EditFollowUpDialog):
            QTimer.singleShot(10, answer)
            return
        assert dialog.description_edit.text() == "Send prices"
        dialog.kind_combo.setCurrentText("call")
        dialog.description_edit.setText("Call about the prices")
        dialog.time_check.setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, answer)
    tab.edit_button.click()
    with store.session() as session:
        (changed,) = followups.open_followups(session, people["Ola"], MONDAY_MORNING)
    assert (changed.kind, changed.description) == ("call", "Call about the prices")
    assert changed.due_at == datetime(2026, 11, 20, 9, 0, tzinfo=OSLO)
    offered: list[date] = []

    def pick(_parent: object, _title: str, day: date) -> date:
        offered.append(day)
        return date(2026, 12, 4)

    monkeypatch.setattr(prompts, "choose_date", pick)
    pick = next(a for a in tab.reschedule_button.menu().actions() if a.text() == "Pick a date…")
    pick.trigger()
    with store.session() as session:
        (moved,) = followups.open_followups(session, people["Ola"], MONDAY_MORNING)
    assert offered == [date(2026, 11, 20)]  # the calendar opens on the follow-up's own day
    assert moved.due_at == datetime(2026, 12, 4, 9, 0, tzinfo=OSLO)  # the time is kept
    assert tab.tree.topLevelItem(0).text(0) == "Fri 04 Dec 09:00"


def test_which_statuses_need_a_next_action_is_chosen_from_the_tools_menu(
    qtbot: object, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.widgets import prompts

    offered: list[tuple[list[str], list[str]]] = []

    def choose(
        _parent: object, _title: str, _label: str, items: list[str], chosen: list[str]
    ) -> list[str]:
        offered.append((items, chosen))
        return ["Lead"]

    monkeypatch.setattr(prompts, "choose_many", choose)
    window.commands.active_statuses.trigger()
    assert offered[0][0][:3] == ["Lead", "Prospect", "Customer"]
    assert offered[0][1] == ["Lead", "Prospect", "Customer"]
    with store.session() as session:
        assert followups.active_statuses(session) == ["Lead"]
    assert window.followup_panel.section_titles()[3] == "No next action (1)"  # Idun, a lead


def test_keep_is_offered_only_when_something_else_stays_scheduled(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    window.show_contact(people["Kari"])  # one follow-up, which the call completes
    offered: list[bool] = []

    def look(dialog: LogDialog) -> None:
        offered.append(dialog.keep_radio.isHidden())
        dialog.reject()

    answer_log_dialog(look)
    window.commands.log_call.trigger()
    with store.session() as session:
        followups.schedule(
            session,
            people["Kari"],
            NextAction("to-do", "Send samples", date(2026, 12, 1)),
            MONDAY_MORNING,
        )
    answer_log_dialog(look)
    window.commands.log_call.trigger()
    assert offered == [True, False]


def test_a_planned_meeting_is_logged_as_a_meeting(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    with store.session() as session:
        followups.schedule(
            session, people["Idun"], NextAction("meeting", "Demo", TODAY), MONDAY_MORNING
        )
    window.followups.refresh()
    window.followup_panel.tree.setCurrentItem(item_named(window, "today", "Nordmann, Idun"))
    seen = answer_log_dialog(lambda dialog: dialog.reject())
    window.followup_panel.done_button.click()
    assert seen == ["Log a meeting — Idun Nordmann"]


def test_new_contact_and_trash_leave_no_follow_ups_on_the_tab(
    qtbot: object, window: MainWindow, people: dict[str, int], answers: Answers
) -> None:
    window.show_contact(people["Ola"])
    assert window.contact_followups.tree.topLevelItemCount() == 1
    window.commands.new_contact.trigger()
    assert window.contact_followups.tree.topLevelItemCount() == 0
    assert not window.contact_followups.remove_button.isEnabled()


def test_a_trashed_contact_cannot_be_opened_from_the_panel_or_a_reminder(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    with store.session() as session:
        contacts.delete_contact(session, people["Ola"])
    assert window.show_contact(people["Ola"]) is False
    assert "in the Trash" in window.statusBar().currentMessage()
    assert window.form.contact_id != people["Ola"]


def test_the_selected_follow_up_stays_selected_and_remove_names_it(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int], answers: Answers
) -> None:
    with store.session() as session:
        followups.schedule(
            session,
            people["Ola"],
            NextAction("meeting", "Lunch", date(2026, 12, 2)),
            MONDAY_MORNING,
        )
    window.show_contact(people["Ola"])
    tab = window.contact_followups
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))
    assert tab.current().description == "Lunch"  # type: ignore[union-attr]
    next(a for a in tab.reschedule_button.menu().actions() if a.text() == "Tomorrow").trigger()
    assert tab.current().description == "Lunch"  # type: ignore[union-attr]
    answers.confirm = False
    tab.remove_button.click()
    assert answers.asked[-1] == "confirm:Remove follow-up"
    assert "Meeting: Lunch" in answers.texts[-1]
    with store.session() as session:
        assert len(followups.open_followups(session, people["Ola"], MONDAY_MORNING)) == 2


def test_the_panel_says_so_when_the_database_is_busy(
    qtbot: object, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    def locked(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(followups, "follow_up_panel", locked)
    monkeypatch.setattr(followups, "due_reminders", locked)
    window.followups.refresh()  # what the minute timer does
    assert window.counts_label.text() == "Follow-ups could not be read just now"
    assert window.followup_panel.section_titles()[1] == "Today (1)"  # the last good view stays
    assert window.reminders.check() == []
