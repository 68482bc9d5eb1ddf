"""Letters as one PDF, through reportlab's Platypus: each letter starts on its own page, with the
template's page size and margins, its letterhead at the top of the first page, and the
recipient's address block where a window envelope shows it:

- A4: DIN 5008 form B, for DL and C5/6 window envelopes: the address field 20 mm from the left
  and 45 mm from the top, 85 × 45 mm, its text 5 mm in (in line with a 25 mm body margin); the
  sender's one-line return address at the foot of its first 17.7 mm, the recipient's below.
- Letter: the US #10 window envelope (window 4½ × 1⅛ in, ⅞ in from the left, ½ in above the
  bottom edge), for a sheet folded in three: the address 1 in from the left and 2 in from the top.

The body flows below the address field, onto further pages when it is long. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from db.mailing.merge_fields import TemplateProblemError
from db.mailing.my_record import MyRecord, return_address
from db.mailing.pdf_output import MM, draw_lines, replaced_whole
from db.mailing.rich_text import RichParagraph
from db.mailing.templates import LetterTemplate
from db.mailing.text_fit import BASE_FONT, fit_text, font_for

INCH = 72.0
PAGE_SIZES = {"A4": (210 * MM, 297 * MM), "Letter": (8.5 * INCH, 11 * INCH)}
LEADING = 1.25
LETTERHEAD_TOP = 12 * MM
RETURN_SIZE = 7.0


@dataclass(frozen=True)
class AddressWindow:
    """Where the envelope's window is on the page, in points from the page's top-left corner."""

    standard: str
    left: float  # where the text starts
    top: float  # of the whole field (the return line sits at its top)
    width: float
    height: float
    address_top: float  # where the recipient's address begins
    body_top: float  # where the letter's text begins, below the field


WINDOWS = {
    "A4": AddressWindow(
        "DIN 5008 form B", 25 * MM, 45 * MM, 80 * MM, 45 * MM, 62.7 * MM, 98.5 * MM
    ),
    "Letter": AddressWindow(
        "#10 window envelope",
        1.0 * INCH,
        1.75 * INCH,
        4.0 * INCH,
        1.375 * INCH,
        2.0 * INCH,
        3.375 * INCH,
    ),
}


@dataclass(frozen=True)
class Letter:
    contact_id: int
    address: tuple[str, ...]  # the recipient's block: name line(s) and address
    paragraphs: tuple[RichParagraph, ...]
    country: str = ""  # ISO code of the recipient's country ("" when unknown)
    empty_fields: tuple[str, ...] = ()  # user fields the template names that are empty here


@dataclass(frozen=True)
class LettersWritten:
    path: Path
    letters: int
    pages: int


def empty_field_notes(letters: Sequence[Letter]) -> list[str]:
    """Which user fields came out empty, and in how many letters ("Personal code" is empty in
    3 letters), for the user to see before the letters go out."""
    counts: dict[str, int] = {}
    for letter in letters:
        for name in letter.empty_fields:
            counts[name] = counts.get(name, 0) + 1
    return [
        f"“{name}” is empty in {count:,} {'letter' if count == 1 else 'letters'}"
        for name, count in counts.items()
    ]


def write_letters_pdf(
    letters: Sequence[Letter],
    template: LetterTemplate,
    path: Path,
    sender: MyRecord,
    home_country: str,
) -> LettersWritten:
    """One letter per entry of `letters`, each from a new page; written whole or not at all."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    window = WINDOWS[template.page_size]
    at_home = " · ".join(return_address(sender, home_country))
    abroad = " · ".join(return_address(sender, ""))
    room = max(window.body_top - template.margin_top * MM, 0.0)
    story: list[Any] = []
    for number, letter in enumerate(letters):
        if number:
            story.extend((NextPageTemplate("first"), PageBreak()))
        foreign = bool(letter.country) and letter.country != home_country.upper()
        line = abroad if foreign else at_home
        story.append(AddressField(window, letter.address, line, room))
        try:
            story.extend(letter_flowables(letter.paragraphs))
        except TemplateProblemError as wrong:
            name = letter.address[0] if letter.address else f"#{letter.contact_id}"
            raise TemplateProblemError(f"the letter to {name}: {wrong}") from None
    with replaced_whole(path) as temporary:
        document = letter_document(temporary, template, f"Letter: {template.name}")
        document.build(story)
        pages = document.page
    return LettersWritten(Path(path), len(letters), pages if letters else 0)


