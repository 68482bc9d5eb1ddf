"""Long work (a backup, a restore, a check of a big database) run in a background thread while
the window waits for it with a progress box: the window still repaints, and it is not "not
responding". The caller gets the result, or the work's exception, as if it had run in place.
The work must open its own database connections (a connection is never shared between
threads)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.background import BackgroundJob

T = TypeVar("T")


class _NeverCancelledError(Exception):
    """This work has no Cancel: every exception it raises is a failure, given to the caller."""


def run_busy(parent: QWidget, title: str, text: str, work: Callable[[], T]) -> T:
    job = BackgroundJob(parent)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: Exception) -> None:
        outcome["error"] = error
        loop.quit()

    job.finished.connect(finished)
    job.failed.connect(failed)
    box = QProgressDialog(text, "", 0, 0, parent)
    box.setWindowTitle(title)
    box.setCancelButton(None)  # (a backup or restore is not stopped half-way)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    # Shown at once, window-modal: while the work runs the window takes no other command (a
    # second backup, a restore, closing it) through this nested event loop.
    box.setMinimumDuration(0)
    box.show()
    job.start(lambda _progress, _cancelled: work(), _NeverCancelledError)
    if "result" not in outcome and "error" not in outcome:
        loop.exec()
    job.wait()
    box.reset()
    box.deleteLater()
    job.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result
