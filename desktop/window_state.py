"""The main window's layout, kept between runs: geometry, splitter, the list's columns and sort,
and the contact tab last used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from desktop import settings as keys
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def restore_window_state(window: MainWindow, settings: Settings) -> None:
    for setting, restore in (
        (keys.WINDOW_GEOMETRY, window.restoreGeometry),
        (keys.WINDOW_STATE, window.restoreState),
        (keys.SPLITTER_STATE, window.splitter.restoreState),
    ):
        saved = settings.get(setting)
        if saved:
            restore(QByteArray(saved))
    window.form.tabs.setCurrentIndex(settings.get(keys.DETAIL_TAB))
    window.list_columns.refresh(notify=False)
    window.list_columns.restore_sort()


def save_window_state(window: MainWindow, settings: Settings) -> None:
    settings.set(keys.WINDOW_GEOMETRY, bytes(window.saveGeometry().data()))
    settings.set(keys.WINDOW_STATE, bytes(window.saveState().data()))
    settings.set(keys.SPLITTER_STATE, bytes(window.splitter.saveState().data()))
    window.list_columns.save_state()
    settings.set(keys.DETAIL_TAB, window.form.tabs.currentIndex())
    settings.qsettings.sync()
