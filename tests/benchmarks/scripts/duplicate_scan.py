"""Scan a database for duplicates in a fresh process, cold then warm.

    duplicate_scan.py DATABASE RUNS

Prints `RESULT {json}`: each run's seconds and its steps (read, blocking, scoring+grouping) — the
first is the cold one (a fresh interpreter, nothing cached) — the groups and candidate pairs
found, and the peak resident memory (VmHWM, MB).
"""

import json
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    database, runs = sys.argv[1], int(sys.argv[2])
    started = time.perf_counter()
    from db.duplicates import find_duplicate_groups
    from db.store import open_store

    store = open_store(database, create=False)
    imported_s = time.perf_counter() - started
    times, steps = [], []
    groups = []
    for _ in range(runs):
        marks: list[tuple[str, float]] = []

        def note(step: str, _done: int, _of: int, marks: list[tuple[str, float]] = marks) -> None:
            marks.append((step, time.perf_counter()))

        begun = time.perf_counter()
        with store.session() as session:
            groups = find_duplicate_groups(session, progress=note)
        ended = time.perf_counter()
        times.append(ended - begun)
        stamps = [*[t for _s, t in marks], ended]
        steps.append({s: round(stamps[n + 1] - t, 3) for n, (s, t) in enumerate(marks)})
    store.close()
    result = {
        "open_s": imported_s,
        "scan_s": times,
        "steps": steps,
        "groups": len(groups),
        "in_groups": sum(len(g.contact_ids) for g in groups),
        "peak_rss_mb": peak_mb(),
    }
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
