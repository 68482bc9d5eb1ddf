"""Importing contacts as one batch: every incoming contact checked, matched against the stored
ones, and then created, skipped, used to fill in or update its match, or added and sent to the
review queue, as the user chose for matches.

One import is one transaction (committed by the caller): a Cancel, an error or a crash leaves
the database as it was. Contacts are worked on a chunk at a time, so that memory stays bounded
however long the file is. `survey_import` works out the same without writing anything, for the
wizard's preview.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

from db.cycle_collector import collector_paused
from db.interchange.csv_blocks import BLOCK_CHARS, block_rows, blocks
from db.interchange.csv_files import RawRow
from db.interchange.csv_rows import CsvRecords, read_row
from db.interchange.import_checks import Checked, Checker, clean_name
from db.interchange.import_matching import Matcher
from db.interchange.import_records import (
    REJECTS_KEPT,
    WARNINGS_KEPT,
    ImportCancelledError,
    ImportOptions,
    ImportResult,
    ImportSurvey,
    LeftOut,
    Match,
)
from db.interchange.import_workers import ReadingSetup, Workers, taken
from db.interchange.incoming import Incoming, Read, Rejected
from db.interchange.normalising import Known, Normaliser
from db.interchange.prepared import Prepared

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Progress = Callable[[int], None]  # rows or cards read so far
CHUNK = 20_000  # incoming contacts checked, matched and written at a time
CANCEL_EVERY = 500
# The workers' contacts are written a quarter chunk at a time when there is nothing to match
# them with: the last write, which nothing else runs beside, is short. (Matching goes through
# the stored contacts' blocks once per chunk: it takes whole chunks.)
WRITES_PER_CHUNK = 4
ESTIMATE_ROWS = 1_000  # rows read to estimate a CSV file's length from its size


@dataclass
class _Chunk:
    checked: list[Checked | Prepared] = field(default_factory=list)
    matches: list[Match | None] = field(default_factory=list)
    coming: int = 0  # records read for the next chunk


@dataclass
class _Reading:
    """What the pipeline has seen so far."""

    read: int = 0
    rejected: int = 0
    rejects: list[Rejected] = field(default_factory=list)
    warned: int = 0
    warnings: list[LeftOut] = field(default_factory=list)

    def reject(self, rejected: Rejected) -> None:
        self.rejected += 1
        if len(self.rejects) < REJECTS_KEPT:
            self.rejects.append(rejected)

    def take(self, record: Checked | Prepared, chunk: _Chunk) -> None:
        """A record that imports, with what was left out of it."""
        chunk.checked.append(record)
        said = record.warnings if isinstance(record, Prepared) else record.incoming.warnings
        if said:
            self.warned += 1
            room = WARNINGS_KEPT - len(self.warnings)
            self.warnings += [(record.where, warning) for warning in said[:room]]


@dataclass(frozen=True)
class _Pass:
    """One pass over the records (a survey's or an import's): how to read them, and who hears."""

    options: ImportOptions
    reading: _Reading
    checker: Checker
    progress: Progress | None
    cancelled: Callable[[], bool]


def _chunks(session: Session, records: Iterable[Read], run: _Pass) -> Iterator[_Chunk]:
    """The records a chunk at a time, checked and matched."""
    matcher = Matcher(session, run.checker.region, run.options.min_score)
    for chunk in _unmatched(records, run, matching=matcher.has_stored()):
        chunk.matches = matcher.match(chunk.checked)
        if run.progress:
            run.progress(run.reading.read)
        yield chunk


def _unmatched(records: Iterable[Read], run: _Pass, *, matching: bool) -> Iterator[_Chunk]:
    """The records a chunk at a time, checked. A long CSV file's rows are read and checked by
    worker processes; a long vCard file's phones and e-mails are normalised by worker processes
    a chunk ahead, while this one works on the chunk before."""
    if isinstance(records, CsvRecords):
        head, long = _head(records)
        if long:  # (the workers read the file from the start: the head was read to tell)
            yield from _worked(records, run, matching=matching)
            return
        reader = records.reader
        records = chain(filter(None, (read_row(reader, row) for row in head)), records)
    source = iter(records)
    batch = list(islice(source, CHUNK))
    normaliser = Normaliser(run.checker.region) if len(batch) == CHUNK else None
    try:
        pending = normaliser.submit(batch) if normaliser else None
        while batch:
            following = list(islice(source, CHUNK))
            ahead = normaliser.submit(following) if normaliser and following else None
            known = pending.known() if pending else None
            chunk = _checked(batch, known, run)
            chunk.coming = len(following)
            yield chunk
            batch, pending = following, ahead
    finally:
        if normaliser:
            normaliser.close()


def _head(records: CsvRecords) -> tuple[list[RawRow | Rejected], bool]:
    """The first rows of a CSV file, and whether the file is a long one: a few rows tell that
    from the file's size (so that the workers start at once), else a chunk's worth is read."""
    rows = records.raw_rows()
    sample = min(ESTIMATE_ROWS, CHUNK)
    head = list(islice(rows, sample))
    if len(head) < sample:
        return head, False
    if records.estimated_rows(head) >= CHUNK:
        return head, True
    head.extend(islice(rows, CHUNK - sample))
    return head, len(head) == CHUNK


def _worked(records: CsvRecords, run: _Pass, *, matching: bool) -> Iterator[_Chunk]:
    """A long CSV file's chunks, read and checked by worker processes (which work out the
    contacts' matching profiles only when there are stored contacts to match)."""
    reading = run.reading
    setup = ReadingSetup(
        records.file, records.mapping, records.order, run.checker.setup(), matching
    )
    size = CHUNK if matching else CHUNK // WRITES_PER_CHUNK
    workers = Workers(setup)
    try:
        chunk = _Chunk()
        for block, answers in workers.read(blocks(records.file, BLOCK_CHARS)):
            for answer in answers:
                reading.read += 1
                record = taken(block, answer)
                if isinstance(record, Rejected):
                    reading.reject(record)
                else:
                    reading.take(record, chunk)
            if run.cancelled():
                raise ImportCancelledError
            if run.progress:
                run.progress(reading.read)
            if len(chunk.checked) >= size:
                chunk.coming = CHUNK  # (more may follow: known only once they are read)
                yield chunk
                chunk = _Chunk()
        if chunk.checked:
            yield chunk
    finally:
        workers.close()


