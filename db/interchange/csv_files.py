"""Reading a CSV file as exporters really write it: which encoding, which delimiter, the header,
and the rows with the line each starts on, streamed so that a 1 GB file is never held in memory.

Encodings: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); without one, UTF-8 when the first
megabyte is UTF-8, else cp1252 (Windows' "ANSI", which Outlook writes). A line that is not UTF-8
in a file taken as UTF-8 is read as cp1252 (files glued together from two sources). When the user
names the encoding, a line that does not decode in it stops the reading with its line number.

Delimiters: `,` `;` or tab, by the standard library's sniffer, checked against the header line
(the sniffer fails on Thunderbird's sparse header: then the candidate found most often in the
header line wins).

A cell is held to `FIELD_LIMIT` characters (csv.field_size_limit) and a physical line to the same:
a row breaking either is reported as a `Rejected` and reading goes on after it.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Generator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from db.interchange.incoming import Rejected, UnreadableFileError

FIELD_LIMIT = 1_048_576  # characters in one cell, and in one physical line
RECORD_LIMIT = 4 * FIELD_LIMIT  # characters in one row (a quoted cell may span lines)
SAMPLE_BYTES = 1_048_576  # what the encoding is guessed from
SNIFF_CHARS = 8_192  # what the delimiter is guessed from (the sniffer's regexes are slow)
DELIMITERS = (",", ";", "\t")

csv.field_size_limit(FIELD_LIMIT)

UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that did not decode (surrogateescape)
# Python's cp1252 leaves five bytes undefined; Windows reads them as the same code points.
_CP1252_HOLES = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_NUL_PROBLEM = "the row holds a NUL character (is the file UTF-16 without a BOM?)"

RawRow = tuple[int, list[str]]
"""One row as the file has it: the line it starts on (counting from 1) and its cells."""


class _RowTooLongError(Exception):
    """Raised by the pieces when a line or a row passes the limits (caught below)."""


@dataclass(frozen=True)
class CsvFile:
    """What was found out about a CSV file; `rows()` reads it (again) from the start."""

    path: Path
    encoding: str  # a Python codec name: "utf-8", "utf-8-sig", "utf-16", "cp1252", ...
    delimiter: str
    header: tuple[str, ...]  # () when the file has no header row
    has_header: bool
    width: int  # cells in the first row (the header when there is one)
    named_encoding: bool = False  # the user chose the encoding: lines that do not fit are errors

    def rows(self) -> Generator[RawRow | Rejected, None, None]:
        """The data rows (not the header), each with the line it starts on; a row that cannot be
        read (too long, a NUL character) comes as a `Rejected` and the reading goes on."""
        with _open_text(self.path, self.encoding) as text:
            records = rows_from(text, self)
            if self.has_header:
                next(records, None)
            yield from records

    @contextmanager
    def text_after_header(self) -> Iterator[tuple[TextIO, int]]:
        """The file's text from its first data row on, and the line that row starts on."""
        with _open_text(self.path, self.encoding) as text:
            pieces, records = _reading(text, self)
            if self.has_header:  # (its lines are read whole, even when it is read as Rejected)
                next(records, None)
            yield text, pieces.lines + 1


@dataclass(frozen=True)
class Preview:
    file: CsvFile
    rows: tuple[RawRow, ...]  # the first rows (rows that cannot be read are left out)


def open_csv(path: Path | str, encoding: str | None = None, *, has_header: bool = True) -> CsvFile:
    """Finds the encoding (unless named), the delimiter and the header of the CSV file at `path`.

    Raises UnreadableFileError (naming the file, and the line when known) when it cannot be read
    at all: missing, empty, binary, an unknown encoding, or the first row unreadable.
    """
    path = Path(path)
    try:
        with path.open("rb") as raw:
            sample = raw.read(SAMPLE_BYTES)
    except OSError as exc:
        raise UnreadableFileError(f"{path}: cannot be opened ({exc.strerror or exc})") from None
    if not sample.strip():
        raise UnreadableFileError(f"{path}: the file is empty")
    chosen = _checked_encoding(path, encoding) if encoding else _guess_encoding(path, sample)
    probe = CsvFile(path, chosen, ",", (), has_header, 0, named_encoding=bool(encoding))
    with _open_text(path, chosen) as text:
        head = _Pieces(text, probe).read_text(SNIFF_CHARS)
    delimiter = _guess_delimiter(head)
    probe = CsvFile(path, chosen, delimiter, (), False, 0, named_encoding=bool(encoding))
    with closing(probe.rows()) as rows:
        first = next(rows, None)
    if first is None:
        raise UnreadableFileError(f"{path}: the file holds no rows")
    if isinstance(first, Rejected):
        raise UnreadableFileError(f"{path}, {first}")
    cells = [cell.strip() for cell in first[1]]
    cells[0] = cells[0].lstrip("\ufeff").strip()  # a BOM read as text (UTF-8 named for a BOM file)
    header = tuple(cells) if has_header else ()
    return CsvFile(path, chosen, delimiter, header, has_header, len(cells), bool(encoding))


