"""`cardfile backup`, `restore` and `check`: what each says it did, and bad files refused."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from db import contacts
from db.store import open_store
from desktop.cli import main
from tests.db.factories import person
from tests.desktop.test_cli import run_cardfile


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "work.sqlite"
    store = open_store(path)
    with store.session() as session:
        for n in range(3):
            contacts.create_contact(session, person(f"Kari{n}", "Nordmann"))
    store.close()
    return path


def count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])


def test_backup_then_restore(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "saved.zip"
    assert main(["--db", str(database), "backup", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"Backed up 3 contacts (schema 0007) from {database} to {out}" in said
    assert zipfile.is_zipfile(out)
    store = open_store(database)
    with store.session() as session:
        contacts.create_contact(session, person("Extra", "One"))
    store.close()
    assert main(["--db", str(database), "restore", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"Restored {out}" in said
    assert "3 contacts" in said
    assert "The database it replaced is kept in" in said
    assert count(database) == 3


def test_backup_goes_to_backups_by_default(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(database), "backup"]) == 0
    made = list((database.parent / "backups").glob("work-manual-*.zip"))
    assert len(made) == 1
    assert str(made[0]) in capsys.readouterr().out


def test_restoring_a_bad_file_exits_1_and_replaces_nothing(database: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a backup")
    before = digest(database)
    done = run_cardfile("--db", str(database), "restore", str(bogus))
    assert done.returncode == 1
    assert "not a readable zip file" in done.stderr
    assert "Traceback" not in done.stderr
    assert digest(database) == before


def test_backup_of_a_missing_or_damaged_database_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "none.sqlite"), "backup"]) == 1
    assert "there is no database file" in capsys.readouterr().err
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"\x00" * 8192)
    assert main(["--db", str(damaged), "backup"]) == 1
    assert "cannot be backed up" in capsys.readouterr().err


def test_check_and_repair(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(database), "check"]) == 0
    assert "no problems found (3 contacts)" in capsys.readouterr().out
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("DELETE FROM contact_search")
        conn.commit()
    assert main(["--db", str(database), "check"]) == 1
    assert "3 contacts are missing from the search index" in capsys.readouterr().out
    assert main(["--db", str(database), "check", "--repair"]) == 0
    said = capsys.readouterr().out
    assert "Rebuilt the search index (3 contacts)" in said
    assert "Repaired" in said
    assert main(["--db", str(database), "check"]) == 0


def test_check_of_a_damaged_file_says_to_restore(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(database.read_bytes())
    data[100:4000] = b"\xff" * 3900
    database.write_bytes(data)
    Path(f"{database}-wal").unlink(missing_ok=True)
    before = digest(database)
    assert main(["--db", str(database), "check", "--repair"]) == 1
    said = capsys.readouterr().out
    assert "restore a backup" in said.lower()
    assert digest(database) == before
