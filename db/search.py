"""Quick search: as-you-type over names, company, e-mails, phone digits and city.

Queries of three characters or more go through an FTS5 trigram index over one folded document per
live contact (`contact_search`, kept in step by `index_contact`). Shorter queries cannot use
trigrams; they match the start of the name as the list shows it ("Hansen, Kari"), through its index,
like the type-ahead lookup of a card file.
SQLite-specific SQL lives here and in `db.store` only.
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.lookup_records import SqlFragment

from db.contact_keys import list_name, search_document
from db.folding import digits_only, fold
from db.records import ContactFields, ContactListRow

TRIGRAM = 3
# Sortable list columns: the name the screens use -> the contacts column that orders it.
SORT_COLUMNS = {
    "name": "sort_name",
    "company": "sort_company",
    "phone": "list_phone",
    "email": "list_email",
    "city": "sort_city",
    "status": "status",
    "edited": "edited_at",
}
VALUE_COLUMNS = ("value_text", "value_number", "value_date")
_PHONE_LIKE = re.compile(r"^[\d\s()+\-./]+$")
_GLOB_SPECIAL = re.compile(r"[*?\[\]]")
_LIST_COLUMNS = (
    "id, first_name, middle_name, last_name, company, list_phone, list_email, list_city, status"
)


@dataclass(frozen=True)
class SearchPage:
    total: int
    rows: tuple[ContactListRow, ...]


def query_words(query: str) -> list[str]:
    """What the user typed, as folded words; a phone number becomes one word of its digits."""
    if _PHONE_LIKE.match(query) and len(digits_only(query)) >= TRIGRAM:
        return [digits_only(query)]
    return fold(query).split()


def _phrase(word: str) -> str:
    """An FTS5 phrase: with the trigram tokenizer it matches `word` as a substring."""
    return '"' + word.replace('"', '""') + '"'


def _indexed(words: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    """The search index's condition for `words`, when one of them is long enough to use it:
    trigram phrases in one MATCH, shorter words beside them as substrings."""
    long_words = [w for w in words if len(w) >= TRIGRAM]
    if not long_words:
        return None
    params: dict[str, Any] = {"match": " AND ".join(_phrase(w) for w in long_words)}
    conditions = ["contact_search MATCH :match"]
    for n, word in enumerate(w for w in words if len(w) < TRIGRAM):
        params[f"s{n}"] = "*" + _GLOB_SPECIAL.sub("?", word) + "*"
        conditions.append(f"document GLOB :s{n}")
    return " AND ".join(conditions), params


def _where(words: Sequence[str]) -> tuple[str, str, dict[str, Any]]:
    """The WHERE clause over `contacts c` for `words`, a faster SQL that counts the same
    contacts, and their parameters.

    A query with a word of three characters or more goes through the search index. A query of
    short words only is the start of the name as the list shows it (last name first; the company
    for a contact with no name), through its index.
    """
    indexed = _indexed(words)
    if indexed is not None:
        found, params = indexed
        # Contacts in the Trash are not in the search index, so the index alone counts.
        count = f"SELECT count(*) FROM contact_search WHERE {found}"
        return (
            f"c.deleted_at IS NULL AND c.id IN (SELECT rowid FROM contact_search WHERE {found})",
            count,
            params,
        )
    params = {}
    clauses = ["c.deleted_at IS NULL"]
    if words:
        params["lo"], params["hi"] = words[0], words[0] + "\uffff"
        clauses.append("c.sort_name >= :lo AND c.sort_name < :hi")
        for n, word in enumerate(words[1:]):
            params[f"s{n}"] = "*" + _GLOB_SPECIAL.sub("?", word) + "*"
            clauses.append(f"c.sort_name GLOB :s{n}")
    where = " AND ".join(clauses)
    return where, f"SELECT count(*) FROM contacts c WHERE {where}", params


def _order(sort: str, descending: bool) -> str:
    direction = "DESC" if descending else "ASC"
    # A user field's empty values (NULL) last either way; the standard columns are never NULL.
    last = "" if sort in SORT_COLUMNS else " NULLS LAST"
    return f"{_sort_value(sort)} {direction}{last}, c.id {direction}"


def _sort_value(sort: str) -> str:
    """What the list orders by: a contacts column, or a user field's value ("custom:7:value_number",
    as `db.list_columns` names it), read from its index."""
    if sort in SORT_COLUMNS:
        return f"c.{SORT_COLUMNS[sort]}"
    parts = sort.split(":")
    if (
        len(parts) == 3
        and parts[0] == "custom"
        and parts[1].isdigit()
        and parts[2] in VALUE_COLUMNS
    ):
        return (
            f"(SELECT v.{parts[2]} FROM custom_values v "
            f"WHERE v.contact_id = c.id AND v.field_id = {int(parts[1])})"
            # (a subquery's value has no collation of its own: text sorts without case here)
            + (" COLLATE NOCASE" if parts[2] == "value_text" else "")
        )
    raise ValueError(f"Cannot sort on '{sort}'; choose one of {', '.join(SORT_COLUMNS)}")


def _dbapi(reader: Session | sqlite3.Connection) -> sqlite3.Connection:
    """Reads run on a session's own connection (inside its transaction) or on `Store.reader()`;
    both are the DB-API connection underneath, which hands a million ids back quickly. A
    session's pending changes are flushed first, so that the read sees them."""
    if isinstance(reader, sqlite3.Connection):
        return reader
    reader.flush()
    connection = reader.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def raw_rows(
    reader: Session | sqlite3.Connection, sql: str, params: dict[str, Any]
) -> Iterable[Sequence[Any]]:
    cursor: Iterable[Sequence[Any]] = _dbapi(reader).execute(sql, params)
    return cursor


