"""Colour-coded categories: named, coloured, described; a contact can be in several.

Counts are of live contacts (the Trash is left out). Changing one contact's categories is noted
in its history; bulk changes to a whole list are one transaction each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from db.contacts import add_history
from db.memberships import add_members, remove_members
from db.models import CategoryRow, ContactCategoryRow, ContactRow
from db.names import name_problems
from db.records import Category, FieldError
from db.validation import InvalidContactError

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _check(session: Session, name: str, colour: str, keep_id: int | None = None) -> None:
    errors = name_problems(session, CategoryRow, name, "category", keep_id)
    if not _COLOUR.match(colour):
        errors.append(FieldError("Colour", f"'{colour}' is not a colour like #3366cc"))
    if errors:
        raise InvalidContactError(errors)


def categories(session: Session) -> list[Category]:
    """Every category, in the user's order, with how many live contacts it holds.

    All members are counted from the category index, and those in the Trash (few) subtracted:
    joining every member to its contact would read a row per member."""
    members: dict[int, int] = {
        row[0]: row[1]
        for row in session.execute(
            select(ContactCategoryRow.category_id, func.count()).group_by(
                ContactCategoryRow.category_id
            )
        )
    }
    trashed = select(ContactRow.id).where(ContactRow.deleted_at.is_not(None))
    for category_id, count in session.execute(
        select(ContactCategoryRow.category_id, func.count())
        .where(ContactCategoryRow.contact_id.in_(trashed))
        .group_by(ContactCategoryRow.category_id)
    ):
        members[category_id] -= count
    rows = session.scalars(select(CategoryRow).order_by(CategoryRow.position, CategoryRow.name))
    return [Category(r.id, r.name, r.colour, r.description, members.get(r.id, 0)) for r in rows]


def category_named(session: Session, name: str) -> Category:
    """The category called `name` (any case); LookupError in words if there is none."""
    wanted = name.strip().casefold()
    found = next((c for c in categories(session) if c.name.casefold() == wanted), None)
    if found is None:
        raise LookupError(f"There is no category called “{name.strip()}”")
    return found


def create_category(session: Session, name: str, colour: str, description: str = "") -> int:
    _check(session, name, colour)
    position = (session.scalar(select(func.max(CategoryRow.position))) or 0) + 1
    row = CategoryRow(
        name=name.strip(), colour=colour.lower(), description=description.strip(), position=position
    )
    session.add(row)
    session.flush()
    return row.id


def update_category(
    session: Session, category_id: int, name: str, colour: str, description: str
) -> None:
    """Rename, recolour or describe a category."""
    row = _row(session, category_id)
    _check(session, name, colour, keep_id=category_id)
    row.name, row.colour, row.description = name.strip(), colour.lower(), description.strip()


def merge_categories(session: Session, source_id: int, target_id: int) -> int:
    """Put everyone in `source` into `target` and remove `source`; returns how many moved."""
    if source_id == target_id:
        raise ValueError("A category cannot be merged into itself")
    _row(session, target_id)
    source = _row(session, source_id)
    members = list(
        session.scalars(
            select(ContactCategoryRow.contact_id).where(ContactCategoryRow.category_id == source_id)
        )
    )
    added = assign_category(session, members, target_id)
    session.delete(source)
    return added


def delete_category(session: Session, category_id: int) -> int:
    """Remove a category from everyone and delete it; returns how many contacts had it."""
    row = _row(session, category_id)
    held = session.scalar(select(func.count()).where(ContactCategoryRow.category_id == category_id))
    session.execute(delete(ContactCategoryRow).where(ContactCategoryRow.category_id == category_id))
    session.delete(row)
    return held or 0


def contact_categories(session: Session, contact_id: int) -> list[Category]:
    rows = session.scalars(
        select(CategoryRow)
        .join(ContactCategoryRow, ContactCategoryRow.category_id == CategoryRow.id)
        .where(ContactCategoryRow.contact_id == contact_id)
        .order_by(CategoryRow.position, CategoryRow.name)
    )
    return [Category(r.id, r.name, r.colour, r.description) for r in rows]


def set_contact_categories(session: Session, contact_id: int, category_ids: Iterable[int]) -> None:
    """The contact's categories become exactly these; the change is noted in its history."""
    before = [c.name for c in contact_categories(session, contact_id)]
    wanted = set(category_ids)
    session.execute(delete(ContactCategoryRow).where(ContactCategoryRow.contact_id == contact_id))
    if wanted:
        session.execute(
            insert(ContactCategoryRow),
            [{"contact_id": contact_id, "category_id": c} for c in sorted(wanted)],
        )
    after = [c.name for c in contact_categories(session, contact_id)]
    if before != after:
        add_history(
            session,
            contact_id,
            "edit",
            f"Edited Categories: '{', '.join(before)}' → '{', '.join(after)}'",
        )


def assign_category(session: Session, contact_ids: Sequence[int], category_id: int) -> int:
    """Add a category to many contacts at once (one statement); returns how many gained it."""
    _row(session, category_id)
    return add_members(session, ContactCategoryRow, "category_id", category_id, contact_ids)


def remove_category(session: Session, contact_ids: Sequence[int], category_id: int) -> int:
    """Take a category off many contacts at once; returns how many lost it."""
    return remove_members(session, ContactCategoryRow, "category_id", category_id, contact_ids)


def _row(session: Session, category_id: int) -> CategoryRow:
    row = session.get(CategoryRow, category_id)
    if row is None:
        raise LookupError(f"There is no category {category_id}")
    return row
