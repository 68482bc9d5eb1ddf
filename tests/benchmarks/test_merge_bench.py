"""Opening the merge dialog on two demo contacts and merging them: under 200 ms together, on the
100,000-contact demo database. The undo is timed too (a figure, no budget)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from db import search
from db.merge import merge_contacts, merge_preview, undo_merge
from db.store import open_store
from tests.benchmarks.benchlib import DB_CACHE, HUNDRED_THOUSAND, Figures, ms_since

PAIRS = 15
BUDGET_MS = 200.0


def test_preview_and_merge_two_contacts(demo_databases: Callable[[int], Path]) -> None:
    work = DB_CACHE / "merge-bench.sqlite"
    shutil.copyfile(demo_databases(HUNDRED_THOUSAND), work)
    store = open_store(work)
    figures = Figures()
    previews, merging, together, undoing = [], [], [], []
    try:
        with store.session() as session:
            ids = list(search.matching_ids(session, ""))[:: HUNDRED_THOUSAND // (2 * PAIRS)]
        for n in range(PAIRS):
            first, second = ids[2 * n], ids[2 * n + 1]
            started = time.perf_counter()
            with store.session() as session:  # opening the dialog: one read
                preview = merge_preview(session, [first, second])
            previews.append(ms_since(started))
            began = time.perf_counter()
            with store.session() as session:  # the merge: one transaction, committed
                survivor = preview.survivor_id
                absorbed = [c for c in preview.contact_ids if c != survivor]
                merge_id = merge_contacts(session, survivor, absorbed, preview.default_choices())
            merging.append(ms_since(began))
            together.append(ms_since(started))
            began = time.perf_counter()
            with store.session() as session:
                undo_merge(session, merge_id)
            undoing.append(ms_since(began))
        figures.timings("merge.preview", HUNDRED_THOUSAND, previews)
        figures.timings("merge.merge", HUNDRED_THOUSAND, merging)
        figures.timings("merge.preview_and_merge", HUNDRED_THOUSAND, together, BUDGET_MS)
        figures.timings("merge.undo", HUNDRED_THOUSAND, undoing)
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    figures.check()
