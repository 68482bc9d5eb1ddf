"""Automatic backups, in `backups/` beside the database: the first open of each day and before
risky changes (a restore; migrations make their own copy in `db.store`).

Daily backups rotate: the newest 7, and among older ones the newest of each of the 4 most recent
ISO weeks, are kept (both numbers are a setting kept in the database: `set_keeping`). Nothing
but daily backups is ever deleted here: the copies made before a migration or a restore stay
until the user removes them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from db.backup import installed_version, make_backup

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

BACKUPS_FOLDER = "backups"
DAILY = "daily"
BEFORE_RESTORE = "before-restore"
# {stem}-{reason}-{YYYYmmdd-HHMMSS}[-n].zip
# (Only Cardfile's own reasons: another database's backups, "contacts-old-daily-…" beside
# "contacts", are not this one's.)
_STAMPED = re.compile(
    r"^(?P<reason>daily|manual|before-[a-z0-9-]+?)-(?P<day>\d{8})-(?P<time>\d{6})(?:-\d+)?$"
)


def backups_folder(path: Path) -> Path:
    return Path(path).parent / BACKUPS_FOLDER


def automatic_backup(
    path: Path,
    reason: str,
    *,
    app_version: str | None = None,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    today: date | None = None,
) -> Path:
    """A backup in `backups/` beside the database, named for `reason` and the time; daily ones
    are then rotated (see `rotate_daily_backups`)."""
    folder = backups_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{stamped_name(folder, Path(path).stem, reason, today)}.zip"
    make_backup(path, out, app_version=app_version or installed_version())
    if reason == DAILY:
        rotate_daily_backups(path, keep_daily=keep_daily, keep_weekly=keep_weekly)
    return out


KEEP_DAILY_KEY = "backup.keep_daily"
KEEP_WEEKLY_KEY = "backup.keep_weekly"
KEEP_DEFAULTS = (7, 4)
KEEP_LIMITS = ((1, 365), (0, 104))  # daily, weekly


def keeping(path: Path) -> tuple[int, int]:
    """How many daily and weekly backups of the database at `path` are kept (its setting, read
    without opening it as a Store: this runs in the daily backup's thread)."""
    import sqlite3
    from contextlib import closing

    try:
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            rows = dict(
                conn.execute(
                    "SELECT key, value FROM store_settings WHERE key IN (?, ?)",
                    (KEEP_DAILY_KEY, KEEP_WEEKLY_KEY),
                ).fetchall()
            )
        return (
            int(rows.get(KEEP_DAILY_KEY, KEEP_DEFAULTS[0])),
            int(rows.get(KEEP_WEEKLY_KEY, KEEP_DEFAULTS[1])),
        )
    except (sqlite3.Error, ValueError):
        return KEEP_DEFAULTS


def set_keeping(session: Session, daily: int, weekly: int) -> None:
    """Keep the last `daily` daily backups and one for each of `weekly` weeks before them."""
    from db.store_settings import set_setting

    for value, (low, high), what in zip(
        (daily, weekly), KEEP_LIMITS, ("daily", "weekly"), strict=True
    ):
        if not low <= value <= high:
            raise ValueError(f"keep between {low} and {high} {what} backups, not {value}")
    set_setting(session, KEEP_DAILY_KEY, str(daily))
    set_setting(session, KEEP_WEEKLY_KEY, str(weekly))


def daily_backup_if_due(
    path: Path,
    *,
    today: date | None = None,
    app_version: str | None = None,
    keep_daily: int | None = None,
    keep_weekly: int | None = None,
) -> Path | None:
    """The day's automatic backup, on the first open of each day; None when one was made today
    (or there is nothing to back up). Costs one folder listing when not due."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    day = (today or date.today()).strftime("%Y%m%d")
    folder = backups_folder(path)
    if any(folder.glob(f"{path.stem}-{DAILY}-{day}-*.zip")):
        return None
    setting = keeping(path)
    keep_daily = setting[0] if keep_daily is None else keep_daily
    keep_weekly = setting[1] if keep_weekly is None else keep_weekly
    return automatic_backup(
        path,
        DAILY,
        app_version=app_version,
        keep_daily=keep_daily,
        keep_weekly=keep_weekly,
        today=today,
    )


def stamped_name(folder: Path, stem: str, reason: str, today: date | None = None) -> str:
    now = datetime.now()
    if today is not None:
        now = datetime.combine(today, now.time())
    name = f"{stem}-{reason}-{now:%Y%m%d-%H%M%S}"
    n = 1
    while any(folder.glob(f"{name if n == 1 else f'{name}-{n}'}.*")):
        n += 1
    return name if n == 1 else f"{name}-{n}"


def stamped_backups(path: Path, reason: str | None = None) -> list[tuple[datetime, Path]]:
    """The backups in `backups/` made of the database at `path` (of one `reason`), newest first."""
    found = []
    stem = Path(path).stem
    for candidate in backups_folder(path).glob(f"{stem}-*.zip"):
        match = _STAMPED.match(candidate.stem[len(stem) + 1 :])
        if match is None or (reason is not None and match["reason"] != reason):
            continue
        made = datetime.strptime(match["day"] + match["time"], "%Y%m%d%H%M%S")
        found.append((made, candidate))
    return sorted(found, reverse=True)


def latest_backup(path: Path) -> Path | None:
    """The newest automatic backup of the database at `path`, if any."""
    found = stamped_backups(path)
    return found[0][1] if found else None


def rotate_daily_backups(path: Path, *, keep_daily: int = 7, keep_weekly: int = 4) -> list[Path]:
    """Delete the daily backups that are no longer kept; returns them.

    Kept: the newest `keep_daily`, then, among the older ones, the newest of each of the
    `keep_weekly` most recent ISO weeks. Only daily backups are ever deleted here.
    """
    daily = stamped_backups(path, DAILY)
    kept = {p for _, p in daily[:keep_daily]}
    weeks: set[tuple[int, int]] = set()
    for made, candidate in daily[keep_daily:]:
        week = made.isocalendar()[:2]
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            kept.add(candidate)
    removed = [p for _, p in daily if p not in kept]
    for candidate in removed:
        candidate.unlink(missing_ok=True)
    return removed
