"""`cardfile --screenshots DIR`: the main screens rendered to PNG files, offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.contacts.detail_form import (
    TAB_ADDRESSES,
    TAB_CONTACT,
    TAB_FOLLOW_UPS,
    TAB_HISTORY,
)
from desktop.followups.log_dialog import LogDialog
from desktop.main_window import MainWindow

SIZE = (1280, 960)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def save_screenshots(window: MainWindow, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*SIZE)
    window.show()
    window.show_first_contact()
    saved = []

    def grab(name: str) -> None:
        _settle()
        path = folder / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    for tab, name in (
        (TAB_CONTACT, "main-window"),
        (TAB_ADDRESSES, "contact-addresses"),
        (TAB_HISTORY, "contact-history"),
    ):
        window.form.tabs.setCurrentIndex(tab)
        grab(name)
    # A contact with something scheduled, chosen from the panel, for its Follow-ups tab.
    panel = window.followups.last
    busy = panel and (panel.today.rows or panel.upcoming.rows or panel.overdue.rows)
    if busy:
        window.show_contact(busy[0].contact_id)
    window.form.tabs.setCurrentIndex(TAB_FOLLOW_UPS)
    grab("contact-follow-ups")
    window.form.tabs.setCurrentIndex(TAB_CONTACT)
    window.search_box.setText("hansen")
    grab("quick-search")
    window.search_box.clear()

    # The Trash dialog is modal: grab it from inside its event loop, then close it.
    def grab_trash() -> None:
        dialog = window.trash_dialog
        _settle()
        path = folder / "trash.png"
        dialog.grab().save(str(path))
        saved.append(path)
        dialog.reject()

    QTimer.singleShot(0, grab_trash)
    window.show_trash()

    # The Log dialog, filled in as after a call, grabbed the same way.
    def grab_log_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LogDialog):
            QTimer.singleShot(10, grab_log_dialog)
            return
        dialog.result_combo.setCurrentText("Left message")
        dialog.note_edit.setPlainText("Voicemail. Her assistant says she is back on Thursday.")
        dialog.description_edit.setText("Call back about the spring order")
        dialog.choose_quick("in 3 days")
        _settle()
        path = folder / "log-dialog.png"
        dialog.grab().save(str(path))
        saved.append(path)
        dialog.reject()

    QTimer.singleShot(0, grab_log_dialog)
    window.log_activity("call")
    window.close()
    return saved
