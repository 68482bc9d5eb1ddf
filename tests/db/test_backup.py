"""Backups and restores: what goes into a backup, what a restore refuses, and what it keeps."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from db import contacts
from db.backup import (
    DATABASE_MEMBER,
    MANIFEST,
    BackupError,
    file_sha256,
    make_backup,
    restore_backup,
    verify_backup,
)
from db.store import SCHEMA_HEAD, Store, open_store
from tests.db.factories import full_person, person

VERSION = "9.9.9-test"

NEWER = f"{int(SCHEMA_HEAD) + 1:04d}"  # a schema this version does not know yet


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT first_name, last_name FROM contacts WHERE deleted_at IS NULL ORDER BY id"
        )
        return list(rows)


def owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture
def filled(store: Store) -> Store:
    with store.session() as session:
        contacts.create_contact(session, full_person())
        for n in range(5):
            contacts.create_contact(session, person(f"Kari{n}", "Nordmann"))
    return store


def test_backup_holds_the_database_and_a_manifest(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "my backup.zip"
    info = make_backup(filled.path, out, app_version=VERSION)  # while the store is open
    assert info.contact_count == 6
    assert info.schema_revision == SCHEMA_HEAD
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted([MANIFEST, DATABASE_MEMBER])
        manifest = json.loads(archive.read(MANIFEST))
        inside = hashlib.sha256(archive.read(DATABASE_MEMBER)).hexdigest()
    assert manifest["app_version"] == VERSION
    assert manifest["schema_revision"] == SCHEMA_HEAD
    assert manifest["contact_count"] == 6
    assert manifest["sha256"] == inside == info.sha256
    assert manifest["created_at"]
    assert [p.name for p in out.parent.iterdir()] == ["my backup.zip"]  # no scraps left
    if os.name == "posix":
        assert owner_only(out)


def test_round_trip_gives_back_the_same_contacts(filled: Store, tmp_path: Path) -> None:
    before = names(filled.path)
    out = tmp_path / "b.zip"
    make_backup(filled.path, out, app_version=VERSION)
    with filled.session() as session:  # changes after the backup, some still in the -wal
        contacts.create_contact(session, person("Later", "Added"))
        contacts.delete_contact(session, 1)
    assert names(filled.path) != before
    filled.close()
    result = restore_backup(out, filled.path, app_version=VERSION)
    assert result.info.contact_count == 6
    assert result.previous is not None
    assert result.previous.parent == filled.path.parent / "backups"
    assert "before-restore" in result.previous.name
    assert verify_backup(result.previous).contact_count == 6  # 5 left plus the one added
    reopened = open_store(filled.path)
    try:
        assert names(filled.path) == before
        with reopened.session() as session:
            assert contacts.get_contact(session, 1).fields.emails  # children came back too
    finally:
        reopened.close()
    assert not Path(f"{filled.path}-wal").exists() or names(filled.path) == before


def test_a_failed_backup_leaves_nothing_at_out(tmp_path: Path) -> None:
    source = tmp_path / "notes.sqlite"
    source.write_text("not a database " * 100)
    out = tmp_path / "out" / "b.zip"
    with pytest.raises(BackupError, match=r"notes\.sqlite cannot be backed up"):
        make_backup(source, out, app_version=VERSION)
    assert list(out.parent.iterdir()) == []


def rewrite(zip_path: Path, *, manifest: dict[str, object] | None, database: bytes) -> None:
    with zipfile.ZipFile(zip_path, "w") as archive:
        if manifest is not None:
            archive.writestr(MANIFEST, json.dumps(manifest))
        archive.writestr(DATABASE_MEMBER, database)


def contents(zip_path: Path) -> tuple[dict[str, object], bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return json.loads(archive.read(MANIFEST)), archive.read(DATABASE_MEMBER)


def tampered(manifest: dict[str, object], database: bytes) -> tuple[dict[str, object], bytes]:
    changed = bytearray(database)
    changed[-100] ^= 0xFF
    return manifest, bytes(changed)


def truncated(manifest: dict[str, object], database: bytes) -> tuple[dict[str, object], bytes]:
    cut = database[: len(database) // 2]
    return {**manifest, "sha256": hashlib.sha256(cut).hexdigest()}, cut


def newer(manifest: dict[str, object], database: bytes) -> tuple[dict[str, object], bytes]:
    return {**manifest, "schema_revision": NEWER}, database


def no_manifest(_manifest: dict[str, object], database: bytes) -> tuple[None, bytes]:
    return None, database


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (tampered, "does not match its checksum"),
        (truncated, "its database is damaged"),
        (newer, rf"made by a newer Cardfile \(schema {NEWER}\)"),
        (no_manifest, "has no manifest"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_is_replaced(
    filled: Store, tmp_path: Path, spoil: object, reason: str
) -> None:
    out = tmp_path / "b.zip"
    make_backup(filled.path, out, app_version=VERSION)
    manifest, database = spoil(*contents(out))  # type: ignore[operator]
    rewrite(out, manifest=manifest, database=database)
    filled.close()
    before = digest(filled.path)
    with pytest.raises(BackupError, match=reason):
        verify_backup(out)
    with pytest.raises(BackupError, match=reason) as refused:
        restore_backup(out, filled.path, app_version=VERSION)
    assert str(out) in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert digest(filled.path) == before
    assert not (filled.path.parent / "backups").exists()  # not even the safety copy
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_database_from_a_newer_cardfile_inside_is_refused(filled: Store, tmp_path: Path) -> None:
    """Even when the manifest does not say so: the database itself is read."""
    out = tmp_path / "b.zip"
    make_backup(filled.path, out, app_version=VERSION)
    manifest, database = contents(out)
    newer_db = tmp_path / "newer.sqlite"
    newer_db.write_bytes(database)
    with closing(sqlite3.connect(newer_db)) as conn:
        conn.execute(f"UPDATE alembic_version SET version_num = '{NEWER}'")
        conn.commit()
    changed = newer_db.read_bytes()
    rewrite(out, manifest={**manifest, "sha256": file_sha256(newer_db)}, database=changed)
    with pytest.raises(BackupError, match=rf"newer Cardfile \(schema {NEWER}\)"):
        verify_backup(out)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "b.zip"
    bogus.write_bytes(os.urandom(5000))
    with pytest.raises(BackupError, match="not a readable zip file"):
        verify_backup(bogus)
    with pytest.raises(BackupError, match="no such file"):
        verify_backup(tmp_path / "missing.zip")


def test_restore_over_a_damaged_database_keeps_the_damaged_file(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "b.zip"
    make_backup(filled.path, out, app_version=VERSION)
    filled.close()
    garbage = os.urandom(8192)
    filled.path.write_bytes(garbage)
    result = restore_backup(out, filled.path, app_version=VERSION)
    assert result.previous is not None
    assert result.previous.read_bytes() == garbage
    assert len(names(filled.path)) == 6


def test_new_database_and_migration_backups_are_owner_only(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    path = tmp_path / "new.sqlite"
    opened = open_store(path)
    with opened.session() as session:
        contacts.create_contact(session, person())
    opened.close()
    assert owner_only(path)
    assert all(owner_only(p) for p in tmp_path.glob("new.sqlite*"))


def test_a_backup_whose_manifest_has_a_bad_date_is_refused_in_words(tmp_path: Path) -> None:
    import json
    import zipfile

    from db.backup import BackupError, verify_backup

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        manifest = {
            "schema_revision": "0007",
            "sha256": "x",
            "database": "cardfile.sqlite",
            "created_at": "23/11/2026",
            "contact_count": 1,
        }
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("cardfile.sqlite", b"")
    with pytest.raises(BackupError, match="manifest is not readable"):
        verify_backup(bad)


def test_another_databases_backups_are_not_offered(tmp_path: Path) -> None:
    from db.automatic_backups import latest_backup

    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "contacts-old-daily-20261120-205335.zip").write_bytes(b"")
    assert latest_backup(tmp_path / "contacts.sqlite") is None
    (folder / "contacts-manual-20261121-101010.zip").write_bytes(b"")
    assert (
        latest_backup(tmp_path / "contacts.sqlite")
        == folder / "contacts-manual-20261121-101010.zip"
    )
