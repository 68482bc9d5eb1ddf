"""Putting many contacts in, or taking them out of, something they can belong to (a category,
a group) at once: one statement per few hundred contacts, counting how many it changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

CHUNK = 900  # ids per statement: under SQLite's limit on bound parameters


def members(session: Session, link: Any, key: str, value: int) -> int:
    """How many contacts `link` (a model with `contact_id` and column `key`) holds for `value`."""
    return session.scalar(select(func.count()).where(getattr(link, key) == value)) or 0


def add_members(
    session: Session, link: Any, key: str, value: int, contact_ids: Sequence[int]
) -> int:
    """Link each contact to `value` (those already linked stay once); returns how many joined."""
    if not contact_ids:
        return 0
    before = members(session, link, key, value)
    statement = sqlite_insert(link).on_conflict_do_nothing()
    session.execute(statement, [{key: value, "contact_id": c} for c in contact_ids])
    return members(session, link, key, value) - before


def remove_members(
    session: Session, link: Any, key: str, value: int, contact_ids: Sequence[int]
) -> int:
    """Unlink each contact from `value`; returns how many left."""
    before = members(session, link, key, value)
    for start in range(0, len(contact_ids), CHUNK):
        session.execute(
            delete(link).where(
                getattr(link, key) == value,
                link.contact_id.in_(contact_ids[start : start + CHUNK]),
            )
        )
    return before - members(session, link, key, value)
