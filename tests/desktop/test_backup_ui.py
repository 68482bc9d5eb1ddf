"""File ▸ Back Up…, File ▸ Restore from Backup… and Tools ▸ Check Database…, driven like a user."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from db import contacts
from db.backup import make_backup, verify_backup
from db.search import live_contact_count
from desktop.backups import start_daily_backup
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.db.factories import person
from tests.desktop.conftest import Answers


class Files:
    """Stands in for the file choosers and the information boxes."""

    def __init__(self) -> None:
        self.save: Path | None = None
        self.open: Path | None = None
        self.messages: list[str] = []
        self.reports: list[tuple[list[str], str]] = []
        self.repair = True


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> Files:
    planned = Files()
    monkeypatch.setattr(prompts, "choose_save_path", lambda *_a: planned.save)
    monkeypatch.setattr(prompts, "choose_open_path", lambda *_a: planned.open)
    monkeypatch.setattr(
        prompts, "show_message", lambda _p, title, text: planned.messages.append(f"{title}: {text}")
    )

    def show_report(_parent: object, _title: str, lines: list[str], action: str = "") -> bool:
        planned.reports.append((lines, action))
        return bool(action) and planned.repair

    monkeypatch.setattr(prompts, "show_report", show_report)
    return planned


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_back_up_writes_the_chosen_file(window: MainWindow, files: Files, tmp_path: Path) -> None:
    files.save = tmp_path / "my backup"  # the .zip is added
    window.commands.back_up.trigger()
    out = tmp_path / "my backup.zip"
    assert verify_backup(out).contact_count == 4
    assert files.messages == [f"Backed up: 4 contacts are backed up in {out}."]


def test_restore_says_what_the_backup_holds_then_reopens_it(
    window: MainWindow, files: Files, answers: Answers, tmp_path: Path
) -> None:
    path = window.store.path
    files.open = tmp_path / "b.zip"
    make_backup(path, files.open, app_version="1.2.3")
    with window.store.session() as session:
        contacts.create_contact(session, person("After", "Backup"))
    old_store = window.store
    window.commands.restore_backup.trigger()
    assert answers.asked == ["confirm:Restore from backup"]
    question = answers.texts[0]
    assert "b.zip" in question
    assert "made " in question
    assert "by Cardfile 1.2.3" in question
    assert "4 contacts" in question
    assert window.store is not old_store
    assert window.store.path == path
    assert window.model.rowCount() == 4
    assert "Restored 4 contacts" in files.messages[-1]
    assert "kept in" in files.messages[-1]
    assert list((path.parent / "backups").glob("*before-restore*.zip"))


def test_a_restore_answered_no_replaces_nothing(
    window: MainWindow, files: Files, answers: Answers, tmp_path: Path
) -> None:
    files.open = tmp_path / "b.zip"
    make_backup(window.store.path, files.open, app_version="1")
    with window.store.session() as session:
        contacts.create_contact(session, person("Still", "Here"))
    answers.confirm = False
    store = window.store
    window.commands.restore_backup.trigger()
    assert window.store is store
    assert live_contact_count(store.reader()) == 5
    assert not (store.path.parent / "backups").exists()


def test_a_bad_backup_is_refused_in_words(
    window: MainWindow, files: Files, answers: Answers, tmp_path: Path
) -> None:
    files.open = tmp_path / "bogus.zip"
    files.open.write_text("not a backup")
    window.store.close()
    before = digest(window.store.path)
    window.commands.restore_backup.trigger()
    assert answers.asked == []  # refused before any question
    assert len(answers.errors) == 1
    assert "Cannot restore" in answers.errors[0]
    assert "not a readable zip file" in answers.errors[0]
    assert digest(window.store.path) == before


def test_check_shows_a_sound_database_without_repair(window: MainWindow, files: Files) -> None:
    window.commands.check_database.trigger()
    [(lines, action)] = files.reports
    assert "no problems found (4 contacts)" in lines[0]
    assert action == ""


def test_check_offers_repair_and_repair_fixes_the_search(window: MainWindow, files: Files) -> None:
    with closing(sqlite3.connect(window.store.path)) as conn:
        conn.execute("DELETE FROM contact_search")
        conn.commit()
    window.search_box.setText("Hansen")
    assert window.model.rowCount() == 0
    window.commands.check_database.trigger()
    (found, action), (fixed, no_action) = files.reports
    assert "4 contacts are missing from the search index." in found
    assert action == "&Repair"
    assert "Rebuilt the search index (4 contacts)." in fixed
    assert no_action == ""
    window.search_box.setText("Hanse")
    window.search_box.setText("Hansen")
    assert window.model.rowCount() == 1


def test_the_daily_backup_runs_beside_the_window(window: MainWindow) -> None:
    start_daily_backup(window.store.path).join(timeout=30)
    [made] = (window.store.path.parent / "backups").glob("*-daily-*.zip")
    assert verify_backup(made).contact_count == 4


def test_the_backup_runs_beside_the_window_not_in_it(
    window: MainWindow, files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big database's backup takes a minute: the window keeps painting meanwhile."""
    import threading

    import db.backup

    ran_in: list[threading.Thread] = []
    real = db.backup.make_backup

    def watched(*args: object, **kwargs: object) -> object:
        ran_in.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(db.backup, "make_backup", watched)
    files.save = tmp_path / "beside.zip"
    window.commands.back_up.trigger()
    assert ran_in
    assert ran_in[0] is not threading.main_thread()
    assert verify_backup(tmp_path / "beside.zip").contact_count == 4


