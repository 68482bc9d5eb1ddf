"""A big CSV import's rows read and checked in worker processes, while the importing process
only reads the file in blocks, matches and writes: splitting rows into cells, reading a row into
a contact, checking it, parsing its phones (`phonenumbers`) and e-mails (`email_validator`) and
working out the rows it makes cost more than everything else an import does.

The file goes to the workers a block of whole rows at a time (`db.interchange.csv_blocks`), a
few blocks ahead, and the answers come back in order as plain tuples (`db.interchange.prepared`),
one per row that is not empty: a contact as (its rows, its line), a rejected row as (where,
reason, field, cells). Workers are spawned, not forked: the caller may hold Qt or database
connections.
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
from db.interchange.csv_blocks import Block, block_rows
from db.interchange.csv_files import CsvFile, RawRow
from db.interchange.csv_mapping import Mapping
from db.interchange.csv_record import RowReader
from db.interchange.csv_rows import read_row
from db.interchange.import_checks import Checker, CheckerSetup
from db.interchange.incoming import Incoming, Rejected
from db.interchange.prepared import PROFILE_COLUMNS, Prepared, entry

WORKERS = 2
AHEAD = 40  # blocks in flight at most: the workers go on while a chunk is written (bounds memory)

Answer = tuple[Any, ...]


@dataclass(frozen=True)
class ReadingSetup:
    """What a worker needs to read and check rows: the file, its mapping and day/month order,
    and the database's phone region and user fields."""

    file: CsvFile
    mapping: Mapping
    order: str
    checks: CheckerSetup
    profiles: bool = True  # work out each contact's matching profile


_worker: tuple[ReadingSetup, RowReader, Checker] | None = None


def _start(setup: ReadingSetup) -> None:
    global _worker  # noqa: PLW0603 (one per worker process, made once)
    reader, checker = RowReader(setup.mapping, setup.order), Checker(None, setup=setup.checks)
    _worker = (setup, reader, checker)
    # What the worker holds from now on (modules, tables) is left out of the cycle collector's
    # passes, which otherwise go over it again and again while rows are made and dropped.
    gc.freeze()


def _answer(reader: RowReader, checker: Checker, profiles: bool, row: RawRow) -> Answer | None:
    incoming = read_row(reader, row)
    if incoming is None:
        return None
    record = checker.check(incoming) if isinstance(incoming, Incoming) else incoming
    if isinstance(record, Rejected):
        return _refused(record)
    if not profiles:
        return entry(record, ()), row[0]
    profile = Profiles()
    append_profile(profile, record.fields, checker.region, record.normalized_emails)
    return entry(record, tuple(getattr(profile, c)[0] for c in PROFILE_COLUMNS)), row[0]


def _refused(rejected: Rejected) -> Answer:
    """A rejected row as an answer: (where, reason, field, cells)."""
    return (rejected.where, rejected.reason, rejected.field, rejected.raw)


def _answers(block: Block) -> list[Answer] | None:
    """The answers for the rows of `block` that are not empty; None when the block does not end
    at the end of a row (`block_rows`)."""
    assert _worker is not None
    setup, reader, checker = _worker
    rows = block_rows(block, setup.file)
    if rows is None:
        return None
    answers = []
    for row in rows:
        if isinstance(row, Rejected):
            answers.append(_refused(row))
        elif (answer := _answer(reader, checker, setup.profiles, row)) is not None:
            answers.append(answer)
    return answers


class Workers:
    """The worker processes of one import."""

    def __init__(self, setup: ReadingSetup) -> None:
        context = multiprocessing.get_context("spawn")
        self._pool: Pool = context.Pool(WORKERS, initializer=_start, initargs=(setup,))

    def read(self, blocks: Iterable[Block]) -> Iterator[tuple[Block, list[Answer]]]:
        """Each of `blocks` with its answers, in order; a block that does not end at the end of
        a row comes joined to the next (and the answers for the next are not asked again)."""
        source = iter(blocks)
        pending: deque[tuple[Block, AsyncResult[list[Answer] | None]]] = deque()
        for block in islice(source, AHEAD):
            pending.append((block, self._pool.apply_async(_answers, (block,))))
        while pending:
            block, result = pending.popleft()
            for following in islice(source, 1):
                pending.append((following, self._pool.apply_async(_answers, (following,))))
            answers = result.get()
            while answers is None:
                successor = pending.popleft()[0] if pending else next(source, None)
                block = block.joined(successor or Block(0, "", final=True))
                answers = self._pool.apply(_answers, (block,))
            yield block, answers

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def taken(block: Block, answer: Answer) -> Prepared | Rejected:
    """A worker's answer for a row of `block` as the importer takes it."""
    if len(answer) == 4:  # (`_refused`)
        return Rejected(*answer)
    made, line = answer
    return Prepared(made, (block, line))
