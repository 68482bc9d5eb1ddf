"""Crash safety: a writer child (tests/crash/writer.py) is killed with SIGKILL at random moments;
after each kill the database must open, pass `PRAGMA integrity_check`, and hold exactly the effects
of the acknowledged actions, plus at most the one action in flight, whole or not at all.

What is compared is a projection of the database, the same one the model of the journal is built
in: each live contact (by its token, its last name) with its title, e-mails, categories, history
rows by kind and open follow-ups, plus the category names and the number of merges. Every action
changes at least two things in it (an edit: title, e-mails and an edit row; a logged call: a call
row and the follow-ups; a merge: contacts gone, items, history moved, a merge row and the count),
so a half-applied action matches neither the state before it nor the state after it.
"""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from db.store import open_store

ROOT = Path(__file__).resolve().parents[2]
Model = dict[str, Any]


def empty_model() -> Model:
    return {"contacts": {}, "categories": set(), "merges": 0}


def apply(model: Model, action: dict[str, Any]) -> Model:
    """`model` changed by `action` (a journal line's "begin") as the writer does it; returned."""
    people = model["contacts"]
    kind = action["kind"]
    if kind in ("create", "import"):
        for token in action.get("contacts", [action.get("contact")]):
            people[token] = {
                "title": f"T{token}",
                "emails": {f"{token.lower()}@example.org"},
                "categories": set(),
                "history": Counter(created=1),
                "followups": set(),
            }
    elif kind == "edit":
        person = people[action["contact"]]
        person["title"] = action["token"]
        person["emails"] = {f"{action['token'].lower()}@example.org"}
        person["history"]["edit"] += 1
    elif kind == "log_call":
        person = people[action["contact"]]
        person["history"]["call"] += 1
        person["followups"].discard(action["closes"])
        person["followups"].add(action["next"])
    elif kind == "merge":
        survivor = people[action["contact"]]
        for token in action["absorbed"]:
            gone = people.pop(token)
            for part in ("emails", "categories", "followups"):
                survivor[part] |= gone[part]
            survivor["history"].update(gone["history"])
        survivor["history"]["merge"] += 1
        model["merges"] += 1
    elif kind == "new_category":
        model["categories"].add(action["category"])
    elif kind == "set_categories":
        person = people[action["contact"]]
        if person["categories"] != set(action["categories"]):
            person["history"]["edit"] += 1
        person["categories"] = set(action["categories"])
    else:
        raise ValueError(kind)
    return model


def canonical(model: Model) -> Model:
    """Sets sorted and empty counts dropped, so that two models compare with ==."""
    return {
        "contacts": {
            token: {
                "title": person["title"],
                "emails": sorted(person["emails"]),
                "categories": sorted(person["categories"]),
                "history": sorted((k, v) for k, v in person["history"].items() if v),
                "followups": sorted(person["followups"]),
            }
            for token, person in sorted(model["contacts"].items())
        },
        "categories": sorted(model["categories"]),
        "merges": model["merges"],
    }


def check_database(db_path: Path) -> Model:
    """Opens the database as Cardfile does, checks its integrity, returns its projection."""
    store = open_store(db_path)
    try:
        with store.session() as session:
            verdict = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
            assert verdict == ["ok"], f"integrity_check: {verdict}"

            def rows(sql: str) -> list[Any]:
                return list(session.execute(text(sql)))

            people: dict[str, Any] = {}
            for token, title in rows(
                "SELECT last_name, title FROM contacts WHERE deleted_at IS NULL"
            ):
                people[token] = {
                    "title": title,
                    "emails": set(),
                    "categories": set(),
                    "history": Counter(),
                    "followups": set(),
                }
            live = " FROM contacts c JOIN {} x ON x.contact_id = c.id WHERE c.deleted_at IS NULL"
            for token, address in rows("SELECT c.last_name, x.address" + live.format("emails")):
                people[token]["emails"].add(address)
            for token, kind in rows("SELECT c.last_name, x.kind" + live.format("history")):
                people[token]["history"][kind] += 1
            for token, name in rows(
                "SELECT c.last_name, k.name"
                + live.format("contact_categories").replace(
                    " WHERE", " JOIN categories k ON k.id = x.category_id WHERE"
                )
            ):
                people[token]["categories"].add(name)
            for token, description in rows(
                "SELECT c.last_name, x.description"
                + live.format("followups")
                + " AND x.done_at IS NULL AND x.removed_at IS NULL"
            ):
                people[token]["followups"].add(description)
            return {
                "contacts": people,
                "categories": {r[0] for r in rows("SELECT name FROM categories")},
                "merges": rows("SELECT count(*) FROM merges")[0][0],
            }
    finally:
        store.close()


