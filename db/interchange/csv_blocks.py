"""A long CSV file handed to worker processes as blocks of text, each cut at the end of a row,
for them to split into rows: splitting a row into cells and sending the cells to another process
cost the importing process more than reading the file does.

A block ends at a line end where the quote characters since its start are balanced. That is the
end of a row unless an odd number of quotes stands inside an unquoted cell (`5'10"`), which the
csv reader takes as they are: the worker then finds the block ending inside a quoted cell and
says so (`block_rows` gives None), and the block is read again together with the next one.

Rows are read as `CsvFile.rows` reads them (the same lines, cells, and rejected rows): a block
that holds nothing unusual is split by the csv reader alone, in strict mode, which fails on
anything it would otherwise take leniently; such a block, and any holding a NUL, a byte that did
not decode, or more than a cell's limit of text, is read by the line as `CsvFile.rows` reads.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TextIO

from db.interchange.csv_files import (
    FIELD_LIMIT,
    RECORD_LIMIT,
    UNDECODED,
    CsvFile,
    RawRow,
    rows_from,
    unreadable_line,
)
from db.interchange.incoming import Rejected

BLOCK_CHARS = 1 << 18  # text read at a time: a block is about this long (a few hundred rows)
_END_CHECK = "\x1e\x1f"  # a line of its own after a block, to see whether its last row ended


@dataclass(frozen=True)
class Block:
    """Whole rows of a CSV file as its text; `line` is the line that text starts on."""

    line: int
    text: str
    final: bool = False  # the end of the file
    # Cut at a line end without the quotes balanced: no such line end came within the limit on
    # a row's length (a quote never closed). Its rows are read as they come.
    forced: bool = False
    # The text starts inside a line longer than the limit on a row, which the block before was
    # cut in and has reported: the rest of that line is left out.
    rest_of_line: bool = False

    def joined(self, following: Block) -> Block:
        """This block and the one after it as one."""
        text = self.text + following.text
        forced = following.forced or len(text) > RECORD_LIMIT
        return replace(self, text=text, final=following.final, forced=forced)


def blocks(file: CsvFile, size: int) -> Iterator[Block]:
    """The file's data rows (not the header) as blocks of about `size` characters."""
    with file.text_after_header() as (text, first):
        line = first
        carry = ""  # the start of a row, read with the block before
        rest_of_line = False
        while True:
            chunk = _read(text, size, file)
            if not chunk:
                if carry:
                    yield Block(line, carry, final=True, rest_of_line=rest_of_line)
                return
            buffer = carry + chunk if carry else chunk
            cut = _row_end(buffer)
            forced = not cut and len(buffer) > RECORD_LIMIT
            if forced:
                cut = _line_end_before(buffer, len(buffer)) or len(buffer)
            if not cut:
                carry = buffer
                continue
            block, carry = buffer[:cut], buffer[cut:]
            yield Block(line, block, forced=forced, rest_of_line=rest_of_line)
            line += _line_ends(block)
            rest_of_line = block[-1] not in "\r\n"


def block_rows(block: Block, file: CsvFile) -> list[RawRow | Rejected] | None:
    """The rows `block` holds, or None when it does not end at the end of a row (the block is
    to be read again joined to the next one)."""
    text, line = block.text, block.line
    if block.rest_of_line:  # (what is left of a line reported with the block before)
        end = _line_end_after(text)
        text, line = text[end:], line + 1
    if _plain(text):
        try:
            return _strict_rows(text, line, file.delimiter)
        except csv.Error:
            pass
    if not (block.final or block.forced or _ends_a_row(text, file.delimiter)):
        return None
    return list(rows_from(io.StringIO(text, newline=""), file, line))


def _plain(text: str) -> bool:
    """Whether the csv reader alone reads `text` as `CsvFile.rows` would, when it reads it in
    strict mode: no line or row past the limits, no NUL, no byte that did not decode."""
    if len(text) > FIELD_LIMIT or "\x00" in text:
        return False
    return text.isascii() or not UNDECODED.search(text)


def _strict_rows(text: str, line: int, delimiter: str) -> list[RawRow | Rejected]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[RawRow | Rejected] = []
    start = line
    for cells in reader:
        if cells:
            rows.append((start, cells))
        start = line + reader.line_num
    return rows


def _ends_a_row(text: str, delimiter: str) -> bool:
    """Whether the csv reader is between rows at the end of `text` (not inside a quoted cell)."""
    lines = io.StringIO(text, newline="")
    reader = csv.reader((*lines, f"{_END_CHECK}\n"), delimiter=delimiter)
    last: deque[list[str]] = deque(maxlen=1)
    try:
        last.extend(reader)
    except csv.Error:  # (a cell past the limit: the reading by the line reports it)
        return True
    return bool(last) and last[0] == [_END_CHECK]


def _read(text: TextIO, size: int, file: CsvFile) -> str:
    """Up to `size` characters of `text`. Text that does not decode is read again from the
    start, line by line, to say which line it is."""
    try:
        return text.read(size)
    except UnicodeError:
        raise unreadable_line(file) from None


def _row_end(text: str) -> int:
    """Where the last line in `text` that ends with its quotes balanced ends (0: none does)."""
    total = text.count('"')
    end = len(text)
    tail = 0  # quotes after `end`
    while cut := _line_end_before(text, end):
        tail += text.count('"', cut, end)
        if (total - tail) % 2 == 0:
            return cut
        end = cut - 1
    return 0


def _line_end_before(text: str, end: int) -> int:
    """Where the last line in text[:end] ends (after its line break), 0 when none does. A CR is
    a line end by itself but before an LF, and at the end of `text` (an LF may follow it)."""
    at = text.rfind("\n", 0, end) + 1
    cr = text.rfind("\r", at, min(end, len(text) - 1))
    while cr >= at and text[cr + 1] == "\n":  # (only the last CR of text[:end] can be)
        cr = text.rfind("\r", at, cr)
    return max(at, cr + 1)


def _line_end_after(text: str) -> int:
    """Where the first line of `text` ends (after its line break); its length when none does."""
    ends = [at for at in (text.find("\n"), text.find("\r")) if at >= 0]
    if not ends:
        return len(text)
    at = min(ends)
    return at + 2 if text.startswith("\r\n", at) else at + 1


def _line_ends(text: str) -> int:
    """How many lines end in `text` (a line break is CR LF, LF, or CR)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")
