"""Backup and restore of the demo databases (100,000 and 1,000,000 contacts): time and size.

Figures only, no budgets. The cached demo databases are read, never written: the backup reads
through a read-only connection, and the restore goes to a scratch file beside the zip.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from db.backup import make_backup, restore_backup, verify_backup
from db.database_check import check_database
from tests.benchmarks.benchlib import BUILD, SIZES, Figures

MEGABYTE = 1024 * 1024


@pytest.mark.parametrize("size", SIZES)
def test_backup_and_restore(size: int, demo_databases: Callable[[int], Path]) -> None:
    source = demo_databases(size)
    work = BUILD / f"backup-bench-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    figures = Figures()
    try:
        out = work / "backup.zip"
        started = time.perf_counter()
        info = make_backup(source, out, app_version="bench")
        figures.add("backup.make_s", size, time.perf_counter() - started)
        figures.add("backup.database_mb", size, source.stat().st_size / MEGABYTE)
        figures.add("backup.zip_mb", size, out.stat().st_size / MEGABYTE)
        assert info.contact_count == size
        started = time.perf_counter()
        verify_backup(out)
        figures.add("backup.verify_s", size, time.perf_counter() - started)
        target = work / "restored.sqlite"
        started = time.perf_counter()
        restore_backup(out, target, app_version="bench")
        figures.add("backup.restore_s", size, time.perf_counter() - started)
        started = time.perf_counter()
        report = check_database(target)
        figures.add("backup.check_s", size, time.perf_counter() - started)
        assert report.ok, report.lines()
        assert report.contacts == size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures.check()
