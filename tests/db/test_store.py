"""Opening the database: pragmas, migrations, and refusing what is not ours or is too new."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from db.migrations import include_object
from db.models import Base
from db.store import (
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    NewerSchemaError,
    Store,
    StoreError,
    open_store,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_protect_every_saved_edit(store: Store) -> None:
    with store.session() as session:
        pragma = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": 5000,
    }


def test_schema_head_constant_is_alembics_head() -> None:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    assert script.get_heads() == [SCHEMA_HEAD]


def test_migration_chain_is_linear() -> None:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    revisions = list(script.walk_revisions())
    assert len(script.get_bases()) == 1
    for revision in revisions:
        assert not revision.is_merge_point
        assert not revision.is_branch_point


def test_migrated_database_equals_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_new_database_is_stamped_and_has_the_search_index(store: Store) -> None:
    with store.session() as session:
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tables = set(session.execute(text("SELECT name FROM sqlite_master")).scalars())
    assert version == SCHEMA_HEAD
    assert "contact_search" in tables
    assert store.migrated_from is None


def test_reopening_a_current_database_makes_no_backup(db_path: Path) -> None:
    open_store(db_path).close()
    again = open_store(db_path)
    again.close()
    assert again.backup_path is None
    assert not (db_path.parent / "backups").exists()


def test_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerSchemaError, match="newer version of Cardfile") as caught:
        open_store(db_path)
    assert str(db_path) in str(caught.value)
    assert digest(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100)
    before = digest(path)
    with pytest.raises(StoreError, match="not a Cardfile database"):
        open_store(path)
    assert digest(path) == before


def test_someone_elses_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="not a Cardfile database"):
        open_store(path)
    assert digest(path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_session_rolls_back_everything_when_the_action_fails(store: Store) -> None:
    from db.contacts import create_contact
    from db.search import live_contact_count
    from tests.db.factories import person

    def fail_half_way() -> None:
        with store.session() as session:
            create_contact(session, person())
            raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        fail_half_way()
    with store.session() as session:
        assert live_contact_count(session) == 0


def test_an_older_database_is_backed_up_before_it_is_upgraded(db_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from db.store import create_private_file, make_engine

    create_private_file(db_path)  # (an engine never makes its file)
    engine = make_engine(db_path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # as the first release left it
        connection.exec_driver_sql(
            "INSERT INTO contacts (first_name, middle_name, last_name, prefix, suffix, salutation,"
            " company, title, department, web_site, status, referred_by, last_result,"
            " do_not_call, do_not_mail, do_not_email, mail_returned, email_bounced, notes,"
            " created_at, edited_at, sort_name, sort_company, sort_city, list_phone, list_email,"
            " list_city) VALUES ('Kari', '', 'Nordmann', '', '', '', '', '', '', '', '', '', '',"
            " 0, 0, 0, 0, 0, '', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 'nordmann, kari',"
            " '', '', '', '', '')"
        )
    engine.dispose()
    upgraded = open_store(db_path)
    with upgraded.session() as session:
        assert (
            session.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        )
        assert session.execute(text("SELECT first_name FROM contacts")).scalars().all() == ["Kari"]
    upgraded.close()
    assert upgraded.migrated_from == "0001"
    assert upgraded.backup_path is not None
    assert upgraded.backup_path.parent == db_path.parent / "backups"
    with sqlite3.connect(upgraded.backup_path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT first_name FROM contacts").fetchall() == [("Kari",)]
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    copy.close()


def test_a_failed_upgrade_leaves_nothing_half_done(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import op

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(op, "bulk_insert", disk_full, raising=False)
    with pytest.raises(StoreError, match="could not be brought up to date") as caught:
        open_store(db_path)
    assert "disk is full" in str(caught.value)
    with sqlite3.connect(db_path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    assert tables == []  # no half a schema: the CREATE TABLEs were rolled back too
    monkeypatch.undo()
    opened = open_store(db_path)  # and the next try works
    opened.close()


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    gone = tmp_path / "usb" / "work.sqlite"
    with pytest.raises(StoreError, match="does not exist any more"):
        open_store(gone, create=False)
    assert not gone.parent.exists()


def test_a_place_that_cannot_hold_a_database_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="could not be opened"):
        open_store(blocker / "contacts.sqlite")


def test_a_read_only_store_reads_and_refuses_writes(store: Store, db_path: Path) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from db import contacts
    from db.records import ContactFields

    with store.session() as session:
        contacts.create_contact(session, ContactFields(first_name="Anna"))
    read_only = open_store(db_path, read_only=True)
    try:
        assert read_only.read_only
        assert read_only.reader().execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            read_only.reader().execute("DELETE FROM contacts")
        with pytest.raises(OperationalError, match="readonly"), read_only.session() as session:
            contacts.create_contact(session, ContactFields(first_name="Hans"))
        assert read_only.reader().execute("SELECT first_name FROM contacts").fetchall() == [
            ("Anna",)
        ]
    finally:
        read_only.close()


def test_a_missing_file_cannot_be_opened_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot be opened read-only"):
        open_store(tmp_path / "gone.sqlite", read_only=True)
    assert not (tmp_path / "gone.sqlite").exists()


def test_changes_made_elsewhere_are_noticed_but_not_its_own(store: Store, db_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from db import contacts
    from db.records import ContactFields

    store.reader()
    assert not store.changed_elsewhere()  # the first call takes note
    with store.session() as session:
        contacts.create_contact(session, ContactFields(first_name="Anna"))
    assert not store.changed_elsewhere()
    with closing(sqlite3.connect(db_path)) as other, other:
        other.execute("UPDATE contacts SET first_name = 'Anne'")
    assert store.changed_elsewhere()
    assert not store.changed_elsewhere()


def test_a_database_whose_file_has_gone_is_not_made_again_empty(db_path: Path) -> None:
    """A database on a drive that was removed: writing fails, and no new empty file takes its
    place (SQLite would make one on connecting)."""
    from sqlalchemy.exc import OperationalError

    store = open_store(db_path)
    with store.session() as session:
        session.execute(text("SELECT 1"))
    store.close()
    db_path.rename(db_path.with_suffix(".elsewhere"))
    with (
        pytest.raises(OperationalError, match="unable to open database file"),
        store.session() as s,
    ):
        s.execute(text("SELECT count(*) FROM contacts"))
    with pytest.raises(sqlite3.OperationalError, match="unable to open database file"):
        store.reader()
    assert not db_path.exists()
