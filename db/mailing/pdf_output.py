"""Writing a PDF so that it is whole or not there: drawn into a temporary file beside the
target, which then replaces it in one step (a full disk or a crash leaves no half a PDF)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from db.mailing.calibration import NO_CALIBRATION, PrinterCalibration
from db.mailing.text_fit import FittedText

MM = 72 / 25.4


def write_pdf(
    path: Path, page_size: tuple[float, float], title: str, draw: Callable[[Any], None]
) -> Path:
    """Run `draw(canvas)` on a reportlab canvas of `page_size` (points), saved to `path`."""
    from reportlab.pdfgen.canvas import Canvas

    with replaced_whole(path) as temporary:
        canvas = Canvas(str(temporary), pagesize=page_size, pageCompression=1)
        canvas.setTitle(title)
        canvas.setCreator("Cardfile")
        draw(canvas)
        canvas.save()
    return Path(path)


@contextmanager
def replaced_whole(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` to write the PDF to; it replaces `path` when the block
    ends, and is removed if the block raises."""
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"There is no folder {path.parent} to write {path.name} in")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        Path(temporary).replace(path)
    except BaseException:
        with suppress(OSError):
            Path(temporary).unlink()
        raise


def begin_page(canvas: Any, page_height: float, calibration: PrinterCalibration) -> None:
    """Apply the printer's calibration to the page: everything scaled about the paper's top-left
    corner, then shifted right and down. Draw in the PDF's own coordinates after this."""
    canvas.saveState()
    canvas.translate(calibration.x_offset_mm * MM, page_height - calibration.y_offset_mm * MM)
    canvas.scale(calibration.scale, calibration.scale)
    canvas.translate(0, -page_height)


def end_page(canvas: Any) -> None:
    canvas.restoreState()
    canvas.showPage()


def draw_lines(canvas: Any, text: FittedText, x: float, top: float, font: str) -> None:
    """Text lines whose first line's top (its ascent) is at `top` points from the page's foot."""
    from reportlab.pdfbase.pdfmetrics import getAscent

    lines = canvas.beginText(x, top - getAscent(font, text.size))
    lines.setFont(font, text.size, text.leading)
    for line in text.lines:
        lines.textLine(line)
    canvas.drawText(lines)


__all__ = [
    "MM",
    "NO_CALIBRATION",
    "begin_page",
    "draw_lines",
    "end_page",
    "replaced_whole",
    "write_pdf",
]
