"""The yardstick for start-up: a bare PySide6 window with an empty QTableView, to its first paint.

Prints `RESULT {"script_ms": ..., "launch_ms": ...}`: from the top of this script, and from the
benchmark starting the process, to the painted window.
"""

import time

STARTED = time.perf_counter()

import sys  # noqa: E402 (the clock starts before any import)

from paintwait import FirstPaint, emit, launch_ms, ms  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402


def main() -> None:
    _app = QApplication(sys.argv[:1])  # kept alive until the end
    window = QMainWindow()
    window.resize(1200, 760)
    view = QTableView()
    window.setCentralWidget(view)
    paint = FirstPaint(view.viewport())
    window.show()
    painted = paint.wait()
    emit({"script_ms": ms(STARTED, painted), "launch_ms": launch_ms(painted)})


if __name__ == "__main__":
    main()
