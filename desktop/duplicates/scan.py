"""The duplicate scan, run in a background thread on its own read-only connection: the window
stays responsive, shows the progress, and can cancel it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.background import BackgroundJob


class BackgroundScan(QObject):
    """One scan at a time (a `BackgroundJob`); `start` again after it ended."""

    progressed = Signal(str, int, int)  # step, done, of
    found = Signal(list)  # the groups, best first
    failed = Signal(str)  # what went wrong, in words
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None  # the database being (or last) scanned
        self.job = BackgroundJob(self)
        self.job.progressed.connect(lambda step: self.progressed.emit(*step))
        self.job.finished.connect(self.found.emit)
        self.job.failed.connect(lambda error: self.failed.emit(_in_words(error)))
        self.job.cancelled.connect(self.cancelled.emit)

    @property
    def running(self) -> bool:
        return self.job.running

    def start(self, path: Path, min_score: float) -> None:
        if self.running:
            return
        from db.duplicates import ScanCancelledError

        self.path = path
        self.job.start(_scan_work(path, min_score), ScanCancelledError)

    def cancel(self) -> None:
        self.job.cancel()

    def wait(self, milliseconds: int = 60_000) -> bool:
        """Block until the scan's thread ends (for closing the window, and tests)."""
        return self.job.wait(milliseconds)


def _scan_work(
    path: Path, min_score: float
) -> Callable[[Callable[[Any], None], Callable[[], bool]], Any]:
    def work(progress: Callable[[Any], None], cancelled: Callable[[], bool]) -> Any:
        from db.duplicates import find_duplicate_groups

        reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return find_duplicate_groups(
                reader,
                min_score=min_score,
                progress=lambda step, done, of: progress((step, done, of)),
                cancelled=cancelled,
            )
        finally:
            reader.close()

    return work


def _in_words(error: Exception) -> str:
    if isinstance(error, sqlite3.Error):
        return f"The database could not be read: {error}"
    return f"{type(error).__name__}: {error}"