def matching_ids(
    session: Session | sqlite3.Connection,
    query: str = "",
    *,
    sort: str = "name",
    descending: bool = False,
    categories: Sequence[int] = (),
    extra: SqlFragment | None = None,
) -> array[int]:
    """The ids of every live contact that matches `query` (and is in any of `categories`, when
    given, and meets the `extra` condition: a lookup's, a group's), in list order."""
    where, _count, params = _where(query_words(query))
    where += _in_categories(categories)
    if extra is not None:
        where += f" AND ({extra.sql})"
        params = {**params, **extra.params}
    sql = f"SELECT c.id FROM contacts c WHERE {where} ORDER BY {_order(sort, descending)}"
    return array("q", (row[0] for row in raw_rows(session, sql, params)))


def _in_categories(categories: Sequence[int]) -> str:
    if not categories:
        return ""
    marks = ",".join(str(int(c)) for c in categories)
    return (
        f" AND c.id IN (SELECT contact_id FROM contact_categories WHERE category_id IN ({marks}))"
    )


def category_colours(
    session: Session | sqlite3.Connection, ids: Sequence[int]
) -> dict[int, list[str]]:
    """The colours of each contact's categories, in the categories' order: the list's marks."""
    if not ids:
        return {}
    marks = ",".join(str(int(i)) for i in ids)
    sql = (
        "SELECT cc.contact_id, k.colour FROM contact_categories cc "
        "JOIN categories k ON k.id = cc.category_id "
        f"WHERE cc.contact_id IN ({marks}) ORDER BY k.position, k.name"
    )
    colours: dict[int, list[str]] = {}
    for contact_id, colour in raw_rows(session, sql, {}):
        colours.setdefault(contact_id, []).append(colour)
    return colours


def found_ids(session: Session | sqlite3.Connection, query: str) -> array[int] | None:
    """The ids matching a query of three letters or more, in no particular order (the caller
    sorts them); None for a query that is not answered by the search index."""
    indexed = _indexed(query_words(query))
    if indexed is None:
        return None
    found, params = indexed
    sql = f"SELECT rowid FROM contact_search WHERE {found}"
    return array("q", (row[0] for row in raw_rows(session, sql, params)))


def contact_matches(session: Session | sqlite3.Connection, query: str, contact_id: int) -> bool:
    """Would `contact_id` be among the results of `query` (live, and matching)?"""
    where, _count, params = _where(query_words(query))
    sql = f"SELECT 1 FROM contacts c WHERE {where} AND c.id = :contact_id"
    return any(True for _ in raw_rows(session, sql, {**params, "contact_id": contact_id}))


def sort_key(
    session: Session | sqlite3.Connection, contact_id: int, sort: str = "name"
) -> tuple[Any, int]:
    """Where `contact_id` stands in the list sorted on `sort`: compare these as SQL orders rows."""
    sql = f"SELECT {_sort_value(sort)} FROM contacts c WHERE c.id = :id"
    row = next(iter(raw_rows(session, sql, {"id": contact_id})), None)
    if row is None:
        raise LookupError(f"There is no contact with id {contact_id}")
    return row[0], contact_id


def search_page(
    session: Session | sqlite3.Connection,
    query: str,
    *,
    sort: str = "name",
    descending: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> SearchPage:
    """One page of the contacts that match `query`, and how many match in all."""
    where, count, params = _where(query_words(query))
    total: int = next(iter(raw_rows(session, count, params)))[0]
    sql = (
        f"SELECT {_LIST_COLUMNS} FROM contacts c WHERE {where} "
        f"ORDER BY {_order(sort, descending)} LIMIT :limit OFFSET :offset"
    )
    rows = raw_rows(session, sql, {**params, "limit": limit, "offset": offset})
    return SearchPage(total=total, rows=tuple(_list_row(r) for r in rows))


def list_rows(
    session: Session | sqlite3.Connection, ids: Sequence[int]
) -> dict[int, ContactListRow]:
    """The list's rows for `ids` (one page of the list), by id."""
    if not ids:
        return {}
    marks = ",".join(str(int(i)) for i in ids)
    sql = f"SELECT {_LIST_COLUMNS} FROM contacts c WHERE c.id IN ({marks})"
    return {row.id: row for row in map(_list_row, raw_rows(session, sql, {}))}


def _list_row(r: Sequence[Any]) -> ContactListRow:
    return ContactListRow(
        id=r[0],
        name=list_name(r[1], r[2], r[3]),
        company=r[4],
        phone=r[5],
        email=r[6],
        city=r[7],
        status=r[8],
    )


def index_contact(session: Session, contact_id: int, fields: ContactFields) -> None:
    unindex_contact(session, contact_id)
    _dbapi(session).execute(
        "INSERT INTO contact_search(rowid, document) VALUES (:id, :doc)",
        {"id": contact_id, "doc": search_document(fields)},
    )


def unindex_contact(session: Session, contact_id: int) -> None:
    _dbapi(session).execute("DELETE FROM contact_search WHERE rowid = :id", {"id": contact_id})


def live_contact_count(reader: Session | sqlite3.Connection) -> int:
    sql = "SELECT count(*) FROM contacts WHERE deleted_at IS NULL"
    count: int = next(iter(raw_rows(reader, sql, {})))[0]
    return count
