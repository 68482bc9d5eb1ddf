"""A vCard file's bytes as text lines, read a piece at a time so that a file of any size is read
in bounded memory (the cards are split from these lines by `vcard_cards`).

The encoding is found as it always was: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM,
UTF-16 without one when the file starts with it; otherwise each line in its own vCard 2.1
`CHARSET=` when it names one, else UTF-8, else cp1252 (a folded continuation line keeps the charset
of the line it continues). A NUL byte in a file that is not UTF-16 or UTF-32 makes it binary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from db.interchange.incoming import UnreadableFileError
from db.interchange.vcard_cards import OverlongLine
from db.interchange.vcard_cleanup import decode_text_line

HEAD_BYTES = 65_536  # read first, to find the encoding
CHUNK_BYTES = 262_144
_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\r\n|\r\n|\r|\n")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SHOWN = 200  # characters kept of a line longer than the limit


def file_lines(file: BinaryIO, source: str, limit: int) -> Iterator[str]:
    """The physical lines of the vCard file open in `file`, without their line ends (CR LF, LF,
    CR, or iOS's CR CR LF); a line longer than `limit` characters comes as an OverlongLine.
    Raises UnreadableFileError (naming `source`) for what is not text."""
    return text_lines(_file_text(file, source, limit), limit)


def text_lines(pieces: Iterator[str], limit: int) -> Iterator[str]:
    """The lines of the text that comes in `pieces` (see `file_lines`)."""
    lines = _Lines(limit)
    for piece in pieces:
        yield from lines.feed(piece)
    yield from lines.finish()


def _file_text(file: BinaryIO, source: str, limit: int) -> Iterator[str]:
    head = _read(file, HEAD_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        yield from _bytes_text(head[len(codecs.BOM_UTF8) :], file, source, limit)
        return
    for bom, codec in _BOMS:
        if head.startswith(bom):
            yield from _decoded(head, file, source, codec)
            return
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            line = head[: head.index(b"\x00")].count(b"\n") + 1
            raise UnreadableFileError(f"{source}: line {line}: binary data, not a vCard file")
        yield from _decoded(head, file, source, utf16)
        return
    yield from _bytes_text(head, file, source, limit)


def _read(file: BinaryIO, size: int) -> bytes:
    """`size` bytes of `file` (fewer only at its end)."""
    data = file.read(size)
    while data and len(data) < size:
        more = file.read(size - len(data))
        if not more:
            break
        data += more
    return data


def _utf16_without_bom(head: bytes) -> str | None:
    for codec, marker in (("utf-16-le", "BEGIN".encode("utf-16-le")), ("utf-16-be", b"\x00B")):
        if head.lstrip(b"\x00\r\n\t ").startswith(marker) or head.startswith(marker):
            return codec
    return None


def _decoded(head: bytes, file: BinaryIO, source: str, codec: str) -> Iterator[str]:
    """The text of a file in UTF-16 or UTF-32, decoded as it is read."""
    decoder = codecs.getincrementaldecoder(codec)()
    done = 0
    data = head
    while True:
        try:
            yield decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            where = max(0, done - len(decoder.getstate()[0]) + exc.start)
            raise UnreadableFileError(
                f"{source}: not readable as {codec.upper()} (byte {where})"
            ) from None
        if not data:
            return
        done += len(data)
        data = file.read(CHUNK_BYTES)


def _bytes_text(head: bytes, file: BinaryIO, source: str, limit: int) -> Iterator[str]:
    """The text of a file in no Unicode encoding of its own, cut into pieces at line ends (so
    that a character is never split) and decoded line by line where it has to be."""
    lines_before = 0
    charset: str | None = None
    kept: list[bytes] = []  # the start of a line that has not ended yet
    kept_size = 0
    data = head
    while data:
        cut = max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1
        if cut == 0 and kept_size + len(data) <= limit:
            kept.append(data)
            kept_size += len(data)
            data = file.read(CHUNK_BYTES)
            continue
        if cut == 0:  # a line longer than the limit: it is cut (at a character, if UTF-8)
            cut = _character_start(data)
        piece = b"".join((*kept, data[:cut]))
        kept, kept_size = [data[cut:]], len(data) - cut
        lines_before = _check_text(piece, lines_before, source)
        text, charset = _decode(piece, charset)
        yield text
        data = file.read(CHUNK_BYTES)
    piece = b"".join(kept)
    _check_text(piece, lines_before, source)
    yield _decode(piece, charset)[0]


def _character_start(data: bytes) -> int:
    """Where to cut `data` so that no UTF-8 character is split: before its last character when
    that has not ended."""
    for at in range(len(data) - 1, max(-1, len(data) - 5), -1):
        byte = data[at]
        if byte & 0xC0 != 0x80:  # a character starts here
            length = 4 if byte >= 0xF0 else 3 if byte >= 0xE0 else 2 if byte >= 0xC0 else 1
            return at if len(data) - at < length else len(data)
    return len(data)


def _check_text(piece: bytes, lines_before: int, source: str) -> int:
    """The lines counted after `piece`; UnreadableFileError when it holds a NUL."""
    if b"\x00" in piece:
        line = lines_before + piece[: piece.index(b"\x00")].count(b"\n") + 1
        raise UnreadableFileError(f"{source}: line {line}: binary data, not a vCard file")
    return lines_before + piece.count(b"\n")


def _decode(piece: bytes, charset: str | None) -> tuple[str, str | None]:
    """The text of whole lines, and the charset that a folded line after them keeps."""
    if not _CHARSET.search(piece):
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raws = piece.splitlines(keepends=True)
            starts = any(raw[:1] not in (b" ", b"\t") for raw in raws)
            return text, None if starts else charset
    out: list[str] = []
    for raw in piece.splitlines(keepends=True):
        if raw[:1] not in (b" ", b"\t"):
            header = raw.split(b":", 1)[0]
            match = _CHARSET.search(header)
            charset = match.group(1).decode("ascii").lower() if match else None
        out.append(decode_text_line(raw, charset))
    return "".join(out), charset


class _Lines:
    """Text pieces into lines (a line end may be split between two pieces); a line longer than
    the limit is not kept whole."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []  # of the line not ended yet
        self.size = 0
        self.overlong = False
        self.held = ""  # CRs at the end of the last piece: they may be the start of CR LF

    def feed(self, text: str) -> Iterator[str]:
        text = self.held + text
        held = len(text) - len(text.rstrip("\r"))
        cut = len(text) - min(held, 2)
        self.held = text[cut:]
        yield from self._split(text[:cut])

    def finish(self) -> Iterator[str]:
        yield from self._split(self.held)
        self.held = ""
        yield self._take()

    def _split(self, text: str) -> Iterator[str]:
        lines = _LINE_BREAK.split(text)
        self._add(lines[0])
        if len(lines) == 1:
            return
        yield self._take()
        for line in lines[1:-1]:
            yield OverlongLine(line[:SHOWN]) if len(line) > self.limit else line
        self._add(lines[-1])

    def _add(self, text: str) -> None:
        if not text:
            return
        if self.overlong or self.size + len(text) > self.limit:
            if not self.overlong:
                self.overlong = True
                self.parts = ["".join(self.parts)[:SHOWN] + text[:SHOWN]]
            return
        self.parts.append(text)
        self.size += len(text)

    def _take(self) -> str:
        line = "".join(self.parts)
        if self.overlong:
            line = OverlongLine(line[:SHOWN])
        self.parts, self.size, self.overlong = [], 0, False
        return line
