"""Exporting the demo databases to CSV (100,000 contacts under 5 s; 1,000,000 as a figure), the
way `cardfile export` does it: time and file size; and to vCard 3.0 when the vCard writer is
there (figures only).

The cached demo databases are only read; the files are written to build/ and removed after.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from db.interchange.exporting import ExportOptions, export_contacts
from tests.benchmarks.benchlib import BUILD, HUNDRED_THOUSAND, SIZES, Figures

MEGABYTE = 1024 * 1024
CSV_BUDGET_S = 5.0  # issue 7, for 100,000 contacts


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("file_format", ["csv", "vcard"])
def test_export(size: int, file_format: str, demo_databases: Callable[[int], Path]) -> None:
    if file_format == "vcard":
        pytest.importorskip("db.interchange.vcard_write", reason="the vCard writer is not here yet")
    source = demo_databases(size)
    out = BUILD / f"export-bench-{size}.{file_format}"
    figures = Figures()
    try:
        with closing(sqlite3.connect(source)) as reader:
            started = time.perf_counter()
            count = export_contacts(reader, out, ExportOptions(format=file_format))
            took = time.perf_counter() - started
        assert count == size
        budget = CSV_BUDGET_S if size == HUNDRED_THOUSAND and file_format == "csv" else None
        figures.add(f"export.{file_format}_s", size, took, budget)
        figures.add(f"export.{file_format}_mb", size, out.stat().st_size / MEGABYTE)
        figures.add(f"export.{file_format}_contacts_per_s", size, count / took)
    finally:
        out.unlink(missing_ok=True)
    figures.check()
