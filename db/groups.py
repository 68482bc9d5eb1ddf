"""Static groups: contacts put in by hand (from the record, or a selection of the list at once).
A contact can be in many; counts are of live contacts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.lookup_records import Group
from db.memberships import add_members, members, remove_members
from db.models import ContactGroupRow, ContactRow, GroupMemberRow
from db.names import name_problems
from db.validation import InvalidContactError


def _check(session: Session, name: str, keep_id: int | None = None) -> None:
    problems = name_problems(session, ContactGroupRow, name, "group", keep_id)
    if problems:
        raise InvalidContactError(problems)


def groups(session: Session) -> list[Group]:
    """Every group, in the user's order, with how many live contacts it holds."""
    counts: dict[int, int] = dict(
        session.execute(
            select(GroupMemberRow.group_id, func.count())
            .join(ContactRow, ContactRow.id == GroupMemberRow.contact_id)
            .where(ContactRow.deleted_at.is_(None))
            .group_by(GroupMemberRow.group_id)
        ).all()
    )
    rows = session.scalars(
        select(ContactGroupRow).order_by(ContactGroupRow.position, ContactGroupRow.name)
    )
    return [Group(r.id, r.name, r.description, counts.get(r.id, 0)) for r in rows]


def group_named(session: Session, name: str) -> Group:
    """The group called `name` (any case); LookupError in words if there is none."""
    found = next((g for g in groups(session) if g.name.casefold() == name.strip().casefold()), None)
    if found is None:
        raise LookupError(f"There is no group called “{name.strip()}”")
    return found


def create_group(session: Session, name: str, description: str = "") -> int:
    _check(session, name)
    position = (session.scalar(select(func.max(ContactGroupRow.position))) or 0) + 1
    row = ContactGroupRow(name=name.strip(), description=description.strip(), position=position)
    session.add(row)
    session.flush()
    return row.id


def rename_group(session: Session, group_id: int, name: str) -> None:
    row = _row(session, group_id)
    _check(session, name, keep_id=group_id)
    row.name = name.strip()


def delete_group(session: Session, group_id: int) -> int:
    """Delete a group (its contacts stay); returns how many it held."""
    row = _row(session, group_id)
    held = members(session, GroupMemberRow, "group_id", group_id)
    session.execute(delete(GroupMemberRow).where(GroupMemberRow.group_id == group_id))
    session.delete(row)
    return held


def add_to_group(session: Session, group_id: int, contact_ids: Sequence[int]) -> int:
    """Put contacts in a group (those already in it stay once); returns how many joined."""
    _row(session, group_id)
    return add_members(session, GroupMemberRow, "group_id", group_id, contact_ids)


def remove_from_group(session: Session, group_id: int, contact_ids: Sequence[int]) -> int:
    """Take contacts out of a group; returns how many left it."""
    return remove_members(session, GroupMemberRow, "group_id", group_id, contact_ids)


def contact_groups(session: Session, contact_id: int) -> list[Group]:
    rows = session.scalars(
        select(ContactGroupRow)
        .join(GroupMemberRow, GroupMemberRow.group_id == ContactGroupRow.id)
        .where(GroupMemberRow.contact_id == contact_id)
        .order_by(ContactGroupRow.position, ContactGroupRow.name)
    )
    return [Group(r.id, r.name, r.description) for r in rows]


def _row(session: Session, group_id: int) -> ContactGroupRow:
    row = session.get(ContactGroupRow, group_id)
    if row is None:
        raise LookupError(f"There is no group {group_id}")
    return row