def test_how_many_automatic_backups_are_kept_is_chosen_in_the_window(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from db.automatic_backups import keeping
    from desktop.widgets.keeping_dialog import KeepingDialog

    seen: list[tuple[int, int]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, KeepingDialog):
            QTimer.singleShot(10, answer)
            return
        seen.append((dialog.daily.value(), dialog.weekly.value()))
        dialog.daily.setValue(14)
        dialog.weekly.setValue(8)
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.commands.backup_settings.trigger()
    assert seen == [(7, 4)]  # the defaults, shown first
    assert keeping(window.store.path) == (14, 8)


def test_damage_found_by_the_daily_backup_is_said(tmp_path: Path) -> None:
    """Damage deep in the file (not in its header, which opening checks) is found by the quick
    check that each day's backup makes, and the user is told what to do."""
    import random

    from db.store import open_store

    path = tmp_path / "damaged.sqlite"
    store = open_store(path)
    with store.session() as session:
        for n in range(300):
            contacts.create_contact(session, person(f"Kari{n}", "Nordmann", notes="x" * 200))
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    rng = random.Random(5)
    data[page * 8 : page * 10] = bytes(rng.randrange(256) for _ in range(page * 2))
    path.write_bytes(bytes(data))
    told: list[str] = []
    start_daily_backup(path, told.append).join()
    (said,) = told
    assert said.startswith("While making today's backup of damaged.sqlite, SQLite found damage")
    assert "Tools ▸ Check Database" in said


def test_a_sound_database_gets_its_daily_backup_and_no_word(window: MainWindow) -> None:
    told: list[str] = []
    start_daily_backup(window.store.path, told.append).join()
    assert told == []
    assert list((window.store.path.parent / "backups").glob("*-daily-*.zip"))


def test_a_repair_refused_by_a_busy_database_is_said(
    window: MainWindow, files: Files, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    import db.database_check

    def locked(_path: object) -> object:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(db.database_check, "repair", locked)
    monkeypatch.setattr(
        db.database_check,
        "check_database",
        lambda _p: type("Report", (), {"repairable": True, "lines": lambda self: ["orphans"]})(),
    )
    window.backups.check()
    (said,) = answers.errors
    assert said.startswith("Not repaired: Cardfile could not repair: another program is writing")


def test_backing_up_a_damaged_database_says_so(
    window: MainWindow, files: Files, answers: Answers, tmp_path: Path
) -> None:
    import random

    from db.store import open_store

    path = tmp_path / "damaged.sqlite"
    store = open_store(path)
    with store.session() as session:
        for n in range(300):
            contacts.create_contact(session, person(f"Kari{n}", "Nordmann", notes="x" * 200))
    store.close()
    data = bytearray(path.read_bytes())
    rng = random.Random(5)
    data[4096 * 8 : 4096 * 10] = bytes(rng.randrange(256) for _ in range(4096 * 2))
    path.write_bytes(bytes(data))
    window.store.path = path  # (the window's store, pointed at the damaged file)
    files.save = tmp_path / "copy.zip"
    assert window.backups.back_up() is None
    (said,) = answers.errors
    assert said.startswith("The database is damaged: While backing up damaged.sqlite, SQLite")
    assert "cannot be restored" in said
    assert files.messages == []