def preview(
    path: Path | str, encoding: str | None = None, rows: int = 5, *, has_header: bool = True
) -> Preview:
    """The file's facts and its first `rows` data rows, for the import wizard."""
    found = open_csv(path, encoding, has_header=has_header)
    with closing(found.rows()) as read:
        readable = (row for row in read if not isinstance(row, Rejected))
        return Preview(found, tuple(islice(readable, rows)))


def rows_from(text: TextIO, file: CsvFile, line: int = 1) -> Iterator[RawRow | Rejected]:
    """The rows of `text` (of `file`, its first line being the file's `line`), as `rows`
    gives them."""
    return _reading(text, file, line)[1]


def _reading(
    text: TextIO, file: CsvFile, line: int = 1
) -> tuple[_Pieces, Iterator[RawRow | Rejected]]:
    """The lines of `text` as the csv reader takes them, and the rows they make."""
    pieces = _Pieces(text, file, line - 1)
    return pieces, _records(csv.reader(pieces, delimiter=file.delimiter), pieces)


def unreadable_line(file: CsvFile) -> UnreadableFileError:
    """Why `file` cannot be read, naming the line: for a file that failed to decode when read
    in bulk, read again from the start, line by line."""
    with _open_text(file.path, file.encoding) as text:
        pieces = _Pieces(text, file)
        try:
            while pieces.read_line():
                pass
        except UnreadableFileError as error:
            return error
    return UnreadableFileError(f"{file.path}: does not decode as {file.encoding}")


def _records(reader: Iterator[list[str]], pieces: _Pieces) -> Iterator[RawRow | Rejected]:
    """Rows from `reader` with their first line; a row that breaks a limit becomes a Rejected and
    the reading goes on at the end of that row."""
    while True:
        line = pieces.lines + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RowTooLongError) as exc:
            pieces.skip_rest_of_row()
            yield Rejected(f"line {line}", _row_problem(exc))
            continue
        unclosed = pieces.at_end and pieces.quotes % 2 == 1 and pieces.lines + 1 - line > 1
        nul = pieces.nul
        pieces.start_row()
        if unclosed:
            reason = "a quoted cell opened in this row is not closed before the end of the file"
            yield Rejected(f"line {line}", reason, raw=tuple(cell[:200] for cell in cells[:50]))
        elif nul:
            raw = tuple(cell.replace("\x00", "") for cell in cells)
            yield Rejected(f"line {line}", _NUL_PROBLEM, raw=raw)
        elif cells:
            yield line, cells


def _row_problem(exc: Exception) -> str:
    message = str(exc)
    if isinstance(exc, _RowTooLongError) or "field limit" in message:
        return f"a cell or line is longer than {FIELD_LIMIT:,} characters; the row is not read"
    if "NUL" in message:
        return _NUL_PROBLEM
    return f"the row cannot be read: {message}"


