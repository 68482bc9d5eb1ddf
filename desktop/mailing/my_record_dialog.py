"""Tools ▸ My Record: the sender's own details, used for return addresses and letters."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from db.mailing.my_record import MyRecord
from desktop.widgets.dialog_buttons import accept_buttons

LABELS = {
    "name": "&Name",
    "title": "&Title",
    "company": "C&ompany",
    "street": "&Street",
    "city": "C&ity",
    "region": "State / re&gion",
    "postal_code": "&Postal code",
    "country": "Co&untry",
    "phone": "P&hone",
    "email": "&E-mail",
}


class MyRecordDialog(QDialog):
    def __init__(self, parent: QWidget | None, record: MyRecord) -> None:
        super().__init__(parent)
        self.setObjectName("MyRecordDialog")
        self.setWindowTitle("My Record")
        self.edits: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        for key, label in LABELS.items():
            edit = QLineEdit(getattr(record, key))
            edit.setObjectName(key)
            edit.setMinimumWidth(420)
            self.edits[key] = edit
            layout.addRow(label, edit)
        self.signature_edit = QPlainTextEdit(record.signature)
        self.signature_edit.setPlaceholderText("Best regards,\nYour name")
        self.signature_edit.setFixedHeight(90)
        layout.addRow("Sign&ature", self.signature_edit)
        layout.addRow(accept_buttons(self))

    @classmethod
    def ask(cls, parent: QWidget | None, record: MyRecord) -> tuple[MyRecord, bool]:
        dialog = cls(parent, record)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.record(), accepted

    def record(self) -> MyRecord:
        values = {f.name: "" for f in fields(MyRecord)}
        values.update({key: edit.text() for key, edit in self.edits.items()})
        values["signature"] = self.signature_edit.toPlainText()
        return MyRecord(**values)
