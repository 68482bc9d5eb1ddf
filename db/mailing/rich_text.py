"""The letter editor's rich text (Qt's HTML, as `QTextDocument.toHtml` writes it, or plain
HTML like the shipped templates) turned into what reportlab's Platypus paragraphs take: one
`RichParagraph` per paragraph, with its alignment and its text in reportlab's Paragraph markup
(`<b>`, `<i>`, `<u>`, `<font size="14">`, `<br/>`). Bold, italic, underline, font size,
alignment and paragraphs survive; everything else (fonts, colours, images) is left out.

The stdlib's html.parser reads the HTML; no Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

BASE_SIZE = 11.0
ALIGNMENTS = ("left", "center", "right", "justify")
_PARAGRAPH_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}
_HEADING_SIZES = {"h1": 20.0, "h2": 16.0, "h3": 14.0, "h4": 12.0, "h5": 11.0, "h6": 10.0}
_SKIPPED = {"head", "style", "title", "script"}
_TAG = re.compile(r"<[a-zA-Z!/]")
_SPACES = re.compile(r"[ \t\r\n]+")
_SIZE = re.compile(r"font-size:\s*([\d.]+)\s*(pt|px)", re.IGNORECASE)
_WEIGHT = re.compile(r"font-weight:\s*(\w+)", re.IGNORECASE)
_ALIGN = re.compile(r"text-align:\s*(\w+)", re.IGNORECASE)


@dataclass(frozen=True)
class RichParagraph:
    align: str  # one of ALIGNMENTS
    markup: str  # reportlab Paragraph markup; text escaped (&amp; &lt; &gt;)
    size: float  # the largest font size in it, for the line spacing

    @property
    def is_empty(self) -> bool:
        return not re.sub(r"<[^>]*>", "", self.markup).strip()


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None

    def styled(self, attrs: dict[str, str], tag: str) -> _Format:
        style = attrs.get("style", "")
        bold = self.bold or tag in ("b", "strong") or tag in _HEADING_SIZES
        weight = _WEIGHT.search(style)
        if weight:
            word = weight.group(1).lower()
            bold = word == "bold" or (word.isdigit() and int(word) >= 600)
        italic = self.italic or tag in ("i", "em") or "font-style:italic" in _compact(style)
        underline = self.underline or tag == "u" or "underline" in style.lower()
        size = self.size
        found = _SIZE.search(style)
        if found:
            value = float(found.group(1)) * (0.75 if found.group(2).lower() == "px" else 1)
            size = max(4.0, min(value, 96.0))
        elif tag in _HEADING_SIZES:
            size = _HEADING_SIZES[tag]
        if tag == "font" and attrs.get("size", "").isdigit():
            size = {1: 8.0, 2: 10.0, 3: 12.0, 4: 14.0, 5: 18.0, 6: 24.0}.get(int(attrs["size"]))
        return _Format(bold, italic, underline, size)

    def wrap(self, text: str) -> str:
        if self.underline:
            text = f"<u>{text}</u>"
        if self.italic:
            text = f"<i>{text}</i>"
        if self.bold:
            text = f"<b>{text}</b>"
        if self.size is not None:
            text = f'<font size="{self.size:g}">{text}</font>'
        return text


def _compact(style: str) -> str:
    return style.replace(" ", "").lower()


class _Reader(HTMLParser):
    def __init__(self, base_size: float) -> None:
        super().__init__(convert_charrefs=True)
        self.base_size = base_size
        self.paragraphs: list[RichParagraph] = []
        self.stack: list[tuple[str, _Format]] = [("", _Format())]
        self.runs: list[str] = []
        self.sizes: list[float] = []
        self.align = "left"
        self.skipping = 0
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SKIPPED:
            self.skipping += 1
            return
        if tag == "br":
            self.runs.append("<br/>")
            self.open = True
            return
        if tag in _PARAGRAPH_TAGS:
            self._finish()
            self.align = _alignment(values)
            self.open = True
        if tag in ("body", "html", "img", "hr", "meta"):
            return  # the body's font is the editor's default, not the letter's
        self.stack.append((tag, self.stack[-1][1].styled(values, tag)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag in _PARAGRAPH_TAGS:
            self._finish()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = _SPACES.sub(" ", data)
        if not self.open and not text.strip():
            return  # the whitespace between block tags
        self.open = True
        style = self.stack[-1][1]
        self.sizes.append(style.size or self.base_size)
        self.runs.append(style.wrap(escape(text, quote=False)))

    def _finish(self) -> None:
        if self.open:
            markup = "".join(self.runs).strip()
            size = max(self.sizes, default=self.base_size)
            self.paragraphs.append(RichParagraph(self.align, markup, size))
        self.runs, self.sizes, self.open, self.align = [], [], False, "left"

    def close(self) -> None:
        super().close()
        self._finish()


def _alignment(attrs: dict[str, str]) -> str:
    found = _ALIGN.search(attrs.get("style", ""))
    align = (found.group(1) if found else attrs.get("align", "left")).lower()
    align = {"centre": "center", "middle": "center", "justified": "justify"}.get(align, align)
    return align if align in ALIGNMENTS else "left"


def paragraphs_from_html(html: str, base_size: float = BASE_SIZE) -> tuple[RichParagraph, ...]:
    """The paragraphs of `html`, in order; a document that is plain text (no tags) gives one
    paragraph per line. ValueError, in words, for markup that cannot be read (found by
    fuzzing: `<![<+` makes Python's own HTML parser give up)."""
    if not _TAG.search(html):
        html = "".join(f"<p>{escape(line, quote=False)}</p>" for line in html.split("\n"))
    reader = _Reader(base_size)
    try:
        reader.feed(html)
        reader.close()
    except AssertionError as wrong:  # the stdlib parser's way of refusing some declarations
        raise ValueError(f"the text cannot be read as rich text ({wrong})") from None
    return tuple(reader.paragraphs)
