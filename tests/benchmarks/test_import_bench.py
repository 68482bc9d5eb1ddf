"""Importing an Outlook-layout CSV (with phones to normalise): 100,000 rows into a new database
under 10 s; 1,000,000 rows under 100 s with memory under 1 GB; and matching the 100,000 rows
against a 100,000-contact database adding no more than half again.

The files are the CSV reading benchmark's (made once under build/). Each import runs in a fresh
process (`scripts/import_file.py`), on a copy of the database it needs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.benchmarks.benchlib import (
    BUILD,
    HUNDRED_THOUSAND,
    MILLION,
    QUICK,
    Figures,
    demo_database,
    remove_database,
    run_script,
)
from tests.benchmarks.test_csv_read_bench import outlook_file

BUDGET_S = {HUNDRED_THOUSAND: 10.0, MILLION: 100.0}
MEMORY_BUDGET_MB = 1024
MATCHING_FACTOR = 1.5


def _import(database: Path, rows: int, on_match: str = "fill") -> dict[str, float]:
    return run_script("import_file.py", str(database), str(outlook_file(rows)), on_match)


def _fresh(name: str) -> Path:
    path = BUILD / f"import-bench-{name}.sqlite"
    remove_database(path)
    return path


@pytest.mark.parametrize("rows", [HUNDRED_THOUSAND] if QUICK else [HUNDRED_THOUSAND, MILLION])
def test_import_an_outlook_csv_into_a_new_database(rows: int) -> None:
    figures = Figures()
    database = _fresh(f"new-{rows}")
    done = _import(database, rows)
    assert done["created"] == rows
    figures.add("import.new_db_s", rows, done["seconds"], BUDGET_S[rows], enforce=False)
    figures.add("import.rows_per_s", rows, rows / done["seconds"])
    memory = done["peak_mb"] + done["worker_peak_mb"]
    budget = MEMORY_BUDGET_MB if rows == MILLION else None
    figures.add("import.peak_mb", rows, memory, budget, enforce=False, main=done["peak_mb"])
    remove_database(database)
    figures.check()


def test_matching_against_a_stored_database_adds_at_most_half() -> None:
    figures = Figures()
    alone = _fresh("alone")
    base = _import(alone, HUNDRED_THOUSAND)["seconds"]
    remove_database(alone)
    against = _fresh("against")
    shutil.copy(demo_database(HUNDRED_THOUSAND), against)
    done = _import(against, HUNDRED_THOUSAND)
    assert done["created"] + done["updated"] == HUNDRED_THOUSAND
    figures.add("import.into_100k_db_s", HUNDRED_THOUSAND, done["seconds"])
    figures.add(
        "import.matching_factor",
        HUNDRED_THOUSAND,
        done["seconds"] / base,
        MATCHING_FACTOR,
        enforce=False,
        alone_s=base,
    )
    remove_database(against)
    figures.check()
