"""Doing what a user does in the main window, for the window tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from db import contacts
from db.store import Store
from desktop.main_window import MainWindow

D = TypeVar("D", bound=QDialog)


def answer_modal(kind: type[D], then: Callable[[D], None]) -> list[str]:
    """Deal with the modal dialog of `kind` when it opens (the user's part, as `then`); returns
    its window title once it has. A dialog still open afterwards is cancelled."""
    seen: list[str] = []
    tries = [0]

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            tries[0] += 1
            if tries[0] < 500:  # give up after about five seconds rather than hang the suite
                QTimer.singleShot(10, find)
            return
        seen.append(dialog.windowTitle())
        try:
            then(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, find)
    return seen


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