class _Pieces:
    """The file's text line by line for the csv reader, each line cut at FIELD_LIMIT characters,
    counting lines and the quotes of the row being read (to find its end after an error)."""

    def __init__(self, text: TextIO, file: CsvFile, lines: int = 0) -> None:
        self._text = text
        self._file = file
        self.lines = lines  # line breaks handed out so far (in the file)
        self.quotes = 0  # quote characters in the row being read
        self.nul = False  # the row being read holds a NUL character
        self._row_chars = 0
        self._ended_line = True
        self.at_end = False

    def __iter__(self) -> _Pieces:
        return self

    def __next__(self) -> str:
        piece = self.read_line()
        if not piece:
            self.at_end = True
            raise StopIteration
        self._row_chars += len(piece)
        if len(piece) > FIELD_LIMIT or self._row_chars > RECORD_LIMIT:
            raise _RowTooLongError
        return piece

    def read_line(self) -> str:
        try:
            piece = self._text.readline(FIELD_LIMIT + 1)
        except UnicodeError as exc:  # bytes the error handler cannot escape; no BOM for UTF-16
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
            raise UnreadableFileError(
                f"{self._file.path}, line {self.lines + 1}: does not decode as "
                f"{self._file.encoding} ({reason})"
            ) from None
        if not piece:
            return piece
        if not piece.isascii() and UNDECODED.search(piece):
            piece = self._repair(piece)
        self.quotes += piece.count('"')
        self.nul = self.nul or "\x00" in piece
        self._ended_line = piece[-1] in "\r\n"
        if self._ended_line:
            self.lines += 1
        return piece

    def _repair(self, piece: str) -> str:
        """A line with bytes that did not decode: cp1252 in a file guessed as UTF-8 or cp1252,
        else an error naming the line."""
        file = self._file
        if file.named_encoding or file.encoding not in ("utf-8", "cp1252"):
            raise UnreadableFileError(
                f"{file.path}, line {self.lines + 1}: does not decode as {file.encoding}"
            )
        if file.encoding == "utf-8":
            piece = piece.encode("utf-8", "surrogateescape").decode("cp1252", "surrogateescape")
        return piece.translate(_CP1252_HOLES)

    def start_row(self) -> None:
        self.quotes = 0
        self.nul = False
        self._row_chars = 0

    def skip_rest_of_row(self) -> None:
        """After an error: skip to the end of the row, where the quotes are balanced at a line end
        (the rest of the row would otherwise be read as rows of its own)."""
        while not (self._ended_line and self.quotes % 2 == 0):
            if not self.read_line():
                self.at_end = True
                break
        self.start_row()

    def read_text(self, limit: int) -> str:
        """Up to about `limit` characters of whole lines, for guessing the delimiter."""
        text: list[str] = []
        size = 0
        while size < limit and (piece := self.read_line()):
            text.append(piece)
            size += len(piece)
        return "".join(text)


def _open_text(path: Path, encoding: str) -> TextIO:
    # surrogateescape: bytes that do not decode reach `_Pieces._repair` with their line.
    return path.open(encoding=encoding, errors="surrogateescape", newline="")


def _checked_encoding(path: Path, name: str) -> str:
    try:
        codec = codecs.lookup(name.strip()).name
        "".encode(codec)  # a codec that is not a text encoding (base64, rot13) fails here
    except LookupError:
        raise UnreadableFileError(f"{path}: '{name}' is not an encoding Cardfile knows") from None
    return codec


def _guess_encoding(path: Path, sample: bytes) -> str:
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec
    if 0 in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return utf16
        if sample.count(0) > len(sample) // 100:  # a stray NUL only rejects its own row
            raise UnreadableFileError(f"{path}: not a text file (it holds NUL bytes)")
    if sample.isascii():
        return "utf-8"  # and cp1252 for a later line that is not UTF-8 (see _Pieces._repair)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _utf16_without_bom(sample: bytes) -> str:
    """ "utf-16-le" or "-be" when every other byte is NUL (Unicode text from an old tool)."""
    head = sample[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > len(head) // 4 and even == 0:
        return "utf-16-le"
    if even > len(head) // 4 and odd == 0:
        return "utf-16-be"
    return ""


def _guess_delimiter(head: str) -> str:
    """`,` `;` or tab: the sniffer's choice when the header line has it, else the one the header
    line holds most often (`,` when it has none)."""
    lines = head.splitlines(keepends=True)
    header_line = lines[0] if lines else ""
    complete = "".join(lines[:-1]) if len(lines) > 1 else head  # no half row at the end
    try:
        sniffed = csv.Sniffer().sniff(complete, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in DELIMITERS and sniffed in header_line:
        return sniffed
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","
