"""A vCard file's bytes made into cards of clean logical lines, before vobject sees a line.

Real files break vobject 0.9.9 in ways listed in `../shared/data/README.md`; the repairs live here:
- the encoding: UTF-8 (with or without BOM), UTF-16 with BOM, and vCard 2.1 `CHARSET=` per line
  (Japanese phones write Shift_JIS), cp1252 when a line is none of these;
- iOS's CR CR LF line ends; `#` comment lines (Windows Mobile); 2.1 quoted-printable soft line
  breaks (joined here, so that a continuation that starts with `#` is not taken for a comment);
  2.1 base64 continuation lines written without indent; an ADR continued by a trailing backslash;
  `PROFILE:VCard` lines (vobject: "already has a PROFILE");
- the split into cards: each card is read on its own, so one bad card never loses the others;
  a card nested inside another (2.1 AGENT) stays inside its card.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from db.interchange.incoming import UnreadableFileError

_PROPERTY_START = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[;:]")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\r\n|\r\n|\r|\n")
_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
# Japanese phones label their text Shift_JIS but write Microsoft's superset of it.
_CHARSET_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932"}


@dataclass(frozen=True)
class LogicalLine:
    number: int  # the line of the file it starts on, from 1
    text: str


@dataclass(frozen=True)
class RawCard:
    """One card of a file: its logical lines (repaired), and its text as the file had it."""

    number: int  # counting cards from 1
    first_line: int
    lines: tuple[LogicalLine, ...]
    text: str
    closed: bool = True  # False when the file ended before its END:VCARD


def decode_vcard_bytes(data: bytes, source: str = "the file") -> str:
    """The text of a vCard file. Raises UnreadableFileError (naming `source`) for what is not
    text at all."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_lines(data[len(codecs.BOM_UTF8) :])
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(
                    f"{source}: not readable as {codec.upper()} (byte {exc.start})"
                ) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UnreadableFileError(f"{source}: line {line}: binary data, not a vCard file")
    return _decode_lines(data)


def _utf16_without_bom(data: bytes) -> str | None:
    for codec, marker in (("utf-16-le", "BEGIN".encode("utf-16-le")), ("utf-16-be", b"\x00B")):
        if data.lstrip(b"\x00\r\n\t ").startswith(marker) or data.startswith(marker):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _decode_lines(data: bytes) -> str:
    """Each line in its own `CHARSET=` when it names one, else UTF-8, else cp1252; a folded
    continuation line keeps the charset of the line it continues."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _CHARSET.search(data):
        return text
    out: list[str] = []
    charset: str | None = None
    for raw in data.splitlines(keepends=True):
        if raw[:1] not in (b" ", b"\t"):
            header = raw.split(b":", 1)[0]
            match = _CHARSET.search(header)
            charset = match.group(1).decode("ascii").lower() if match else None
        out.append(decode_text_line(raw, charset))
    return "".join(out)


def decode_text_line(raw: bytes, charset: str | None) -> str:
    """One line's bytes as text: UTF-8 when they are UTF-8 (a line labelled ISO-8859-1 but
    written in UTF-8 is common, while text in another charset is almost never valid UTF-8),
    else in `charset` when it fits, else cp1252."""
    if raw.isascii():
        return raw.decode("ascii")
    tried = ["utf-8"]
    if charset:
        tried.append(_CHARSET_ALIASES.get(charset.lower(), charset))
    tried.append("cp1252")
    for codec in tried:
        try:
            return raw.decode(codec)
        except (ValueError, LookupError):  # not in that codec; no such codec; a NUL in its name
            continue
    return raw.decode("latin-1")  # every byte is a character: never fails


def split_cards(text: str) -> list[RawCard]:
    """The cards in `text`, in order; lines outside any card are ignored."""
    physical = _LINE_BREAK.split(text)
    logical = _logical_lines(physical)
    cards: list[RawCard] = []
    current: list[LogicalLine] = []
    depth = 0
    for line in logical:
        if depth == 0:
            if _BEGIN.match(line.text):
                current = [line]
                depth = 1
            continue
        current.append(line)
        if _BEGIN.match(line.text):
            depth += 1
        elif _END.match(line.text):
            depth -= 1
            if depth == 0:
                cards.append(_card(len(cards) + 1, current, physical, closed=True))
    if depth > 0:
        cards.append(_card(len(cards) + 1, current, physical, closed=False))
    return cards


def _card(number: int, lines: list[LogicalLine], physical: list[str], closed: bool) -> RawCard:
    first = lines[0].number
    last = lines[-1].number
    # A logical line may span several physical ones: take the card's text up to its END line
    # (or to the end of the file when it has none).
    end = last if closed else len(physical)
    text = "\r\n".join(physical[first - 1 : end]) + "\r\n"
    return RawCard(number, first, tuple(lines), text, closed)


class _Builder:
    """Physical lines into logical ones, with the repairs the module docstring lists."""

    def __init__(self) -> None:
        self.lines: list[LogicalLine] = []
        self.quoted_printable_open = False
        self.base64_open = False

    def add(self, number: int, line: str) -> None:
        if not line.strip():
            self.quoted_printable_open = False
            self.base64_open = False
            return
        joined = self._continuation(line)
        if joined is not None:
            self._extend(joined)
            return
        name = line.split(":", 1)[0].split(";", 1)[0].strip().upper()
        if line.startswith("#") or name == "PROFILE":
            return
        header = line.split(":", 1)[0].upper()
        self.lines.append(LogicalLine(number, line))
        self.base64_open = "BASE64" in header or bool(re.search(r"ENCODING=B\b", header))
        self.quoted_printable_open = "QUOTED-PRINTABLE" in header and line.endswith("=")

    def _continuation(self, line: str) -> str | None:
        """The last logical line with `line` joined to it, when `line` continues it."""
        if not self.lines:
            return None
        last = self.lines[-1].text
        if self.quoted_printable_open:
            return last[:-1] + line  # a soft line break: the "=" goes
        if line[0] in " \t":
            return last + line[1:]  # folded
        if self.base64_open and _BASE64_LINE.match(line.strip()):
            return last + line.strip()  # 2.1 base64 lines written without indent
        if _ends_in_escape(last) and not _PROPERTY_START.match(line) and line[0] != "#":
            return last[:-1] + "\\n" + line  # a line break escaped by a backslash (2.1 ADR)
        return None

    def _extend(self, text: str) -> None:
        last = self.lines[-1]
        self.lines[-1] = LogicalLine(last.number, text)
        header = text.split(":", 1)[0].upper()
        self.quoted_printable_open = "QUOTED-PRINTABLE" in header and text.endswith("=")


def _ends_in_escape(text: str) -> bool:
    stripped = text.rstrip("\\")
    return (len(text) - len(stripped)) % 2 == 1


def _logical_lines(physical: list[str]) -> list[LogicalLine]:
    builder = _Builder()
    for number, line in enumerate(physical, start=1):
        builder.add(number, line)
    return builder.lines
