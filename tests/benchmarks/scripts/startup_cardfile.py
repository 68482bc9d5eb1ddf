"""Cardfile's start-up to its first paint, as `desktop.app.run_gui` does it.

    startup_cardfile.py DATABASE CONFIG_DIR

Settings go to CONFIG_DIR, never to the user's. Prints `RESULT {json}` with the time from the top
of this script (`script_ms`) and from the benchmark starting the process (`launch_ms`) to the
painted window, and the time each step took.
"""

import time

STARTED = time.perf_counter()

import itertools  # noqa: E402 (the clock starts before any import)
import sys  # noqa: E402
from typing import Any  # noqa: E402

from paintwait import FirstPaint, emit, launch_ms, ms, rss_mb  # noqa: E402


def open_window(database: str, config_dir: str) -> tuple[Any, Any, dict[str, float]]:
    """What run_gui does up to the first paint; returns the application, the window and when
    each step ended."""
    stamps = {"started": STARTED}
    # As `cardfile --db DATABASE` runs: desktop.__main__ -> desktop.cli -> desktop.app.run_gui.
    from desktop.cli import build_parser

    args = build_parser().parse_args(["--db", database])
    from PySide6.QtCore import QSettings

    from desktop.app import choose_database, make_application, make_settings
    from desktop.store_events import StoreEvents

    stamps["imported"] = time.perf_counter()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, config_dir)
    app = make_application()
    settings = make_settings()
    from db.store import open_store

    store = open_store(choose_database(args, settings))
    settings.remember_database(str(store.path))
    stamps["store_open"] = time.perf_counter()
    from desktop.main_window import MainWindow

    stamps["window_imported"] = time.perf_counter()
    window = MainWindow(store, settings, StoreEvents())
    stamps["window_built"] = time.perf_counter()
    window.show_first_contact_after_paint()  # as run_gui does
    # Installed last, this filter sees the first paint first, so its stamp is not held up by the
    # contact that opens just after the paint.
    paint = FirstPaint(window.list_view.viewport())
    window.show()
    stamps["shown"] = time.perf_counter()
    stamps["painted"] = paint.wait()
    # Then the first contact opens, loading the contact operations (and SQLAlchemy) on the way.
    while window.form.contact_id is None:
        app.processEvents()
    stamps["contact_open"] = time.perf_counter()
    return app, window, stamps


def close_window(window: Any) -> None:
    import shiboken6

    window.store.close()
    shiboken6.delete(window)


def steps_ms(stamps: dict[str, float]) -> dict[str, float]:
    names = list(stamps)
    return {f"{b}_ms": ms(stamps[a], stamps[b]) for a, b in itertools.pairwise(names)}


def main() -> None:
    database, config_dir = sys.argv[1:3]
    _app, window, stamps = open_window(database, config_dir)
    painted = stamps["painted"]
    emit(
        {
            "script_ms": ms(STARTED, painted),
            "launch_ms": launch_ms(painted),
            "contact_launch_ms": launch_ms(stamps["contact_open"]),
            "steps": steps_ms(stamps),
            "rows": window.model.rowCount(),
            **rss_mb(),
        }
    )
    close_window(window)


if __name__ == "__main__":
    main()
