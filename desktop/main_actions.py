"""The main window's actions (with their shortcuts), menus and toolbar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLineEdit, QMainWindow, QMenu, QStyle

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
Pixmap = QStyle.StandardPixmap


class MainActions:
    """Every command of the main window, built once; the window connects them."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        keys = QKeySequence.StandardKey
        self.new_db = self._make("&New Database…")
        self.open_db = self._make("&Open Database…", keys.Open)
        self.back_up = self._make("&Back Up…")
        self.restore_backup = self._make("Restore from Bac&kup…")
        self.backup_settings = self._make("&Automatic Backups…")
        self.import_contacts = self._make("&Import Contacts…", "Ctrl+Shift+I")
        self.undo_import = self._make("&Undo an Import…")
        self.check_database = self._make("Chec&k Database…")
        self.export = self._make("&Export Contacts…")
        self.quit = self._make("&Quit", keys.Quit)
        self.new_contact = self._make("&New Contact", "Ctrl+N", Pixmap.SP_FileIcon)
        self.save = self._make("&Save Contact", keys.Save, Pixmap.SP_DialogSaveButton)
        self.revert = self._make("&Revert Changes", None, Pixmap.SP_BrowserReload)
        self.delete = self._make("&Delete Contact…", keys.Delete, Pixmap.SP_TrashIcon)
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list's only
        self.trash = self._make("&Trash…")
        self.find = self._make("&Find", keys.Find)
        self.go_to_followups = self._make("Go to &Follow-ups", "Ctrl+Shift+F")
        self.region = self._make("Default &Country for Phone Numbers…")
        self.activity_report = self._make("My &Activity Report…")
        self.active_statuses = self._make("Contacts That Need a &Next Action…")
        self.log_call = self._make("&Log Call…", "Ctrl+L", Pixmap.SP_DialogYesButton)
        self.log_meeting = self._make("Log &Meeting…", "Ctrl+Shift+L")
        self.add_note = self._make("Add &Note…", "Ctrl+Shift+N")
        self.contact_categories = self._make("Cate&gories…", "Ctrl+G")
        self.add_category = self._make("&Add a Category to the Selected Contacts…")
        self.remove_category = self._make("Remove a Category from the Selected Contacts…")
        self.manage_categories = self._make("&Categories…")
        self.add_to_group = self._make("Add the Selected Contacts to a &Group…", "Ctrl+Shift+G")
        self.remove_from_group = self._make("Remove the Selected Contacts from a Group…")
        self.lookup = self._make("&Lookup…", "Ctrl+Shift+K")
        self.show_all = self._make("Show &All Contacts", "Ctrl+Shift+A")
        self.define_fields = self._make("Define &Fields…")
        self.find_duplicates = self._make("Find &Duplicates…")
        self.merge_selected = self._make("&Merge the Selected Contacts…", "Ctrl+Shift+M")
        self.write_letter = self._make("Le&tter…")
        self.write_labels = self._make("&Labels…")
        self.write_envelopes = self._make("&Envelopes…")
        self.my_record = self._make("My &Record…")
        self.about = self._make("&About Cardfile")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)  # in the application menu on macOS

    def _make(self, text: str, shortcut: Shortcut = None, icon: Pixmap | None = None) -> QAction:
        action = QAction(text, self._window)
        if icon is not None:
            action.setIcon(self._window.style().standardIcon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action


def build_menus_and_toolbar(
    window: QMainWindow, actions: MainActions, search_box: QLineEdit, columns_menu: QMenu
) -> QMenu:
    """Menus and toolbar; returns the Open Recent menu, which the window fills when shown."""
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addAction(actions.new_db)
    file_menu.addAction(actions.open_db)
    recent_menu = QMenu("Open &Recent", window)
    file_menu.addMenu(recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions.import_contacts)
    file_menu.addAction(actions.undo_import)
    file_menu.addAction(actions.export)
    file_menu.addSeparator()
    file_menu.addAction(actions.back_up)
    file_menu.addAction(actions.restore_backup)
    file_menu.addAction(actions.backup_settings)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    contact_menu = window.menuBar().addMenu("&Contact")
    for group in (
        (actions.new_contact, actions.save, actions.revert, actions.delete),
        (actions.log_call, actions.log_meeting, actions.add_note),
        (actions.contact_categories, actions.add_category, actions.remove_category),
        (actions.add_to_group, actions.remove_from_group),
        (actions.merge_selected,),
        (actions.trash,),
    ):
        for action in group:
            contact_menu.addAction(action)
        contact_menu.addSeparator()
    lookup_menu = window.menuBar().addMenu("&Lookup")
    lookup_menu.addAction(actions.lookup)
    lookup_menu.addAction(actions.show_all)
    view_menu = window.menuBar().addMenu("&View")
    view_menu.addAction(actions.find)
    view_menu.addMenu(columns_menu)
    view_menu.addAction(actions.go_to_followups)
    for dock in window.findChildren(QDockWidget):
        view_menu.addAction(dock.toggleViewAction())
    write_menu = window.menuBar().addMenu("&Write")
    write_menu.addAction(actions.write_letter)
    write_menu.addAction(actions.write_labels)
    write_menu.addAction(actions.write_envelopes)
    tools_menu = window.menuBar().addMenu("&Tools")
    tools_menu.addAction(actions.define_fields)
    tools_menu.addAction(actions.find_duplicates)
    tools_menu.addAction(actions.manage_categories)
    tools_menu.addAction(actions.activity_report)
    tools_menu.addAction(actions.active_statuses)
    tools_menu.addAction(actions.region)
    tools_menu.addAction(actions.my_record)
    tools_menu.addSeparator()
    tools_menu.addAction(actions.check_database)
    window.menuBar().addMenu("&Help").addAction(actions.about)
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (
        actions.new_contact,
        actions.save,
        actions.delete,
        actions.log_call,
        actions.lookup,
    ):
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addWidget(search_box)
    return recent_menu
