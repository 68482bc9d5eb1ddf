"""Shared by the merge tests: dumps of the rows of some contacts, or of the whole database."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.models import Base

# Every table with a contact_id column, and how its rows are ordered in a dump.
CONTACT_TABLES = (
    "phones",
    "emails",
    "addresses",
    "history",
    "followups",
    "custom_values",
    "contact_categories",
    "group_members",
)


def dump_contacts(session: Session, contact_ids: Sequence[int]) -> dict[str, list[dict[str, Any]]]:
    """Every row of these contacts in every table, ordered, with the search index's document."""
    session.flush()
    ids = ",".join(str(int(c)) for c in contact_ids)
    dump = {
        "contacts": list(
            session.execute(text(f"SELECT * FROM contacts WHERE id IN ({ids}) ORDER BY id"))
        ),
        "search": list(
            session.execute(
                text(
                    "SELECT rowid, document FROM contact_search"
                    f" WHERE rowid IN ({ids}) ORDER BY rowid"
                )
            )
        ),
    }
    for table in CONTACT_TABLES:
        dump[table] = list(
            session.execute(text(f"SELECT * FROM {table} WHERE contact_id IN ({ids}) ORDER BY id"))
        )
    return {name: [r._asdict() for r in rows] for name, rows in dump.items()}


def dump_everything(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    session.flush()
    dump = {
        table: [tuple(r) for r in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
        for table in Base.metadata.tables
    }
    dump["contact_search"] = [
        tuple(r)
        for r in session.execute(text("SELECT rowid, document FROM contact_search ORDER BY rowid"))
    ]
    return dump
