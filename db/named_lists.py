"""A saved lookup, a group or a category, named by the user, as the condition that lists its
contacts: what the command line's `--lookup NAME`, `--group NAME` and `--category NAME` mean
(for listing, printing, exporting)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the window uses `group_condition` before SQLAlchemy is loaded)
    from sqlalchemy.orm import Session

    from db.lookup_records import SqlFragment


def group_condition(group_id: int) -> SqlFragment:
    """The members of a group, as a condition over `contacts c`."""
    from db.lookup_records import SqlFragment

    return SqlFragment(
        "c.id IN (SELECT contact_id FROM group_members WHERE group_id = :group_id)",
        {"group_id": group_id},
    )


def category_condition(category_id: int) -> SqlFragment:
    """The contacts in a category, as a condition over `contacts c`."""
    from db.lookup_records import SqlFragment

    return SqlFragment(
        "c.id IN (SELECT contact_id FROM contact_categories WHERE category_id = :category_id)",
        {"category_id": category_id},
    )


def named_list(
    session: Session,
    *,
    lookup: str | None = None,
    group: str | None = None,
    category: str | None = None,
    today: date,
) -> SqlFragment | None:
    """The condition of the saved lookup, group or category called so (None: everyone).

    LookupError in words when there is none of that name; a saved lookup that cannot run any
    more (a field it tests was deleted) raises InvalidContactError naming its rows."""
    from db.categories import category_named
    from db.groups import group_named
    from db.lookups import compile_lookup
    from db.saved_lookups import lookup_named

    if lookup is not None:
        saved = lookup_named(session, lookup)
        if saved.problem:
            raise LookupError(f"The saved lookup “{saved.name}” cannot be read: {saved.problem}")
        return compile_lookup(session, saved.lookup, today)
    if group is not None:
        return group_condition(group_named(session, group).id)
    if category is not None:
        return category_condition(category_named(session, category).id)
    return None
