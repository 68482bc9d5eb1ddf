"""The mantra on screen: the panel each morning, Done → note → next action → date → Save."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication

from db import contacts, followups
from db.followup_records import NextAction, quick_date
from db.models import FollowUpRow
from db.store import Store
from desktop.followups.log_dialog import LogDialog
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store_events import StoreEvents
from tests.desktop.conftest import Answers
from tests.desktop.followups.support import (
    MONDAY_MORNING,
    TODAY,
    MovableClock,
    answer_log_dialog,
    item_named,
)


def test_the_panel_shows_each_section_with_counts(window: MainWindow) -> None:
    assert window.followup_panel.section_titles() == [
        "Overdue (1)",
        "Today (1)",
        "Coming week (0)",
        "No next action (1)",
    ]
    assert item_named(window, "overdue", "Nordmann, Ola").text(3) == "E-mail: Send prices"
    assert item_named(window, "today", "Nordmann, Kari").text(2) == "+47 22 33 44 55"
    assert item_named(window, "idle", "Nordmann, Idun").text(3) == "Nothing scheduled (Lead)"
    assert window.counts_label.text() == (
        "1 overdue · 1 today · 0 this week · 1 with no next action"
    )


def test_the_whole_loop_done_note_next_action_next_week(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    kari = people["Kari"]
    window.followup_panel.tree.setCurrentItem(item_named(window, "today", "Nordmann, Kari"))

    def fill(dialog: LogDialog) -> None:
        assert "Completes: Call: Ask about the order" in dialog.closes_check.text()
        assert dialog.closes_check.isChecked()
        dialog.result_combo.setCurrentText("Completed")
        qtbot.keyClicks(dialog.note_edit, "Ordered 40 units; wants a follow-up.")  # type: ignore[attr-defined]
        dialog.next_kind_combo.setCurrentText("meeting")
        qtbot.keyClicks(dialog.description_edit, "Delivery review")  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.quick_buttons["next week"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        ctrl_return = next(
            s for s in dialog.findChildren(QShortcut) if s.key().toString() == "Ctrl+Return"
        )
        ctrl_return.activated.emit()  # what Ctrl+Return does

    seen = answer_log_dialog(fill)
    qtbot.mouseClick(window.followup_panel.done_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert seen == ["Log a call — Kari Nordmann"]
    # In the database: the history entry, the closed follow-up, the next one, the last result.
    with store.session() as session:
        entry = next(e for e in contacts.history(session, kari) if e.kind == "call")
        rows = session.query(FollowUpRow).filter(FollowUpRow.contact_id == kari).all()
        last_result = contacts.get_contact(session, kari).fields.last_result
    assert (entry.result, entry.text) == ("Completed", "Ordered 40 units; wants a follow-up.")
    done = [r for r in rows if r.done_at is not None]
    open_ = [r for r in rows if r.done_at is None]
    assert [(r.description, r.result) for r in done] == [("Ask about the order", "Completed")]
    assert [(r.kind, r.description, r.due_on) for r in open_] == [
        ("meeting", "Delivery review", quick_date("next week", TODAY))
    ]
    assert last_result == "Completed"
    # On screen: the panel's counts, the contact's history and follow-ups.
    assert window.followup_panel.section_titles() == [
        "Overdue (1)",
        "Today (0)",
        "Coming week (1)",
        "No next action (1)",
    ]
    assert window.form.contact_id == kari
    table = window.form.history_table
    shown = [(table.item(r, 1).text(), table.item(r, 3).text()) for r in range(table.rowCount())]
    assert ("call", "Ordered 40 units; wants a follow-up.") in shown
    assert window.contact_followups.tree.topLevelItem(0).text(1) == "Meeting: Delivery review"


def test_ending_with_no_next_action_needs_a_reason(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    def fill(dialog: LogDialog) -> None:
        dialog.result_combo.setCurrentText("Not interested")
        dialog.none_radio.setChecked(True)
        dialog.accept()
        assert dialog.isVisible()  # refused: no reason given
        assert "say why there is no further action" in dialog.error_label.text()
        qtbot.keyClicks(dialog.reason_edit, "Bought from a competitor")  # type: ignore[attr-defined]
        dialog.accept()

    window.show_contact(people["Ola"])
    seen = answer_log_dialog(fill)
    window.commands.log_call.trigger()
    assert seen
    with store.session() as session:
        assert followups.open_followups(session, people["Ola"], MONDAY_MORNING) == []
    assert "No next action (2)" in window.followup_panel.section_titles()


def test_cancel_changes_nothing(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    window.show_contact(people["Kari"])
    seen = answer_log_dialog(lambda dialog: dialog.reject())
    window.commands.log_call.trigger()
    assert seen == ["Log a call — Kari Nordmann"]
    with store.session() as session:
        assert [e.kind for e in contacts.history(session, people["Kari"])] == ["created"]
        assert len(followups.open_followups(session, people["Kari"], MONDAY_MORNING)) == 1


def test_the_dialog_remembers_the_last_kind_and_quick_choice(
    qtbot: object, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_contact(people["Idun"])

    def first(dialog: LogDialog) -> None:
        dialog.result_combo.setCurrentText("Left message")
        dialog.next_kind_combo.setCurrentText("e-mail")
        dialog.choose_quick("in 3 days")
        dialog.accept()

    answer_log_dialog(first)
    window.commands.log_call.trigger()
    offered: list[tuple[str, bool]] = []

    def second(dialog: LogDialog) -> None:
        offered.append(
            (dialog.next_kind_combo.currentText(), dialog.quick_buttons["in 3 days"].isChecked())
        )
        dialog.reject()

    answer_log_dialog(second)
    window.commands.log_call.trigger()
    assert offered == [("e-mail", True)]


def test_reschedule_from_the_panel(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    window.followup_panel.tree.setCurrentItem(item_named(window, "overdue", "Nordmann, Ola"))
    action = next(
        a for a in window.followup_panel.reschedule_menu.actions() if a.text() == "Tomorrow"
    )
    action.trigger()
    assert window.followup_panel.section_titles()[:3] == [
        "Overdue (0)",
        "Today (1)",
        "Coming week (1)",
    ]
    with store.session() as session:
        (moved,) = followups.open_followups(session, people["Ola"], MONDAY_MORNING)
    assert moved.due_on == date(2026, 11, 24)


def test_a_contact_in_the_trash_leaves_the_panel_and_comes_back(
    qtbot: object, window: MainWindow, people: dict[str, int], answers: Answers
) -> None:
    window.show_contact(people["Kari"])
    window.list_view.setFocus()
    window.commands.delete.trigger()
    assert window.followup_panel.section_titles()[1] == "Today (0)"

    def restore_in_dialog() -> None:
        dialog = window.trash_dialog
        dialog.table.selectRow(0)
        dialog.restore_button.click()
        dialog.reject()

    QTimer.singleShot(0, restore_in_dialog)
    window.show_trash()
    assert window.followup_panel.section_titles()[1] == "Today (1)"


def test_clicking_a_phone_copies_it_and_double_click_opens_the_contact(
    qtbot: object, window: MainWindow, people: dict[str, int]
) -> None:
    item = item_named(window, "today", "Nordmann, Kari")
    tree = window.followup_panel.tree
    tree.itemClicked.emit(item, 2)
    assert QApplication.clipboard().text() == "+47 22 33 44 55"
    assert "Copied +47 22 33 44 55" in window.statusBar().currentMessage()
    tree.itemDoubleClicked.emit(item, 0)
    assert window.form.contact_id == people["Kari"]


def test_ctrl_l_opens_the_log_dialog_for_the_open_contact(
    qtbot: object, window: MainWindow, people: dict[str, int]
) -> None:
    window.show_contact(people["Kari"])
    seen = answer_log_dialog(lambda dialog: dialog.reject())
    qtbot.keyClick(window.list_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert seen == ["Log a call — Kari Nordmann"]


def test_a_timed_follow_up_shows_its_local_time(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    with store.session() as session:
        followups.schedule(
            session,
            people["Idun"],
            NextAction("call", "Morning call", date(2026, 11, 24), time(9, 30)),
            MONDAY_MORNING,
        )
    window.followups.refresh()
    assert item_named(window, "upcoming", "Nordmann, Idun").text(4) == "Tue 24 Nov 09:30"


def test_my_activity_report_from_the_tools_menu(
    qtbot: object,
    window: MainWindow,
    tmp_path: object,
    monkeypatch: pytest.MonkeyPatch,
    people: dict[str, int],
) -> None:
    from pathlib import Path

    from pypdf import PdfReader

    from desktop.widgets import prompts

    target = Path(str(tmp_path)) / "mine.pdf"
    monkeypatch.setattr(prompts, "choose_date_range", lambda *_a: (date(2026, 11, 1), TODAY))
    monkeypatch.setattr(prompts, "choose_save_path", lambda *_a: target)
    window.commands.activity_report.trigger()
    assert target.exists()
    text = PdfReader(target).pages[0].extract_text()
    assert "My activity, 01 Nov 2026 – 23 Nov 2026" in text
    assert f"Wrote {target}" in window.statusBar().currentMessage()


def test_a_reminder_pops_up_when_a_timed_follow_up_comes_due_and_can_be_snoozed(
    qtbot: object, settings: Settings, store: Store, people: dict[str, int], answers: Answers
) -> None:
    clock = MovableClock("2026-11-23 08:50")
    made = MainWindow(store, settings, StoreEvents(), clock=clock)  # type: ignore[arg-type]
    qtbot.addWidget(made)  # type: ignore[attr-defined]
    made.show()
    made.show_first_contact()
    with store.session() as session:
        followups.schedule(
            session,
            people["Idun"],
            NextAction("call", "Morning call", TODAY, time(9, 0)),
            clock,  # type: ignore[arg-type]
        )
    reminders = made.reminders
    assert reminders.check() == []
    assert not reminders.window.isVisible()
    clock.advance(11)  # 09:01
    (due,) = reminders.check()
    assert due.contact_name == "Nordmann, Idun"
    assert reminders.window.isVisible()
    assert not reminders.window.isModal()  # Cardfile stays usable
    assert "Morning call" in reminders.window.list.item(0).text()
    reminders.window.open_button.click()
    assert made.form.contact_id == people["Idun"]
    snooze_10 = next(
        b
        for b in reminders.window.findChildren(type(reminders.window.open_button))
        if b.text() == "Snooze 10 minutes"
    )
    snooze_10.click()
    assert not reminders.window.isVisible()
    clock.advance(5)
    assert reminders.check() == []
    clock.advance(6)  # 09:12, past the snooze
    assert [f.contact_id for f in reminders.check()] == [people["Idun"]]


def test_the_panel_works_from_the_keyboard(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # type: ignore[attr-defined]
    tree = window.followup_panel.tree
    qtbot.waitUntil(tree.hasFocus)  # type: ignore[attr-defined]
    assert window.followup_panel.current_data() is not None  # the first follow-up
    seen = answer_log_dialog(lambda dialog: dialog.reject())
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert seen == ["Log a call — Ola Nordmann"]  # the overdue one comes first


def test_a_note_leaves_the_next_action_as_it_is(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    window.show_contact(people["Kari"])
    offered: list[bool] = []

    def fill(dialog: LogDialog) -> None:
        offered.append(dialog.keep_radio.isChecked())
        assert "Keep what is scheduled: Call: Ask about the order" in dialog.keep_radio.text()
        dialog.note_edit.setPlainText("Her daughter starts school in Bergen.")
        dialog.accept()

    answer_log_dialog(fill)
    window.commands.add_note.trigger()
    assert offered == [True]
    with store.session() as session:
        (still,) = followups.open_followups(session, people["Kari"], MONDAY_MORNING)
        notes = [e.text for e in contacts.history(session, people["Kari"]) if e.kind == "note"]
    assert still.description == "Ask about the order"
    assert notes == ["Her daughter starts school in Bergen."]


def test_a_call_about_something_else_need_not_complete_the_follow_up(
    qtbot: object, window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    window.show_contact(people["Kari"])

    def fill(dialog: LogDialog) -> None:
        dialog.closes_check.setChecked(False)
        dialog.result_combo.setCurrentText("Completed")
        dialog.keep_radio.setChecked(True)
        dialog.accept()

    answer_log_dialog(fill)
    window.commands.log_call.trigger()
    with store.session() as session:
        (still,) = followups.open_followups(session, people["Kari"], MONDAY_MORNING)
        calls = [e.kind for e in contacts.history(session, people["Kari"]) if e.kind == "call"]
    assert still.description == "Ask about the order"
    assert calls == ["call"]