def letter_document(path: Path, template: LetterTemplate, title: str) -> Any:
    """A Platypus document for `template`'s page: a "first" page (letterhead, room for the
    address field) and the "later" pages of a long letter, with the template's margins."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width, height = PAGE_SIZES[template.page_size]
    top, right, bottom, left = (m * MM for m in template.margins)
    document = BaseDocTemplate(
        str(path),
        pagesize=(width, height),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        creator="Cardfile",
        pageCompression=1,
    )
    frame_height = max(height - top - bottom, 72.0)
    padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(left, bottom, width - left - right, frame_height, id="first", **padding)
    later = Frame(left, bottom, width - left - right, frame_height, id="later", **padding)
    letterhead = tuple(line.strip() for line in template.letterhead.splitlines() if line.strip())

    def draw_letterhead(canvas: Any, _document: Any) -> None:
        if letterhead:
            _draw_letterhead(canvas, letterhead, width, height)

    document.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=draw_letterhead, autoNextPageTemplate="later"),
            PageTemplate("later", [later]),
        ]
    )
    return document


def letter_flowables(paragraphs: Sequence[RichParagraph]) -> list[Any]:
    """The letter's paragraphs as Platypus flowables (an empty paragraph is an empty line);
    TemplateProblemError for formatting that does not close where it opens (an `if` begun in
    bold and ended after it, say)."""
    text = "".join(p.markup for p in paragraphs)
    font = font_for((text,))
    flowables: list[Any] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        if paragraph.is_empty:
            flowables.append(Spacer(1, paragraph.size * LEADING))
            continue
        style = _style(paragraph.align, paragraph.size, font)
        try:
            flowables.append(Paragraph(paragraph.markup, style))
        except ValueError:
            raise TemplateProblemError(
                f"paragraph {number}: its bold, italic, underline or size do not close where "
                "they open (an “if” that starts and ends in different formatting?)"
            ) from None
    return flowables


class AddressField(Flowable):  # type: ignore[misc]
    """The address field at its fixed place on the page, whatever the frame around it; in the
    frame it takes up the room down to where the body begins."""

    def __init__(
        self, window: AddressWindow, address: tuple[str, ...], return_line: str, room: float
    ) -> None:
        super().__init__()
        self.window, self.address, self.return_line, self.room = window, address, return_line, room

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        return available_width, self.room

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        page_height = canvas._pagesize[1]
        window = self.window
        if self.return_line:
            font = font_for((self.return_line,))
            line = fit_text(
                (self.return_line,),
                window.width,
                RETURN_SIZE * 1.3,
                font=font,
                largest=RETURN_SIZE,
                smallest=5.0,
            )
            draw_lines(canvas, line, window.left, page_height - window.address_top + 12, font)
        font = font_for(self.address)
        room = window.height - (window.address_top - window.top)
        fitted = fit_text(self.address, window.width, room, font=font, largest=11.0, smallest=7.0)
        draw_lines(canvas, fitted, window.left, page_height - window.address_top, font)


def _draw_letterhead(canvas: Any, lines: tuple[str, ...], width: float, height: float) -> None:
    font = font_for(lines)
    bold = _bold(font)
    y = height - LETTERHEAD_TOP - 14
    for number, line in enumerate(lines):
        size = 14.0 if number == 0 else 9.0
        canvas.setFont(bold if number == 0 else font, size)
        canvas.drawCentredString(width / 2, y, line)
        y -= size * LEADING + (4 if number == 0 else 0)


def _bold(font: str) -> str:
    return "Helvetica-Bold" if font == BASE_FONT else font


@cache
def _style(align: str, size: float, font: str) -> Any:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT

    if font != BASE_FONT:
        _register_family(font)
    alignment = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
    return ParagraphStyle(
        f"letter-{align}-{size:g}-{font}",
        fontName=font,
        fontSize=size,
        leading=size * LEADING,
        alignment=alignment.get(align, TA_LEFT),
    )


@cache
def _register_family(font: str) -> None:
    """Bold and italic of the wide font map to itself (DejaVu's variants are separate files)."""
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(font, bold, italic, font)
