"""The crash test's writer, run as a child process: real user actions through the db layer, each
one `store.session()`, each acknowledged in a journal (fsynced) once its transaction committed.

    python -m tests.crash.writer DB JOURNAL SEED [MAX_ACTIONS]

Before an action it writes `{"id": n, "begin": {...}}` (what it is about to do, by contact tokens),
after the commit `{"id": n, "done": true}`; an action the db layer refused is `{"id": n,
"aborted": "..."}`. The next id follows the journal's last line, so the parent can restart it.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db import categories, contacts, followups, merge
from db.followup_records import ActivityLog, NextAction
from db.models import CategoryRow, ContactRow, FollowUpRow
from db.records import ContactFields, Email
from db.store import Store, open_store

# How often each action is picked.
WEIGHTS = {
    "create": 20,
    "edit": 20,
    "log_call": 25,
    "merge": 12,
    "new_category": 5,
    "set_categories": 18,
    "import": 8,
}


def append(journal: Any, record: dict[str, Any]) -> None:
    journal.write(json.dumps(record) + "\n")
    journal.flush()
    os.fsync(journal.fileno())


def next_id(journal_path: Path) -> int:
    last = 0
    if journal_path.exists():
        for line in journal_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                last = max(last, json.loads(line)["id"])
    return last + 1


def live_contacts(store: Store) -> dict[str, int]:
    """Each live contact's token (its last name) and id."""
    with store.session() as session:
        rows = session.execute(
            select(ContactRow.last_name, ContactRow.id).where(ContactRow.deleted_at.is_(None))
        )
        return dict(rows.tuples().all())


def choose(store: Store, rng: random.Random, n: int) -> dict[str, Any]:
    """The next action and its arguments, by tokens (contact last names, category names)."""
    people = sorted(live_contacts(store))
    kinds = [k for k in WEIGHTS if k != "set_categories" or people]
    if len(people) < 2:
        kinds = [k for k in kinds if k != "merge"]
    if not people:
        kinds = [k for k in kinds if k in ("create", "import", "new_category")]
    kind = rng.choices(kinds, [WEIGHTS[k] for k in kinds])[0]
    made: dict[str, dict[str, Any]] = {
        "create": {"contact": f"C{n}"},
        "import": {"contacts": [f"I{n}{letter}" for letter in "abc"]},
        "new_category": {"category": f"K{n}"},
    }
    if kind in made:
        return {"kind": kind, **made[kind]}
    contact = rng.choice(people)
    if kind == "edit":
        return {"kind": kind, "contact": contact, "token": f"E{n}"}
    if kind == "log_call":
        with store.session() as session:
            open_ones = sorted(
                session.scalars(
                    select(FollowUpRow.description).where(
                        FollowUpRow.contact_id == live_contacts(store)[contact],
                        FollowUpRow.done_at.is_(None),
                        FollowUpRow.removed_at.is_(None),
                    )
                )
            )
        closes = rng.choice(open_ones) if open_ones and rng.random() < 0.6 else None
        return {"kind": kind, "contact": contact, "closes": closes, "next": f"F{n}"}
    if kind == "merge":
        group = rng.sample(people, rng.choice((2, 2, 3)) if len(people) > 2 else 2)
        return {"kind": kind, "contact": group[0], "absorbed": group[1:]}
    with store.session() as session:
        names = sorted(session.scalars(select(CategoryRow.name)))
    picked = sorted(rng.sample(names, rng.randint(0, min(3, len(names)))))
    return {"kind": "set_categories", "contact": contact, "categories": picked}


def _person(token: str) -> ContactFields:
    return ContactFields(
        first_name="Pat",
        last_name=token,
        title=f"T{token}",
        emails=(Email(f"{token.lower()}@example.org"),),
    )


def perform(store: Store, action: dict[str, Any]) -> None:
    """The action, as one transaction."""
    kind = action["kind"]
    ids = live_contacts(store)
    with store.session() as session:
        if kind == "create":
            contacts.create_contact(session, _person(action["contact"]))
        elif kind == "import":  # a batch of three, all or none
            from db.interchange.import_records import ImportOptions
            from db.interchange.importing import run_import
            from db.interchange.incoming import Incoming

            records = [
                Incoming(_person(token), f"line {k}")
                for k, token in enumerate(action["contacts"], 2)
            ]
            run_import(session, records, ImportOptions("add", file_name="crash.csv"))
        elif kind == "edit":
            contact_id = ids[action["contact"]]
            before = contacts.get_contact(session, contact_id).fields
            token = action["token"]
            fields = replace(before, title=token, emails=(Email(f"{token.lower()}@example.org"),))
            contacts.update_contact(session, contact_id, fields)
        elif kind == "log_call":
            contact_id = ids[action["contact"]]
            closes = None
            if action["closes"] is not None:
                closes = session.scalar(
                    select(FollowUpRow.id).where(
                        FollowUpRow.contact_id == contact_id,
                        FollowUpRow.description == action["closes"],
                        FollowUpRow.done_at.is_(None),
                    )
                )
            due = date.today() + timedelta(days=1 + len(action["next"]) % 20)
            log = ActivityLog(
                "call",
                "Spoke",
                f"Call {action['next']}",
                NextAction("call", action["next"], due),
                closes=closes,
            )
            followups.log_activity(session, contact_id, log)
        elif kind == "merge":
            merge.merge_contacts(
                session, ids[action["contact"]], [ids[a] for a in action["absorbed"]]
            )
        elif kind == "new_category":
            categories.create_category(session, action["category"], "#336699")
        elif kind == "set_categories":
            by_name = dict(session.execute(select(CategoryRow.name, CategoryRow.id)).tuples().all())
            categories.set_contact_categories(
                session, ids[action["contact"]], [by_name[c] for c in action["categories"]]
            )
        else:
            raise ValueError(kind)


def main(argv: list[str]) -> int:
    db_path, journal_path, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    limit = int(argv[3]) if len(argv) > 3 else 10**9
    n = next_id(journal_path)
    rng = random.Random(seed * 1_000_003 + n)
    store = open_store(db_path)
    with journal_path.open("a", encoding="utf-8") as journal:
        for _ in range(limit):
            action = choose(store, rng, n)
            append(journal, {"id": n, "begin": action})
            try:
                perform(store, action)
            except Exception as refused:
                append(journal, {"id": n, "aborted": repr(refused)})
            else:
                append(journal, {"id": n, "done": True})
            n += 1
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
