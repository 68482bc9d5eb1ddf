"""The preview of a PDF we made (labels, envelopes, letters): the pages as they will print,
then Print… (at actual size, through the printer dialog) or Save PDF…. What happens after a
print or a save (the history) is the caller's `after_delivery`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.mailing.pdf_printing import copy_pdf, load_pdf, print_pdf
from desktop.widgets import prompts

PRINTED = "printed"
SAVED = "saved"


class PdfPreviewDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        pdf: Path,
        *,
        title: str,
        note: str = "",
        suggested: Path | None = None,
        for_printer: Callable[[str], Path] | None = None,
        after_delivery: Callable[[str], object] | None = None,
    ) -> None:
        """`for_printer(name)` gives the PDF to send to that printer (e.g. with its label
        calibration applied); `after_delivery(PRINTED or SAVED)` runs after each success."""
        super().__init__(parent)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.suggested = suggested or Path.home() / pdf.name
        self.for_printer = for_printer
        self.after_delivery = after_delivery
        self.document = load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setMinimumSize(560, 480)
        pages = self.document.pageCount()
        self.note_label = QLabel(f"{pages:,} {'page' if pages == 1 else 'pages'}. {note}".strip())
        self.note_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)
        self.resize(760, 860)

    def print_pages(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print at actual size")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print on `printer` as it is set up; the user is told when it fails."""
        try:
            source = self.for_printer(printer.printerName()) if self.for_printer else self.pdf
            print_pdf(source, printer)
        except OSError as failed:
            prompts.show_error(self, "Not printed", f"Cardfile could not print: {failed}")
            return False
        self._delivered(PRINTED)
        return True

    def save_pdf(self) -> Path | None:
        target = prompts.choose_save_path(self, "Save the PDF", self.suggested, "PDF (*.pdf)")
        if target is None:
            return None
        if target.suffix.lower() != ".pdf":
            target = target.with_name(f"{target.name}.pdf")
        try:
            copy_pdf(self.pdf, target)
        except OSError as failed:
            reason = failed.strerror or str(failed)
            prompts.show_error(self, "Not saved", f"Cardfile could not save {target}: {reason}")
            return None
        self._delivered(SAVED)
        return target

    def _delivered(self, how: str) -> None:
        if self.after_delivery is not None:
            self.after_delivery(how)
