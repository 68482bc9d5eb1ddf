"""Keystroke to repainted list: a median under 50 ms at 100,000 contacts, under 100 ms at a
million.

In this process, with the main window shown offscreen: the search box is given what it holds
after each keystroke of the query mix, and the list is repainted at once; timed from before
`setText` to after the repaint. Clearing the box after each word (back to the whole list) is a
keystroke too, reported on its own; so is the work the event loop does afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.store import open_store
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store_events import StoreEvents
from desktop.widgets import prompts
from tests.benchmarks.benchlib import HUNDRED_THOUSAND, SIZES, Figures, ms_since, query_terms

BUDGET_MS = {HUNDRED_THOUSAND: 50.0, 1_000_000: 100.0}


def _no_questions(*_args: object) -> None:
    raise AssertionError("the benchmark edits nothing, so nothing should ask to be saved")


@pytest.fixture
def window(
    demo_db: Path,
    qapp: QApplication,
    qtbot: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    monkeypatch.setattr(prompts, "ask_unsaved_changes", _no_questions)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    made = MainWindow(open_store(demo_db), settings, StoreEvents())
    with qtbot.waitExposed(made):  # type: ignore[attr-defined]
        made.show()
        made.show_first_contact()
    qapp.processEvents()
    yield made
    made.close()
    made.store.close()
    shiboken6.delete(made)


@pytest.mark.parametrize("size", SIZES)
def test_keystroke_to_repainted_list(
    size: int, demo_db: Path, window: MainWindow, qapp: QApplication
) -> None:
    viewport = window.list_view.viewport()
    typed: list[float] = []
    set_text: list[float] = []
    repaint: list[float] = []
    cleared: list[float] = []
    afterwards: list[float] = []
    for term in query_terms(demo_db):
        for text in [*term.typed(), ""]:
            started = time.perf_counter()
            window.search_box.setText(text)
            searched = time.perf_counter()
            viewport.repaint()
            (typed if text else cleared).append(ms_since(started))
            if text:
                set_text.append((searched - started) * 1000)
                repaint.append(ms_since(searched))
            started = time.perf_counter()
            qapp.processEvents()
            afterwards.append(ms_since(started))
            assert window.model.query == text

    figures = Figures()
    budget = BUDGET_MS[size]
    figures.timings("keystroke.typed", size, typed, budget, report=("median", "p95", "max"))
    figures.timings("keystroke.typed.set_text", size, set_text)
    figures.timings("keystroke.typed.repaint", size, repaint)
    figures.timings(
        "keystroke.cleared", size, cleared, budget, report=("median", "max"), enforce=False
    )
    figures.timings("keystroke.event_loop_after", size, afterwards, report=("median", "max"))
    figures.check()
