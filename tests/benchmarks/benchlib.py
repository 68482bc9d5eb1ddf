"""Shared by the benchmarks: the demo databases, the query mix, and recording the figures.

Every figure is printed as one line (`BENCH name size=N value=V budget=B result=pass`) and appended
as one JSON line to build/bench-results.jsonl. A benchmark records all its figures first and checks
its budgets last (`Figures.check`), so a missed budget still leaves every figure printed.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
RESULTS = BUILD / "bench-results.jsonl"
DB_CACHE = BUILD / "bench-dbs"
SCRIPTS = Path(__file__).resolve().parent / "scripts"
# The virtualenv's own console script, beside the interpreter running the benchmarks.
SEED = 1

QUICK = os.environ.get("CARDFILE_BENCH_QUICK", "").strip() not in ("", "0")
MILLION = 1_000_000
HUNDRED_THOUSAND = 100_000
# The sizes most benchmarks run at; CARDFILE_BENCH_QUICK=1 leaves out the million.
SIZES = [
    pytest.param(HUNDRED_THOUSAND, id="100k"),
    pytest.param(
        MILLION,
        id="1M",
        marks=pytest.mark.skipif(QUICK, reason="CARDFILE_BENCH_QUICK=1: 100,000 only"),
    ),
]
RUN_ID = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


# Recording.


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip()


_COMMIT = _commit()


@dataclass
class Figures:
    """The figures of one benchmark: printed and saved as they come, budgets checked at the end."""

    missed: list[str] = field(default_factory=list)
    printed: bool = False

    def add(
        self,
        name: str,
        size: int | None,
        value: float,
        budget: float | None = None,
        *,
        enforce: bool = True,
        **extra: Any,
    ) -> None:
        """One figure; over `budget` is a miss (an asserted one unless `enforce` is False)."""
        if budget is None:
            result = "info"
        elif value <= budget:
            result = "pass"
        else:
            result = "fail" if enforce else "over"
        line = f"BENCH {name} size={size if size is not None else '-'} value={_fmt(value)}"
        if budget is not None:
            line += f" budget={_fmt(budget)}"
        line += f" result={result}"
        for key, item in extra.items():
            line += f" {key}={_fmt(item) if isinstance(item, float) else item}"
        print(line if self.printed else "\n" + line, flush=True)  # not after pytest's dots
        self.printed = True
        record = {
            "run": RUN_ID,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": _COMMIT,
            "name": name,
            "size": size,
            "value": round(value, 4),
            "budget": budget,
            "result": result,
            "enforced": enforce and budget is not None,
            **extra,
        }
        BUILD.mkdir(parents=True, exist_ok=True)
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        if result == "fail":
            self.missed.append(line)

    def timings(
        self,
        name: str,
        size: int | None,
        samples_ms: Sequence[float],
        budget_ms: float | None = None,
        *,
        budget_on: Sequence[str] = ("median",),
        report: Sequence[str] = ("median", "p95"),
        enforce: bool = True,
        **extra: Any,
    ) -> None:
        """The statistics `report` of `samples_ms`; those in `budget_on` are held to the budget."""
        summary = summarize(samples_ms)
        for statistic in report:
            self.add(
                f"{name}.{statistic}_ms",
                size,
                summary[statistic],
                budget_ms if statistic in budget_on else None,
                enforce=enforce,
                n=len(samples_ms),
                **extra,
            )

    def check(self) -> None:
        assert not self.missed, "budget missed:\n" + "\n".join(self.missed)


def _fmt(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def summarize(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "p95": percentile(ordered, 95),
        "max": ordered[-1],
        "min": ordered[0],
        "mean": statistics.fmean(ordered),
    }


def percentile(samples: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


# The environment of the child processes.


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: offscreen Qt and the benchmarks' throw-away XDG
    folders (set by conftest.py). Python keeps its compiled bytecode (in build/, beside the
    cached databases), as an installed Cardfile has it: a machine that sets
    PYTHONDONTWRITEBYTECODE would otherwise compile every module at every start."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DB_CACHE.parent / "pycache")
    env.update(extra)
    return env


def run_script(script: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run tests/benchmarks/scripts/`script` in a fresh interpreter; returns its RESULT line
    (a JSON object) with `launch_ms`, when the child stamps it, and the whole process's
    `wall_ms` measured from here."""
    env = dict(env or child_env())
    env["CARDFILE_BENCH_LAUNCH"] = repr(time.perf_counter())
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall_ms = (time.perf_counter() - started) * 1000
    results = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not results:
        raise AssertionError(
            f"{script} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    result: dict[str, Any] = json.loads(results[-1].removeprefix("RESULT "))
    result["wall_ms"] = wall_ms
    return result


# The demo databases.


def demo_db_path(size: int) -> Path:
    return DB_CACHE / f"demo-{size}-seed{SEED}.sqlite"


def live_contacts(path: Path) -> int | None:
    """How many live contacts the Cardfile database at `path` holds, at the newest schema;
    None when it is missing, unreadable or at another schema."""
    from db.store import SCHEMA_HEAD

    if not path.exists():
        return None
    try:
        with _reading(path) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if not revision or revision[0] != SCHEMA_HEAD:
                return None
            row = conn.execute("SELECT count(*) FROM contacts WHERE deleted_at IS NULL").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])


