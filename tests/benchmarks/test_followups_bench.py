"""The follow-up panel with 100,000 contacts and 200,000 open follow-ups: its four sections in
under 50 ms; logging a call, from Save to the refreshed panel, in under 100 ms."""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

from db.clock import SystemClock, today
from db.followup_records import ActivityLog, NextAction
from db.followups import follow_up_panel, log_activity
from db.store import open_store
from tests.benchmarks.benchlib import DB_CACHE, HUNDRED_THOUSAND, Figures, ms_since

OPEN_FOLLOW_UPS = 200_000
REPEATS = 15


def with_follow_ups(demo: Path) -> Path:
    """A copy of the 100,000-contact demo, topped up to 200,000 open follow-ups (cached)."""
    target = DB_CACHE / f"followups-{HUNDRED_THOUSAND}-{OPEN_FOLLOW_UPS}.sqlite"
    if target.exists() and target.stat().st_mtime > demo.stat().st_mtime:
        return target
    shutil.copyfile(demo, target)
    day = date.today()
    rnd = random.Random(7)
    with closing(sqlite3.connect(target)) as conn:
        (have,) = conn.execute(
            "SELECT count(*) FROM followups WHERE done_at IS NULL AND removed_at IS NULL"
        ).fetchone()
        rows = [
            (
                rnd.randint(1, HUNDRED_THOUSAND),
                "call",
                "Bench follow-up",
                (day + timedelta(days=rnd.randint(-60, 90))).isoformat(),
                datetime.now().isoformat(" "),
            )
            for _ in range(OPEN_FOLLOW_UPS - have)
        ]
        conn.executemany(
            "INSERT INTO followups (contact_id, kind, description, due_on, created_at, result) "
            "VALUES (?, ?, ?, ?, ?, '')",
            rows,
        )
        conn.commit()
    return target


def test_follow_up_panel_and_logging_a_call(demo_databases: Callable[[int], Path]) -> None:
    database = with_follow_ups(demo_databases(HUNDRED_THOUSAND))
    store = open_store(database)
    clock = SystemClock()
    figures = Figures()
    try:
        panel_ms = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            with store.session() as session:
                panel = follow_up_panel(session, clock)
            panel_ms.append(ms_since(started))
        open_total = panel.overdue.count + panel.today.count + panel.upcoming.count
        figures.add("followups.open_in_the_coming_week", HUNDRED_THOUSAND, open_total)
        figures.timings(
            "followups.panel", HUNDRED_THOUSAND, panel_ms, 50.0, report=("median", "p95", "max")
        )
        log_ms = []
        for contact_id in range(1000, 1000 + REPEATS):
            log = ActivityLog(
                "call",
                "Completed",
                "Benchmark call",
                NextAction("call", "Next", today(clock) + timedelta(days=3)),
            )
            started = time.perf_counter()
            with store.session() as session:
                log_activity(session, contact_id, log, clock)
            with store.session() as session:
                follow_up_panel(session, clock)
            log_ms.append(ms_since(started))
        figures.timings("followups.log_call_to_refreshed_panel", HUNDRED_THOUSAND, log_ms, 100.0)
    finally:
        store.close()
    figures.check()
