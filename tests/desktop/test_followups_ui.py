"""The mantra on screen: the panel each morning, Done → note → next action → date → Save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from db import contacts, followups
from db.clock import FixedClock
from db.followup_records import NextAction, quick_date
from db.models import FollowUpRow
from db.records import ContactFields, Phone
from db.store import Store
from desktop.followups.log_dialog import LogDialog
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store_events import StoreEvents
from tests.desktop.conftest import Answers

OSLO = ZoneInfo("Europe/Oslo")
MONDAY_MORNING = FixedClock(datetime(2026, 11, 23, 8, 0, tzinfo=OSLO), OSLO)
TODAY = date(2026, 11, 23)


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    made = {}
    with store.session() as session:
        for first, status, phone in (
            ("Kari", "Customer", "+47 22 33 44 55"),
            ("Ola", "Prospect", "+47 912 34 567"),
            ("Idun", "Lead", ""),
        ):
            phones = (Phone(phone),) if phone else ()
            fields = ContactFields(
                first_name=first, last_name="Nordmann", status=status, phones=phones
            )
            made[first] = contacts.create_contact(session, fields).id
        followups.schedule(
            session, made["Kari"], NextAction("call", "Ask about the order", TODAY), MONDAY_MORNING
        )
        followups.schedule(
            session,
            made["Ola"],
            NextAction("e-mail", "Send prices", date(2026, 11, 20)),
            MONDAY_MORNING,
        )
    return made


@pytest.fixture
def window(
    qtbot: object, settings: Settings, store: Store, people: dict[str, int], answers: Answers
) -> MainWindow:
    made = MainWindow(store, settings, StoreEvents(), clock=MONDAY_MORNING)
    qtbot.addWidget(made)  # type: ignore[attr-defined]
    made.show()
    made.show_first_contact()
    return made


def item_named(window: MainWindow, section: str, name: str) -> QTreeWidgetItem:
    parent = window.followup_panel.sections[section]
    for n in range(parent.childCount()):
        child = parent.child(n)
        if child is not None and child.text(0) == name:
            return child
    raise AssertionError(f"{name} is not under {section}")


def answer_log_dialog(then: Callable[[LogDialog], None]) -> list[str]:
    """Deal with the Log dialog when it opens; returns its window title once it has."""
    seen: list[str] = []

    tries = [0]

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LogDialog):
            tries[0] += 1
            if tries[0] < 500:  # give up after about five seconds rather than hang the suite
                QTimer.singleShot(10, find)
            return
        seen.append(dialog.windowTitle())
        try:
            then(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, find)
    return seen


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


class MovableClock:
    """A clock the test moves forward."""

    def __init__(self, local: str) -> None:
        self.at = datetime.fromisoformat(local).replace(tzinfo=OSLO)
        self.zone = OSLO

    def now(self) -> datetime:
        return self.at.astimezone(ZoneInfo("UTC"))

    def advance(self, minutes: int) -> None:
        from datetime import timedelta

        self.at += timedelta(minutes=minutes)


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
