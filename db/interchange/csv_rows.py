"""CSV rows to `Incoming` records (or `Rejected` ones, with line, column and reason): the reading
half of Cardfile's CSV import. Nothing is stored here; `read_csv` streams.

Checked per row: dates (in the file's day/month order), e-mail addresses, phone numbers a
spreadsheet damaged, yes/no flags, lengths, and that the row names someone (a name, a company,
an e-mail or a phone). Rows with a problem are rejected whole: the good rows import, and the
rejected ones can be written to a file of their own (`write_rejected`) to be fixed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from db.interchange.csv_dates import ORDERS, DateOrder, guess_order
from db.interchange.csv_files import CsvFile, RawRow, open_csv
from db.interchange.csv_items import BadRowError
from db.interchange.csv_mapping import Mapping, guess_mapping
from db.interchange.csv_record import RowReader
from db.interchange.incoming import Read, Rejected

DATE_SAMPLE_ROWS = 5000  # rows looked at to guess the day/month order
PROBLEM_COLUMN = "Problem"


@dataclass(frozen=True)
class CsvRead:
    """A CSV file being read: what was found out about it, the mapping used, the day/month
    order (and why), and the records, read as they are asked for."""

    file: CsvFile
    mapping: Mapping
    date_order: DateOrder
    records: Iterator[Read]

    @property
    def layout(self) -> str:
        return self.mapping.layout


def read_csv(
    path: Path | str,
    mapping: Mapping | None = None,
    *,
    encoding: str | None = None,
    date_order: str | None = None,
    unknown: str = "custom",
) -> CsvRead:
    """Reads the CSV file at `path` into `Incoming` and `Rejected` records.

    `mapping` (from `guess_mapping`, changed in the wizard) says where each column goes; None
    guesses it from the header, unknown columns becoming user fields (`unknown="custom"`) or
    left out ("ignore"). `date_order` is "MDY", "DMY" or "YMD"; None guesses it from the
    file's dates. Raises UnreadableFileError when the file cannot be read at all.
    """
    has_header = mapping.has_header if mapping is not None else True
    found = open_csv(path, encoding, has_header=has_header)
    if mapping is None:
        mapping = guess_mapping(found.header, unknown)
    if date_order is not None:
        if date_order not in ORDERS:
            raise ValueError(f"date_order must be one of {ORDERS}, not {date_order!r}")
        order = DateOrder(date_order, "as chosen")
    else:
        order = _guess_order(found, mapping)
    return CsvRead(found, mapping, order, CsvRecords(found, mapping, order.order))


class CsvRecords(Iterator[Read]):
    """The file's records, read as they are asked for. A big import reads the rows into records
    in worker processes instead (`db.interchange.import_workers`): the file, the mapping and
    the day/month order are kept here for that."""

    def __init__(self, file: CsvFile, mapping: Mapping, order: str) -> None:
        self.file, self.mapping, self.order = file, mapping, order
        self.reader = RowReader(mapping, order)
        self._rows = file.rows()

    def __next__(self) -> Read:
        for row in self._rows:
            record = read_row(self.reader, row)
            if record is not None:
                return record
        raise StopIteration

    def estimated_rows(self, first: Sequence[RawRow | Rejected]) -> int:
        """About how many rows the file holds (rather more than fewer), judged by its size and
        the length of its `first` rows (each cell counted with its delimiter, not its quotes)."""
        lengths = [sum(map(len, row[1])) + len(row[1]) for row in first if isinstance(row, tuple)]
        if not lengths:
            return len(first)
        try:
            size = self.file.path.stat().st_size
        except OSError:
            return len(first)
        return size * len(lengths) // max(1, sum(lengths))

    def raw_rows(self) -> Iterator[RawRow | Rejected]:
        """The rows not yet read, as the file has them."""
        return self._rows


def read_row(reader: RowReader, row: RawRow | Rejected) -> Read | None:
    """One row's record (None for an empty row), or why it is rejected (as it stands when the
    file could not give the row)."""
    if isinstance(row, Rejected):
        return row
    line, cells = row
    try:
        return reader.record(line, cells)
    except BadRowError as problem:
        return Rejected(f"line {line}", problem.reason, problem.column, tuple(cells))


def _guess_order(found: CsvFile, mapping: Mapping) -> DateOrder:
    columns = [
        position
        for position, target in enumerate(mapping.targets)
        if target.role == "field" and target.name == "birthday"
    ]
    if not columns:
        return guess_order(())
    with closing(found.rows()) as rows:
        dates = [
            (row[0], row[1][column])
            for row in islice(rows, DATE_SAMPLE_ROWS)
            if not isinstance(row, Rejected)
            for column in columns
            if column < len(row[1]) and row[1][column].strip()
        ]
    return guess_order(dates)


def write_rejected(rows: Iterable[Rejected], header: Sequence[str], out_path: Path | str) -> int:
    """Writes the rejected rows to a CSV file that Excel opens (UTF-8 with a BOM): the rows'
    own cells under the file's header, and a "Problem" column saying what is wrong. Returns
    how many rows were written."""
    width = len(header)
    written = 0
    with Path(out_path).open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*header, PROBLEM_COLUMN])
        for rejected in rows:
            cells = list(rejected.raw[:width]) + [""] * max(0, width - len(rejected.raw))
            writer.writerow([*cells, str(rejected), *rejected.raw[width:]])
            written += 1
    return written
