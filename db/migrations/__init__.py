"""Alembic migrations, shipped inside the package and applied by `db.store.open_store`."""

from __future__ import annotations

SEARCH_TABLE_PREFIX = "contact_search"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The FTS5 search table and its shadow tables are made by hand, not by the models."""
    return not (type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIX))
