"""`cardfile demo --contacts N`: 100,000 contacts in under 15 s; a million is timed, no budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.benchlib import (
    HUNDRED_THOUSAND,
    SIZES,
    Figures,
    adopt_into_cache,
    live_contacts,
    remove_database,
    run_demo_command,
)

BUDGET_S = {HUNDRED_THOUSAND: 15.0}


@pytest.mark.parametrize("size", SIZES)
def test_demo_command(size: int, tmp_path: Path) -> None:
    figures = Figures()
    path = tmp_path / "demo.sqlite"
    run = run_demo_command(path, size)
    figures.add("demo.cli.wall_s", size, run.wall_s, BUDGET_S.get(size))
    if run.reported_s is not None:
        figures.add("demo.cli.reported_s", size, run.reported_s)
    assert live_contacts(path) == size
    figures.add("demo.file_mb", size, path.stat().st_size / 1e6)
    # The same seed as the cached databases: on a fresh machine this one becomes the cached one.
    adopt_into_cache(path, size)
    remove_database(path)
    figures.check()