@dataclass
class Outcome:
    kills: int = 0
    runs: int = 0
    acknowledged: int = 0
    refused: int = 0
    in_flight_rolled_back: int = 0
    in_flight_committed: int = 0
    lost: int = 0
    half_applied: int = 0
    problems: list[str] = field(default_factory=list)


def read_journal(journal: Path) -> list[dict[str, Any]]:
    """The journal's complete lines; a torn last line (killed mid-write) is cut off the file."""
    raw = journal.read_bytes() if journal.exists() else b""
    end = raw.rfind(b"\n") + 1
    if end != len(raw):
        with journal.open("r+b") as out:
            out.truncate(end)
    return [json.loads(line) for line in raw[:end].decode("utf-8").splitlines() if line]


@dataclass
class Replay:
    """The journal read so far: the model after the acknowledged actions, the canonical models
    after the last few of them (to tell a lost action from a half-applied one), the action in
    flight, and how many lines were read."""

    model: Model = field(default_factory=empty_model)
    recent: deque[Model] = field(default_factory=lambda: deque([canonical(empty_model())], 50))
    pending: dict[str, Any] | None = None
    lines: int = 0

    def read(self, records: list[dict[str, Any]], outcome: Outcome) -> None:
        for record in records[self.lines :]:
            if "begin" in record:
                self.pending = record
            elif record.get("done"):
                assert self.pending is not None, record
                assert self.pending["id"] == record["id"], record
                apply(self.model, self.pending["begin"])
                self.recent.append(canonical(self.model))
                outcome.acknowledged += 1
                self.pending = None
            else:
                outcome.refused += "killed" not in record["aborted"]
                self.pending = None
        self.lines = len(records)


def settle(db_path: Path, journal: Path, replay: Replay, outcome: Outcome) -> bool:
    """After a kill: the database against the journal. Marks the action in flight as done or
    rolled back in the journal; False (and a problem noted) when the database is wrong."""
    replay.read(read_journal(journal), outcome)
    try:
        found = canonical(check_database(db_path))
    except Exception as failure:
        outcome.problems.append(f"after kill {outcome.kills}: {failure!r}")
        outcome.half_applied += 1
        return False
    pending = replay.pending
    mark: dict[str, Any]
    if found == replay.recent[-1]:
        if pending is None:
            return True
        outcome.in_flight_rolled_back += 1
        mark = {"id": pending["id"], "aborted": "killed before its commit"}
    elif pending is not None and found == canonical(
        apply(copy.deepcopy(replay.model), pending["begin"])
    ):
        outcome.in_flight_committed += 1
        mark = {"id": pending["id"], "done": True, "recovered": True}
    else:
        earlier = [i for i, m in enumerate(replay.recent) if m == found]
        if earlier:
            outcome.lost += len(replay.recent) - 1 - earlier[-1]
        else:
            outcome.half_applied += 1
        outcome.problems.append(
            f"after kill {outcome.kills}: the database matches "
            f"{'an earlier state' if earlier else 'no state'} of the journal; "
            f"{outcome.acknowledged} acknowledged, in flight: {pending}"
        )
        return False
    with journal.open("a", encoding="utf-8") as out:
        out.write(json.dumps(mark) + "\n")
        out.flush()
        os.fsync(out.fileno())
    return True


def run(workdir: Path, kills: int, seed: int, max_delay: float = 0.25) -> Outcome:
    """Start the writer, kill it at a random moment once it is writing, check; `kills` times."""
    db_path, journal = workdir / "crash.sqlite", workdir / "journal.jsonl"
    open_store(db_path).close()  # made (and migrated) once, before the first writer
    rng = random.Random(seed)
    outcome = Outcome()
    replay = Replay()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(kills):
        size = journal.stat().st_size if journal.exists() else 0
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.writer", str(db_path), str(journal), str(seed)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        outcome.runs += 1
        deadline = time.monotonic() + 60
        while (not journal.exists() or journal.stat().st_size == size) and child.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0, max_delay))
        if child.poll() is not None:
            error = child.stderr.read().decode() if child.stderr else ""
            outcome.problems.append(f"the writer stopped by itself: {error[-2000:]}")
            return outcome
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stderr:
            child.stderr.close()
        outcome.kills += 1
        if not settle(db_path, journal, replay, outcome):
            return outcome
    replay.read(read_journal(journal), outcome)  # the last in flight, when it was committed
    return outcome
