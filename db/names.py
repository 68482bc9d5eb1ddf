"""The one rule for what users name (categories, groups, user fields, saved lookups): a name is
given, not too long, and not taken by another of its kind in any case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.field_types import MAX_NAME  # (there, the screens read it without SQLAlchemy)
from db.records import FieldError


def name_problems(
    session: Session, table: Any, name: str, what: str, keep_id: int | None = None
) -> list[FieldError]:
    """What is wrong with `name` for a `what` ("category") kept in `table` (a model with `id`
    and `name`); `keep_id` is the one being renamed, which may keep its own name."""
    name = name.strip()
    if not name:
        return [FieldError("Name", f"a {what} needs a name")]
    if len(name) > MAX_NAME:
        return [FieldError("Name", f"is longer than {MAX_NAME} characters")]
    clash = session.scalar(select(table.id).where(func.lower(table.name) == name.lower()))
    if clash is not None and clash != keep_id:
        return [FieldError("Name", f"there is already a {what} “{name}”")]
    return []
