"""Crash safety, the short run (`make test`): the writer killed 15 times. The long run, 300 kills,
is tests/benchmarks/test_crash_bench.py."""

from __future__ import annotations

from pathlib import Path

from tests.crash.harness import run


def test_killed_writer_loses_nothing_and_leaves_nothing_half_done(tmp_path: Path) -> None:
    outcome = run(tmp_path, kills=15, seed=8)
    assert outcome.problems == []
    assert outcome.kills == 15
    assert (outcome.lost, outcome.half_applied) == (0, 0)
    assert outcome.acknowledged >= 15  # real work between the kills (about 150 when idle)
