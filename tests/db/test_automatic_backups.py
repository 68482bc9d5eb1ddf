"""Automatic backups: once a day, rotated, and never deleting what is not a daily backup."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from db import contacts
from db.automatic_backups import (
    daily_backup_if_due,
    latest_backup,
    rotate_daily_backups,
    stamped_backups,
)
from db.backup import verify_backup
from db.store import Store
from tests.db.factories import person


def test_the_first_open_of_each_day_makes_one_backup(store: Store) -> None:
    with store.session() as session:
        contacts.create_contact(session, person())
    monday = date(2026, 3, 2)
    first = daily_backup_if_due(store.path, today=monday)
    assert first is not None
    assert first.parent == store.path.parent / "backups"
    assert verify_backup(first).contact_count == 1
    assert daily_backup_if_due(store.path, today=monday) is None
    tuesday = daily_backup_if_due(store.path, today=monday + timedelta(days=1))
    assert tuesday is not None
    assert tuesday != first
    assert latest_backup(store.path) == tuesday


def test_nothing_to_back_up_for_a_missing_database(tmp_path: Path) -> None:
    assert daily_backup_if_due(tmp_path / "nothing.sqlite") is None


def fake(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    made = folder / name
    made.write_bytes(b"x")
    return made


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    db_path = tmp_path / "cardfile.sqlite"
    folder = tmp_path / "backups"
    start = datetime(2026, 1, 1, 9, 30)
    days = [start + timedelta(days=n) for n in range(60)]  # one a day for 60 days
    for day in days:
        fake(folder, f"cardfile-daily-{day:%Y%m%d-%H%M%S}.zip")
    kept_aside = [
        fake(folder, "cardfile-before-schema-0005-20250101-101010.sqlite"),
        fake(folder, "cardfile-before-restore-20250101-101010.zip"),
        fake(folder, "cardfile-before-restore-20250101-101011.damaged"),
        fake(folder, "other-daily-20250101-101010.zip"),  # another database's
        fake(folder, "notes.txt"),
    ]
    removed = rotate_daily_backups(db_path)
    left = [made for made, _ in stamped_backups(db_path, "daily")]
    newest = sorted(days, reverse=True)
    assert left[:7] == newest[:7]
    weekly = left[7:]
    assert len(weekly) == 4
    weeks = [d.isocalendar()[:2] for d in weekly]
    assert len(set(weeks)) == 4
    # Each is the newest backup of its week, weeks just before the daily ones.
    for made in weekly:
        later_same_week = [
            d for d in newest[7:] if d.isocalendar()[:2] == made.isocalendar()[:2] and d > made
        ]
        assert later_same_week == []
    assert len(removed) == 60 - 11
    assert all(p.exists() for p in kept_aside)
    assert rotate_daily_backups(db_path) == []  # a second pass removes nothing more


def test_the_latest_backup_is_any_kind_newest_first(tmp_path: Path) -> None:
    db_path = tmp_path / "cardfile.sqlite"
    folder = tmp_path / "backups"
    fake(folder, "cardfile-daily-20260101-090000.zip")
    restore = fake(folder, "cardfile-before-restore-20260102-090000.zip")
    assert latest_backup(db_path) == restore
    assert latest_backup(tmp_path / "other.sqlite") is None


def test_how_many_backups_are_kept_is_a_setting_of_the_database(store: Store) -> None:
    import pytest

    from db.automatic_backups import keeping, set_keeping, stamped_backups

    with store.session() as session:
        contacts.create_contact(session, person())
    assert keeping(store.path) == (7, 4)
    with store.session() as session:
        set_keeping(session, 2, 0)
        with pytest.raises(ValueError, match="between 1 and 365 daily"):
            set_keeping(session, 0, 1)
    assert keeping(store.path) == (2, 0)
    monday = date(2026, 3, 2)
    for day in range(5):
        daily_backup_if_due(store.path, today=monday + timedelta(days=day))
    kept = [p.name for _, p in stamped_backups(store.path, "daily")]
    assert len(kept) == 2  # the two newest, no weekly ones
    assert "20260306" in kept[0]
