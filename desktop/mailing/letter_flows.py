"""What Write ▸ Letter… does: choose who and which template (and make, edit or delete
templates), fill in every letter before anything is shown (a misspelt field is named), preview
the PDF, and after a print or a save record "Letter: <template>" in each recipient's history
with the follow-ups asked for. Reuses the labels' recipient chooser, preview and history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.mailing.letters_pdf import Letter
    from db.mailing.my_record import MyRecord
    from db.mailing.recipient_records import RecipientList
    from db.mailing.templates import LetterTemplate
    from desktop.mailing.flows import MailingFlows
    from desktop.mailing.letter_dialog import TemplateActions
    from desktop.mailing.mailing_choice import MailingChoice
    from desktop.mailing.pdf_preview import PdfPreviewDialog
    from desktop.main_actions import MainActions
    from desktop.main_window import MainWindow


class LetterFlows(QObject):
    def __init__(self, window: MainWindow, mailing: MailingFlows) -> None:
        super().__init__(window)
        self.window = window
        self.mailing = mailing
        self.last_template = ""

    def write(self) -> None:
        """Write ▸ Letter…: who and which template, then the preview."""
        from desktop.mailing.letter_dialog import LetterDialog

        chooser = self.mailing.recipient_chooser(needs_address=False)
        choice, accepted = LetterDialog.ask_letter(
            self.window, chooser, self.template_actions(), self.last_template
        )
        if not accepted:
            return
        self.last_template = choice.piece
        preview = self.make_preview(choice)
        if preview is not None:
            preview.exec()

    def make_preview(self, choice: MailingChoice) -> PdfPreviewDialog | None:
        """The letters for `choice` in their preview (not yet shown); None when they could not
        be made (the user has been told why, a misspelt field by name)."""
        from db.mailing.recipients import choose_recipients

        chosen = self.window.ops.read(
            lambda session: choose_recipients(
                session, choice.sources, needs_address=False, per_household=choice.per_household
            )
        )
        if not chosen.recipients:
            prompts.show_error(self.window, "Nothing to print", "Nobody is left to write to.")
            return None
        try:
            return self._preview(choice, chosen)
        except (OSError, ValueError, LookupError) as failed:
            prompts.show_error(
                self.window, "No letters made", f"Cardfile could not make the letters: {failed}"
            )
            return None

    def _preview(self, choice: MailingChoice, chosen: RecipientList) -> PdfPreviewDialog:
        from datetime import date

        from db.mailing.letter_values import merged_letters
        from db.mailing.letters_pdf import empty_field_notes, write_letters_pdf
        from db.mailing.mailing_history import letter_text
        from db.mailing.my_record import get_my_record, home_country
        from db.mailing.templates import get_template

        def fill(session: Session) -> tuple[LetterTemplate, list[Letter], MyRecord, str]:
            template = get_template(session, choice.piece)
            letters = merged_letters(session, template, chosen.recipients, date.today())
            return template, letters, get_my_record(session), home_country(session)

        template, letters, sender, home = self.window.ops.read(fill)
        text = letter_text(choice.piece)
        out = self.mailing.scratch_folder() / f"letters {choice.piece}.pdf".replace("/", "-")
        written = write_letters_pdf(letters, template, out, sender, home)
        notes = [f"{written.letters:,} letters; {len(chosen.left_out):,} left out."]
        notes.extend(f"{note}." for note in empty_field_notes(letters))
        note = " ".join(notes)
        return self.mailing.show_preview(
            out,
            title=f"Preview — {text}",
            note=note,
            delivered=lambda: self.mailing.record(chosen.contact_ids, text, choice.follow_up_days),
        )

    # Templates.

    def template_actions(self) -> TemplateActions:
        from db.mailing.templates import defaults_pending, letter_templates
        from desktop.mailing.letter_dialog import TemplateActions

        ops = self.window.ops

        def names() -> list[str]:
            adding = ops.read(defaults_pending)  # the shipped ones, with a user field
            listed = [t.name for t in ops.read(letter_templates)]
            if adding:
                ops.announce(ChangeSet(fields=True))
            return listed

        return TemplateActions(names, self.new_template, self.edit_template, self.delete_template)

    def new_template(self) -> str | None:
        from db.mailing.templates import LetterTemplate

        body = "<p>{{ today }}</p><p><br/></p><p>Dear {{ contact.salutation }},</p><p><br/></p>"
        return self._edit(LetterTemplate("", body))

    def edit_template(self, name: str) -> str | None:
        from db.mailing.templates import get_template

        return self._edit(self.window.ops.read(lambda session: get_template(session, name)))

    def delete_template(self, name: str) -> bool:
        from db.mailing.templates import delete_template, get_template

        def delete(session: Session) -> None:
            found = get_template(session, name)
            if found.id is not None:
                delete_template(session, found.id)

        return self.window.ops.write("delete the template", delete) is not None

    def _edit(self, template: LetterTemplate) -> str | None:
        """The editor on `template`; the saved template's name, or None when cancelled."""
        from db.mailing.merge_fields import merge_fields
        from db.mailing.templates import save_problem, save_template, user_field_names
        from desktop.mailing.template_editor import TemplateEditorDialog

        ops = self.window.ops

        def save(edited: LetterTemplate) -> str | None:
            problem = ops.read(lambda session: save_problem(session, edited))
            if problem:
                return problem
            done = ops.write("save the template", lambda session: save_template(session, edited))
            return None if done is not None else "the database refused it (see the message)"

        fields = merge_fields(ops.read(user_field_names))
        saved = TemplateEditorDialog.ask(self.window, template, fields, save)
        return saved.name if saved is not None else None


def connect_letters(window: MainWindow, commands: MainActions) -> LetterFlows:
    flows = LetterFlows(window, window.mailing)
    commands.write_letter.triggered.connect(flows.write)
    return flows
