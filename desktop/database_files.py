"""Choosing database files: New, Open, and the Open Recent menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from desktop import settings as keys

if TYPE_CHECKING:
    from desktop.main_actions import MainActions
    from desktop.main_window import MainWindow

KINDS = "Cardfile databases (*.sqlite)"


def ask_new_database(parent: QWidget, folder: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "New database", str(folder), KINDS)
    if not chosen:
        return None
    return Path(chosen if chosen.endswith(".sqlite") else chosen + ".sqlite")


def ask_database_to_open(parent: QWidget, folder: Path) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Open database", str(folder), f"{KINDS};;All files (*)"
    )
    return Path(chosen) if chosen else None


def fill_recent_menu(menu: QMenu, paths: list[str], open_path: Callable[[Path], object]) -> None:
    menu.clear()
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(lambda _=False, p=path: open_path(Path(p)))
    if menu.isEmpty():
        menu.addAction("No recent databases").setEnabled(False)


def connect_file_menu(window: MainWindow, commands: MainActions, recent: QMenu) -> None:
    """New Database…, Open Database… and Open Recent, each ending in `window.open_database`."""

    def new() -> None:
        path = ask_new_database(window, window.store.path.parent)
        if path is not None:
            window.open_database(path, create=True)

    def choose() -> None:
        path = ask_database_to_open(window, window.store.path.parent)
        if path is not None:
            window.open_database(path)

    commands.new_db.triggered.connect(new)
    commands.open_db.triggered.connect(choose)
    recent.aboutToShow.connect(
        lambda: fill_recent_menu(
            recent, window.settings.get(keys.RECENT_DATABASES), window.open_database
        )
    )
