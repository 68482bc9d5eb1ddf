"""Backups: a zip holding a consistent copy of the database and a manifest; and restoring one.

`make_backup` copies the database with SQLite's online backup API (the database may be open and in
use), and writes `manifest.json` beside it in the zip: the app version, the schema revision, the
contact count, and the SHA-256 of the copy. `verify_backup` checks a backup through and through
before anything trusts it; `restore_backup` verifies, backs up the current database, then swaps the
file in atomically. Automatic backups (`automatic_backup`, `daily_backup_if_due`) go into `backups/`
beside the database and rotate; migration backups and those made before a restore are never
rotated away. Every file written here is readable by its owner only (POSIX).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.store import SCHEMA_HEAD, known_revisions

MANIFEST = "manifest.json"
DATABASE_MEMBER = "cardfile.sqlite"
BACKUP_FORMAT = 1
CHUNK = 1 << 20
DAMAGE_KEPT = 20  # lines of what the quick check found, kept in the manifest

Progress = Callable[[str], None]


class BackupError(ValueError):
    """A backup cannot be made, trusted or restored; the message says which file and why."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup's manifest says, once it has been checked."""

    path: Path
    app_version: str
    schema_revision: str
    contact_count: int
    sha256: str
    size: int  # of the database inside, in bytes
    created_at: datetime  # UTC
    damage: tuple[str, ...] = ()  # what SQLite's quick check found wrong with it (nothing: ok)

    def describe(self) -> str:
        made = self.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return (
            f"{self.path.name}: made {made} by Cardfile {self.app_version}, "
            f"{self.contact_count:,} contacts (schema {self.schema_revision})"
        )


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    previous: Path | None  # the backup of the database that was replaced


def installed_version() -> str:
    """Cardfile's version from the package metadata, for callers that have none to pass."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cardfile")
    except PackageNotFoundError:
        return "0+unknown"


# Making.


def make_backup(path: Path, out: Path, *, app_version: str) -> BackupInfo:
    """Write a backup of the database at `path` to the zip file `out`.

    The zip is written under a temporary name beside `out` and renamed when complete, so `out` is
    never half a file.
    """
    path, out = Path(path), Path(out)
    if not path.is_file():
        raise BackupError(f"{path} cannot be backed up: there is no database file there.")
    out.parent.mkdir(parents=True, exist_ok=True)
    with _scratch_dir(out.parent) as scratch:
        copy = scratch / DATABASE_MEMBER
        try:
            _online_copy(path, copy)
            damage = integrity_problems(copy, quick=True)
            revision, count = _describe_database(copy)
        except sqlite3.Error as exc:
            raise BackupError(f"{path} cannot be backed up: the database said: {exc}.") from None
        digest = file_sha256(copy)
        created = datetime.now(UTC).replace(microsecond=0)
        manifest = {
            "format": BACKUP_FORMAT,
            "app": "Cardfile",
            "app_version": app_version,
            "schema_revision": revision,
            "contact_count": count,
            "database": DATABASE_MEMBER,
            "sha256": digest,
            "size": copy.stat().st_size,
            "created_at": created.isoformat(),
            "source": path.name,
            "damage": damage[:DAMAGE_KEPT],
        }
        part = scratch / (out.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            archive.write(copy, DATABASE_MEMBER)
        part.chmod(0o600)
        _fsync(part)
        part.replace(out)
        _fsync_dir(out.parent)
    return _info(out, manifest)


def _online_copy(path: Path, target: Path) -> None:
    """A consistent snapshot through SQLite's backup API, as one self-contained file."""
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    with closing(source), closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        # No -wal beside it: the copy in the zip is the whole database.
        copy.execute("PRAGMA journal_mode=DELETE")


def _describe_database(path: Path) -> tuple[str, int]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "contacts" not in tables:
            raise sqlite3.DatabaseError("it is not a Cardfile database")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        count = conn.execute("SELECT count(*) FROM contacts WHERE deleted_at IS NULL").fetchone()
    if revision is None:
        raise sqlite3.DatabaseError("it has no schema revision")
    return str(revision[0]), int(count[0])


# Checking.


def verify_backup(zip_path: Path) -> BackupInfo:
    """Check a backup through and through (manifest, checksum, integrity, schema revision);
    raises BackupError saying what is wrong."""
    zip_path = Path(zip_path)
    with _scratch_dir(zip_path.parent if _writable(zip_path.parent) else None) as scratch:
        info, _ = _extract_verified(zip_path, scratch)
    return info


