"""Opening the contact database: `open_store(path)` returns a `Store`.

On SQLite: WAL, foreign keys on, `synchronous=FULL` (a saved edit survives a power cut) and a busy
timeout. On open the schema is brought to the newest revision with Alembic, after a backup when
there was something to migrate; a database written by a newer Cardfile is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# The newest schema revision this version of Cardfile knows; a test checks it is Alembic's head.
SCHEMA_HEAD = "0007"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The database cannot be opened; the message says why, in the user's words."""


class NewerSchemaError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    """The file cannot be read as a database (truncated, overwritten, another kind of file); it
    was not changed. `latest_backup` is the newest automatic backup beside it, if there is one."""

    def __init__(self, message: str, latest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class Store:
    """An open Cardfile database.

    Writes go through SQLAlchemy sessions. SQLAlchemy takes a third of a second to import, so the
    engine is made when first needed, and what the first screen reads (the list) goes through
    `reader()`, a plain read-only sqlite3 connection: the window paints before SQLAlchemy loads.
    """

    def __init__(
        self,
        path: Path,
        *,
        migrated_from: str | None = None,
        backup_path: Path | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.migrated_from = migrated_from
        self.backup_path = backup_path
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._reader: sqlite3.Connection | None = None
        self._seen_version: int | None = None

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path, read_only=self.read_only)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions() as session:
            try:
                before = _total_changes(session)
                yield session
                session.flush()
                wrote = _total_changes(session) != before
                session.commit()
            except BaseException:
                session.rollback()
                raise
        if wrote:
            self._note_own_write()

    def reader(self) -> sqlite3.Connection:
        """A connection that Cardfile uses for reading only (the list); each statement sees
        everything committed before it. (Opened read-write unless the store is read-only: a
        read-only connection to a WAL database cannot tidy up its -wal and -shm files.)"""
        if self._reader is None:
            if self.read_only:
                self._reader = sqlite3.connect(
                    _read_only_uri(self.path), uri=True, isolation_level=None
                )
            else:
                self._reader = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None
                )
            self._reader.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return self._reader

    def _data_version(self) -> int:
        row = self.reader().execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _note_own_write(self) -> None:
        """After this store's own commit: not a change made elsewhere."""
        if self._reader is not None:
            self._seen_version = self._data_version()

    def changed_elsewhere(self) -> bool:
        """True when another connection (the command line, another program) has committed
        since the last call; cheap enough to poll every few seconds. The first call only
        takes note; so does a call while the store is closed."""
        if self._reader is None:
            self._seen_version = None
            return False
        version = self._data_version()
        seen, self._seen_version = self._seen_version, version
        return seen is not None and seen != version

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def _total_changes(session: Session) -> int:
    """Rows this session's connection has ever inserted, changed or deleted."""
    raw = session.connection().connection.dbapi_connection
    return int(getattr(raw, "total_changes", 0))


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    if read_only:
        uri = _read_only_uri(path)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
        event.listen(engine, "connect", _set_read_only_pragmas)
    else:
        # Never made by connecting (mode=rw): a database whose drive has gone must not come back
        # as a new, empty file in its place. (New databases are made by `open_store` first.)
        uri = f"{path.resolve().as_uri()}?mode=rw"
        engine = create_engine(
            f"sqlite:///{path}",  # (a file's URL: SQLAlchemy pools connections as for a file)
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy, not the sqlite3 module, decides where transactions begin: otherwise sqlite3
    # commits before each CREATE TABLE and a failed upgrade would leave half a schema behind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _read_only_uri(path: Path) -> str:
    """SQLite refuses every write through a connection opened with this."""
    return f"{path.resolve().as_uri()}?mode=ro"


def stored_revision(path: Path) -> str | None:
    """The schema revision of the database at `path`, read without changing it.

    None for a missing or empty file. Raises StoreError for a file that is not a Cardfile database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    damage = header_damage(path)
    if damage is not None:
        raise _damaged(path, damage)
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise StoreError(f"{path} is an SQLite database, but not a Cardfile database.")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, f"the database said: {exc}") from None
    return row[0] if row else None


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def header_damage(path: Path) -> str | None:
    """What is wrong with the file's SQLite header and size, read without opening it as a
    database; None when they look right. Damage inside the pages is for `db.check`."""
    size = path.stat().st_size
    with path.open("rb") as file:
        header = file.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        return "it does not begin like an SQLite database"
    if len(header) < HEADER_SIZE:
        return f"it is cut short ({size} bytes)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged"
    pages = int.from_bytes(header[28:32], "big")
    pages_valid = header[24:28] == header[92:96] and pages > 0
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0  # a checkpoint may be under way
    if not has_wal and (size % page_size or (pages_valid and size < pages * page_size)):
        return f"it is cut short ({size:,} bytes of {pages * page_size:,})"
    return None


def _damaged(path: Path, reason: str) -> DamagedDatabaseError:
    from db.automatic_backups import latest_backup  # (which uses this module)

    latest = latest_backup(path)
    offer = (
        f" The latest backup is {latest}: restore it to carry on from there."
        if latest is not None
        else ""
    )
    return DamagedDatabaseError(
        f"{path} is not a Cardfile database that can be read: it is damaged, or it is another "
        f"kind of file ({reason}). It has not been changed.{offer}",
        latest,
    )


def create_private_file(path: Path) -> None:
    """An empty file only its owner can read and write (on POSIX): a database or a backup holds
    every contact. SQLite gives its -wal and -shm files the same permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def backup_copy(path: Path, reason: str) -> Path:
    """A consistent copy of the database (SQLite's online backup) in `backups/` beside it."""
    folder = path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{reason}-{stamp}{path.suffix or '.sqlite'}"
    create_private_file(target)
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(path: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
    """Open (creating or upgrading as needed) the Cardfile database at `path`.

    Raises StoreError, in words for the user, for anything that stops it; with `create=False`,
    also when there is no file at `path`. With `read_only=True` the file must exist and be up
    to date, and SQLite refuses every write (Operations tells the user before trying).
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if not create and not path.exists():
        raise StoreError(
            f"{path} does not exist any more: it was moved or renamed, or it is on a drive "
            "that is not connected."
        )
    try:
        return _open_read_only(path) if read_only else _open(path)
    except StoreError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path} could not be opened: {exc}.") from exc


def _open_read_only(path: Path) -> Store:
    if not path.exists():
        raise StoreError(f"{path} does not exist, so it cannot be opened read-only.")
    revision = stored_revision(path)
    if revision != SCHEMA_HEAD:
        raise StoreError(
            f"{path} needs bringing up to date (schema {revision}), which cannot be done while "
            "it is open read-only. Close the other Cardfile window and open it again."
        )
    return Store(path, read_only=True)


def _open(path: Path) -> Store:
    revision = stored_revision(path)
    backup_path = None
    if revision != SCHEMA_HEAD:
        if revision is not None and revision not in known_revisions():
            raise NewerSchemaError(
                f"{path} was written by a newer version of Cardfile (schema {revision}). "
                "Install the newer Cardfile to open it; this file has not been changed."
            )
        if revision is not None:
            backup_path = backup_copy(path, f"before-schema-{SCHEMA_HEAD}")
        elif not path.exists():
            create_private_file(path)
    store = Store(path, migrated_from=revision, backup_path=backup_path)
    if revision != SCHEMA_HEAD:
        from sqlalchemy.exc import SQLAlchemyError  # only now: it takes a third of a second

        try:
            migrate(store.engine)
        except (SQLAlchemyError, sqlite3.Error) as exc:
            store.close()
            kept = f" A copy from before is in {backup_path}." if backup_path else ""
            raise StoreError(
                f"{path} could not be brought up to date, so it was left as it was.{kept} "
                f"(The database said: {getattr(exc, 'orig', exc)})"
            ) from exc
        except BaseException:
            store.close()
            raise
    return store
