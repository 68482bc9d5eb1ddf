"""The main window: menus, toolbar, the contact list and form, and the status bar.

This is the one place where panels are wired together. It holds no SQL and no rules: each slot
gathers what the user chose, calls one `db` operation in one transaction, and announces the change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
)

from db.store import Store, StoreError
from desktop.about_dialog import show_about
from desktop.backups import BackupFlows
from desktop.contacts.detail_form import ContactForm
from desktop.contacts.list_columns import ListColumns
from desktop.contacts.list_model import ContactListModel
from desktop.contacts.list_pane import ContactListPane
from desktop.contacts.saving import contact_save
from desktop.contacts.trash import run_trash
from desktop.contacts.trash_dialog import TrashDialog
from desktop.customfields.flows import CustomFieldFlows
from desktop.database_files import connect_file_menu
from desktop.database_lock import DatabaseHold, title_name
from desktop.duplicates.flows import DuplicateFlows
from desktop.followups.contact_tab import ContactFollowUps
from desktop.followups.flows import FollowUpFlows
from desktop.followups.panel import FollowUpPanelWidget
from desktop.followups.reminders import Reminders
from desktop.interchange.export_flows import ExportFlows
from desktop.interchange.import_flows import ImportFlows
from desktop.mailing.flows import connect_mailing
from desktop.mailing.letter_flows import connect_letters
from desktop.main_actions import MainActions, build_menus_and_toolbar
from desktop.operations import Operations
from desktop.phone_region import choose_phone_region
from desktop.settings import Settings
from desktop.side_panels import SidePanels
from desktop.store_events import ChangeSet, StoreEvents
from desktop.widgets import prompts
from desktop.widgets.docks import add_dock
from desktop.widgets.first_paint import CallOnFirstPaint
from desktop.window_flows import connect_flows
from desktop.window_state import restore_window_state, save_window_state

if TYPE_CHECKING:
    from db.clock import Clock
    from db.followup_records import FollowUp

# The contact operations bring SQLAlchemy, a third of a second to import; the first paint (the
# list, read through Store.reader) does not need them, so methods import them when first used.


class MainWindow(QMainWindow):
    def __init__(
        self, store: Store, settings: Settings, events: StoreEvents, clock: Clock | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.events = events
        self._current_id: int | None = None
        self._statuses_loaded = False
        self._shown_before = False
        self.setObjectName("MainWindow")
        self.resize(1200, 760)

        self.ops = Operations(self, events, lambda: self.store)
        self.model = ContactListModel(store, self)
        self.form = ContactForm()
        self._build_central()
        self.followup_panel = FollowUpPanelWidget()
        self.followup_dock = add_dock(
            self,
            "Follow-ups",
            "followUpDock",
            self.followup_panel,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.followups = FollowUpFlows(self, self.followup_panel, self.ops, settings, clock)
        self.reminders = Reminders(self, self.ops, clock)
        self.sides = SidePanels(
            self,
            self.ops,
            self.list_pane,
            self.followups.clock,
            open_contact=lambda: (self.form.contact_id, self.form.display_name),
            list_changed=self._after_list_reset,
        )
        self.category_panel, self.categories = self.sides.category_panel, self.sides.categories
        self.lists_panel, self.lookups = self.sides.lists_panel, self.sides.lookups
        self.custom_fields = CustomFieldFlows(self, self.ops)
        self.duplicates = DuplicateFlows(self, self.ops, lambda: self.store)
        self.backups = BackupFlows(self)
        self.imports = ImportFlows(self)
        self.exports = ExportFlows(self)
        self.hold = DatabaseHold(self)  # the lock file, and changes made by other programs
        self.list_columns = ListColumns(
            self, self.list_view, self.model, settings, self._after_list_reset
        )
        self.contact_followups = ContactFollowUps()
        self.form.set_follow_ups_tab(self.contact_followups)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("quickSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText("Search names, company, e-mail, phone, city  (Ctrl+F)")
        self.search_box.setMinimumWidth(380)
        self.status_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.status_label)
        self.commands = MainActions(self)
        # Del deletes a contact only from the list, never while typing in the form.
        self.list_view.addAction(self.commands.delete)
        self.recent_menu = build_menus_and_toolbar(
            self, self.commands, self.search_box, self.list_columns.menu
        )
        self._connect()
        restore_window_state(self, self.settings)
        self._update_title()
        self._update_status()
        self.form.clear()

    # Building.

    def _build_central(self) -> None:
        """The list (or a word on why it is empty) beside the contact form."""
        self.list_pane = ContactListPane(self.model)
        self.list_view = self.list_pane.view
        self.empty_label = self.list_pane.empty_label
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 560])
        self.setCentralWidget(self.splitter)

    def _connect(self) -> None:
        connect_file_menu(self, self.commands, self.recent_menu)
        self.backups.connect(self.commands)
        self.mailing = connect_mailing(self, self.commands)
        self.letters = connect_letters(self, self.commands)
        self.exports.connect_actions(self.commands)
        self.commands.quit.triggered.connect(self.close)
        self.commands.about.triggered.connect(lambda: show_about(self, self.store))
        self.commands.new_contact.triggered.connect(self.new_contact)
        self.commands.save.triggered.connect(self.save_contact)
        self.commands.revert.triggered.connect(self.revert_contact)
        self.commands.delete.triggered.connect(self.delete_contact)
        self.commands.trash.triggered.connect(self.show_trash)
        self.commands.find.triggered.connect(self.focus_search)
        self.commands.region.triggered.connect(lambda: choose_phone_region(self, self.ops))
        self.form.saveRequested.connect(self.save_contact)
        self.form.revertRequested.connect(self.revert_contact)
        self.form.dirtyChanged.connect(self._update_title)
        self.search_box.textChanged.connect(self._search_changed)
        self.search_box.returnPressed.connect(self.list_view.setFocus)
        self.list_view.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.list_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.events.changed.connect(self._store_changed)
        connect_flows(self)

    # Contacts.

    def show_first_contact(self) -> None:
        """Open the first contact of the list, unless the user has opened or started one; and
        fill the follow-up panel the first time."""
        if self.followups.last is None:
            self.followups.refresh()
            self.sides.refresh()
        if self._current_id is not None or self.form.is_new:
            return
        first = self.model.contact_id(0)
        if first is not None:
            self.select_contact(first)

    def show_first_contact_after_paint(self) -> None:
        """At start-up: let the list paint first, then open a contact (which loads SQLAlchemy,
        a third of a second)."""
        self._first_paint = CallOnFirstPaint(self.list_view.viewport(), self.show_first_contact)

    def import_file(self, path: Path) -> None:
        """Import `path` (a vCard opened with Cardfile): the import wizard, on that file."""
        self.imports.open_wizard(path)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def open_contact(self, contact_id: int) -> None:
        from db import contacts
        from db.custom_fields import custom_fields
        from db.custom_values import contact_values
        from db.photos import contact_photo

        self._load_statuses()
        with self.store.session() as session:
            contact = contacts.get_contact(session, contact_id)
            entries = contacts.history(session, contact_id)
            fields, values = custom_fields(session), contact_values(session, contact_id)
            photo = contact_photo(session, contact_id)
        self._current_id = contact_id
        self.form.load(contact, entries)
        self.form.show_photo(photo.data if photo else None)
        self.form.load_user_fields(fields, values)
        self.contact_followups.show_followups(self.followups.open_for(contact_id))
        self.form.chips.show_categories(self.categories.of_contact(contact_id))

    def _category_filter_changed(self, category_ids: tuple[int, ...]) -> None:
        self.model.set_categories(category_ids)
        self._after_list_reset()

    def _merge_selected(self) -> None:
        chosen = self.list_pane.selected_ids()
        if not 2 <= len(chosen) <= 3:
            prompts.show_error(self, "Merge", "Select two or three contacts in the list first.")
            return
        self.duplicates.merge(tuple(chosen))

    def _show_all(self) -> None:
        """Everyone again: no search, no category ticked, no lookup or group."""
        self.search_box.clear()
        self.category_panel.clear_filter()
        self.lookups.show_everyone()

    def _show_no_contact(self, *, new: bool = False) -> None:
        """An empty form (a blank new contact, or nothing open) and nothing on its tabs."""
        if new:
            self.form.load(None)
        else:
            self.form.clear()
        self.contact_followups.show_followups([])
        self.form.chips.show_categories([])

    def show_contact(self, contact_id: int) -> bool:
        """Open `contact_id` in the form, selected in the list when the search shows it."""
        if contact_id == self._current_id:
            return True
        from db import contacts

        try:
            found = self.ops.read(lambda session: contacts.get_contact(session, contact_id))
        except contacts.ContactNotFoundError:
            found = None
        if found is None or found.deleted_at is not None:
            self.statusBar().showMessage("That contact is in the Trash or no longer exists.", 5000)
            return False
        if not self.confirm_leave_contact():
            return False
        self.open_contact(contact_id)
        if not self.select_contact(contact_id):
            self.list_view.selectionModel().clear()
        return True

    def log_activity(self, kind: str) -> None:
        """Log a call or meeting, or add a note, for the open contact (Ctrl+L and kin)."""
        if self.form.contact_id is None:
            self.statusBar().showMessage("Open a contact first, then log the call.", 4000)
            return
        self._log_for(self.form.contact_id, kind, None)

    def _write_report(self) -> None:
        written = self.followups.write_report()
        if written is not None:
            self.statusBar().showMessage(f"Wrote {written}", 6000)

    def _log_from_panel(self, contact_id: int, due: FollowUp | None) -> None:
        self._log_for(contact_id, log_kind(due), due)

    def _log_for(self, contact_id: int, kind: str, due: FollowUp | None) -> None:
        if not self.show_contact(contact_id) or not self.confirm_leave_contact():
            return
        if self.followups.log(kind, contact_id, self.form.display_name, due):
            self.statusBar().showMessage(f"Logged for {self.form.display_name}.", 4000)

    def new_contact(self) -> None:
        if not self.confirm_leave_contact():
            return
        self._current_id = None
        self.list_view.selectionModel().clearCurrentIndex()
        self.list_view.clearSelection()
        self._load_statuses()
        self._show_no_contact(new=True)
        self.form.load_user_fields(self.custom_fields.fields(), {})
        self.form.tabs.setCurrentIndex(0)
        self.form.texts["first_name"].setFocus()

    def save_contact(self) -> bool:
        """Save the form; True when saved (or nothing to save), False when the user must fix it."""
        if not self.form.isEnabled() or (not self.form.is_dirty and not self.form.is_new):
            return True
        from db.validation import InvalidContactError

        fields, unreadable = self.form.read_fields()
        choice, existing = prompts.DuplicateChoice.SAVE, None
        if self.form.contact_id is None and not unreadable:
            choice, existing = self.duplicates.before_saving_new(fields)
        if choice is prompts.DuplicateChoice.CANCEL:
            return False
        if choice is prompts.DuplicateChoice.OPEN and existing is not None:
            self._show_no_contact()  # the new one is not kept, as the question said
            self.show_contact(existing)
            return False
        save = contact_save(self.form.contact_id, fields, unreadable, self.form.read_user_values())
        try:
            done = self.ops.write(f"save {self.form.display_name}", save)
        except InvalidContactError as invalid:
            self.form.show_errors(invalid.errors)
            self.statusBar().showMessage("Not saved: please correct the fields shown.", 5000)
            return False
        if done is None:
            return False
        saved = done.value
        self.open_contact(saved.id)
        self.events.announce(ChangeSet(contact_ids=frozenset({saved.id})))
        if self.model.row_of(saved.id) is None:
            self.statusBar().showMessage(
                f"Saved {saved.fields.display_name}, who no longer matches the search.", 6000
            )
        else:
            self.statusBar().showMessage(f"Saved {saved.fields.display_name}.", 4000)
        if choice is prompts.DuplicateChoice.MERGE and existing is not None:
            self.duplicates.merge((existing, saved.id))
        return True

    def revert_contact(self) -> None:
        if self._current_id is None:
            self._show_no_contact(new=True)
        else:
            self.open_contact(self._current_id)

    def delete_contact(self) -> None:
        contact_id = self.form.contact_id
        if contact_id is None:
            return
        name = self.form.display_name
        if not prompts.confirm(
            self,
            "Delete contact",
            f"Move {name} to the Trash?\nYou can restore it from Contact ▸ Trash.",
            "Move to Trash",
        ):
            return
        from db import contacts

        row = self.model.row_of(contact_id) or 0
        done = self.ops.write(
            f"move {name} to the Trash",
            lambda session: contacts.delete_contact(session, contact_id),
        )
        if done is None:
            return
        self._current_id = None
        self._show_no_contact()
        self.events.announce(ChangeSet(contact_ids=frozenset({contact_id})))
        next_id = self.model.contact_id(min(row, self.model.rowCount() - 1))
        if next_id is not None:
            self.select_contact(next_id)
        self.statusBar().showMessage(f"Moved {name} to the Trash.", 4000)

    def show_trash(self) -> None:
        self.trash_dialog = TrashDialog(self)
        run_trash(self.trash_dialog, self.ops)

    def select_contact(self, contact_id: int) -> bool:
        """Select the contact's row (and only it); False when the list does not show it."""
        return self.list_pane.select_only(self.model.row_of(contact_id))

    def confirm_leave_contact(self) -> bool:
        """Before the form shows something else: True when it may (saved or discarded)."""
        if not self.form.is_dirty:
            return True
        choice = prompts.ask_unsaved_changes(self, self.form.display_name)
        if choice is prompts.UnsavedChoice.SAVE:
            return self.save_contact()
        if choice is prompts.UnsavedChoice.DISCARD:
            self.revert_contact()
            return True
        return False

    # Databases.

    def open_database(self, path: Path, *, create: bool = False) -> bool:
        """Switch to the database at `path`; only New Database makes a file that is not there."""
        if not self.confirm_leave_contact():
            return False
        try:
            store = self.hold.open(path, create=create)
        except StoreError as exc:
            prompts.show_error(self, "Cannot open database", str(exc))
            if not path.exists():
                self.settings.forget_database(str(path))
            return False
        if store is None:
            return False
        old, self.store = self.store, store
        old.close()
        self.hold.switched()
        self.settings.remember_database(str(store.path))
        self._current_id = None
        self._show_no_contact()
        self._statuses_loaded = False
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.events.announce(ChangeSet(store_replaced=True))
        self._update_title()
        return True

    # Reacting.

    def _search_changed(self, text: str) -> None:
        if not self.confirm_leave_contact():
            self.search_box.blockSignals(True)
            self.search_box.setText(self.model.query)
            self.search_box.blockSignals(False)
            return
        try:
            self.model.set_query(text)
        except sqlite3.Error as exc:  # e.g. locked by a long write elsewhere: try again later
            self.statusBar().showMessage(f"Could not search just now: {exc}", 5000)
            return
        self._after_list_reset()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self._after_list_reset()

    def _after_list_reset(self, *, keep_open: bool = False) -> None:
        """Keep the open contact selected if it is still in the list; else show the first."""
        self._update_status()
        if self._current_id is not None and self.select_contact(self._current_id):
            return
        if self.form.is_dirty or keep_open:
            self.list_view.selectionModel().clear()
            return
        first = self.model.contact_id(0)
        if first is not None:
            self.select_contact(first)
        else:
            self._current_id = None
            self._show_no_contact()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        contact_id = self.model.contact_id(current.row()) if current.isValid() else None
        if contact_id is None or (contact_id == self._current_id and not self.form.is_new):
            return
        if not self.confirm_leave_contact():
            # Put the selection back where the unsaved edit is, without asking again.
            QTimer.singleShot(0, lambda: self._restore_selection(previous))
            return
        self.open_contact(contact_id)
        # Saving may have moved the rows meanwhile; else leave the selection as the click made
        # it (a Ctrl-click adds to it).
        if self.model.row_of(contact_id) != self.list_view.currentIndex().row():
            self.select_contact(contact_id)

    def _restore_selection(self, previous: QModelIndex) -> None:
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        row = self.model.row_of(self._current_id) if self._current_id is not None else None
        if not self.list_pane.select_only(row, scroll=False):
            selection.clear()
        selection.blockSignals(False)
        self.list_view.viewport().update()
        del previous

    def _list_reshaped(self, change: ChangeSet) -> None:
        """Another database, or user fields changed: the list's columns may be other ones."""
        if change.store_replaced:
            self.model.set_scope(None)
            self.model.set_store(self.store)
            self.duplicates.store_replaced()
        self.list_columns.refresh()
        if change.list_changed:
            self.model.reload()
        self._after_list_reset()

    def _store_changed(self, change: ChangeSet) -> None:
        if self.model.scope is not None and not change.store_replaced:
            self.lookups.rebuild_scope()  # before the list reads it again
        if change.store_replaced or change.fields:
            self._list_reshaped(change)
        elif change.contact_ids:
            # Rows move under the selection: only the contact that was open may stay open.
            selection = self.list_view.selectionModel()
            selection.blockSignals(True)
            try:
                self.model.update_contacts(change.contact_ids)
            finally:
                selection.blockSignals(False)
            # A contact just saved stays open even when it has left the search results.
            self._after_list_reset(keep_open=self._current_id in change.contact_ids)
        elif change.list_changed or (change.lists and self.model.narrowed):
            self.model.reload()
            self._after_list_reset()
        changed = self._current_id in change.contact_ids or change.fields
        if self._current_id is not None and changed and not self.form.is_dirty:
            self._reopen_current()
        elif change.fields and self.form.is_dirty:
            self.form.refit_user_fields(self.custom_fields.fields())
        elif self._current_id in change.contact_ids:  # history is not part of the unsaved edit
            from db import contacts

            current = self._current_id
            self.form.history.show_entries(
                self.ops.read(lambda session: contacts.history(session, current))
            )
        elif (change.followups or change.contact_ids) and self._current_id is not None:
            # Not part of the form's unsaved edit: always kept up to date.
            self.contact_followups.show_followups(self.followups.open_for(self._current_id))
        self.reminders.store_changed(change)
        if self.followups.last is not None or change.store_replaced:
            self.followups.refresh()
            self.sides.refresh()
        if change.categories and self._current_id is not None:
            self.form.chips.show_categories(self.categories.of_contact(self._current_id))

    def _reopen_current(self) -> None:
        """Show the open contact as it is now; one merged away or deleted meanwhile gives way
        to the first of the list."""
        from db.contacts import ContactNotFoundError

        try:
            self.open_contact(self._current_id or 0)
        except ContactNotFoundError:
            self._current_id = None
            self._after_list_reset()

    def _load_statuses(self) -> None:
        """The status choices of this database, read once when a contact is first shown."""
        if self._statuses_loaded:
            return
        from db.store_settings import statuses

        with self.store.session() as session:
            self.form.set_statuses(statuses(session))
        self._statuses_loaded = True

    def _update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{title_name(self.store)}[*] — Cardfile")
        self.setWindowModified(self.form.is_dirty)

    def _update_status(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_contacts
        query = self.model.query.strip()
        self.status_label.setText(
            self.list_pane.show_counts(
                shown, total, query, bool(self.model.categories), self.model.scope
            )
        )

    # Window state.

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_before:
            # Start in the search box: the first act is usually to look someone up. (A list view
            # that gets the focus first opens its first row before the window has painted.)
            self._shown_before = True
            self.search_box.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave_contact():
            event.ignore()
            return
        save_window_state(self, self.settings)
        self.duplicates.stop()
        self.imports.stop()
        self.exports.stop()
        self.hold.release()
        event.accept()


def log_kind(due: FollowUp | None) -> str:
    """Doing a planned meeting logs a meeting; anything else is logged as a call."""
    return "meeting" if due is not None and due.kind == "meeting" else "call"
