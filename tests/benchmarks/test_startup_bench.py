"""Start-up to a painted main window on 100,000 contacts: within 2.5x a bare PySide6 window.

Both are fresh interpreters started from here (scripts/startup_bare.py and
scripts/startup_cardfile.py), taken in turn after one warm-up run of each; the medians compare.
The budget holds the time from starting the process to the first paint; the time from the top of
the script and the whole process's wall time are reported beside it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.benchlib import HUNDRED_THOUSAND, Figures, run_script

REPEATS = 7
BUDGET_RATIO = 2.5


def test_startup_within_budget_of_bare_window(
    demo_databases: Callable[[int], Path], tmp_path: Path
) -> None:
    size = HUNDRED_THOUSAND
    database = demo_databases(size)

    def start(kind: str, run: int) -> dict[str, Any]:
        if kind == "bare":
            return run_script("startup_bare.py")
        return run_script("startup_cardfile.py", str(database), str(tmp_path / f"config-{run}"))

    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "cardfile": []}
    for kind in runs:
        start(kind, -1)  # warm-up: the file cache, Qt's and fontconfig's caches
    for run in range(REPEATS):
        for kind, results in runs.items():
            results.append(start(kind, run))

    figures = Figures()
    for measure, enforce in (("launch_ms", True), ("script_ms", False), ("wall_ms", False)):
        bare = statistics.median(r[measure] for r in runs["bare"])
        cardfile = statistics.median(r[measure] for r in runs["cardfile"])
        label = measure.removesuffix("_ms")
        figures.add(f"startup.bare.{label}_to_paint_ms", size, bare, n=REPEATS)
        figures.add(f"startup.cardfile.{label}_to_paint_ms", size, cardfile, n=REPEATS)
        figures.add(
            f"startup.ratio.{label}_to_paint",
            size,
            cardfile / bare,
            BUDGET_RATIO,
            enforce=enforce,
            n=REPEATS,
        )
    opened = statistics.median(r["contact_launch_ms"] for r in runs["cardfile"])
    figures.add("startup.cardfile.launch_to_first_contact_open_ms", size, opened, n=REPEATS)
    for step in runs["cardfile"][0]["steps"]:
        value = statistics.median(r["steps"][step] for r in runs["cardfile"])
        figures.add(f"startup.cardfile.step.{step}", size, value, n=REPEATS)
    rss = statistics.median(r["VmRSS"] for r in runs["cardfile"])
    figures.add("startup.cardfile.rss_mb", size, rss, n=REPEATS)
    figures.check()
