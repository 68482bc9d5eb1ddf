"""Write ▸ Letter…: who gets a letter (with who is left out and why), which template (with New,
Edit and Delete beside it), and a follow-up; the labels' and envelopes' dialog with a template
in place of the sheet."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from desktop.mailing.mailing_choice import LETTERS, MailingChoice
from desktop.mailing.mailing_dialog import MailingDialog
from desktop.mailing.recipient_chooser import RecipientChooser
from desktop.widgets import prompts


@dataclass(frozen=True)
class TemplateActions:
    """What the template buttons do (the flows write to the database): each returns the name
    of the template to show afterwards, or None when nothing changed."""

    names: Callable[[], Sequence[str]]
    new: Callable[[], str | None]
    edit: Callable[[str], str | None]
    delete: Callable[[str], bool]


class LetterDialog(MailingDialog):
    def __init__(
        self,
        parent: QWidget | None,
        chooser: RecipientChooser,
        templates: TemplateActions,
        template: str = "",
    ) -> None:
        self.templates = templates
        super().__init__(parent, LETTERS, chooser, template)
        self.setObjectName("LetterDialog")
        self.new_button = QPushButton("&New…")
        self.edit_button = QPushButton("E&dit…")
        self.delete_button = QPushButton("De&lete")
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        self.form.insertRow(1, "", row)
        self.new_button.clicked.connect(self.new_template)
        self.edit_button.clicked.connect(self.edit_template)
        self.delete_button.clicked.connect(self.delete_template)
        self.piece_combo.currentIndexChanged.connect(self._template_changed)
        self._template_changed()

    @classmethod
    def ask_letter(
        cls,
        parent: QWidget | None,
        chooser: RecipientChooser,
        templates: TemplateActions,
        template: str = "",
    ) -> tuple[MailingChoice, bool]:
        dialog = cls(parent, chooser, templates, template)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice(), accepted

    def current_template(self) -> str:
        return str(self.piece_combo.currentData() or "")

    def _fill_pieces(self, piece: str) -> None:
        self.piece_combo.clear()
        for name in self.templates.names():
            self.piece_combo.addItem(name, name)
        found = self.piece_combo.findData(piece)
        self.piece_combo.setCurrentIndex(max(0, found))

    def new_template(self) -> None:
        made = self.templates.new()
        if made is not None:
            self._fill_pieces(made)

    def edit_template(self) -> None:
        name = self.current_template()
        if name:
            edited = self.templates.edit(name)
            self._fill_pieces(edited or name)

    def delete_template(self) -> None:
        name = self.current_template()
        question = f"Delete the letter template “{name}”? Letters sent stay in the history."
        confirmed = name and prompts.confirm(self, "Delete template", question, "Delete")
        if confirmed and self.templates.delete(name):
            self._fill_pieces("")

    def _template_changed(self) -> None:
        has = bool(self.current_template())
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        super()._chosen_changed()
        if not self.current_template():
            self.preview_button.setEnabled(False)
            self.error_label.setText("Make a template first (New…).")
            self.error_label.show()

    def accept(self) -> None:
        if self.current_template():
            super().accept()