def _reading(path: Path) -> closing[sqlite3.Connection]:
    """A connection for reading an existing database. Not `mode=ro`: a read-only connection to a
    database in WAL mode leaves its -wal and -shm files behind; this one removes them on close."""
    if not path.exists():
        raise sqlite3.OperationalError(f"{path} does not exist")
    return closing(sqlite3.connect(path))


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@dataclass(frozen=True)
class DemoRun:
    wall_s: float
    reported_s: float | None  # what the command itself printed ("... in 12.3 s")


def run_demo_command(path: Path, size: int, seed: int = SEED) -> DemoRun:
    """`cardfile --db PATH demo --contacts SIZE --seed SEED` on a new file, timed from here."""
    remove_database(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # `cardfile` as `python -m desktop` from this checkout (an installed `cardfile` script may
    # belong to another checkout of the project).
    program = [sys.executable, "-m", "desktop"]
    command = [*program, "--db", str(path), "demo", "--contacts", str(size), "--seed", str(seed)]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=child_env(), capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    reported = re.search(r" in ([\d.]+) s", done.stdout)
    return DemoRun(wall, float(reported.group(1)) if reported else None)


def adopt_into_cache(built: Path, size: int) -> Path:
    """Move a freshly made demo database of `size` contacts (seed 1) into the cache."""
    target = demo_db_path(size)
    if live_contacts(target) == size:
        return target
    log = Path(f"{built}-wal")
    if log.exists() and log.stat().st_size > 0:  # not closed cleanly: leave it where it is
        raise AssertionError(f"{built} still has a write-ahead log")
    remove_database(target)
    for leftover in (log, Path(f"{built}-shm")):
        leftover.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    built.replace(target)
    return target


def demo_database(size: int) -> Path:
    """The cached demo database of `size` contacts, made with the CLI when missing or stale."""
    target = demo_db_path(size)
    if live_contacts(target) == size:
        return target
    building = target.with_name(target.name + ".building")
    print(f"\nMaking the demo database of {size:,} contacts in {target} ...", flush=True)
    run_demo_command(building, size)
    made = live_contacts(building)
    if made != size:
        raise AssertionError(f"{building} holds {made} contacts, not {size}")
    return adopt_into_cache(building, size)


# The query mix.

KINDS = ("last", "first", "company", "city", "email", "phone")
MAX_TYPED = 8
PHONE_DIGITS = (4, 5, 6, 7)


@dataclass(frozen=True)
class Term:
    """A word the user goes on to type letter by letter, and what it is."""

    kind: str
    text: str

    def typed(self) -> list[str]:
        """What the search box holds after each keystroke: 'H', 'Ha', 'Han', ..."""
        if self.kind == "phone":
            return [self.text[:n] for n in PHONE_DIGITS]
        return [self.text[:n] for n in range(1, min(len(self.text), MAX_TYPED) + 1)]


def query_terms(path: Path, count: int = 30) -> list[Term]:
    """`count` terms from random contacts of the database at `path` (the same every run): last
    names, first names, company words, cities, e-mail local parts and phone digits, in turn."""
    rnd = random.Random(f"cardfile-bench-{path.name}")
    terms: list[Term] = []
    with _reading(path) as conn:
        (highest,) = conn.execute("SELECT max(id) FROM contacts").fetchone()
        while len(terms) < count:
            row = conn.execute(
                "SELECT first_name, last_name, company, list_city, list_email, list_phone "
                "FROM contacts WHERE id = ? AND deleted_at IS NULL",
                (rnd.randint(1, highest),),
            ).fetchone()
            if row is None:
                continue
            first, last, company, city, email, phone = row
            kind = KINDS[len(terms) % len(KINDS)]
            text = {
                "last": last,
                "first": first,
                "company": rnd.choice(company.split()) if company.strip() else "",
                "city": city,
                "email": email.split("@")[0].lower(),
                "phone": _phone_digits(phone, rnd),
            }[kind]
            if text and (kind != "phone" or len(text) >= max(PHONE_DIGITS)):
                terms.append(Term(kind, text))
    return terms


def _phone_digits(number: str, rnd: random.Random) -> str:
    """Seven digits in a row from `number`, as someone types part of a number they remember."""
    digits = re.sub(r"\D", "", number)
    if len(digits) < max(PHONE_DIGITS):
        return ""
    start = rnd.randrange(len(digits) - max(PHONE_DIGITS) + 1)
    return digits[start : start + max(PHONE_DIGITS)]


def query_mix(terms: Sequence[Term]) -> list[str]:
    """Every query an as-you-type search runs while the terms are typed."""
    return [query for term in terms for query in term.typed()]


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
