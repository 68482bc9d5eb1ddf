"""The questions themselves (the other tests answer them with stand-ins): each gives back what
the dialog shows when the user accepts, and None when the user cancels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop.widgets import prompts


def answered(accept: bool, ask: Callable[[], Any]) -> Any:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, answer)
            return
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, answer)
    return ask()


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        (
            lambda: prompts.choose_date_range(None, "Period", date(2026, 1, 1), date(2026, 1, 31)),  # type: ignore[arg-type]
            (date(2026, 1, 1), date(2026, 1, 31)),
        ),
        (
            lambda: prompts.ask_entry(None, "Edit", "Completed", "Spoke to Kari"),
            ("Completed", "Spoke to Kari"),
        ),  # type: ignore[arg-type]
        (lambda: prompts.choose_date(None, "Day", date(2026, 3, 4)), date(2026, 3, 4)),  # type: ignore[arg-type]
        (
            lambda: prompts.choose_many(None, "Pick", "Pick", ["A", "B", "C"], ["B", "C"]),
            ["B", "C"],
        ),  # type: ignore[arg-type]
    ],
)
def test_prompts_give_back_what_was_accepted(
    qtbot: object, ask: Callable[[], Any], expected: Any
) -> None:
    assert answered(True, ask) == expected
    assert answered(False, ask) is None
