"""Whatever the file holds, reading it ends, and the only exception is UnreadableFileError: random
bytes, random CSV-like text, and sample files with bytes changed. And a 5 MB cell is rejected with
bounded memory while the rows after it still read.

CARDFILE_FUZZ_EXAMPLES=20000 runs each fuzz test that many times (by hand, not in `make test`).
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.interchange.csv_rows import read_csv
from db.interchange.incoming import Incoming, Rejected, UnreadableFileError

EXAMPLES = int(os.environ.get("CARDFILE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENCODINGS = st.sampled_from([None, None, "utf-8", "cp1252", "utf-16", "latin-1"])
ORDERS = st.sampled_from([None, "MDY", "DMY", "YMD"])
CSV_CHARACTERS = [*',;\t"\r\n aZé€*-/019@.:\x00\ufeff', " ::: ", "E+12", "0/0/00"]
SAMPLES = [
    '"Title","First Name","Last Name","Company","Business Phone","E-mail Address","Birthday",'
    '"Categories","Notes"\r\n"","Jürgen","Müller","S & S","+49 30 1234567","j@example.de",'
    '"3/22/1980","Kunden;VIP","Line one\r\nLine two"\r\n',
    "First Name,Last Name,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
    "Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
    "Address 1 - City\nAda,Lovelace,--12-10,* myContacts ::: Friends,* Home,"
    'a@example.org ::: b@example.com,Mobile,+44 20 7946 0958,Home,"12 Sq\nLondon",12 Sq,London\n',
    "Display Name;First Name;Last Name;Primary Email;Birth Year;Birth Month;Birth Day\n"
    "John Doe;John;Doe;john@example.com;1980;1;15\nJane Doe;;;;;2;29\n",
]


def consume(path: Path, encoding: str | None, order: str | None, unknown: str) -> None:
    records: list[object] = []
    problem = ""
    try:
        found = read_csv(path, encoding=encoding, date_order=order, unknown=unknown)
        records = list(found.records)
    except UnreadableFileError as exc:
        problem = str(exc)
    assert all(isinstance(record, Incoming | Rejected) for record in records)
    assert not problem or problem.startswith(str(path))  # the message names the file


@FUZZ
@given(content=st.binary(max_size=3000), encoding=ENCODINGS, order=ORDERS)
def test_random_bytes(tmp_path: Path, content: bytes, encoding: str | None, order: str) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(content)
    consume(path, encoding, order, "custom")


@FUZZ
@given(
    header=st.lists(st.sampled_from([*CSV_CHARACTERS, "Name", "Email", "Birthday"]), max_size=30),
    body=st.lists(st.sampled_from(CSV_CHARACTERS), max_size=400),
    write_as=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    unknown=st.sampled_from(["custom", "ignore"]),
)
def test_random_csv_like_text(
    tmp_path: Path, header: list[str], body: list[str], write_as: str, unknown: str
) -> None:
    path = tmp_path / "text.csv"
    path.write_bytes(("".join(header) + "\n" + "".join(body)).encode(write_as, "replace"))
    consume(path, None, None, unknown)


@FUZZ
@given(
    sample=st.sampled_from(SAMPLES),
    write_as=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    changes=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["set", "insert", "delete"]),
            st.binary(min_size=1, max_size=3),
        ),
        max_size=12,
    ),
    encoding=ENCODINGS,
)
def test_sample_files_with_bytes_changed(
    tmp_path: Path,
    sample: str,
    write_as: str,
    changes: list[tuple[int, str, bytes]],
    encoding: str | None,
) -> None:
    content = bytearray(sample.encode(write_as, "replace"))
    for where, how, data in changes:
        at = where % (len(content) + 1)
        if how == "insert":
            content[at:at] = data
        elif how == "set":
            content[at : at + len(data)] = data
        else:
            del content[at : at + len(data)]
    path = tmp_path / "mutated.csv"
    path.write_bytes(bytes(content))
    consume(path, encoding, None, "custom")


@pytest.mark.parametrize("on_one_line", [True, False], ids=["one line", "many lines"])
def test_a_5_mb_cell_is_rejected_with_bounded_memory_and_the_rows_after_it_read(
    tmp_path: Path, on_one_line: bool
) -> None:
    big = "x" * 5_000_000 if on_one_line else ("y" * 999 + "\n") * 5_000
    path = tmp_path / "big.csv"
    path.write_text(f'Name,Notes\nAda,a\nBob,"{big}"\nCy,c\nDee,d\n', encoding="utf-8")
    del big
    tracemalloc.start()
    try:
        records = list(read_csv(path).records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000, f"peak {peak:,} bytes"
    assert [type(r).__name__ for r in records] == ["Incoming", "Rejected", "Incoming", "Incoming"]
    problem = records[1]
    assert isinstance(problem, Rejected)
    assert problem.where == "line 3"
    assert "longer than 1,048,576 characters" in problem.reason
    after = records[2]
    assert isinstance(after, Incoming)
    assert after.fields.first_name == "Cy"
