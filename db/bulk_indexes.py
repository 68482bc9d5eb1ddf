"""The indexes that a bulk load builds once at the end rather than keeping them up row by row
(the list's, and the user-field values'): building an index over a million rows in one go is
much quicker than inserting a million rows into it one at a time.

The quick-search index (FTS5) cannot be dropped so: for a bulk load it gathers more terms in
memory before writing them out (`hashsize`), which makes fewer, bigger segments to merge (a
third less time to index 100,000 contacts, a quarter less for a million), and it is set back at
the end.

Both the demo generator and a big import use these. Dropping and creating indexes is ordinary
SQL in SQLite, transactional like the rows: done inside the load's transaction, a rollback
(Cancel, an error, a crash) brings the indexes back as they were.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Index, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

from db.models import ContactRow, CustomValueRow, EmailRow, PhoneRow

# Indexes whose keys come in no order while a load writes contacts in id order (those on the
# contact's id stay: they are filled in order).
_SCATTERED: tuple[str, ...] = ("ix_contacts_live_", "ix_contacts_idle", "ix_custom_values_field_")
_SCATTERED += ("ix_phones_e164", "ix_emails_normalized")
SEARCH_HASHSIZE = 1_048_576  # bytes: FTS5's own default
# 1,000,000 contacts imported: 100.1-101.1 s with 64 MB, 103.2 s with 16 (100,000: no change
# to be told from the noise).
BULK_SEARCH_HASHSIZE = 64 * SEARCH_HASHSIZE
SORT_THREADS = 2


def bulk_indexes() -> list[Index]:
    """The list's indexes on contacts, the user-field values', and those that find a phone or
    an e-mail address."""
    found = []
    for row in (ContactRow, CustomValueRow, PhoneRow, EmailRow):
        table = row.__table__
        assert isinstance(table, Table)
        found += [i for i in table.indexes if str(i.name).startswith(_SCATTERED)]
    return found


def drop_bulk_indexes(connection: sqlite3.Connection) -> None:
    for index in bulk_indexes():
        connection.execute(f"DROP INDEX IF EXISTS {index.name}")
    _set_search_hashsize(connection, BULK_SEARCH_HASHSIZE)


def create_bulk_indexes(connection: sqlite3.Connection) -> None:
    """The bulk indexes made again (those that exist are left as they are), sorting with
    helper threads: nothing else runs beside this at the end of a load (a million contacts'
    indexes: 3.2-3.6 s with two, 3.9-4.0 s without)."""
    dialect = sqlite.dialect()
    (threads,) = connection.execute("PRAGMA threads").fetchone()
    connection.execute(f"PRAGMA threads={SORT_THREADS}")
    try:
        for index in bulk_indexes():
            statement = CreateIndex(index, if_not_exists=True).compile(dialect=dialect)
            connection.execute(str(statement))
    finally:
        connection.execute(f"PRAGMA threads={int(threads)}")
    _set_search_hashsize(connection, SEARCH_HASHSIZE)


def _set_search_hashsize(connection: sqlite3.Connection, size: int) -> None:
    connection.execute(
        "INSERT INTO contact_search (contact_search, rank) VALUES ('hashsize', ?)", (size,)
    )
