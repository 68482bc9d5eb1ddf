"""`cardfile --screenshots DIR`: the main screens rendered to PNG files, offscreen."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.about_dialog import AboutDialog
from desktop.contacts.category_manager import CategoryManager
from desktop.contacts.detail_form import (
    TAB_ADDRESSES,
    TAB_CONTACT,
    TAB_FOLLOW_UPS,
    TAB_HISTORY,
    TAB_USER_FIELDS,
)
from desktop.contacts.trash_dialog import TrashDialog
from desktop.customfields.define_dialog import DefineFieldsDialog
from desktop.followups.log_dialog import LogDialog
from desktop.interchange.export_dialog import ExportDialog
from desktop.lookups.builder import LookupDialog
from desktop.mailing.mailing_dialog import MailingDialog
from desktop.mailing.my_record_dialog import MyRecordDialog
from desktop.main_window import MainWindow
from desktop.screenshot_imports import import_screens
from desktop.screenshot_letters import letter_screens
from desktop.widgets.keeping_dialog import KeepingDialog
from desktop.widgets.prompts import ReportDialog

SIZE = (1280, 960)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _grab(widget: QWidget, path: Path, saved: list[Path]) -> None:
    _settle()
    widget.grab().save(str(path))
    saved.append(path)


def _grab_dialog(
    kind: type[QDialog], path: Path, saved: list[Path], fill: Callable[[Any], None] | None = None
) -> None:
    """Grab the modal dialog of `kind` once it is up (from inside its event loop), then close it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, look)
            return
        if fill is not None:
            fill(dialog)
        _grab(dialog, path, saved)
        dialog.reject()

    QTimer.singleShot(0, look)


def _fill_log(dialog: LogDialog) -> None:
    dialog.result_combo.setCurrentText("Left message")
    dialog.note_edit.setPlainText("Voicemail. Her assistant says she is back on Thursday.")
    dialog.description_edit.setText("Call back about the spring order")
    dialog.choose_quick("in 3 days")


def _fill_lookup(dialog: LookupDialog) -> None:
    """Customers in a city with an o, or anyone contacted in the last month."""
    first = dialog.rows[0]
    first.field.setCurrentIndex(first.field.findData("status"))
    first.set_value("Customer")
    second = dialog.add_row()
    second.field.setCurrentIndex(second.field.findData("city"))
    second.set_value("o")
    third = dialog.add_row()
    third.joiner.setCurrentText("or")
    third.field.setCurrentIndex(third.field.findData("last_contacted"))
    third.operator.setCurrentIndex(third.operator.findData("in_last_days"))
    third.set_value("30")


def _lookup_results(window: MainWindow, folder: Path, saved: list[Path]) -> None:
    """The builder filled in, then its results in the list."""
    from db.lookup_records import Condition, Lookup

    _grab_dialog(LookupDialog, folder / "lookup-builder.png", saved, _fill_lookup)
    window.lookups.build()
    if window.lookups.lookups:  # the demo's saved lookup, opened from the side panel
        window.lookups.run_saved(window.lookups.lookups[0].id)
    else:
        lookup = Lookup((Condition("status", "is", "Customer"), Condition("city", "contains", "o")))
        window.lookups.run(lookup, "Customers in o-towns")
    for key in ("phone", "email", "status"):  # room for a user field's column
        window.list_columns.set_visible(key, False)
    window.list_columns.set_visible(_first_user_field(window), True)
    _grab(window, folder / "lookup-results.png", saved)
    window.list_columns.reset()
    window.lookups.show_everyone()


def _duplicates(window: MainWindow, folder: Path, saved: list[Path]) -> None:
    """The review queue after a scan, and the merge dialog on a group whose fields differ."""
    from desktop.duplicates.merge_dialog import MergeDialog

    queue = window.duplicates.open_queue()
    window.duplicates.scan.wait()
    for _ in range(50):
        _settle()
        if queue.scan_button.isEnabled():
            break
    _grab(queue, folder / "duplicate-queue.png", saved)
    # A pair whose names are written differently shows what the dialog is for.
    differing = [
        g
        for g in queue.groups
        if len({queue.names[i].name for i in g.contact_ids if i in queue.names}) > 1
    ] or queue.groups
    if differing:
        _grab_dialog(MergeDialog, folder / "merge-dialog.png", saved)
        window.duplicates.merge(differing[0].contact_ids)
    queue.close()


def _restore_question(window: MainWindow, folder: Path, saved: list[Path]) -> None:
    """File ▸ Restore from Backup: the question, saying what the chosen backup holds."""
    from PySide6.QtWidgets import QMessageBox

    from db.backup import make_backup
    from desktop.version import app_version

    backup = folder / "screenshots-backup.zip"
    make_backup(window.store.path, backup, app_version=app_version())
    _grab_dialog(QMessageBox, folder / "restore-backup.png", saved)
    window.backups.confirm_restore(backup)  # answered Cancel by the grab
    backup.unlink()