def _extract_verified(zip_path: Path, into: Path) -> tuple[BackupInfo, Path]:
    """The backup's database, extracted into `into` and checked, with what its manifest says."""

    def refuse(why: str) -> BackupError:
        return BackupError(f"{zip_path} cannot be restored: {why}. Nothing was changed.")

    if not zip_path.is_file():
        raise refuse("there is no such file")
    try:
        with zipfile.ZipFile(zip_path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise refuse("it has no manifest, so it is not a Cardfile backup or is incomplete")
            manifest = _read_manifest(archive.read(MANIFEST), refuse)
            _check_revision(str(manifest["schema_revision"]), refuse)
            member = str(manifest["database"])
            if member not in names or "/" in member or member.startswith("."):
                raise refuse("the database it lists is not in it")
            extracted = into / DATABASE_MEMBER
            with archive.open(member) as source, extracted.open("wb") as target:
                shutil.copyfileobj(source, target, CHUNK)
    except zipfile.BadZipFile as exc:
        raise refuse(f"it is not a readable zip file ({exc})") from None
    extracted.chmod(0o600)
    if file_sha256(extracted) != manifest["sha256"]:
        raise refuse("its database does not match its checksum: the file is damaged or was changed")
    problems = integrity_problems(extracted)
    if problems:
        raise refuse(f"its database is damaged ({'; '.join(problems[:3])})")
    try:
        revision, count = _describe_database(extracted)
    except sqlite3.Error as exc:
        raise refuse(str(exc)) from None
    _check_revision(revision, refuse)
    if revision != manifest["schema_revision"]:
        raise refuse("its database and its manifest name different schema revisions")
    return _info(zip_path, {**manifest, "contact_count": count}), extracted


def _read_manifest(raw: bytes, refuse: Callable[[str], BackupError]) -> dict[str, object]:
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise refuse("its manifest is not readable") from None
    needed = ("schema_revision", "sha256", "database", "created_at", "contact_count")
    if not isinstance(manifest, dict) or any(key not in manifest for key in needed):
        raise refuse("its manifest is incomplete")
    try:
        newer = int(manifest.get("format", BACKUP_FORMAT)) > BACKUP_FORMAT
        datetime.fromisoformat(str(manifest["created_at"]))
        int(str(manifest["contact_count"]))
    except (TypeError, ValueError):
        raise refuse("its manifest is not readable") from None
    if newer:
        raise refuse("it was made by a newer Cardfile, in a format this one does not know")
    return manifest


def _check_revision(revision: str, refuse: Callable[[str], BackupError]) -> None:
    if revision in known_revisions():
        return
    if revision > SCHEMA_HEAD:
        raise refuse(
            f"it was made by a newer Cardfile (schema {revision}); install that version to "
            "restore it"
        )
    raise refuse(f"its schema revision {revision} is not one Cardfile knows")


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """What `PRAGMA integrity_check` (or the faster `quick_check`, which leaves out only the
    check that indexes match their tables) finds wrong with the database at `path`."""
    check = "quick_check" if quick else "integrity_check"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {check}")]
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _info(path: Path, manifest: dict[str, object]) -> BackupInfo:
    created = datetime.fromisoformat(str(manifest["created_at"]))
    return BackupInfo(
        path=path,
        app_version=str(manifest.get("app_version", "?")),
        schema_revision=str(manifest["schema_revision"]),
        contact_count=int(str(manifest["contact_count"])),
        sha256=str(manifest["sha256"]),
        size=int(str(manifest.get("size", 0))),
        created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
        damage=_damage(manifest),
    )


def _damage(manifest: dict[str, object]) -> tuple[str, ...]:
    found = manifest.get("damage")
    return tuple(str(d) for d in found) if isinstance(found, list) else ()


def backup_damage(zip_path: Path) -> tuple[str, ...]:
    """What was found wrong with the database when the backup `zip_path` was made (its
    manifest says); empty when nothing was, or the manifest cannot be read."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return ()
    return _damage(manifest) if isinstance(manifest, dict) else ()


# Restoring.


def restore_backup(zip_path: Path, path: Path, *, app_version: str) -> RestoreResult:
    """Replace the database at `path` with the backup `zip_path`, after checking the backup and
    backing up the database it replaces. The caller must have closed its Store on `path`."""
    zip_path, path = Path(zip_path), Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _scratch_dir(path.parent) as scratch:
        info, extracted = _extract_verified(zip_path, scratch)
        previous = _keep_current(path, app_version) if path.exists() else None
        _fsync(extracted)
        _retire_wal(path, scratch)
        extracted.replace(path)
        _fsync_dir(path.parent)
    return RestoreResult(info, previous)


def _keep_current(path: Path, app_version: str) -> Path:
    """A backup of the database about to be replaced; a damaged one is kept as its raw files."""
    from db.automatic_backups import BEFORE_RESTORE, automatic_backup, backups_folder, stamped_name

    try:
        return automatic_backup(path, BEFORE_RESTORE, app_version=app_version)
    except BackupError:
        folder = backups_folder(path)
        target = folder / f"{stamped_name(folder, path.stem, BEFORE_RESTORE)}.damaged"
        for suffix in ("", "-wal"):
            source = Path(f"{path}{suffix}")
            if source.exists():
                kept = Path(f"{target}{suffix}")
                shutil.copyfile(source, kept)
                kept.chmod(0o600)
        return target


def _retire_wal(path: Path, scratch: Path) -> None:
    """Fold the old database's -wal into it, then move any -wal and -shm left out of the way: an
    old write-ahead log beside the restored file would be replayed into it."""
    if Path(f"{path}-wal").exists():
        try:
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error:
            pass  # a damaged database: its files were copied aside already
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.replace(scratch / f"old{suffix}")


# Files.


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def _scratch_dir(beside: Path | None) -> Iterator[Path]:
    """A private temporary folder (in `beside`, so that a rename out of it is atomic)."""
    folder = Path(tempfile.mkdtemp(prefix=".cardfile-", dir=beside))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK)


def _fsync(path: Path) -> None:
    with Path(path).open("rb+") as file:
        os.fsync(file.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
