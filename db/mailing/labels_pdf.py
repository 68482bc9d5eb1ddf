"""Address labels as a PDF, drawn with the reportlab canvas at the sheet's exact geometry.

One label per recipient, across then down, starting at any label of a partly used sheet; the
printer's calibration applied to every page; each block shrunk to fit its label (cut with an
ellipsis only below the smallest size, and then reported by name). No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.mailing.calibration import NO_CALIBRATION, PrinterCalibration
from db.mailing.label_sheets import LabelSheet
from db.mailing.pdf_output import MM, begin_page, draw_lines, end_page, write_pdf
from db.mailing.recipient_records import Recipient
from db.mailing.text_fit import BASE_FONT, FittedText, fit_text, font_for

OUTLINE_GREY = 0.6
LARGEST_SIZE = 11.0
SMALLEST_SIZE = 6.0
MIN_INSET = 7.2  # a tenth of an inch of white left and right of the text, at least


@dataclass(frozen=True)
class LabelOptions:
    start: int = 1  # the first label to print on, 1-based, across then down
    outline: bool = False  # draw each label's outline (for alignment tests on plain paper)
    calibration: PrinterCalibration = NO_CALIBRATION


@dataclass(frozen=True)
class FitWarning:
    contact_id: int
    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass(frozen=True)
class LabelsWritten:
    path: Path
    labels: int
    pages: int
    warnings: tuple[FitWarning, ...] = field(default_factory=tuple)


def check_start(sheet: LabelSheet, start: int) -> None:
    if not 1 <= start <= sheet.per_sheet:
        raise ValueError(
            f"The start label must be between 1 and {sheet.per_sheet} on {sheet.name}, not {start}"
        )


def write_labels_pdf(
    recipients: Sequence[Recipient],
    sheet: LabelSheet,
    path: Path,
    options: LabelOptions = LabelOptions(),
) -> LabelsWritten:
    """Write one label per recipient to `path` (whole, or not at all)."""
    check_start(sheet, options.start)
    warnings: list[FitWarning] = []
    first = options.start - 1
    pages = max(1, -(-(first + len(recipients)) // sheet.per_sheet))

    def draw(canvas: Any) -> None:
        for page in range(pages):
            begin_page(canvas, sheet.page_height, options.calibration)
            low = max(0, page * sheet.per_sheet - first)
            high = min(len(recipients), (page + 1) * sheet.per_sheet - first)
            if options.outline:
                draw_outlines(canvas, sheet)
            for n in range(low, high):
                problem = draw_label(canvas, sheet, first + n, recipients[n].block)
                if problem:
                    warnings.append(
                        FitWarning(recipients[n].contact_id, recipients[n].name, problem)
                    )
            end_page(canvas)

    write_pdf(path, (sheet.page_width, sheet.page_height), f"Labels: {sheet.name}", draw)
    return LabelsWritten(Path(path), len(recipients), pages, tuple(warnings))


def draw_label(canvas: Any, sheet: LabelSheet, index: int, lines: tuple[str, ...]) -> str:
    """Draw `lines` on label `index` of the page; what had to be cut, or ""."""
    left, top = sheet.label_box(index)
    inset = max(sheet.margin, MIN_INSET)
    width = sheet.label_width - 2 * inset
    height = sheet.label_height - 2 * sheet.margin
    font = font_for(lines)
    fitted = fit_text(lines, width, height, font=font, largest=LARGEST_SIZE, smallest=SMALLEST_SIZE)
    # Vertically centred within the margins; from the page's foot, as the PDF counts.
    text_top = sheet.page_height - (top + sheet.margin + (height - fitted.height) / 2)
    draw_lines(canvas, fitted, left + inset, text_top, font)
    return "the address was cut to fit the label" if fitted.cut else ""


def draw_outlines(canvas: Any, sheet: LabelSheet) -> None:
    """Every label's outline (rounded corners), drawn once per file as a form that each page
    repeats."""
    form = "outlines" + "".join(ch for ch in sheet.name if ch.isalnum())  # a PDF name: no spaces
    if not canvas.hasForm(form):
        canvas.beginForm(form)
        canvas.setStrokeGray(OUTLINE_GREY)
        canvas.setLineWidth(0.5)
        for index in range(sheet.per_sheet):
            left, top = sheet.label_box(index)
            bottom = sheet.page_height - top - sheet.label_height
            canvas.roundRect(
                left, bottom, sheet.label_width, sheet.label_height, sheet.corner_radius, stroke=1
            )
        canvas.endForm()
    canvas.doForm(form)


def write_calibration_pdf(
    sheet: LabelSheet, path: Path, calibration: PrinterCalibration = NO_CALIBRATION
) -> Path:
    """One page to print on plain paper and measure: every label's outline, two crosses at known
    places, and what to measure and enter."""
    inch = 72.0
    crosses = ((inch, inch), (sheet.page_width - inch, sheet.page_height - inch))
    span = (crosses[1][0] - crosses[0][0]) / MM

    def draw(canvas: Any) -> None:
        begin_page(canvas, sheet.page_height, calibration)
        draw_outlines(canvas, sheet)
        canvas.setLineWidth(0.5)
        for name, (x, y) in zip("AB", crosses, strict=True):
            foot_y = sheet.page_height - y
            canvas.line(x - 18, foot_y, x + 18, foot_y)
            canvas.line(x, foot_y - 18, x, foot_y + 18)
            canvas.circle(x, foot_y, 6)
            canvas.setFont("Helvetica-Bold", 11)
            canvas.drawString(x + 8, foot_y + 8, name)
        lines = (
            f"Calibration page for {sheet.name} ({sheet.paper})",
            "",
            "Print this page on plain paper at ACTUAL SIZE (never “fit to page”).",
            "Cross A should be 25.4 mm from the left edge of the paper and 25.4 mm from the top.",
            "Measure the distance from the left edge to the centre of A and enter the",
            "difference as the X offset: measured 27.0 mm -> X offset −1.6 mm. Measure from the",
            "top edge to the centre of A and enter the Y offset the same way.",
            f"From A to B across should be {span:.1f} mm; if it measures M mm, enter the scale",
            f"{span:.1f} / M. Then print this page again and hold it over a label sheet",
            "against the light: the outlines should lie on the labels.",
            "",
            f"Calibration applied to this page: X {calibration.x_offset_mm:+.1f} mm, "
            f"Y {calibration.y_offset_mm:+.1f} mm, scale {calibration.scale:.3f}",
        )
        top = sheet.page_height - sheet.page_height * 0.36
        canvas.setFillGray(1.0)
        canvas.rect(
            54, top - 14 * len(lines) + 4, sheet.page_width - 108, 14 * len(lines) + 12, 0, 1
        )
        canvas.setFillGray(0.0)
        draw_lines(canvas, FittedText(lines, 9.5, 14, cut=False), 66, top, BASE_FONT)
        end_page(canvas)

    return write_pdf(path, (sheet.page_width, sheet.page_height), "Label calibration", draw)
