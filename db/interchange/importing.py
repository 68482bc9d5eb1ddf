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
from itertools import islice
from typing import TYPE_CHECKING

from db.cycle_collector import collector_paused
from db.interchange.import_checks import Checked, Checker, clean_name
from db.interchange.import_matching import Matcher
from db.interchange.import_records import (
    REJECTS_KEPT,
    ImportCancelledError,
    ImportOptions,
    ImportResult,
    ImportSurvey,
    Match,
)
from db.interchange.incoming import Incoming, Read, Rejected
from db.interchange.normalising import Known, Normaliser

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Progress = Callable[[int], None]  # rows or cards read so far
CHUNK = 20_000  # incoming contacts checked, matched and written at a time
CANCEL_EVERY = 500


@dataclass
class _Chunk:
    checked: list[Checked] = field(default_factory=list)
    matches: list[Match | None] = field(default_factory=list)
    coming: int = 0  # records read for the next chunk


@dataclass
class _Reading:
    """What the pipeline has seen so far."""

    read: int = 0
    rejected: int = 0
    rejects: list[Rejected] = field(default_factory=list)

    def reject(self, rejected: Rejected) -> None:
        self.rejected += 1
        if len(self.rejects) < REJECTS_KEPT:
            self.rejects.append(rejected)


@dataclass(frozen=True)
class _Pass:
    """One pass over the records (a survey's or an import's): how to read them, and who hears."""

    options: ImportOptions
    reading: _Reading
    checker: Checker
    progress: Progress | None
    cancelled: Callable[[], bool]


def _chunks(session: Session, records: Iterable[Read], run: _Pass) -> Iterator[_Chunk]:
    """The records a chunk at a time, checked and matched. A long file's phones and e-mails
    are normalised by worker processes a chunk ahead, while this one works on the chunk before."""
    options, reading, checker, progress = run.options, run.reading, run.checker, run.progress
    matcher: Matcher | None = None
    source = iter(records)
    batch = list(islice(source, CHUNK))
    normaliser = Normaliser(checker.region) if len(batch) == CHUNK else None
    try:
        pending = normaliser.submit(batch) if normaliser else None
        while batch:
            following = list(islice(source, CHUNK))
            ahead = normaliser.submit(following) if normaliser and following else None
            known = pending.known() if pending else None
            chunk = _checked(batch, known, run)
            if matcher is None:
                matcher = Matcher(session, checker.region, options.min_score)
            chunk.matches = matcher.match(chunk.checked)
            chunk.coming = len(following)
            if progress:
                progress(reading.read)
            yield chunk
            batch, pending = following, ahead
    finally:
        if normaliser:
            normaliser.close()


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
            chunk.checked.append(checked)
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
                for given in record.incoming.categories:
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
            batch.take(chunk.checked, chunk.matches, chunk.coming)
            if cancelled():
                raise ImportCancelledError
    return batch.finish(reading.rejected, tuple(reading.rejects))
