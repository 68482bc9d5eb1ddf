"""Reading back the PDFs the mailing makes: each line of text with where it stands on the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class PlacedText:
    page: int
    text: str
    x: float  # the line's start, from the page's left edge (points)
    y: float  # its baseline, from the page's foot
    size: float  # the font size as drawn (after any scaling)


def placed_text(path: Path) -> list[PlacedText]:
    found: list[PlacedText] = []
    for number, page in enumerate(PdfReader(path).pages):

        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
            if not text.strip():
                return
            tx, ty = tm[4], tm[5]
            x = cm[0] * tx + cm[2] * ty + cm[4]
            y = cm[1] * tx + cm[3] * ty + cm[5]
            found.append(PlacedText(number, text.strip(), x, y, size * cm[0] * tm[0]))  # noqa: B023

        page.extract_text(visitor_text=visit)
    return found


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]
