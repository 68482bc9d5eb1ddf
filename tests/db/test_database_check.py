"""Checking and repairing a database; and refusing a damaged file without touching it."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from db import contacts, search
from db.automatic_backups import daily_backup_if_due
from db.database_check import check_database, repair
from db.store import DamagedDatabaseError, Store, open_store
from tests.db.factories import full_person, person


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(store: Store) -> Store:
    with store.session() as session:
        contacts.create_contact(session, full_person())
        for n in range(4):
            contacts.create_contact(session, person(f"Kari{n}", "Nordmann"))
        contacts.delete_contact(session, 5)  # one in the Trash
    return store


def raw(path: Path, *statements: str) -> None:
    """Damage made behind Cardfile's back: foreign keys off, as any other program would be."""
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def test_a_sound_database_passes(filled: Store) -> None:
    report = check_database(filled)
    assert report.ok
    assert report.contacts == 4
    assert "no problems found" in report.lines()[0]


def test_check_finds_a_broken_search_index_and_an_orphan_and_repair_fixes_them(
    filled: Store,
) -> None:
    documents = "SELECT rowid, document FROM contact_search ORDER BY rowid"
    as_saved = list(filled.reader().execute(documents))
    raw(
        filled.path,
        "DELETE FROM contact_search WHERE rowid = 2",  # a live contact no search finds
        "INSERT INTO contact_search(rowid, document) VALUES (5, 'kari3 nordmann')",  # Trash
        "INSERT INTO contact_search(rowid, document) VALUES (77, 'gone')",  # removed
        "INSERT INTO phones (contact_id, position, kind, number, extension) "
        "VALUES (999, 0, 'work', '+47 99 88 77 66', '')",  # its contact is gone
    )
    report = check_database(filled)
    assert not report.ok
    assert report.repairable
    assert report.unindexed == (2,)
    assert report.stray_index_rows == (5, 77)
    assert [(o.table, o.parent) for o in report.orphans] == [("phones", "contacts")]
    said = "\n".join(report.lines())
    assert "1 contacts are missing from the search index" in said
    assert "2 search index rows" in said
    assert "phones" in said

    fixed = repair(filled)
    assert fixed.after is not None
    assert fixed.after.ok
    assert fixed.reindexed == 4
    assert list(filled.reader().execute(documents)) == as_saved  # as the editor writes them
    assert fixed.orphans_file is not None
    assert fixed.orphans_file.parent == filled.path.parent
    kept = json.loads(fixed.orphans_file.read_text())
    assert kept["rows"][0]["table"] == "phones"
    assert kept["rows"][0]["row"]["number"] == "+47 99 88 77 66"  # kept aside, whole
    with filled.session() as session:
        assert list(search.matching_ids(session, "kari0")) == [2]  # indexed again
        assert list(search.matching_ids(session, "tromsø")) == [1]  # a city, from its address
        assert list(search.matching_ids(session, "22334455")) == [1]  # phone digits
        assert list(search.matching_ids(session, "kari3")) == []  # in the Trash


def test_repair_on_a_sound_database_changes_nothing_it_should_not(filled: Store) -> None:
    fixed = repair(filled.path)
    assert fixed.orphans_file is None
    assert fixed.after is not None
    assert fixed.after.ok
    assert not list(filled.path.parent.glob("*.json"))


def test_check_reports_damage_that_only_a_restore_can_fix(filled: Store, tmp_path: Path) -> None:
    filled.close()
    damaged = bytearray(filled.path.read_bytes())
    page = 4096
    damaged[page * 3 : page * 5] = os.urandom(page * 2)
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(damaged)
    report = check_database(broken)
    assert report.integrity
    assert not report.repairable
    assert "restore a backup" in report.lines()[0]


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _random_header(data: bytes) -> bytes:
    return os.urandom(4096) + data[4096:]


def _random_schema_page(data: bytes) -> bytes:
    return data[:100] + os.urandom(4000) + data[4100:]


def _not_a_database(_data: bytes) -> bytes:
    return b"BEGIN:VCARD\nFN:Kari Nordmann\nEND:VCARD\n" * 50


@pytest.mark.parametrize(
    "spoil", [_truncated, _random_header, _random_schema_page, _not_a_database]
)
def test_a_damaged_database_file_is_refused_untouched(filled: Store, spoil: object) -> None:
    filled.close()
    path = filled.path
    latest = daily_backup_if_due(path)
    with closing(sqlite3.connect(path)) as conn:  # a whole file, without its -wal
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    path.write_bytes(spoil(path.read_bytes()))  # type: ignore[operator]
    before = digest(path)
    with pytest.raises(DamagedDatabaseError, match="has not been changed") as refused:
        open_store(path)
    assert refused.value.latest_backup == latest
    assert str(latest) in str(refused.value)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()
