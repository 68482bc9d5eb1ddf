"""What Write ▸ Labels…, Write ▸ Envelopes… and Tools ▸ My Record… do: ask who and how, make the
PDF, preview it, and after a print or a save record the mailing in each recipient's history
(with the follow-up calls asked for). The main window connects them; letters can reuse
`recipient_chooser`, `show_preview` and `record`."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.mailing.mailing_choice import ENVELOPES, LABELS, MailingChoice
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.mailing.recipient_records import MailingSources, RecipientList
    from desktop.mailing.pdf_preview import PdfPreviewDialog
    from desktop.mailing.recipient_chooser import RecipientChooser
    from desktop.main_actions import MainActions
    from desktop.main_window import MainWindow


class MailingFlows(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.last_piece = {LABELS: "", ENVELOPES: ""}

    def connect_actions(self, commands: MainActions) -> None:
        commands.write_labels.triggered.connect(lambda: self.write(LABELS))
        commands.write_envelopes.triggered.connect(lambda: self.write(ENVELOPES))
        commands.my_record.triggered.connect(self.edit_my_record)

    # My record.

    def edit_my_record(self) -> bool:
        from db.mailing.my_record import get_my_record, set_my_record
        from desktop.mailing.my_record_dialog import MyRecordDialog

        record, accepted = MyRecordDialog.ask(self.window, self.window.ops.read(get_my_record))
        if not accepted:
            return False
        done = self.window.ops.write(
            "save My record", lambda session: set_my_record(session, record)
        )
        return done is not None

    # Labels and envelopes.

    def recipient_chooser(self, *, needs_address: bool = True) -> RecipientChooser:
        """The "who gets mail" panel, filled with this database's lists and the window's
        open contact and selection."""
        from db.categories import categories
        from db.groups import groups
        from db.mailing.recipients import choose_recipients
        from db.saved_lookups import saved_lookups
        from desktop.mailing.recipient_chooser import RecipientChooser

        ops = self.window.ops

        def count(sources: MailingSources, per_household: bool) -> RecipientList:
            return ops.read(
                lambda session: choose_recipients(
                    session, sources, needs_address=needs_address, per_household=per_household
                )
            )

        form = self.window.form
        current = (form.contact_id, form.display_name) if form.contact_id is not None else None
        return RecipientChooser(
            count,
            current=current,
            selected=self.window.list_pane.selected_ids(),
            categories=[c.name for c in ops.read(categories)],
            groups=[g.name for g in ops.read(groups)],
            lookups=[s.name for s in ops.read(saved_lookups)],
        )

    def ask(self, kind: str) -> MailingChoice | None:
        from desktop.mailing.mailing_dialog import MailingDialog

        chooser = self.recipient_chooser()
        choice, accepted = MailingDialog.ask(
            self.window, kind, chooser, self.last_piece[kind], self.calibrate
        )
        if not accepted:
            return None
        self.last_piece[kind] = choice.piece
        return choice

    def write(self, kind: str) -> None:
        """Write ▸ Labels… or Envelopes…: who and how, then the preview."""
        choice = self.ask(kind)
        if choice is not None:
            preview = self.make_preview(choice)
            if preview is not None:
                preview.exec()

    def make_preview(self, choice: MailingChoice) -> PdfPreviewDialog | None:
        """The PDF for `choice`, in its preview (not yet shown); None when it could not be made
        (the user has been told why)."""
        from db.mailing.recipients import choose_recipients

        chosen = self.window.ops.read(
            lambda session: choose_recipients(
                session, choice.sources, per_household=choice.per_household
            )
        )
        if not chosen.recipients:
            prompts.show_error(self.window, "Nothing to print", "Nobody is left to mail.")
            return None
        try:
            return self._preview(choice, chosen)
        except (OSError, ValueError, LookupError) as failed:
            prompts.show_error(
                self.window, "Not made", f"Cardfile could not make the PDF: {failed}"
            )
            return None

    def _preview(self, choice: MailingChoice, chosen: RecipientList) -> PdfPreviewDialog:
        from db.mailing.calibration import get_calibration
        from db.mailing.envelopes_pdf import write_envelopes_pdf
        from db.mailing.label_sheets import envelope_named, sheet_named
        from db.mailing.labels_pdf import LabelOptions, write_labels_pdf
        from db.mailing.mailing_history import envelope_text, label_text
        from db.mailing.my_record import get_my_record, home_country

        ops = self.window.ops
        folder = self.scratch_folder()
        if choice.kind == LABELS:
            sheet = sheet_named(choice.piece)
            text, name = label_text(sheet.name), f"labels {sheet.name}.pdf"

            def make(printer: str | None) -> tuple[Path, tuple[str, ...]]:
                calibration = ops.read(lambda session: get_calibration(session, printer or ""))
                options = LabelOptions(choice.start, choice.outline, calibration)
                out = folder / (f"for printer {printer}.pdf" if printer else name)
                written = write_labels_pdf(chosen.recipients, sheet, out, options)
                return out, tuple(map(str, written.warnings))

        else:
            size = envelope_named(choice.piece)
            text, name = envelope_text(size.name), f"envelopes {size.name.lstrip('#')}.pdf"
            sender, home = ops.read(lambda s: (get_my_record(s), home_country(s)))

            def make(printer: str | None) -> tuple[Path, tuple[str, ...]]:
                calibration = ops.read(lambda session: get_calibration(session, printer or ""))
                out = folder / (f"for printer {printer}.pdf" if printer else name)
                written = write_envelopes_pdf(
                    chosen.recipients, size, out, sender, home, calibration=calibration
                )
                return out, tuple(map(str, written.warnings))

        pdf, warnings = make(None)
        return self.show_preview(
            pdf,
            title=f"Preview — {text}",
            note=_note(chosen, warnings),
            for_printer=lambda printer: make(printer)[0],
            delivered=lambda: self.record(chosen.contact_ids, text, choice.follow_up_days),
        )

    def show_preview(
        self,
        pdf: Path,
        *,
        title: str,
        note: str,
        delivered: Callable[[], object],
        for_printer: Callable[[str], Path] | None = None,
    ) -> PdfPreviewDialog:
        """The preview of `pdf` (not yet shown); `delivered` runs after each print or save."""
        from desktop.mailing.pdf_preview import PdfPreviewDialog

        return PdfPreviewDialog(
            self.window,
            pdf,
            title=title,
            note=note,
            suggested=Path.home() / pdf.name,
            for_printer=for_printer,
            after_delivery=lambda _how: delivered(),
        )

    def calibrate(self, sheet_name: str) -> bool:
        """A printer's calibration for labels: measured on the calibration page, then kept."""
        from PySide6.QtPrintSupport import QPrinterInfo

        from db.mailing.calibration import PrinterCalibration, get_calibration, set_calibration
        from db.mailing.label_sheets import sheet_named
        from db.mailing.labels_pdf import write_calibration_pdf
        from desktop.mailing.calibration_dialog import CalibrationDialog

        ops = self.window.ops
        sheet = sheet_named(sheet_name)

        def print_page(calibration: PrinterCalibration) -> None:
            page = write_calibration_pdf(
                sheet, self.scratch_folder() / "calibration.pdf", calibration
            )
            self.show_preview(
                page,
                title="Calibration page",
                note="Print it at actual size.",
                delivered=lambda: None,
            ).exec()

        printers = QPrinterInfo.availablePrinterNames()
        (printer, calibration), accepted = CalibrationDialog.ask(
            self.window,
            printers,
            lambda name: ops.read(lambda session: get_calibration(session, name)),
            print_page,
        )
        if not accepted:
            return False
        problems = calibration.problems() or ([] if printer else ["name the printer"])
        if problems:
            prompts.show_error(self.window, "Not kept", "; ".join(problems).capitalize() + ".")
            return False
        done = ops.write(
            "keep the printer calibration",
            lambda session: set_calibration(session, printer, calibration),
        )
        return done is not None

    def record(self, contact_ids: tuple[int, ...], text: str, follow_up_days: int | None) -> bool:
        """The mailing in each recipient's history (and the follow-ups), in one transaction."""
        from db.mailing.mailing_history import MAIL_KIND, record_mailing

        def write(session: Session) -> int:
            return record_mailing(session, contact_ids, MAIL_KIND, text, follow_up_days)

        change = ChangeSet(contact_ids=frozenset(contact_ids), followups=follow_up_days is not None)
        done = self.window.ops.write("record the mailing in the history", write, change)
        if done is not None:
            self.window.statusBar().showMessage(
                f"“{text}” recorded in the history of {done.value:,} contacts.", 6000
            )
        return done is not None

    def scratch_folder(self) -> Path:
        """Where previews are made; removed when the window goes."""
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="cardfile-mail-")
            self.destroyed.connect(self._folder.cleanup)
        return Path(self._folder.name)


def _note(chosen: RecipientList, warnings: tuple[str, ...]) -> str:
    parts = [f"{len(chosen.recipients):,} recipients; {len(chosen.left_out):,} left out."]
    if warnings:
        parts.append("Cut to fit: " + "; ".join(warnings[:5]) + (" …" if len(warnings) > 5 else ""))
    return " ".join(parts)


def connect_mailing(window: MainWindow, commands: MainActions) -> MailingFlows:
    flows = MailingFlows(window)
    flows.connect_actions(commands)
    return flows
