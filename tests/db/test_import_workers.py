"""A long CSV file read and checked by worker processes gives exactly what reading it here gives:
the same contacts with the same phones, e-mails, addresses, user fields and categories, the same
rejected rows (line, field, reason and cells), the same matches filled in, and a Cancel that
leaves nothing."""

from __future__ import annotations

import csv
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from db.contacts import create_contact
from db.interchange import import_workers, importing
from db.interchange.csv_rows import CsvRecords, read_csv
from db.interchange.import_files import ImportSource, records_of
from db.interchange.import_records import ImportCancelledError, ImportOptions, ImportResult
from db.interchange.importing import run_import, survey_import
from db.records import Email, Phone
from db.store import Store, open_store
from db.store_settings import set_default_region
from tests.db.factories import person

ROWS = 130
HEADER = [
    "First Name",
    "Last Name",
    "Company",
    "E-mail Address",
    "Business Phone",
    "Mobile Phone",
    "Business Street",
    "Business City",
    "Birthday",
    "Categories",
    "Shoe Size",  # not an Outlook column: a user field
]
TABLES = {
    "contacts": "SELECT * FROM contacts ORDER BY id",  # (the times left out below)
    "phones": "SELECT contact_id, position, kind, number, e164 FROM phones ORDER BY 1, 2",
    "emails": "SELECT contact_id, position, address, normalized, is_primary FROM emails "
    "ORDER BY 1, 2",
    "addresses": "SELECT contact_id, street, city, is_mailing FROM addresses ORDER BY 1",
    "values": "SELECT v.contact_id, f.name, v.value_text FROM custom_values v "
    "JOIN custom_fields f ON f.id = v.field_id ORDER BY 1, 2",
    "categories": "SELECT cc.contact_id, c.name FROM contact_categories cc "
    "JOIN categories c ON c.id = cc.category_id ORDER BY 1, 2",
    "search": "SELECT rowid, document FROM contact_search ORDER BY rowid",
    "history": "SELECT contact_id, kind, text FROM history ORDER BY 1, 2, 3",
}


def _row(n: int) -> list[str]:
    if n == 40:
        return [""] * len(HEADER)  # an empty row: nobody
    email = f"person{n}@firma{n % 7}.example" if n % 19 else "not an address"
    birthday = f"{1 + n % 12}/{1 + n % 28}/19{50 + n % 40}" if n % 23 else "2/30/1970"
    return [
        f"First{n}",
        f"Last{n}",
        f"Firma {n % 7}",
        email,
        f"+47 22 33 {n:04d}",
        f"+47 912 34 {n:03d}" if n % 3 else "",
        f"{n} Storgata",
        "Oslo",
        birthday,
        "Kunder;VIP" if n % 5 == 0 else "Kunder",
        f"{40 + n % 6}" if n % 4 else "",
    ]


