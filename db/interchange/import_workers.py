"""A big CSV import's rows read and checked in worker processes, while the importing process
only splits the file into rows, matches and writes: reading a row into a contact, checking it,
parsing its phones (`phonenumbers`) and e-mails (`email_validator`) and working out the rows it
makes cost more than everything else an import does.

The rows go to the workers a piece at a time, a few pieces ahead, and come back in order as
plain tuples (`db.interchange.prepared`), one per row: a row that is empty as None, a rejected
one as (where, reason, field). Workers are spawned, not forked: the caller may hold Qt or
database connections.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any

from db.duplicate_check import append_profile
from db.duplicate_profiles import Profiles
from db.interchange.csv_files import RawRow
from db.interchange.csv_mapping import Mapping
from db.interchange.csv_record import RowReader
from db.interchange.csv_rows import read_row
from db.interchange.import_checks import Checker, CheckerSetup
from db.interchange.incoming import Incoming, Rejected
from db.interchange.prepared import PROFILE_COLUMNS, Prepared, entry

WORKERS = 2
PIECE = 1_000  # rows per task
AHEAD = 40  # tasks in flight at most: the workers go on while a chunk is written (bounds memory)

Row = RawRow | Rejected  # as the file gives it
Answer = tuple[Any, ...] | None


@dataclass(frozen=True)
class ReadingSetup:
    """What a worker needs to read and check rows: the file's mapping and day/month order, and
    the database's phone region and user fields."""

    mapping: Mapping
    order: str
    checks: CheckerSetup
    profiles: bool = True  # work out each contact's matching profile


_worker: tuple[RowReader, Checker, bool] | None = None


def _start(setup: ReadingSetup) -> None:
    global _worker  # noqa: PLW0603 (one per worker process, made once)
    reader, checker = RowReader(setup.mapping, setup.order), Checker(None, setup=setup.checks)
    _worker = (reader, checker, setup.profiles)
    # What the worker holds from now on (modules, tables) is left out of the cycle collector's
    # passes, which otherwise go over it again and again while rows are made and dropped.
    gc.freeze()


def _answer(reader: RowReader, checker: Checker, profiles: bool, row: Row) -> Answer:
    if isinstance(row, Rejected):
        return None  # (the importing process has it)
    incoming = read_row(reader, row)
    if incoming is None:
        return None
    record = checker.check(incoming) if isinstance(incoming, Incoming) else incoming
    if isinstance(record, Rejected):
        return (record.where, record.reason, record.field)
    if not profiles:
        return entry(record, ())
    profile = Profiles()
    append_profile(profile, record.fields, checker.region, record.normalized_emails)
    return entry(record, tuple(getattr(profile, c)[0] for c in PROFILE_COLUMNS))


def _answers(rows: list[Row]) -> list[Answer]:
    assert _worker is not None
    reader, checker, profiles = _worker
    return [_answer(reader, checker, profiles, row) for row in rows]


class Workers:
    """The worker processes of one import."""

    def __init__(self, setup: ReadingSetup) -> None:
        context = multiprocessing.get_context("spawn")
        self._pool: Pool = context.Pool(WORKERS, initializer=_start, initargs=(setup,))

    def read(self, rows: Iterable[Row]) -> Iterator[tuple[list[Row], list[Answer]]]:
        """Each piece of `rows` with its answers, in order."""
        source = iter(rows)
        pieces = iter(lambda: list(islice(source, PIECE)), [])
        pending: deque[tuple[list[Row], AsyncResult[list[Answer]]]] = deque()
        for piece in islice(pieces, AHEAD):
            pending.append((piece, self._pool.apply_async(_answers, (piece,))))
        while pending:
            piece, result = pending.popleft()
            for following in islice(pieces, 1):
                pending.append((following, self._pool.apply_async(_answers, (following,))))
            yield piece, result.get()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def taken(row: RawRow, answer: tuple[Any, ...]) -> Prepared | Rejected:
    """A worker's answer for `row` as the importer takes it."""
    if len(answer) == 3:
        where, reason, field = answer
        return Rejected(where, reason, field, tuple(row[1]))
    return Prepared(answer, row)
