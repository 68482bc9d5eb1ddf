"""The main window's layout, kept between runs: geometry, splitter, the list's columns and sort,
and the contact tab last used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt

from desktop import settings as keys
from desktop.contacts.list_model import COLUMNS
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def restore_window_state(window: MainWindow, settings: Settings) -> None:
    for setting, restore in (
        (keys.WINDOW_GEOMETRY, window.restoreGeometry),
        (keys.WINDOW_STATE, window.restoreState),
        (keys.SPLITTER_STATE, window.splitter.restoreState),
        (keys.LIST_HEADER_STATE, window.list_view.horizontalHeader().restoreState),
    ):
        saved = settings.get(setting)
        if saved:
            restore(QByteArray(saved))
    window.form.tabs.setCurrentIndex(settings.get(keys.DETAIL_TAB))
    header = window.list_view.horizontalHeader()
    column = header.sortIndicatorSection()
    if 0 <= column < len(COLUMNS):
        window.model.sort(column, header.sortIndicatorOrder())
    else:
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)


def save_window_state(window: MainWindow, settings: Settings) -> None:
    settings.set(keys.WINDOW_GEOMETRY, bytes(window.saveGeometry().data()))
    settings.set(keys.WINDOW_STATE, bytes(window.saveState().data()))
    settings.set(keys.SPLITTER_STATE, bytes(window.splitter.saveState().data()))
    header = window.list_view.horizontalHeader()
    settings.set(keys.LIST_HEADER_STATE, bytes(header.saveState().data()))
    settings.set(keys.DETAIL_TAB, window.form.tabs.currentIndex())
    settings.qsettings.sync()
