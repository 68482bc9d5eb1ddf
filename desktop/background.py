"""A long piece of work (an import, its survey) run in a background thread: the window stays
responsive, shows the progress, and can cancel it. The work is a function given a way to
report progress and a way to ask whether the user cancelled; it opens its own database
connections (a session is never shared between threads)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

# The work: given `progress` (called with whatever the job reports: a count, a step) and
# `cancelled` (true once the user pressed Cancel), it returns its result or raises.
Work = Callable[[Callable[[Any], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)  # the exception, for the flow to put in words
    cancelled = Signal()

    def __init__(self, work: Work, cancelled_error: type[BaseException]) -> None:
        super().__init__()
        self.work = work
        self.cancelled_error = cancelled_error
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except Exception as exc:
            if isinstance(exc, self.cancelled_error):
                self.cancelled.emit()
            else:
                self.failed.emit(exc)
        else:
            self.finished.emit(result)


class BackgroundJob(QObject):
    """One job at a time in its own thread; `start` again after it ended."""

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner: QThread | None = None
        self.worker: _Worker | None = None

    @property
    def running(self) -> bool:
        return self.runner is not None and self.runner.isRunning()

    def start(self, work: Work, cancelled_error: type[BaseException] = InterruptedError) -> None:
        if self.running:
            raise RuntimeError("a job is already running")
        thread = QThread(self)
        worker = _Worker(work, cancelled_error)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        for signal, mine in (
            (worker.progressed, self.progressed),
            (worker.finished, self.finished),
            (worker.failed, self.failed),
            (worker.cancelled, self.cancelled),
        ):
            signal.connect(mine)
        for ended in (worker.finished, worker.failed, worker.cancelled):
            # Direct: the thread ends even while the window's thread is blocked in `wait`.
            ended.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        self.runner, self.worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()

    def wait(self, milliseconds: int = 120_000) -> bool:
        """Block until the job's thread ends (for closing the window, and tests)."""
        return self.runner.wait(milliseconds) if self.runner is not None else True
