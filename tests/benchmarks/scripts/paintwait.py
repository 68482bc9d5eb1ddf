"""For the benchmark scripts: wait for a widget's first paint, and report back to the benchmark.

Each script runs in a fresh interpreter started by tests/benchmarks; it prints one line
`RESULT {json}` that the benchmark reads. Times are milliseconds of `time.perf_counter()`, which
is the system-wide monotonic clock, so the benchmark's stamp taken just before it started this
process (CARDFILE_BENCH_LAUNCH) gives the time from launch.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

GIVE_UP_MS = 60_000


class FirstPaint(QObject):
    """Runs an event loop until `widget` has been painted, and notes when.

    The paint event arrives while the window's backing store is being painted; the zero timer
    fires once that whole paint is done, which is when the window is on screen. A loop of its own,
    not the application's: `QApplication.quit` would close the windows too.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.painted_at: float | None = None
        self._seen = False
        widget.installEventFilter(self)
        self._widget = widget
        self._loop = QEventLoop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        self.painted_at = time.perf_counter()
        self._widget.removeEventFilter(self)
        self._loop.quit()

    def wait(self) -> float:
        """Run the event loop until the first paint; returns when it was painted."""
        QTimer.singleShot(GIVE_UP_MS, self._loop.quit)
        self._loop.exec()
        if self.painted_at is None:
            raise SystemExit(f"no paint within {GIVE_UP_MS} ms")
        return self.painted_at


def launch_ms(at: float) -> float | None:
    """Milliseconds from the benchmark starting this process to `at`."""
    stamp = os.environ.get("CARDFILE_BENCH_LAUNCH")
    return (at - float(stamp)) * 1000 if stamp else None


def ms(since: float, until: float) -> float:
    return (until - since) * 1000


def rss_mb() -> dict[str, float]:
    """VmRSS (now) and VmHWM (the peak so far) of this process, in MB."""
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def emit(result: dict[str, Any]) -> None:
    print("RESULT " + json.dumps(result), flush=True)
