"""Doing what a user does in the main window, for the window tests."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db import contacts
from db.store import Store
from desktop.main_window import MainWindow


def click_row(qtbot: object, window: MainWindow, row: int) -> None:
    view = window.list_view
    rect = view.visualRect(window.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]


def row_named(window: MainWindow, name: str) -> int:
    for row in range(window.model.rowCount()):
        if window.model.data(window.model.index(row, 0)) == name:
            return row
    raise AssertionError(f"{name} is not in the list")


def type_into(qtbot: object, widget: object, text: str) -> None:
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)  # type: ignore[attr-defined]


def stored(store: Store, contact_id: int) -> contacts.Contact:
    with store.session() as session:
        return contacts.get_contact(session, contact_id)
