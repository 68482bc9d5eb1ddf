"""Choosing database files: New, Open, and the Open Recent menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

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
