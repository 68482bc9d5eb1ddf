"""The duplicate scan, run in a background thread on its own read-only connection: the window
stays responsive, shows the progress, and can cancel it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal


class ScanWorker(QObject):
    progressed = Signal(str, int, int)  # step, done, of
    found = Signal(list)  # the groups, best first
    failed = Signal(str)  # what went wrong, in words
    cancelled = Signal()

    def __init__(self, path: Path, min_score: float) -> None:
        super().__init__()
        self.path = path
        self.min_score = min_score
        self.stop = threading.Event()

    def run(self) -> None:
        from db.duplicates import ScanCancelledError, find_duplicate_groups

        try:
            reader = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                groups = find_duplicate_groups(
                    reader,
                    min_score=self.min_score,
                    progress=self.progressed.emit,
                    cancelled=self.stop.is_set,
                )
            finally:
                reader.close()
        except ScanCancelledError:
            self.cancelled.emit()
        except sqlite3.Error as exc:
            self.failed.emit(f"The database could not be read: {exc}")
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.found.emit(groups)


class BackgroundScan(QObject):
    """One scan at a time in its own thread; `start` again after it ended."""

    progressed = Signal(str, int, int)
    found = Signal(list)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner: QThread | None = None
        self.path: Path | None = None  # the database being (or last) scanned
        self.worker: ScanWorker | None = None

    @property
    def running(self) -> bool:
        return self.runner is not None and self.runner.isRunning()

    def start(self, path: Path, min_score: float) -> None:
        if self.running:
            return
        self.path = path
        thread = QThread(self)
        worker = ScanWorker(path, min_score)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        for signal, mine in (
            (worker.progressed, self.progressed),
            (worker.found, self.found),
            (worker.failed, self.failed),
            (worker.cancelled, self.cancelled),
        ):
            signal.connect(mine)
        for ended in (worker.found, worker.failed, worker.cancelled):
            # Direct: the thread ends even while the window's thread is blocked in `wait`.
            ended.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        self.runner, self.worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()

    def wait(self, milliseconds: int = 60_000) -> bool:
        """Block until the scan's thread ends (for closing the window, and tests)."""
        return self.runner.wait(milliseconds) if self.runner is not None else True
