"""Starting the application: the QApplication, settings, the store and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.locations import data_dir
from db.lock import DatabaseLock
from db.store import StoreError, open_store
from desktop import settings as keys
from desktop.app_icon import application_icon
from desktop.cli import database_path
from desktop.database_lock import open_locked
from desktop.open_with import import_when_shown
from desktop.settings import Settings
from desktop.store_events import StoreEvents
from desktop.widgets import prompts
from desktop.widgets.first_paint import CallOnFirstPaint

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

APP_ID = "io.github.cardfile.Cardfile"
DEMO_CONTACTS_FOR_NEW = 2000
# Set by packaging/check_bundle.py to time a frozen build's start-up: the window says when the
# contact list has first painted, then quits.
STARTUP_PROBE = "CARDFILE_STARTUP_PROBE"
FIRST_PAINT_LINE = "cardfile: first paint"


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("Cardfile")
    app.setApplicationName("Cardfile")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    return app


def make_settings(*, throwaway_in: Path | None = None) -> Settings:
    """The user's settings; or, for screenshots, fresh ones in a folder that is thrown away."""
    if throwaway_in is not None:
        return Settings(QSettings(str(throwaway_in / "settings.ini"), QSettings.Format.IniFormat))
    return Settings(
        QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Cardfile", "Cardfile")
    )


def choose_database(args: argparse.Namespace, settings: Settings) -> Path:
    """--db if given, else the database open last time, else the default one."""
    if args.db:
        return Path(args.db)
    last = settings.get(keys.LAST_DATABASE)
    if last and Path(last).exists():
        return Path(last)
    return database_path(args)


def report_unexpected_errors() -> Path:
    """Log what goes wrong to a file and tell the user in words, instead of a traceback."""
    log_file = data_dir() / "cardfile.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=log_file, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        logging.getLogger("cardfile").error("Unexpected error", exc_info=(kind, error, trace))
        prompts.show_error(
            None,
            "Something went wrong",
            f"{error}\n\nWhat was saved before is safe. The details are in {log_file}.",
        )

    sys.excepthook = hook
    return log_file


def quit_after_first_paint(window: MainWindow) -> CallOnFirstPaint:
    def report() -> None:
        print(FIRST_PAINT_LINE, flush=True)
        window.close()
        QApplication.quit()

    return CallOnFirstPaint(window.list_view.viewport(), report)


def run_gui(args: argparse.Namespace) -> int:
    if args.screenshots:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    if not args.screenshots:
        report_unexpected_errors()
    with tempfile.TemporaryDirectory(prefix="cardfile-") as scratch:
        settings = make_settings(throwaway_in=Path(scratch) if args.screenshots else None)
        return _run_window(app, args, settings)


def _run_window(app: QApplication, args: argparse.Namespace, settings: Settings) -> int:
    path = choose_database(args, settings)
    is_new = not path.exists()
    lock: DatabaseLock | None = None
    try:
        if args.screenshots:  # a throwaway run: no lock, and no question asked
            store = open_store(path)
        else:
            opened = open_locked(None, path, create=True)
            if opened is None:
                return 0
            store, lock = opened
    except StoreError as exc:
        if args.screenshots:
            print(f"cardfile: {exc}", file=sys.stderr)
        else:
            prompts.show_error(None, "Cannot open database", str(exc))
        return 1
    if args.demo_if_new and is_new:
        from db.demo import generate_demo

        generate_demo(store, DEMO_CONTACTS_FOR_NEW)
    settings.remember_database(str(store.path))
    if not args.screenshots:
        from desktop.backups import DamageNotice, start_daily_backup

        notice = DamageNotice()  # (kept while the window runs)
        start_daily_backup(store.path, notice.found.emit)  # cheap when one was made today

    from desktop.main_window import MainWindow

    window = MainWindow(store, settings, StoreEvents())
    window.hold.hold(lock)
    if args.screenshots:
        from desktop.screenshots import save_screenshots

        for saved in save_screenshots(window, Path(args.screenshots)):
            print(saved)
        status = 0
    else:
        window.show_first_contact_after_paint()
        probe = quit_after_first_paint(window) if os.environ.get(STARTUP_PROBE) else None
        window.show()
        if args.file_to_open is not None:
            import_when_shown(window, args.file_to_open)
        status = app.exec()
        del probe
    window.hold.release()
    window.store.close()
    # Destroy the window while the QApplication still exists, not at interpreter exit.
    shiboken6.delete(window)
    return status
