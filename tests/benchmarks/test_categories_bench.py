"""Adding a category to 10,000 selected contacts: under 1 s, in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from db import categories, search
from db.store import open_store
from tests.benchmarks.benchlib import DB_CACHE, HUNDRED_THOUSAND, Figures, ms_since

SELECTED = 10_000


def test_a_category_for_ten_thousand_contacts(demo_databases: Callable[[int], Path]) -> None:
    import shutil

    work = DB_CACHE / "categories-bench.sqlite"
    shutil.copyfile(demo_databases(HUNDRED_THOUSAND), work)
    store = open_store(work)
    figures = Figures()
    try:
        with store.session() as session:
            ids = list(search.matching_ids(session, ""))[:: HUNDRED_THOUSAND // SELECTED][:SELECTED]
        samples = []
        for n in range(5):
            started = time.perf_counter()
            with store.session() as session:  # one user action: one transaction
                category = categories.create_category(session, f"Bench {n}", "#f39c12")
                added = categories.assign_category(session, ids, category)
            samples.append(ms_since(started))
            assert added == SELECTED
        figures.timings("categories.assign_10000", HUNDRED_THOUSAND, samples, 1000.0)
        started = time.perf_counter()
        with store.session() as session:
            every = categories.categories(session)
        figures.add("categories.counts_ms", HUNDRED_THOUSAND, ms_since(started), n=len(every))
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    figures.check()
