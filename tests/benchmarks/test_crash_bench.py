"""Crash safety, the long run: the writer (tests/crash/writer.py) killed with SIGKILL 300 times at
random moments (seeded); after each kill every acknowledged action must be in the database and
nothing half-applied. Lost and half-applied actions have a budget of 0."""

from __future__ import annotations

import time
from pathlib import Path

from tests.benchmarks.benchlib import QUICK, Figures
from tests.crash.harness import run

KILLS = 60 if QUICK else 300


def test_crash_safety(tmp_path: Path) -> None:
    figures = Figures()
    started = time.perf_counter()
    outcome = run(tmp_path, kills=KILLS, seed=1, max_delay=0.4)
    figures.add("crash.runs", None, outcome.runs)
    figures.add("crash.kills", None, outcome.kills)
    figures.add("crash.acknowledged_actions", None, outcome.acknowledged)
    figures.add("crash.refused_actions", None, outcome.refused)
    figures.add("crash.in_flight_rolled_back", None, outcome.in_flight_rolled_back)
    figures.add("crash.in_flight_committed_unacknowledged", None, outcome.in_flight_committed)
    figures.add("crash.lost_actions", None, outcome.lost, 0)
    figures.add("crash.half_applied", None, outcome.half_applied, 0)
    figures.add("crash.total_s", None, time.perf_counter() - started)
    for problem in outcome.problems:
        print(problem)
    figures.check()
    assert outcome.problems == []
    assert outcome.kills == KILLS
