"""Printing a PDF we made at actual size: each page rendered at the printer's resolution and
laid on the whole sheet of paper, corner to corner, never scaled to fit the printable area (the
usual cause of labels drifting off their marks)."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 600  # enough for text on labels; a page at 600 dpi is already 130 MB of pixels


def load_pdf(path: Path, parent: QObject | None = None) -> QPdfDocument:
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        raise OSError(f"Cannot read {path.name}: {error.name}")
    return document


def paper_layout(width: float, height: float) -> QPageLayout:
    """The paper the PDF's page is made for (sizes in points), with no margins."""
    landscape = width > height
    size = QSizeF(height, width) if landscape else QSizeF(width, height)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch),
        orientation,
        QMarginsF(0, 0, 0, 0),
    )


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page of the PDF at `path` at actual size; returns how many pages."""
    document = load_pdf(path)
    first = document.pagePointSize(0)
    printer.setFullPage(True)  # (0, 0) is the paper's corner, not the printable area's
    printer.setPageLayout(paper_layout(first.width(), first.height()))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started")
    try:
        device_dpi = printer.resolution()
        dpi = min(device_dpi, MAX_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, pixels)
            target = QRectF(
                0, 0, points.width() * device_dpi / 72, points.height() * device_dpi / 72
            )
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()


def copy_pdf(source: Path, target: Path) -> Path:
    """Copy the PDF to where the user chose, whole or not at all."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=".pdf", dir=target.parent
    )
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        Path(temporary).replace(target)
    except BaseException:
        with suppress(OSError):
            Path(temporary).unlink()
        raise
    return target
