"""The main window's connections to its flows (follow-ups, categories, lookups, user fields,
duplicates, history edits, logging): wired here so that the window itself stays about
contacts and the list."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from desktop.contacts.history_edits import connect_history_edits

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def connect_flows(window: MainWindow) -> None:
    from desktop.main_window import log_kind

    window.commands.activity_report.triggered.connect(window._write_report)
    window.sides.connect(window.commands, window.form.chips)
    window.commands.define_fields.triggered.connect(window.custom_fields.define_fields)
    window.commands.find_duplicates.triggered.connect(window.duplicates.open_queue)
    window.commands.merge_selected.triggered.connect(
        lambda: window.duplicates.merge_selected(window.list_pane.selected_ids())
    )
    window.form.history.undoMergeRequested.connect(window.duplicates.undo_merge)
    window.form.user_fields.defineRequested.connect(window.custom_fields.define_fields)
    window.category_panel.filterChanged.connect(window._category_filter_changed)
    window.commands.show_all.triggered.connect(window._show_all)
    window.commands.go_to_followups.triggered.connect(window.followup_panel.take_focus)
    window.commands.active_statuses.triggered.connect(window.followups.choose_active_statuses)
    connect_history_edits(window.form.history, window.ops, window)
    window.commands.log_call.triggered.connect(lambda: window.log_activity("call"))
    window.commands.log_meeting.triggered.connect(lambda: window.log_activity("meeting"))
    window.commands.add_note.triggered.connect(lambda: window.log_activity("note"))
    window.followups.countsChanged.connect(window.counts_label.setText)
    window.followup_panel.openContactRequested.connect(window.show_contact)
    window.reminders.windowMade.connect(
        lambda made: made.openContactRequested.connect(window.show_contact)
    )
    window.followup_panel.logRequested.connect(window._log_from_panel)
    window.followup_panel.phoneCopied.connect(
        lambda phone: window.statusBar().showMessage(f"Copied {phone}", 3000)
    )
    window.contact_followups.logRequested.connect(
        lambda due: window._log_for(due.contact_id, log_kind(due), due)
    )
    window.contact_followups.rescheduleRequested.connect(window.followups.reschedule)
    window.contact_followups.removeRequested.connect(window.followups.remove)
    window.contact_followups.editRequested.connect(window.followups.edit)
    window.commands.import_contacts.triggered.connect(partial(window.imports.open_wizard, None))
    window.commands.undo_import.triggered.connect(window.imports.choose_and_undo)
