"""A CSV file read in blocks of text (as a long import's worker processes read it) gives exactly
the rows that reading it line by line gives: the same lines, cells and rejected rows, whatever
the line ends, quotes, encodings and stray characters, and wherever the blocks are cut."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from db.interchange import csv_blocks
from db.interchange.csv_blocks import Block, block_rows, blocks
from db.interchange.csv_files import CsvFile, RawRow, open_csv
from db.interchange.incoming import Rejected, UnreadableFileError

HEADER = "First Name,Last Name,Notes\r\n"


def _through_blocks(file: CsvFile, size: int) -> tuple[list[RawRow | Rejected], list[Block]]:
    """The file's rows read block by block, a block that does not end a row joined to the next
    (as the workers' reading does); and the blocks read."""
    source = blocks(file, size)
    rows: list[RawRow | Rejected] = []
    read: list[Block] = []
    for block in source:
        whole = block
        found = block_rows(whole, file)
        while found is None:
            whole = whole.joined(next(source, Block(0, "", final=True)))
            found = block_rows(whole, file)
        rows += found
        read.append(whole)
    return rows, read


def _file(tmp_path: Path, data: bytes, name: str = "file.csv") -> CsvFile:
    path = tmp_path / name
    path.write_bytes(data)
    return open_csv(path)


def _same_as_by_line(file: CsvFile, size: int) -> list[Block]:
    by_line = list(file.rows())
    in_blocks, read = _through_blocks(file, size)
    assert in_blocks == by_line
    return read


_CELL = st.text(alphabet='ab ,;"\r\n\t\x00Äß€', max_size=12)  # (a NUL: read by the line)
_ROWS = st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=12)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=_ROWS,
    ending=st.sampled_from(["\r\n", "\n", "\r"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    stray=st.lists(
        st.tuples(st.integers(0, 12), st.sampled_from(["5'10\"", 'a"b"c', '"x"y'])), max_size=3
    ),
    size=st.integers(1, 120),
)
def test_blocks_give_the_rows_reading_by_the_line_gives(
    tmp_path: Path,
    rows: list[list[str]],
    ending: str,
    quoting: int,
    encoding: str,
    stray: list[tuple[int, str]],
    size: int,
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=quoting, lineterminator=ending)
    lines = [HEADER.replace("\r\n", ending)]
    for row in rows:
        writer.writerow(row)
        lines.append(out.getvalue())
        out.seek(0)
        out.truncate()
    for at, text in stray:  # lines no exporter writes: quotes inside unquoted cells
        lines.insert(1 + at % len(lines), f"{text},x{ending}")
    try:
        file = _file(tmp_path, "".join(lines).encode(encoding))
    except UnreadableFileError:
        assume(False)
        return
    _same_as_by_line(file, size)


def test_a_stray_quote_before_a_cell_over_lines_joins_the_blocks(tmp_path: Path) -> None:
    """`5'10"` leaves the quotes unbalanced, so the line after the quoted cell's first line looks
    like a row's end: that block is read again with the next."""
    text = HEADER + 'Kari,Nordmann,5\'10"\r\nOla,Hansen,"two\r\nlines"\r\nPer,Berg,x\r\n'
    file = _file(tmp_path, text.encode())
    read = _same_as_by_line(file, 16)
    assert any("two\r\nlines" in block.text for block in read)
    assert list(file.rows())[1] == (3, ["Ola", "Hansen", "two\r\nlines"])


def test_rows_keep_their_lines_across_blocks(tmp_path: Path) -> None:
    text = HEADER + "".join(f'P{n},"L{n}","note\r\n{n}"\r\n' for n in range(50))
    file = _file(tmp_path, text.encode())
    rows, read = _through_blocks(file, 64)
    assert len(read) > 10
    assert [row[0] for row in rows if isinstance(row, tuple)] == [2 + 2 * n for n in range(50)]
    assert rows[49] == (100, ["P49", "L49", "note\r\n49"])


def test_what_reading_by_the_line_rejects_is_rejected_in_blocks(tmp_path: Path) -> None:
    """A NUL, a byte that is not UTF-8 past the megabyte the encoding is guessed from (read as
    cp1252), and a quote left open at the end of the file."""
    good = "".join(f"P{n},Øst{n},x\r\n" for n in range(20))
    padding = "".join(f"Person {n},Åsen,{'x' * 40}\r\n" for n in range(20_000))  # 1.2 MB
    data = (HEADER + good + "Nul,Row\x00,x\r\n" + padding).encode() + b"M\xfcller,Ola,x\r\n"
    data += (good + 'Open,"quote\r\n' + good).encode()
    file = _file(tmp_path, data)
    assert file.encoding == "utf-8"
    _same_as_by_line(file, 4096)
    rows, _ = _through_blocks(file, 4096)
    rejected = [row for row in rows if isinstance(row, Rejected)]
    assert [r.where for r in rejected] == ["line 22", "line 20044"]
    assert "NUL" in rejected[0].reason
    assert "not closed before the end of the file" in rejected[1].reason
    assert (20023, ["Müller", "Ola", "x"]) in rows
    assert (21, ["P19", "Øst19", "x"]) in rows


def test_a_line_past_the_limit_is_rejected_and_the_rows_after_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.interchange import csv_files

    for module in (csv_files, csv_blocks):
        monkeypatch.setattr(module, "FIELD_LIMIT", 100)
        monkeypatch.setattr(module, "RECORD_LIMIT", 400)
    good = "".join(f"P{n},L{n},x\r\n" for n in range(10))
    text = HEADER + good + "Long,Line," + "y" * 1000 + "\r\n" + good
    file = _file(tmp_path, text.encode())
    rows, read = _through_blocks(file, 64)
    assert rows == list(file.rows())
    assert any(block.forced for block in read)
    assert any(block.rest_of_line for block in read)
    rejected = [row for row in rows if isinstance(row, Rejected)]
    assert [r.where for r in rejected] == ["line 12"]
    assert [row for row in rows if isinstance(row, tuple)][-1] == (22, ["P9", "L9", "x"])
    assert len(rows) == 21


def test_text_that_does_not_decode_is_named_by_its_line(tmp_path: Path) -> None:
    good = "".join(
        f"P{n}\tL{n}\tx\r\n" for n in range(1000)
    )  # past what the delimiter is guessed from
    data = ("First Name\tLast Name\tNotes\r\n" + good).encode("utf-16") + b"A"  # half a character
    file = _file(tmp_path, data)
    with pytest.raises(UnreadableFileError) as by_line:
        list(file.rows())
    with pytest.raises(UnreadableFileError) as in_blocks:
        list(blocks(file, 40))
    assert str(in_blocks.value) == str(by_line.value)
    assert "line 1002" in str(in_blocks.value)
