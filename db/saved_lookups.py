"""Lookups saved by name: dynamic lists in the side panel, run again each time they are opened,
and usable from the command line (`--lookup NAME`)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.lookup_records import Lookup, SavedLookup
from db.models import SavedLookupRow
from db.names import name_problems
from db.records import FieldError
from db.validation import InvalidContactError


def saved_lookups(session: Session) -> list[SavedLookup]:
    rows = session.scalars(
        select(SavedLookupRow).order_by(SavedLookupRow.position, SavedLookupRow.name)
    )
    return [_to_saved(r) for r in rows]


def lookup_named(session: Session, name: str) -> SavedLookup:
    """The saved lookup called `name` (any case); LookupError in words if there is none."""
    row = session.scalar(
        select(SavedLookupRow).where(func.lower(SavedLookupRow.name) == name.strip().lower())
    )
    if row is None:
        raise LookupError(f"There is no saved lookup called “{name.strip()}”")
    return _to_saved(row)


def save_lookup(session: Session, name: str, lookup: Lookup, *, replace: bool = False) -> int:
    """Keep `lookup` under `name`. A lookup of that name is replaced only when `replace`."""
    existing = session.scalar(
        select(SavedLookupRow).where(func.lower(SavedLookupRow.name) == name.strip().lower())
    )
    keep = existing.id if existing is not None and replace else None
    problems = name_problems(session, SavedLookupRow, name, "saved lookup", keep)
    if not lookup.conditions:
        problems.append(FieldError("Conditions", "the lookup has no conditions"))
    if problems:
        raise InvalidContactError(problems)
    if existing is not None:
        existing.definition = lookup.to_json()
        return existing.id
    position = (session.scalar(select(func.max(SavedLookupRow.position))) or 0) + 1
    row = SavedLookupRow(name=name.strip(), definition=lookup.to_json(), position=position)
    session.add(row)
    session.flush()
    return row.id


def rename_lookup(session: Session, lookup_id: int, name: str) -> None:
    row = _row(session, lookup_id)
    problems = name_problems(session, SavedLookupRow, name, "saved lookup", lookup_id)
    if problems:
        raise InvalidContactError(problems)
    row.name = name.strip()


def delete_lookup(session: Session, lookup_id: int) -> None:
    session.delete(_row(session, lookup_id))


def _to_saved(row: SavedLookupRow) -> SavedLookup:
    try:
        return SavedLookup(row.id, row.name, Lookup.from_json(row.definition))
    except ValueError as problem:  # hand-edited? shown, and refused when run, until re-saved
        return SavedLookup(row.id, row.name, Lookup(), str(problem))


def _row(session: Session, lookup_id: int) -> SavedLookupRow:
    row = session.get(SavedLookupRow, lookup_id)
    if row is None:
        raise LookupError(f"There is no saved lookup {lookup_id}")
    return row
