"""Benchmarks' set-up: Qt offscreen and throw-away XDG folders before anything imports Qt, and the
demo databases (made once with the CLI and kept in build/bench-dbs/).

Run with `make bench`; CARDFILE_BENCH_QUICK=1 leaves out the 1,000,000-contact runs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

# Before Qt is imported, here and in every child process (they inherit the environment).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="cardfile-bench-"))
for _variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_variable] = str(_SANDBOX / _variable.lower())

import pytest  # noqa: E402 (the environment must be set first)

from tests.benchmarks.benchlib import demo_database  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _bench_sandbox() -> Iterator[Path]:
    yield _SANDBOX
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_databases() -> Callable[[int], Path]:
    """Gives the demo database of N contacts (seed 1), made on first use when not cached."""
    made: dict[int, Path] = {}

    def get(size: int) -> Path:
        if size not in made:
            made[size] = demo_database(size)
        return made[size]

    return get


@pytest.fixture
def demo_db(size: int, demo_databases: Callable[[int], Path]) -> Path:
    """The demo database for a benchmark parametrized by `size`."""
    return demo_databases(size)


def pytest_configure(config: pytest.Config) -> None:
    # A missed budget is a figure, not a bug to trace: keep its report short.
    if config.option.tbstyle == "auto":
        config.option.tbstyle = "short"
