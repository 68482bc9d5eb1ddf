"""Checking a database, and repairing what can be rebuilt.

`check_database` runs SQLite's integrity check and foreign-key check and compares the search index
with the contacts (every live contact has one row in `contact_search`, the Trash and removed
contacts none). `repair` rebuilds the search index and moves orphaned rows (rows whose contact or
other parent is gone) into a JSON file beside the database: reported and kept, never silently
deleted. Damage that SQLite's integrity check finds cannot be repaired here: restore a backup.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from db.contact_keys import search_document
from db.records import Address, ContactFields, Email, Phone

if TYPE_CHECKING:
    from db.store import Store

MAX_LISTED = 20
BATCH = 5000


@dataclass(frozen=True)
class OrphanRow:
    table: str
    rowid: int
    parent: str  # the table its missing parent should be in


@dataclass(frozen=True)
class CheckReport:
    path: Path
    integrity: tuple[str, ...] = ()  # what PRAGMA integrity_check said, when not "ok"
    orphans: tuple[OrphanRow, ...] = ()
    unindexed: tuple[int, ...] = ()  # live contacts the search index lacks
    stray_index_rows: tuple[int, ...] = ()  # index rows of contacts in the Trash or gone
    contacts: int = 0

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.orphans or self.unindexed or self.stray_index_rows)

    @property
    def repairable(self) -> bool:
        """Whether `repair` can fix all of it (it cannot fix what the integrity check finds)."""
        return not self.ok and not self.integrity

    def lines(self) -> list[str]:
        """The report in words, a line per finding."""
        if self.ok:
            return [
                f"{self.path}: no problems found ({self.contacts:,} contacts).",
                "",
                "✓ The file is sound: SQLite's integrity check passed.",
                "✓ Every phone, e-mail, address, history entry and follow-up belongs to a contact.",
                f"✓ The search index holds each of the {self.contacts:,} live contacts once.",
            ]
        said = []
        if self.integrity:
            listed = "; ".join(self.integrity[:MAX_LISTED])
            said.append(
                f"The database file is damaged (SQLite's integrity check: {listed}). "
                "Repair cannot fix this: restore a backup."
            )
        by_table: dict[str, int] = defaultdict(int)
        for orphan in self.orphans:
            by_table[orphan.table] += 1
        said.extend(
            f"{count:,} rows in {table} belong to something that is gone (orphaned)."
            for table, count in sorted(by_table.items())
        )
        if self.unindexed:
            said.append(f"{len(self.unindexed):,} contacts are missing from the search index.")
        if self.stray_index_rows:
            said.append(
                f"{len(self.stray_index_rows):,} search index rows belong to contacts in the "
                "Trash or removed."
            )
        return said


@dataclass(frozen=True)
class RepairReport:
    before: CheckReport
    reindexed: int = 0  # contacts written into the rebuilt index
    orphans_moved: int = 0
    orphans_file: Path | None = None
    after: CheckReport | None = None

    def lines(self) -> list[str]:
        said = [f"Rebuilt the search index ({self.reindexed:,} contacts)."]
        if self.orphans_file is not None:
            said.append(f"Moved {self.orphans_moved:,} orphaned rows aside to {self.orphans_file}.")
        if self.after is not None and not self.after.ok:
            said.extend(["Still wrong:", *self.after.lines()])
        return said


@contextmanager
def _connection(where: Path | Store, *, write: bool = False) -> Iterator[sqlite3.Connection]:
    path = where if isinstance(where, Path) else where.path
    uri = f"{Path(path).resolve().as_uri()}{'' if write else '?mode=ro'}"
    with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout=5000")
        yield conn


def check_database(where: Path | Store) -> CheckReport:
    """What is wrong with the database (a path, or an open Store); reads only."""
    path = where if isinstance(where, Path) else where.path
    with _connection(where) as conn:
        try:
            integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            return CheckReport(Path(path), integrity=(str(exc),))
        integrity = [] if integrity == ["ok"] else integrity
        try:
            return _consistency(conn, Path(path), tuple(integrity))
        except sqlite3.DatabaseError as exc:
            return CheckReport(Path(path), integrity=(*integrity, str(exc)))


def _consistency(conn: sqlite3.Connection, path: Path, integrity: tuple[str, ...]) -> CheckReport:
    orphans = tuple(
        OrphanRow(str(table), int(rowid), str(parent))
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check")
        if rowid is not None
    )
    live = {r[0] for r in conn.execute("SELECT id FROM contacts WHERE deleted_at IS NULL")}
    indexed = {r[0] for r in conn.execute("SELECT rowid FROM contact_search")}
    return CheckReport(
        path,
        integrity=integrity,
        orphans=orphans,
        unindexed=tuple(sorted(live - indexed)),
        stray_index_rows=tuple(sorted(indexed - live)),
        contacts=len(live),
    )


def repair(where: Path | Store) -> RepairReport:
    """Rebuild the search index and move orphaned rows aside, in one transaction; then check
    again. Damage found by the integrity check is left for a restore."""
    before = check_database(where)
    path = before.path
    moved_to = None
    with _connection(where, write=True) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if before.orphans:
                moved_to = _move_orphans_aside(conn, path, before.orphans)
            reindexed = rebuild_search_index(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return RepairReport(
        before,
        reindexed=reindexed,
        orphans_moved=len(before.orphans) if moved_to else 0,
        orphans_file=moved_to,
        after=check_database(where),
    )


def _move_orphans_aside(
    conn: sqlite3.Connection, path: Path, orphans: tuple[OrphanRow, ...]
) -> Path:
    """Write the orphaned rows, whole, to a JSON file beside the database (flushed to disk
    first), then delete them from the database."""
    rows = []
    for orphan in orphans:
        cursor = conn.execute(f'SELECT * FROM "{orphan.table}" WHERE rowid = ?', (orphan.rowid,))
        names = [d[0] for d in cursor.description]
        values = cursor.fetchone()
        if values is not None:
            row = dict(zip(names, values, strict=True))
            rows.append(
                {
                    "table": orphan.table,
                    "rowid": orphan.rowid,
                    "missing": orphan.parent,
                    "row": {k: _jsonable(v) for k, v in row.items()},
                }
            )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.parent / f"{path.stem}-orphaned-rows-{stamp}.json"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump({"database": str(path), "moved_at": stamp, "rows": rows}, file, indent=2)
        file.flush()
        os.fsync(file.fileno())
    for orphan in orphans:
        conn.execute(f'DELETE FROM "{orphan.table}" WHERE rowid = ?', (orphan.rowid,))
    return target


def _jsonable(value: object) -> object:
    if isinstance(value, bytes):
        return value.hex()
    return value


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Empty `contact_search` and write one document per live contact, as `search.index_contact`
    would; returns how many. Runs inside the caller's transaction."""
    conn.execute("DELETE FROM contact_search")
    written = 0
    last = 0
    while True:
        batch = conn.execute(
            "SELECT id, first_name, middle_name, last_name, company FROM contacts "
            "WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?",
            (last, BATCH),
        ).fetchall()
        if not batch:
            return written
        ids = [r[0] for r in batch]
        phones, emails, addresses = _children(conn, ids)
        documents = [
            (
                contact_id,
                search_document(
                    ContactFields(
                        first_name=first or "",
                        middle_name=middle or "",
                        last_name=last_name or "",
                        company=company or "",
                        phones=tuple(phones[contact_id]),
                        emails=tuple(emails[contact_id]),
                        addresses=tuple(addresses[contact_id]),
                    )
                ),
            )
            for contact_id, first, middle, last_name, company in batch
        ]
        conn.executemany("INSERT INTO contact_search(rowid, document) VALUES (?, ?)", documents)
        written += len(documents)
        last = ids[-1]


def _children(
    conn: sqlite3.Connection, ids: list[int]
) -> tuple[dict[int, list[Phone]], dict[int, list[Email]], dict[int, list[Address]]]:
    """What of each contact's phones, e-mails and addresses goes into its search document."""
    where = f"WHERE contact_id IN ({','.join('?' * len(ids))}) ORDER BY contact_id, position"
    phones: dict[int, list[Phone]] = defaultdict(list)
    emails: dict[int, list[Email]] = defaultdict(list)
    addresses: dict[int, list[Address]] = defaultdict(list)
    for cid, number, e164 in conn.execute(
        f"SELECT contact_id, number, e164 FROM phones {where}", ids
    ):
        phones[cid].append(Phone(number or "", e164=e164))
    for cid, address in conn.execute(f"SELECT contact_id, address FROM emails {where}", ids):
        emails[cid].append(Email(address or ""))
    for cid, city in conn.execute(f"SELECT contact_id, city FROM addresses {where}", ids):
        addresses[cid].append(Address(city=city or ""))
    return phones, emails, addresses