def _fill_mailing(dialog: MailingDialog) -> None:
    """Labels for the first category, outlines on, with who is left out and why."""
    chooser = dialog.chooser
    chooser.current_check.setChecked(False)
    chooser.category_check.setChecked(True)
    chooser.household_check.setChecked(True)
    chooser.recount()
    dialog.outline_check.setChecked(True)
    dialog.follow_up_check.setChecked(True)


def _fill_my_record(dialog: MyRecordDialog) -> None:
    for key, value in (
        ("name", "Kari Nordmann"),
        ("title", "Sales manager"),
        ("company", "Nordlys Marine AS"),
        ("street", "Kirkegata 5"),
        ("city", "Oslo"),
        ("postal_code", "0153"),
        ("country", "Norway"),
        ("phone", "+47 22 00 12 34"),
        ("email", "kari@nordlys.example"),
    ):
        dialog.edits[key].setText(value)
    dialog.signature_edit.setPlainText("Best regards,\nKari Nordmann")


def _mailing(window: MainWindow, folder: Path, saved: list[Path]) -> None:
    """Write ▸ Labels…: the dialog, then the preview of a sheet; Tools ▸ My Record…."""
    from db.mailing.recipient_records import MailingSources
    from desktop.mailing.mailing_choice import LABELS, MailingChoice

    _grab_dialog(MailingDialog, folder / "mailing-labels.png", saved, _fill_mailing)
    window.mailing.ask(LABELS)
    everyone = window.categories.all()
    category = everyone[0].name if everyone else ""
    choice = MailingChoice(
        LABELS, MailingSources(categories=(category,)), "Avery 5160", per_household=True
    )
    preview = window.mailing.make_preview(choice) if category else None
    if preview is not None:
        preview.show()
        for _ in range(40):  # the page is rendered in the background
            _settle()
            QThread.msleep(25)
        _grab(preview, folder / "print-preview.png", saved)
        preview.close()
    _grab_dialog(MyRecordDialog, folder / "my-record.png", saved, _fill_my_record)
    window.mailing.edit_my_record()  # cancelled by the grab


def _fill_export(dialog: ExportDialog) -> None:
    """A category chosen, CSV safe for spreadsheets."""
    dialog.which_buttons["category"].setChecked(True)
    dialog.name_combos["category"].setCurrentIndex(0)


def _first_user_field(window: MainWindow) -> str:
    fields = window.custom_fields.fields()
    return fields[0].key if fields else "status"


def save_screenshots(window: MainWindow, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*SIZE)
    window.show()
    window.show_first_contact()
    saved: list[Path] = []
    for tab, name in (
        (TAB_CONTACT, "main-window"),
        (TAB_ADDRESSES, "contact-addresses"),
        (TAB_HISTORY, "contact-history"),
        (TAB_USER_FIELDS, "contact-user-fields"),
    ):
        window.form.tabs.setCurrentIndex(tab)
        _grab(window, folder / f"{name}.png", saved)
    # A contact with something scheduled, chosen from the panel, for its Follow-ups tab.
    panel = window.followups.last
    busy = panel and (panel.today.rows or panel.upcoming.rows or panel.overdue.rows)
    if busy:
        window.show_contact(busy[0].contact_id)
    window.form.tabs.setCurrentIndex(TAB_FOLLOW_UPS)
    _grab(window, folder / "contact-follow-ups.png", saved)
    window.form.tabs.setCurrentIndex(TAB_CONTACT)
    window.search_box.setText("hansen")
    _grab(window, folder / "quick-search.png", saved)
    window.search_box.clear()
    # The first category ticked in the side panel: its contacts, one open with its chips.
    first = window.category_panel.list.item(0)
    if first is not None:
        first.setCheckState(Qt.CheckState.Checked)
        window.show_contact(window.model.contact_id(0) or 0)
        _grab(window, folder / "category-filter.png", saved)
        window.category_panel.clear_filter()
    _grab_dialog(TrashDialog, folder / "trash.png", saved)
    window.show_trash()
    _grab_dialog(CategoryManager, folder / "categories.png", saved)
    window.categories.manage()
    _lookup_results(window, folder, saved)
    _duplicates(window, folder, saved)
    _grab_dialog(DefineFieldsDialog, folder / "define-fields.png", saved)
    window.custom_fields.define_fields()
    _grab_dialog(ReportDialog, folder / "check-database.png", saved)
    window.backups.check()
    _restore_question(window, folder, saved)
    _grab_dialog(KeepingDialog, folder / "automatic-backups.png", saved)
    window.commands.backup_settings.trigger()
    _mailing(window, folder, saved)
    import_screens(window, folder, partial(_grab, saved=saved))
    letter_screens(window, folder, partial(_grab, saved=saved))
    _grab_dialog(ExportDialog, folder / "export-dialog.png", saved, _fill_export)
    window.exports.export()  # cancelled by the grab: no file is asked for
    _grab_dialog(LogDialog, folder / "log-dialog.png", saved, _fill_log)
    window.log_activity("call")
    _grab_dialog(AboutDialog, folder / "about.png", saved)
    window.commands.about.trigger()  # Help ▸ About Cardfile
    window.close()
    return saved
