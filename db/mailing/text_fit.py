"""Fitting an address block into a box: the font size stepped down until every line fits, and
only below the smallest size lines cut with an ellipsis (which the caller reports)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BASE_FONT = "Helvetica"  # one of the PDF's own fonts: Latin-1 text, nothing to embed
WIDE_FONT = "DejaVuSans"  # for names and streets beyond Latin-1, when the system has it
_WIDE_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)
LEADING = 1.18  # line height, as a multiple of the font size
STEP = 0.5
ELLIPSIS = "…"


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: float
    leading: float
    cut: bool  # a line was shortened, or lines left out: say so to the user

    @property
    def height(self) -> float:
        return self.size + (len(self.lines) - 1) * self.leading if self.lines else 0.0


def font_for(lines: Sequence[str]) -> str:
    """Helvetica when the text is Latin-1 (cp1252); else a wider font, when the system has one."""
    try:
        "".join(lines).encode("cp1252")
    except UnicodeEncodeError:
        return _wide_font() or BASE_FONT
    return BASE_FONT


@cache
def _wide_font() -> str | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for file in _WIDE_FONT_FILES:
        if Path(file).is_file():
            pdfmetrics.registerFont(TTFont(WIDE_FONT, file))
            return WIDE_FONT
    return None


def fit_text(
    lines: Sequence[str],
    width: float,
    height: float,
    *,
    font: str = BASE_FONT,
    largest: float = 10.0,
    smallest: float = 6.0,
) -> FittedText:
    """The largest size from `largest` down to `smallest` (in steps of half a point) at which
    every line fits within `width` and all of them within `height`; at `smallest`, what does
    not fit is cut (lines shortened with an ellipsis, the last lines left out)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(line, font, 1.0) for line in lines), default=0.0)
    size = largest
    while size > smallest:
        block = size + (len(lines) - 1) * size * LEADING
        if widest * size <= width and block <= height:
            return FittedText(tuple(lines), size, size * LEADING, cut=False)
        size -= STEP
    size = smallest
    leading = size * LEADING
    room = max(1, int((height - size) // leading) + 1)
    kept = list(lines[:room])
    cut = len(kept) < len(lines)
    if cut and kept:
        kept[-1] = _shortened(kept[-1] + ELLIPSIS, width, font, size)
    for n, line in enumerate(kept):
        if stringWidth(line, font, size) > width:
            kept[n] = _shortened(line, width, font, size)
            cut = True
    return FittedText(tuple(kept), size, leading, cut)


def _shortened(line: str, width: float, font: str, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = line.removesuffix(ELLIPSIS)
    while text and stringWidth(text.rstrip() + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