def _read_again(chunk: _Chunk, records: CsvRecords, checker: Checker) -> None:
    """A contact read by a worker that matches one to fill in or update, read again here in full:
    the worker sent only the rows it makes as a new contact (enough for a survey)."""
    rows: dict[int, dict[int, RawRow]] = {}  # the rows of each block read again, by line
    for n, (record, match) in enumerate(zip(chunk.checked, chunk.matches, strict=True)):
        if match is not None and isinstance(record, Prepared) and record.row is not None:
            block, line = record.row
            if id(block) not in rows:
                found = block_rows(block, records.file) or []
                rows[id(block)] = {r[0]: r for r in found if not isinstance(r, Rejected)}
            incoming = read_row(records.reader, rows[id(block)][line])
            checked = checker.check(incoming) if isinstance(incoming, Incoming) else None
            if not isinstance(checked, Checked):  # (the worker read and checked it the same)
                raise AssertionError(f"{record.where} reads differently a second time")
            chunk.checked[n] = checked


def _checked(batch: list[Read], known: Known | None, run: _Pass) -> _Chunk:
    reading, checker, progress, cancelled = run.reading, run.checker, run.progress, run.cancelled
    chunk = _Chunk()
    for record in batch:
        reading.read += 1
        if reading.read % CANCEL_EVERY == 0:
            if cancelled():
                raise ImportCancelledError
            if progress:
                progress(reading.read)
        checked = checker.check(record, known) if isinstance(record, Incoming) else record
        if isinstance(checked, Rejected):
            reading.reject(checked)
        else:
            reading.take(checked, chunk)
    if cancelled():
        raise ImportCancelledError
    return chunk


def survey_import(
    session: Session,
    records: Iterable[Read],
    options: ImportOptions,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ImportSurvey:
    """What importing `records` would do; nothing is written."""
    from db.categories import categories

    reading = _Reading()
    checker = Checker(session)
    known = {c.name.casefold() for c in categories(session)}
    # What new and matched contacts would make: the matched ones only unless they are skipped.
    made: dict[str, dict[str, dict[str, str]]] = {
        side: {"fields": {}, "categories": {}} for side in ("new", "matched")
    }
    new = matched = 0
    by_how: dict[str, int] = {}
    with collector_paused():
        for chunk in _chunks(
            session, records, _Pass(options, reading, checker, progress, cancelled)
        ):
            for record, match in zip(chunk.checked, chunk.matches, strict=True):
                if match is None:
                    new += 1
                else:
                    matched += 1
                    by_how[match.how] = by_how.get(match.how, 0) + 1
                side = made["new" if match is None else "matched"]
                for name, _value in record.values:
                    if name.casefold() not in checker.fields:
                        side["fields"].setdefault(name.casefold(), name)
                for given in record.categories:
                    name = clean_name(given)
                    if name and name.casefold() not in known:
                        side["categories"].setdefault(name.casefold(), name)
    return ImportSurvey(
        read=reading.read,
        new=new,
        matched=matched,
        rejected=reading.rejected,
        by_how=by_how,
        rejects=tuple(reading.rejects),
        warned=reading.warned,
        warnings=tuple(reading.warnings),
        new_fields=tuple(made["new"]["fields"].values()),
        new_categories=tuple(made["new"]["categories"].values()),
        matched_fields=tuple(made["matched"]["fields"].values()),
        matched_categories=tuple(made["matched"]["categories"].values()),
    )


def run_import(
    session: Session,
    records: Iterable[Read],
    options: ImportOptions,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ImportResult:
    """Import `records` as one batch. Raises ImportCancelledError when cancelled: the caller
    rolls back, and nothing is left of it."""
    from db.interchange.import_batches import Batch

    reading = _Reading()
    batch = Batch.begin(session, options)
    checker = Checker(session)
    with collector_paused():
        for chunk in _chunks(
            session, records, _Pass(options, reading, checker, progress, cancelled)
        ):
            if isinstance(records, CsvRecords) and options.on_match in ("fill", "update"):
                _read_again(chunk, records, checker)
            batch.take(chunk.checked, chunk.matches, chunk.coming)
            if cancelled():
                raise ImportCancelledError
    return batch.finish(
        reading.rejected, tuple(reading.rejects), reading.warned, tuple(reading.warnings)
    )
