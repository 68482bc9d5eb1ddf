"""Reading CSV files as exporters write them: encodings, delimiters, line numbers, limits."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from db.interchange.csv_files import FIELD_LIMIT, open_csv, preview
from db.interchange.incoming import Rejected, UnreadableFileError

HEADER = "First Name,Last Name,E-mail Address"


def write(
    folder: Path, content: str | bytes, encoding: str = "utf-8", name: str = "in.csv"
) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def rows(path: Path, encoding: str | None = None) -> list[tuple[int, list[str]] | Rejected]:
    return list(open_csv(path, encoding).rows())


@pytest.mark.parametrize(
    ("prefix", "encoding", "expected"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM"],
)
def test_unicode_encodings_are_found_and_the_bom_is_not_part_of_the_header(
    tmp_path: Path, prefix: bytes, encoding: str, expected: str
) -> None:
    text = f"{HEADER}\r\nZoë,Ødegård,zoe@example.no\r\n"
    path = write(tmp_path, prefix + text.encode(encoding))
    found = open_csv(path)
    assert found.encoding == expected
    assert found.header == ("First Name", "Last Name", "E-mail Address")
    assert rows(path) == [(2, ["Zoë", "Ødegård", "zoe@example.no"])]


def test_cp1252_is_the_fallback_when_the_file_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Price\r\nRené,5 €\r\n", "cp1252")
    found = open_csv(path)
    assert found.encoding == "cp1252"
    assert rows(path) == [(2, ["René", "5 €"])]


def test_a_cp1252_line_after_the_first_megabyte_of_ascii_is_read_as_cp1252(tmp_path: Path) -> None:
    filler = "".join(f"a{n},b\n" for n in range(200_000))  # > 1 MB of plain ASCII
    path = write(tmp_path, ("x,y\n" + filler + "René,€\n").encode("cp1252"))
    assert open_csv(path).encoding == "utf-8"
    last = rows(path)[-1]
    assert last == (200_002, ["René", "€"])


def test_a_named_encoding_is_used(tmp_path: Path) -> None:
    path = write(tmp_path, "Name\nЖанна\n", "koi8-r")
    found = open_csv(path, "KOI8-R")
    assert found.encoding == "koi8-r"
    assert rows(path, "koi8-r") == [(2, ["Жанна"])]


def test_an_unknown_encoding_name_is_refused_in_words(tmp_path: Path) -> None:
    path = write(tmp_path, "Name\nAda\n")
    with pytest.raises(UnreadableFileError, match=r"in\.csv: 'klingon' is not an encoding"):
        open_csv(path, "klingon")
    with pytest.raises(UnreadableFileError, match="'base64' is not an encoding"):
        open_csv(path, "base64")


def test_a_line_that_does_not_decode_in_the_named_encoding_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "Name\nAda\nRené\n", "cp1252")
    with pytest.raises(UnreadableFileError, match=r"in\.csv, line 3: does not decode as utf-8"):
        rows(path, "utf-8")


@pytest.mark.parametrize(
    "content",
    [b"", b"  \r\n", b"\x00\x01\x02\x00\x00\x00\x89PNG\x00\x00" * 50],
    ids=["empty", "blank", "binary"],
)
def test_files_that_are_not_csv_at_all_are_refused(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    with pytest.raises(UnreadableFileError, match=r"in\.csv"):
        open_csv(path)


def test_a_missing_file_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="cannot be opened"):
        open_csv(tmp_path / "gone.csv")


def test_utf16_without_a_bom_is_recognised_by_its_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\r\nAda,Lovelace,ada@example.org\r\n", "utf-16-le")
    assert open_csv(path).encoding == "utf-16-le"
    assert rows(path) == [(2, ["Ada", "Lovelace", "ada@example.org"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_the_delimiter_is_found(tmp_path: Path, delimiter: str) -> None:
    text = f"Vorname{delimiter}Nachname{delimiter}Firma\nBjörn{delimiter}Groß{delimiter}A.B\n"
    path = write(tmp_path, text)
    found = open_csv(path)
    assert found.delimiter == delimiter
    assert rows(path) == [(2, ["Björn", "Groß", "A.B"])]


@pytest.mark.parametrize(
    "body",
    [
        "a,,,b,,\n,,c,,\n,,,,,,,d,,,,,,,\n",  # the sniffer cannot tell
        "".join(f"a{n},note ;'x'; and ;'y';" + "," * 35 + "\n" for n in range(3)),  # it says ";"
    ],
    ids=["sniffer fails", "sniffer misled"],
)
def test_a_sparse_file_falls_back_to_counting_delimiters_in_the_header_line(
    tmp_path: Path, body: str
) -> None:
    header = ",".join(f"Column {n}" for n in range(37))  # Thunderbird's: many columns
    path = write(tmp_path, f"{header}\n{body}")
    found = open_csv(path)
    assert found.delimiter == ","
    assert found.width == 37
    assert rows(path)[0][1][0].startswith("a")  # type: ignore[index]


def test_line_breaks_inside_quotes_and_rows_keep_the_line_they_start_on(tmp_path: Path) -> None:
    text = 'Name,Notes\r\nAda,"one\r\ntwo\r\nthree"\r\n\r\nBob,"x"\r\nCy,"a\nb"\nDee,z\n'
    path = write(tmp_path, text)
    assert rows(path) == [
        (2, ["Ada", "one\r\ntwo\r\nthree"]),
        (6, ["Bob", "x"]),
        (7, ["Cy", "a\nb"]),
        (9, ["Dee", "z"]),
    ]


def test_a_quote_never_closed_is_a_rejected_row_not_a_swallowed_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'Name,Notes\nAda,ok\nBob,"never closed\nCy,x\nDee,y\n')
    read = rows(path)
    assert read[0] == (2, ["Ada", "ok"])
    assert isinstance(read[1], Rejected)
    assert read[1].where == "line 3"
    assert "not closed" in read[1].reason


def test_a_cell_over_the_limit_spanning_lines_is_rejected_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    big_line = "x" * 1000 + "\n"
    big = big_line * (FIELD_LIMIT // 1000 + 10)  # over the limit, in lines under it
    path = write(tmp_path, f'Name,Notes\nAda,a\nBob,"{big}",more\nCy,c\n')
    read = rows(path)
    assert read[0] == (2, ["Ada", "a"])
    assert isinstance(read[1], Rejected)
    assert read[1].where == "line 3"
    assert f"longer than {FIELD_LIMIT:,} characters" in read[1].reason
    last_line = 3 + big.count("\n") + 1
    assert read[2:] == [(last_line, ["Cy", "c"])]


def test_a_line_over_the_limit_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path, f"Name,Notes\nAda,{'y' * (FIELD_LIMIT + 5)},z\nBob,b\n")
    read = rows(path)
    assert isinstance(read[0], Rejected)
    assert read[0].where == "line 2"
    assert read[1:] == [(3, ["Bob", "b"])]


def test_a_nul_character_rejects_its_row_only(tmp_path: Path) -> None:
    others = "".join(f"P{n},Q{n}\n" for n in range(50))
    path = write(tmp_path, f"Name,Notes\nAda,a\x00b\n{others}")
    read = rows(path)
    assert isinstance(read[0], Rejected)
    assert read[0].where == "line 2"
    assert "NUL" in read[0].reason
    assert read[1] == (3, ["P0", "Q0"])
    assert len(read) == 51


def test_without_a_header_the_first_row_is_data(tmp_path: Path) -> None:
    path = write(tmp_path, "Ada,Lovelace\nBob,Smith\n")
    found = open_csv(path, has_header=False)
    assert found.header == ()
    assert found.width == 2
    assert list(found.rows()) == [(1, ["Ada", "Lovelace"]), (2, ["Bob", "Smith"])]


def test_preview_gives_the_facts_and_the_first_rows(tmp_path: Path) -> None:
    body = "".join(f"P{n};Q{n}\r\n" for n in range(20))
    path = write(tmp_path, codecs.BOM_UTF8 + f"A;B\r\n{body}".encode())
    shown = preview(path, rows=3)
    assert shown.file.delimiter == ";"
    assert shown.file.encoding == "utf-8-sig"
    assert shown.file.header == ("A", "B")
    assert shown.rows == ((2, ["P0", "Q0"]), (3, ["P1", "Q1"]), (4, ["P2", "Q2"]))
