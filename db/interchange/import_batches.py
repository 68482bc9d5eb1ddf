"""One import as a batch in the database: its row in `import_batches`, and an item for every
contact it created or changed (with the contact as it was, for the undo)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from db.bulk_indexes import create_bulk_indexes, drop_bulk_indexes
from db.contacts import now
from db.interchange.import_checks import Checked
from db.interchange.import_records import (
    ImportBatch,
    ImportOptions,
    ImportResult,
    LeftOut,
    Match,
)
from db.interchange.import_updates import apply_match
from db.interchange.import_writes import Names, insert_contacts
from db.interchange.prepared import Prepared
from db.models import ContactRow, FollowUpRow, HistoryRow, ImportBatchRow
from db.search import _dbapi

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.interchange.incoming import Rejected


_INSERT_ITEM = (
    'INSERT INTO import_items (batch_id, contact_id, action, matched_id, source, "before") '
    "VALUES (?, ?, ?, ?, ?, ?)"
)
BULK_ROWS = 20_000  # an import of at least this many (and twice as many as stored) is a bulk load
# Measured (100,000 rows into the 100,000-contact demo): keeping the indexes up took 14.4-14.8 s,
# dropping them half way and building them again over 200,000 contacts at the end 15.6-15.7 s
# (the building is done while nothing else runs; the keeping up beside the worker processes).
BULK_FACTOR = 2


@dataclass
class Batch:
    session: Session
    row: ImportBatchRow
    options: ImportOptions
    names: Names
    stamp: datetime
    next_id: int
    stored: int = 0  # contacts in the database when the import began
    taken: int = 0  # incoming contacts taken so far
    bulk: bool = False  # the bulk indexes dropped, to be built again at the end
    review_pairs: list[tuple[int, int]] = field(default_factory=list)
    unchanged: int = 0
    changed: set[int] = field(default_factory=set)  # stored contacts filled in or updated

    @classmethod
    def begin(cls, session: Session, options: ImportOptions) -> Batch:
        stamp = now()
        row = ImportBatchRow(
            started_at=stamp,
            file_name=options.file_name,
            format=options.format,
            on_match=options.on_match,
            created=0,
            updated=0,
            skipped=0,
            rejected=0,
            last_history_id=0,
            last_followup_id=0,
            made="{}",
        )
        session.add(row)
        session.flush()
        next_id = (session.scalar(select(func.max(ContactRow.id))) or 0) + 1
        stored = session.scalar(select(func.count()).select_from(ContactRow)) or 0
        return cls(session, row, options, Names(session), stamp, next_id, stored)

    def _label(self, verb: str, where: str) -> str:
        return f"{self._by(verb)} ({where})"

    def _by(self, verb: str) -> str:
        name = Path(self.options.file_name).name if self.options.file_name else "a file"
        return f"{verb} by import {self.row.id} from {name}"

    def take(
        self,
        checked: Sequence[Checked | Prepared],
        matches: Sequence[Match | None],
        coming: int = 0,
    ) -> None:
        """Store one chunk: create, skip or apply each contact as the options say. `coming`:
        how many more contacts are known to follow (read ahead)."""
        self.taken += len(checked)
        if not self.bulk and self.taken + coming >= max(BULK_ROWS, BULK_FACTOR * self.stored):
            # Twice as many coming as there are already: cheaper to build the list's indexes
            # again once at the end than to keep them up row by row (undone by a rollback).
            drop_bulk_indexes(_dbapi(self.session))
            self.bulk = True
        on_match = self.options.on_match
        creating = [
            (c, m)
            for c, m in zip(checked, matches, strict=True)
            if m is None or on_match in ("add", "review")
        ]
        created = self._by("Created")  # (one Path per chunk, not per contact)
        ids = insert_contacts(
            _dbapi(self.session),
            self.names,
            [c for c, _m in creating],
            self.next_id,
            stamp=self.stamp,
            history_texts=[f"{created} ({c.where})" for c, _m in creating],
            history_detail=json.dumps({"import_batch": self.row.id}),
        )
        self.next_id += len(ids)
        batch_id = self.row.id
        rows: list[tuple[Any, ...]] = []  # import_items, as _INSERT_ITEM takes them
        for contact_id, (record, match) in zip(ids, creating, strict=True):
            source = record.where[:200]
            if match is not None and on_match == "review":
                self.review_pairs.append((contact_id, match.contact_id))
                rows.append((batch_id, contact_id, "review", match.contact_id, source, ""))
            else:
                rows.append((batch_id, contact_id, "created", None, source, ""))
        self.row.created += len(ids)
        for record, match in zip(checked, matches, strict=True):
            if match is None or on_match in ("add", "review"):
                continue
            if on_match == "skip":
                self.row.skipped += 1
                continue
            fill = on_match == "fill"
            if not isinstance(record, Checked):  # (the importer reads these again in full)
                raise TypeError(f"{record.where}: to {on_match} a contact, it must be read in full")
            verb = "Filled in" if fill else "Updated"
            before = apply_match(
                self.session,
                self.names,
                match.contact_id,
                record,
                fill=fill,
                label=self._label(verb, record.where),
                batch_id=self.row.id,
            )
            if before is None:
                self.unchanged += 1
                continue
            self.changed.add(match.contact_id)
            self.row.updated = len(self.changed)
            action = "filled" if fill else "updated"
            rows.append((batch_id, match.contact_id, action, None, record.where[:200], before))
        if rows:
            _dbapi(self.session).executemany(_INSERT_ITEM, rows)

    def finish(
        self,
        rejected: int,
        rejects: tuple[Rejected, ...],
        warned: int,
        warnings: tuple[LeftOut, ...],
    ) -> ImportResult:
        if self.bulk:
            create_bulk_indexes(_dbapi(self.session))
        row = self.row
        row.rejected = rejected
        row.finished_at = now()
        row.last_history_id = self.session.scalar(select(func.max(HistoryRow.id))) or 0
        row.last_followup_id = self.session.scalar(select(func.max(FollowUpRow.id))) or 0
        row.made = self.names.made()
        self.session.flush()
        return ImportResult(
            batch_id=row.id,
            created=row.created,
            updated=row.updated,
            skipped=row.skipped,
            rejected=rejected,
            review_pairs=tuple(self.review_pairs),
            rejects=rejects,
            unchanged=self.unchanged,
            warned=warned,
            warnings=warnings,
        )


def import_batches(session: Session, limit: int = 50) -> list[ImportBatch]:
    """The latest imports, newest first."""
    rows = session.scalars(select(ImportBatchRow).order_by(ImportBatchRow.id.desc()).limit(limit))
    return [
        ImportBatch(
            id=r.id,
            started_at=r.started_at,
            file_name=r.file_name,
            format=r.format,
            on_match=r.on_match,
            created=r.created,
            updated=r.updated,
            skipped=r.skipped,
            rejected=r.rejected,
            undone_at=r.undone_at,
        )
        for r in rows
    ]
