"""Write ▸ Letter… for `cardfile --screenshots`: the letter dialog with a category chosen, the
template editor on the special offer, and the preview of follow-up letters to the category (My
record filled in first when it is empty, so that the letters are signed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

OFFER = "Special offer"
FOLLOW_UP = "Follow-up letter"
SENDER = {
    "name": "Kari Nordmann",
    "title": "Sales manager",
    "company": "Nordlys Marine AS",
    "street": "Kirkegata 5",
    "city": "Oslo",
    "postal_code": "0153",
    "country": "Norway",
    "phone": "+47 22 00 12 34",
    "email": "kari@nordlys.example",
}


def _when_up(kind: type[QDialog], then: Callable[[QDialog], None]) -> None:
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, look)
            return
        then(dialog)
        dialog.reject()

    QTimer.singleShot(0, look)


def letter_screens(window: MainWindow, folder: Path, grab: Callable[[QWidget, Path], None]) -> None:
    from db.mailing.my_record import MyRecord, get_my_record, set_my_record
    from db.mailing.recipient_records import MailingSources
    from desktop.mailing.letter_dialog import LetterDialog
    from desktop.mailing.mailing_choice import LETTERS, MailingChoice
    from desktop.mailing.template_editor import TemplateEditorDialog

    if window.ops.read(get_my_record).is_empty():
        window.ops.write("fill in My record", lambda s: set_my_record(s, MyRecord(**SENDER)))
    everyone = window.categories.all()
    category = everyone[0].name if everyone else ""

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, LetterDialog)
        chooser = dialog.chooser
        chooser.current_check.setChecked(False)
        chooser.category_check.setChecked(True)
        chooser.recount()
        dialog.piece_combo.setCurrentIndex(max(0, dialog.piece_combo.findData(OFFER)))
        dialog.follow_up_check.setChecked(True)
        grab(dialog, folder / "letter-dialog.png")

    _when_up(LetterDialog, choose)
    window.letters.write()
    _when_up(TemplateEditorDialog, lambda editor: grab(editor, folder / "template-editor.png"))
    window.letters.edit_template(OFFER)
    if not category:
        return
    choice = MailingChoice(LETTERS, MailingSources(categories=(category,)), FOLLOW_UP)
    preview = window.letters.make_preview(choice)
    if preview is not None:
        preview.show()
        for _ in range(40):  # the page is rendered in the background
            QApplication.processEvents()
            QThread.msleep(25)
        grab(preview, folder / "letter-preview.png")
        preview.close()
