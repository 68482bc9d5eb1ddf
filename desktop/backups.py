"""File ▸ Back Up…, File ▸ Restore from Backup… and Tools ▸ Check Database…, for the main window.

The work is in `db.backup` and `db.database_check`; here the questions, the answers in words, and
reopening the database after a restore.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop.operations import in_words
from desktop.store_events import ChangeSet
from desktop.version import app_version
from desktop.widgets import prompts
from desktop.widgets.busy import run_busy

if TYPE_CHECKING:
    import threading

    from desktop.main_actions import MainActions
    from desktop.main_window import MainWindow

KINDS = "Cardfile backups (*.zip)"


class BackupFlows:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def connect(self, commands: MainActions) -> None:
        commands.back_up.triggered.connect(self.back_up)
        commands.restore_backup.triggered.connect(self.restore)
        commands.check_database.triggered.connect(self.check)
        commands.backup_settings.triggered.connect(self.choose_keeping)

    def choose_keeping(self) -> bool:
        """File ▸ Automatic Backups: how many daily and weekly backups are kept."""
        from db.automatic_backups import backups_folder, keeping, set_keeping
        from desktop.widgets.keeping_dialog import ask_keeping

        path = self.window.store.path
        chosen = ask_keeping(self.window, keeping(path), backups_folder(path))
        if chosen is None or self._read_only("change the automatic backups"):
            return False
        daily, weekly = chosen
        done = self.window.ops.write(
            "keep that many backups", lambda session: set_keeping(session, daily, weekly)
        )
        return done is not None

    def back_up(self) -> Path | None:
        from db.backup import BackupError, make_backup

        path = self.window.store.path
        suggested = path.parent / f"{path.stem} backup {date.today().isoformat()}.zip"
        out = prompts.choose_save_path(self.window, "Back up the database", suggested, KINDS)
        if out is None:
            return None
        out = out if out.suffix.lower() == ".zip" else out.with_name(out.name + ".zip")
        try:
            info = run_busy(
                self.window,
                "Back up",
                f"Backing up {path.name}…",
                lambda: make_backup(path, out, app_version=app_version()),
            )
        except (BackupError, OSError) as exc:
            prompts.show_error(self.window, "Backup failed", str(exc))
            return None
        if info.damage:
            prompts.show_error(
                self.window,
                "The database is damaged",
                damage_text(path, info.damage, "While backing up")
                + f"\n\nThe backup in {out} holds the damage too: it cannot be restored.",
            )
            return None
        prompts.show_message(
            self.window,
            "Backed up",
            f"{info.contact_count:,} contacts are backed up in {out}.",
        )
        return out

    def restore(self) -> bool:
        """Choose a backup, check it, say what it holds, and on Yes put it in place and reopen."""
        if self._read_only("restore a backup over it"):
            return False
        chosen = self._chosen_backup()
        if chosen is None or not self.window.confirm_leave_contact():
            return False
        from db.backup import BackupError, restore_backup

        window = self.window
        path = window.store.path
        window.store.close()
        try:
            result = run_busy(
                window,
                "Restore",
                f"Restoring {chosen.name}…",
                lambda: restore_backup(chosen, path, app_version=app_version()),
            )
        except (BackupError, OSError) as exc:
            prompts.show_error(window, "Cannot restore", str(exc))
            return False
        if not window.open_database(path):
            return False
        kept = (
            f"\n\nThe database it replaced is kept in {result.previous}." if result.previous else ""
        )
        prompts.show_message(
            window,
            "Restored",
            f"Restored {result.info.contact_count:,} contacts from {chosen}.{kept}",
        )
        return True

    def _read_only(self, what: str) -> bool:
        """True (the user told why) when this window may only look at the database."""
        if not self.window.store.read_only:
            return False
        prompts.show_error(
            self.window,
            "Read-only",
            f"Another Cardfile window has {self.window.store.path.name} open, so this window "
            f"cannot {what}. Do it in that window, or close it and open the database here again.",
        )
        return True

    def _chosen_backup(self) -> Path | None:
        """The backup the user picked, checked, once they said Restore to what it holds."""
        from db.automatic_backups import backups_folder

        window = self.window
        path = window.store.path
        folder = backups_folder(path)
        chosen = prompts.choose_open_path(
            window, "Restore from backup", folder if folder.is_dir() else path.parent, KINDS
        )
        if chosen is None:
            return None
        return chosen if self.confirm_restore(chosen) else None

    def confirm_restore(self, chosen: Path) -> bool:
        """Check the backup, then ask, saying what it holds; True when the user said Restore."""
        from db.backup import BackupError, verify_backup

        window = self.window
        try:
            info = run_busy(
                window, "Restore", f"Checking {chosen.name}…", lambda: verify_backup(chosen)
            )
        except BackupError as exc:
            prompts.show_error(window, "Cannot restore", str(exc))
            return False
        made = info.created_at.astimezone().strftime("%Y-%m-%d at %H:%M")
        question = (
            f"Replace the database {window.store.path.name} with the backup {chosen.name}, made "
            f"{made} by Cardfile {info.app_version}, holding {info.contact_count:,} contacts?"
            "\n\nThe database as it is now is backed up first, in the backups folder beside it."
        )
        return prompts.confirm(window, "Restore from backup", question, "&Restore")

    def check(self) -> None:
        from db.database_check import check_database, repair

        window = self.window
        path = window.store.path
        report = run_busy(window, "Check database", "Checking…", lambda: check_database(path))
        action = "&Repair" if report.repairable and not window.store.read_only else ""
        if not prompts.show_report(window, "Check database", report.lines(), action):
            return
        try:
            fixed = run_busy(window, "Repair", "Repairing…", lambda: repair(path))
        except sqlite3.Error as exc:  # e.g. another program writing to it just now
            prompts.show_error(
                window, "Not repaired", f"Cardfile could not repair: {in_words(str(exc))}"
            )
            return
        window.events.announce(ChangeSet(list_changed=True))
        prompts.show_report(window, "Database repaired", fixed.lines())


class DamageNotice(QObject):
    """Made on the window's thread: the daily backup's thread says through it that the database
    is damaged, and the user is told there (a signal crosses threads safely)."""

    found = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.found.connect(self.tell)

    @staticmethod
    def tell(text: str) -> None:
        prompts.show_error(QApplication.activeWindow(), "The database is damaged", text)


def damage_text(
    path: Path, damage: tuple[str, ...], when: str = "While making today's backup of"
) -> str:
    found = "\n".join(f"  {line}" for line in damage[:5])
    return (
        f"{when} {path.name}, SQLite found damage in it:\n{found}\n\n"
        "Choose Tools ▸ Check Database… to see what can be repaired, or File ▸ Restore from "
        "Backup… to go back to an earlier backup (kept in the backups folder beside it)."
    )


def start_daily_backup(
    path: Path, on_damage: Callable[[str], None] | None = None
) -> threading.Thread:
    """The day's automatic backup (db.automatic_backups), when due, in a thread of its own: the
    window opens at once however big the database. Python waits for it at exit, so a backup is
    never cut off by quitting. A failure is logged, never in the user's way; damage that the
    backup's check finds in the database is said through `on_damage`."""
    import threading

    def run() -> None:
        from db.automatic_backups import daily_backup_if_due
        from db.backup import BackupError, backup_damage, integrity_problems

        try:
            made = daily_backup_if_due(path, app_version=app_version())
        except (BackupError, OSError, sqlite3.Error):
            logging.getLogger("cardfile").exception("The daily backup of %s failed", path)
            made = None
            damage = tuple(integrity_problems(path, quick=True))  # (the failure's cause?)
        else:
            damage = backup_damage(made) if made is not None else ()
        if damage and on_damage is not None:
            on_damage(damage_text(path, damage))

    thread = threading.Thread(target=run, name="daily-backup")
    thread.start()
    return thread
