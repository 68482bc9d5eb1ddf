"""Scrolling the contact list to random rows, and the memory Cardfile holds, in a fresh process.

    scroll_memory.py DATABASE CONFIG_DIR JUMPS

Opens the window as run_gui does, then jumps JUMPS times to a random row (the same rows every
run): `scrollTo` and a repaint of the list, each timed. Prints `RESULT {json}` with the timings
(ms) and VmRSS / VmHWM (MB) after the first paint and after scrolling.
"""

import random
import sys
import time

from paintwait import emit, launch_ms, ms, rss_mb
from startup_cardfile import close_window, open_window, steps_ms


def main() -> None:
    database, config_dir, jumps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app, window, stamps = open_window(database, config_dir)
    after_paint = rss_mb()
    view, model = window.list_view, window.model
    rows = model.rowCount()
    rnd = random.Random(f"scroll-{rows}")
    timings = []
    for _ in range(jumps):
        index = model.index(rnd.randrange(rows), 0)
        started = time.perf_counter()
        view.scrollTo(index)
        view.viewport().repaint()
        timings.append(ms(started, time.perf_counter()))
        app.processEvents()
    after_scroll = rss_mb()
    emit(
        {
            "rows": rows,
            "launch_ms": launch_ms(stamps["painted"]),
            "steps": steps_ms(stamps),
            "scroll_ms": timings,
            "rss_after_paint_mb": after_paint["VmRSS"],
            "rss_after_scroll_mb": after_scroll["VmRSS"],
            "peak_rss_mb": after_scroll["VmHWM"],
        }
    )
    close_window(window)


if __name__ == "__main__":
    main()
