"""`cardfile backup`, `cardfile restore` and `cardfile check`. No Qt here.

These work on the database file itself, so they do not open it as a Store first: a damaged file can
still be checked, or replaced by a backup.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

MEGABYTE = 1024 * 1024


def add_backup_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser("backup", help="write a backup of the database (one zip file)")
    backup.add_argument(
        "--out", type=Path, metavar="FILE", help="where (default: a dated file in backups/)"
    )
    restore = commands.add_parser(
        "restore", help="replace the database with a backup, after checking it"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup (.zip)")
    check = commands.add_parser(
        "check", help="check the database: integrity, foreign keys, the search index"
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="rebuild the search index and move orphaned rows aside to a JSON file",
    )


FILE_COMMANDS = ("backup", "restore", "check")


def run_file_command(args: argparse.Namespace, path: Path) -> int:
    """Run backup, restore or check on the database file at `path`; the exit status."""
    from db.backup import BackupError
    from db.store import StoreError

    if not path.is_file():
        print(f"cardfile {args.command}: there is no database file at {path}", file=sys.stderr)
        return 1
    try:
        if args.command == "backup":
            return _backup(path, args.out)
        if args.command == "restore":
            return _restore(path, args.file)
        return _check(path, repair=args.repair)
    except (BackupError, StoreError) as exc:
        print(f"cardfile {args.command}: {exc}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        print(f"cardfile {args.command} stopped: {exc}", file=sys.stderr)
        return 1


def _backup(path: Path, out: Path | None) -> int:
    from db.automatic_backups import backups_folder, stamped_name
    from db.backup import make_backup
    from desktop.version import app_version

    if out is None:
        folder = backups_folder(path)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / f"{stamped_name(folder, path.stem, 'manual')}.zip"
    started = time.perf_counter()
    info = make_backup(path, out, app_version=app_version())
    took = time.perf_counter() - started
    if info.damage:
        print(
            f"cardfile backup: {path} is damaged ({'; '.join(info.damage[:3])}); the backup in "
            f"{out} holds the damage too and cannot be restored. Run `cardfile check`.",
            file=sys.stderr,
        )
        return 1
    print(
        f"Backed up {info.contact_count:,} contacts (schema {info.schema_revision}) from {path} "
        f"to {out} ({out.stat().st_size / MEGABYTE:,.1f} MB) in {took:.1f} s"
    )
    return 0


def _restore(path: Path, backup: Path) -> int:
    from db.backup import restore_backup
    from desktop.version import app_version

    result = restore_backup(backup, path, app_version=app_version())
    made = result.info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    print(
        f"Restored {backup} (made {made} by Cardfile {result.info.app_version}, "
        f"{result.info.contact_count:,} contacts) into {path}"
    )
    if result.previous is not None:
        print(f"The database it replaced is kept in {result.previous}")
    return 0


def _check(path: Path, *, repair: bool) -> int:
    from db.database_check import check_database
    from db.database_check import repair as repair_database

    started = datetime.now()
    report = check_database(path)
    for line in report.lines():
        print(line)
    if report.ok or not repair:
        return 0 if report.ok else 1
    if not report.repairable:
        print("Not repaired: the file itself is damaged. Restore a backup (cardfile restore).")
        return 1
    fixed = repair_database(path)
    for line in fixed.lines():
        print(line)
    seconds = (datetime.now() - started).total_seconds()
    ok = fixed.after is not None and fixed.after.ok
    print(f"Repaired in {seconds:.1f} s." if ok else "Some problems remain.")
    return 0 if ok else 1
