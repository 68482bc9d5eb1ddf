"""Envelopes as a PDF, one per recipient, landscape (as printers feed them): the sender's
return address from My record in the top-left corner, the recipient's block where the post
expects it, right of the middle and below it. No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.mailing.calibration import NO_CALIBRATION, PrinterCalibration
from db.mailing.label_sheets import EnvelopeSize
from db.mailing.labels_pdf import FitWarning
from db.mailing.my_record import MyRecord, return_address
from db.mailing.pdf_output import begin_page, draw_lines, end_page, write_pdf
from db.mailing.recipient_records import Recipient
from db.mailing.text_fit import fit_text, font_for

EDGE = 0.375 * 72  # the return address's distance from the top and left edges
RETURN_SIZE = 9.0
RECIPIENT_LEFT = 0.42  # of the width: where the recipient's block starts
RECIPIENT_TOP = 0.45  # of the height
RECIPIENT_SIZES = (12.0, 8.0)


@dataclass(frozen=True)
class EnvelopesWritten:
    path: Path
    envelopes: int
    warnings: tuple[FitWarning, ...] = field(default_factory=tuple)


def write_envelopes_pdf(
    recipients: Sequence[Recipient],
    size: EnvelopeSize,
    path: Path,
    sender: MyRecord,
    home_country: str,
    *,
    calibration: PrinterCalibration = NO_CALIBRATION,
) -> EnvelopesWritten:
    """One envelope per recipient; the return address names the country only on pieces going
    abroad."""
    warnings: list[FitWarning] = []
    at_home = return_address(sender, home_country)
    abroad = return_address(sender, "")

    def draw(canvas: Any) -> None:
        for recipient in recipients:
            begin_page(canvas, size.height, calibration)
            foreign = bool(recipient.country) and recipient.country != home_country.upper()
            problem = draw_envelope(canvas, size, abroad if foreign else at_home, recipient.block)
            if problem:
                warnings.append(FitWarning(recipient.contact_id, recipient.name, problem))
            end_page(canvas)

    write_pdf(path, (size.width, size.height), f"Envelopes: {size.name}", draw)
    return EnvelopesWritten(Path(path), len(recipients), tuple(warnings))


def draw_envelope(
    canvas: Any, size: EnvelopeSize, sender: tuple[str, ...], lines: tuple[str, ...]
) -> str:
    """Draw one envelope's text; what had to be cut, or ""."""
    if sender:
        font = font_for(sender)
        room = (size.width * RECIPIENT_LEFT - 2 * EDGE, size.height * RECIPIENT_TOP - EDGE - 6)
        back = fit_text(sender, *room, font=font, largest=RETURN_SIZE, smallest=6.0)
        draw_lines(canvas, back, EDGE, size.height - EDGE, font)
    left = size.width * RECIPIENT_LEFT
    top = size.height * RECIPIENT_TOP
    font = font_for(lines)
    largest, smallest = RECIPIENT_SIZES
    room = (size.width - left - EDGE, size.height - top - EDGE)
    fitted = fit_text(lines, *room, font=font, largest=largest, smallest=smallest)
    draw_lines(canvas, fitted, left, size.height - top, font)
    return "the address was cut to fit the envelope" if fitted.cut else ""
