"""One import as a batch in the database: its row in `import_batches`, and an item for every
contact it created or changed (with the contact as it was, for the undo)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from db.contacts import now
from db.interchange.import_records import ImportBatch, ImportOptions, ImportResult, Match
from db.interchange.import_updates import apply_match
from db.interchange.import_writes import Names, insert_contacts
from db.models import ContactRow, FollowUpRow, HistoryRow, ImportBatchRow, ImportItemRow
from db.search import _dbapi

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.interchange.import_checks import Checked
    from db.interchange.incoming import Rejected


@dataclass
class Batch:
    session: Session
    row: ImportBatchRow
    options: ImportOptions
    names: Names
    stamp: datetime
    next_id: int
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
        return cls(session, row, options, Names(session), stamp, next_id)

    def _label(self, verb: str, where: str) -> str:
        name = Path(self.options.file_name).name if self.options.file_name else "a file"
        return f"{verb} by import {self.row.id} from {name} ({where})"

    def take(self, checked: Sequence[Checked], matches: Sequence[Match | None]) -> None:
        """Store one chunk: create, skip or apply each contact as the options say."""
        on_match = self.options.on_match
        creating = [
            (c, m)
            for c, m in zip(checked, matches, strict=True)
            if m is None or on_match in ("add", "review")
        ]
        ids = insert_contacts(
            _dbapi(self.session),
            self.names,
            [c for c, _m in creating],
            self.next_id,
            stamp=self.stamp,
            history_texts=[self._label("Created", c.where) for c, _m in creating],
            history_detail=json.dumps({"import_batch": self.row.id}),
        )
        self.next_id += len(ids)
        items: list[dict[str, Any]] = []
        for contact_id, (record, match) in zip(ids, creating, strict=True):
            review = match is not None and on_match == "review"
            if review:
                assert match is not None
                self.review_pairs.append((contact_id, match.contact_id))
            items.append(
                {
                    "contact_id": contact_id,
                    "action": "review" if review else "created",
                    "matched_id": match.contact_id if review and match else None,
                    "source": record.where[:200],
                    "before": "",
                }
            )
        self.row.created += len(ids)
        for record, match in zip(checked, matches, strict=True):
            if match is None or on_match in ("add", "review"):
                continue
            if on_match == "skip":
                self.row.skipped += 1
                continue
            fill = on_match == "fill"
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
            items.append(
                {
                    "contact_id": match.contact_id,
                    "action": "filled" if fill else "updated",
                    "matched_id": None,
                    "source": record.where[:200],
                    "before": before,
                }
            )
        if items:
            self.session.execute(
                insert(ImportItemRow), [{"batch_id": self.row.id, **i} for i in items]
            )

    def finish(self, rejected: int, rejects: tuple[Rejected, ...]) -> ImportResult:
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