def _written(path: Path, rows: int) -> Path:
    with path.open("w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(_row(n) for n in range(rows))
    return path


@pytest.fixture
def outlook_file(tmp_path: Path) -> Path:
    return _written(tmp_path / "long.csv", ROWS)


def _through_workers(patch: pytest.MonkeyPatch) -> list[int]:
    """Chunks of 40 rows in blocks of about 7 rows, so that a file of a few dozen rows is a long
    one; the rows each block handed to the workers held (but empty ones)."""
    handed: list[int] = []
    patch.setattr(importing, "CHUNK", 40)
    patch.setattr(importing, "BLOCK_CHARS", 7 * 110)  # (a row: about 110 characters)
    original = import_workers.Workers.read

    def counted(self: import_workers.Workers, blocks: Any) -> Any:
        for block, answers in original(self, blocks):
            handed.append(len(answers))
            yield block, answers

    patch.setattr(import_workers.Workers, "read", counted)
    return handed


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return _through_workers(monkeypatch)


def _stored(store: Store) -> int:
    with store.session() as session:
        set_default_region(session, "NO")
        fields = person(
            "First3",
            "Last3",
            company="Firma 3",
            emails=(Email("person3@firma3.example"),),
            phones=(Phone("+47 22 33 0003"),),
        )
        return create_contact(session, fields).id


def _rows(session: Session, sql: str) -> list[tuple[Any, ...]]:
    """The rows `sql` selects, without the times they were written at."""
    result = session.execute(text(sql))
    keep = [n for n, name in enumerate(result.keys()) if not name.endswith("_at")]
    return [tuple(row[n] for n in keep) for row in result]


def _import(path: Path, csv_file: Path, on_match: str = "fill") -> tuple[ImportResult, dict]:
    store = open_store(path)
    _stored(store)
    with store.session() as session:
        records = records_of(ImportSource(csv_file))
        result = run_import(session, records, ImportOptions(on_match, file_name="long.csv"))
    with store.session() as session:
        tables = {name: _rows(session, sql) for name, sql in TABLES.items()}
    store.close()
    return result, tables


@pytest.mark.parametrize("on_match", ["fill", "update", "skip", "review"])
def test_workers_import_exactly_what_reading_here_imports(
    tmp_path: Path, outlook_file: Path, on_match: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, here_tables = _import(tmp_path / "here.sqlite", outlook_file, on_match)
    with monkeypatch.context() as patch:
        handed = _through_workers(patch)
        worked, worked_tables = _import(tmp_path / "worked.sqlite", outlook_file, on_match)
    assert sum(handed) == ROWS - 1  # (all but the empty row)
    assert max(handed) <= 8
    assert len(handed) > ROWS // 8
    assert (worked.created, worked.updated, worked.skipped) == (
        here.created,
        here.updated,
        here.skipped,
    )
    assert worked.review_pairs == here.review_pairs
    assert [(r.where, r.field, r.reason, r.raw) for r in worked.rejects] == [
        (r.where, r.field, r.reason, r.raw) for r in here.rejects
    ]
    assert worked_tables == here_tables
    # What the file holds came in: a sanity check that the comparison is not of two empty sets.
    bad = [n for n in range(ROWS) if n != 40 and (n % 19 == 0 or n % 23 == 0)]
    assert worked.rejected == len(bad)
    assert worked.rejects[0].where == "line 2"
    assert worked.rejects[0].field == "E-mail Address"
    assert worked.rejects[0].raw[0] == "First0"
    names = {row[1] for row in worked_tables["values"]}
    assert names == {"Shoe Size"}
    assert "+4791234001" in {row[4] for row in worked_tables["phones"]}
    if on_match == "fill":
        assert worked.updated == 1  # First3 Last3: the stored one, filled in (birthday, address)


def test_a_stray_quote_and_cells_over_lines_import_through_the_workers_as_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows no exporter writes (`5'10"` unquoted, which leaves the quotes unbalanced) before
    notes over several lines: blocks cut where the quotes look balanced are read again joined
    to the next, and every row comes in as reading here reads it."""
    path = tmp_path / "stray.csv"
    lines = ["First Name,Last Name,Notes,Business Phone\r\n"]
    for n in range(ROWS):
        if n % 9 == 0:
            lines.append(f"Tall{n},Person{n},5'10\",+47 22 33 {n:04d}\r\n")
        lines.append(f'First{n},Last{n},"line one\r\nline two {n}",+47 23 33 {n:04d}\r\n')
    path.write_text("".join(lines), encoding="utf-8", newline="")
    here, here_tables = _import(tmp_path / "here.sqlite", path)
    joined = []
    original = import_workers.Block.joined

    def counted(self: import_workers.Block, following: import_workers.Block) -> Any:
        joined.append(self.line)
        return original(self, following)

    with monkeypatch.context() as patch:
        handed = _through_workers(patch)
        patch.setattr(import_workers.Block, "joined", counted)
        worked, worked_tables = _import(tmp_path / "worked.sqlite", path)
    assert handed
    assert joined  # (some blocks were cut inside a quoted cell)
    assert (worked.created, worked.updated, worked.rejected) == (
        here.created,
        here.updated,
        here.rejected,
    )
    assert worked_tables == here_tables
    assert worked.created == ROWS + len(range(0, ROWS, 9))
    values = [v for row in worked_tables["contacts"] for v in row if isinstance(v, str)]
    assert "5'10\"" in values
    assert any(v.startswith("line one") and v.endswith("line two 129") for v in values)


def test_a_survey_through_the_workers_counts_as_the_import_does(
    tmp_path: Path, outlook_file: Path, small_pieces: list[int]
) -> None:
    store = open_store(tmp_path / "survey.sqlite")
    _stored(store)
    with store.session() as session:
        survey = survey_import(session, records_of(ImportSource(outlook_file)), ImportOptions())
    assert sum(small_pieces) == ROWS - 1
    bad = [n for n in range(ROWS) if n != 40 and (n % 19 == 0 or n % 23 == 0)]
    assert survey.rejected == len(bad)
    assert (survey.new, survey.matched) == (ROWS - 1 - len(bad) - 1, 1)
    assert survey.new_fields == ("Shoe Size",)
    assert set(survey.new_categories) == {"Kunder", "VIP"}
    store.close()


def test_cancel_while_the_workers_read_leaves_nothing(
    tmp_path: Path, outlook_file: Path, small_pieces: list[int]
) -> None:
    store = open_store(tmp_path / "cancel.sqlite")
    _stored(store)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 8  # after a chunk has been written

    with pytest.raises(ImportCancelledError), store.session() as session:
        run_import(
            session,
            records_of(ImportSource(outlook_file)),
            ImportOptions(),
            cancelled=cancelled,
        )
    with store.session() as session:
        count = session.execute(text("SELECT count(*) FROM contacts")).scalar()
        batches = session.execute(text("SELECT count(*) FROM import_batches")).scalar()
        fields = session.execute(text("SELECT count(*) FROM custom_fields")).scalar()
    assert (count, batches, fields) == (1, 0, 0)
    assert small_pieces  # the workers were reading when it was cancelled
    store.close()


@pytest.mark.parametrize(("rows", "long"), [(ROWS, True), (30, False)])
def test_a_few_rows_and_the_size_of_the_file_tell_a_long_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int, long: bool
) -> None:
    """The workers start once the first rows are read when the file is long enough for them
    (judged by its size); a short file is read a chunk's worth to be sure."""
    monkeypatch.setattr(importing, "CHUNK", 100)
    monkeypatch.setattr(importing, "ESTIMATE_ROWS", 10)
    path = _written(tmp_path / "file.csv", rows)
    records = records_of(ImportSource(path))
    assert isinstance(records, CsvRecords)
    assert records.estimated_rows(list(islice(read_csv(path).records.raw_rows(), 10))) in range(
        rows - 1, rows * 5 // 4
    )
    head, found_long = importing._head(records)
    assert found_long is long
    assert len(head) == (10 if long else rows)


def test_what_the_workers_leave_out_is_said_as_when_read_here(
    tmp_path: Path, small_pieces: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "thunderbird.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["First Name", "Last Name", "Birth Year", "Birth Month", "Birth Day"])
        writer.writerows(
            [f"First{n}", f"Last{n}", "1970", "3", "" if n % 10 else "4"] for n in range(ROWS)
        )

    def imported(name: str) -> ImportResult:
        store = open_store(tmp_path / name)
        with store.session() as session:
            result = run_import(session, records_of(ImportSource(path)), ImportOptions())
        store.close()
        return result

    worked = imported("workers.sqlite")
    assert small_pieces  # read by the workers
    assert worked.created == ROWS
    assert worked.warned == ROWS - 13  # all but rows 0, 10, ... 120
    said = "Birth Year: a birthday needs a month and a day; not imported"
    assert worked.warnings[0] == ("line 3", said)
    monkeypatch.setattr(importing, "CHUNK", 10_000)
    here = imported("here.sqlite")
    assert (here.warned, here.warnings) == (worked.warned, worked.warnings)
