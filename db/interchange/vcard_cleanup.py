"""A vCard file's lines made into clean logical lines, before vobject sees a line.

Real files break vobject 0.9.9 in ways listed in `../shared/data/README.md`; the repairs live here:
- the encoding of a line: vCard 2.1 `CHARSET=` (Japanese phones write Shift_JIS), cp1252 when a
  line is neither UTF-8 nor that (the file's encoding is found by `vcard_stream`);
- iOS's CR CR LF line ends; `#` comment lines (Windows Mobile); 2.1 quoted-printable soft line
  breaks (joined here, so that a continuation that starts with `#` is not taken for a comment);
  2.1 base64 continuation lines written without indent; an ADR continued by a trailing backslash;
  `PROFILE:VCard` lines (vobject: "already has a PROFILE").

The split into cards is `vcard_cards`'s; reading the file's bytes as text, `vcard_stream`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PROPERTY_START = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[;:]")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_NO_HEADER_LOOKED_AT = 4096
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


class LineBuilder:
    """Physical lines into logical ones, with the repairs the module docstring lists. A logical
    line is done only when the next one starts (a folded line may always follow), so `add` gives
    back the line that the new one ends, and `finish` the last. A line being built is kept in
    pieces, so that joining thousands of folded photo lines costs no more than their length."""

    def __init__(self) -> None:
        self.number = 0  # the line of the file the logical line being built starts on
        self._parts: list[str] = []
        self._header: str | None = None  # its name and parameters (upper case), once known
        self._head: list[str] = []  # its text before the colon, while none has come
        self.quoted_printable_open = False
        self.base64_open = False

    @property
    def building(self) -> bool:
        return bool(self._parts)

    def add(self, number: int, line: str) -> LogicalLine | None:
        if not line.strip():
            self.quoted_printable_open = False
            self.base64_open = False
            return None
        if self._continue(line):
            self.quoted_printable_open = "QUOTED-PRINTABLE" in self._name() and self._ends("=")
            return None
        name = line.split(":", 1)[0].split(";", 1)[0].strip().upper()
        if line.startswith("#") or name == "PROFILE":
            return None
        done = self.finish()
        self.number = number
        self._append(line)
        header = line.split(":", 1)[0].upper()
        self.base64_open = "BASE64" in header or bool(re.search(r"ENCODING=B\b", header))
        self.quoted_printable_open = "QUOTED-PRINTABLE" in header and line.endswith("=")
        return done

    def finish(self) -> LogicalLine | None:
        """The logical line being built (None when there is none); the builder starts afresh."""
        if not self._parts:
            return None
        done = LogicalLine(self.number, "".join(self._parts))
        self._parts, self._header, self._head = [], None, []
        return done

    def drop(self) -> None:
        """Forget the line being built and what is open."""
        self.finish()
        self.quoted_printable_open = self.base64_open = False

    def peek(self, chars: int) -> str:
        """The line being built, when it is no longer than `chars` ("" when it is)."""
        if sum(map(len, self._parts)) > chars:
            return ""
        return "".join(self._parts)

    def _continue(self, line: str) -> bool:
        """Joins `line` to the logical line being built when it continues it."""
        if not self._parts:
            return False
        if self.quoted_printable_open:
            self._drop_last_char()  # a soft line break: the "=" goes
            self._append(line)
        elif line[0] in " \t":
            self._append(line[1:])  # folded
        elif self.base64_open and _BASE64_LINE.match(line.strip()):
            self._append(line.strip())  # 2.1 base64 lines written without indent
        elif self._ends_in_escape() and not _PROPERTY_START.match(line) and line[0] != "#":
            self._drop_last_char()  # a line break escaped by a backslash (2.1 ADR)
            self._append("\\n")
            self._append(line)
        else:
            return False
        return True

    def _append(self, part: str) -> None:
        self._parts.append(part)
        if self._header is None:
            colon = part.find(":")
            if colon < 0:
                self._head.append(part)
                return
            self._head.append(part[:colon])
            self._header = "".join(self._head).upper()
            self._head = []

    def _name(self) -> str:
        """The header of the line being built (its text so far when it has no colon yet: only
        the first few thousand characters of such a line, which is no vCard line anyway)."""
        if self._header is not None:
            return self._header
        return "".join(self._head[:64])[:_NO_HEADER_LOOKED_AT].upper()

    def _ends(self, suffix: str) -> bool:
        return next((p for p in reversed(self._parts) if p), "").endswith(suffix)

    def _drop_last_char(self) -> None:
        while self._parts and not self._parts[-1]:
            self._parts.pop()
        if self._parts:
            self._parts[-1] = self._parts[-1][:-1]

    def _ends_in_escape(self) -> bool:
        backslashes = 0
        for part in reversed(self._parts):
            kept = part.rstrip("\\")
            backslashes += len(part) - len(kept)
            if kept:
                break
        return backslashes % 2 == 1
