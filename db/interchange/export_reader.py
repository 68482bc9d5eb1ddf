"""Contacts read for export: each live contact as an `Incoming` record (the neutral form that
importers produce and exporters consume), in id order.

Contacts are read in chunks of ids, a handful of SQL queries per chunk (the contacts, their
phones, e-mails, addresses, categories, user-field values and photo), never one query per
contact: 100,000 contacts are read in under 3 s of CPU on a small, busy machine, most of it making
the records. Reads go through plain sqlite3 (`db.search`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from db.interchange.incoming import Incoming, Photo
from db.records import Address, ContactFields, Email, Phone
from db.search import raw_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.lookup_records import SqlFragment

CHUNK = 5000
# A user field's value as exports write it, made by SQLite (in bulk, far faster than Python):
# dates ISO, yes/no `Yes`/`No`, numbers plain as `db.field_types.as_text` writes them ('%.15g';
# currency '%.2f'). (SQLite's printf keeps 16 significant digits where Python keeps them all: the
# two differ only for amounts of a hundred million billion and more.)
_EXPORT_TEXT = (
    "CASE f.kind WHEN 'yes_no' THEN (CASE WHEN v.value_number THEN 'Yes' ELSE 'No' END) "
    "WHEN 'currency' THEN printf('%.2f', v.value_number) "
    "ELSE COALESCE(v.value_text, v.value_date, printf('%.15g', v.value_number)) END"
)
T = TypeVar("T")
_CONTACT_COLUMNS = (
    "id, prefix, first_name, middle_name, last_name, suffix, salutation, company, title, "
    "department, web_site, birthday, status, referred_by, last_result, do_not_call, "
    "do_not_mail, do_not_email, mail_returned, email_bounced, notes"
)


@dataclass(frozen=True)
class _UserField:
    name: str
    kind: str


def user_field_names(reader: Session | sqlite3.Connection) -> list[str]:
    """The user fields' names in the user's order: the columns an export adds after the
    standard ones."""
    return [f.name for f in _user_fields(reader).values()]


def export_ids(
    reader: Session | sqlite3.Connection,
    ids: Sequence[int] | None = None,
    *,
    condition: SqlFragment | None = None,
) -> array[int]:
    """The live contacts to export, in id order: all of them, or those of `ids`, and of those
    only the ones `condition` (a lookup's, a group's, a category's) selects."""
    where = "c.deleted_at IS NULL"
    params: dict[str, Any] = {}
    if condition is not None:
        where += f" AND ({condition.sql})"
        params = dict(condition.params)
    if ids is None:
        sql = f"SELECT c.id FROM contacts c WHERE {where} ORDER BY c.id"
        return array("q", (row[0] for row in raw_rows(reader, sql, params)))
    wanted = sorted({int(i) for i in ids})
    found = array("q")
    for start in range(0, len(wanted), CHUNK):
        marks = ",".join(map(str, wanted[start : start + CHUNK]))
        sql = f"SELECT c.id FROM contacts c WHERE c.id IN ({marks}) AND {where} ORDER BY c.id"
        found.extend(row[0] for row in raw_rows(reader, sql, params))
    return found


def contacts_for_export(
    reader: Session | sqlite3.Connection,
    ids: Sequence[int] | None = None,
    *,
    condition: SqlFragment | None = None,
) -> Iterator[tuple[int, Incoming]]:
    """Each live contact (all, those of `ids`, or those `condition` selects) with its id, in id
    order: phones, e-mails and addresses in their order, categories by name, user-field values
    as text by field name (`_EXPORT_TEXT`), and the photo."""
    return contacts_of(reader, export_ids(reader, ids, condition=condition))


def contacts_of(
    reader: Session | sqlite3.Connection, chosen: array[int]
) -> Iterator[tuple[int, Incoming]]:
    """`contacts_for_export` for ids `export_ids` has already chosen (live, ascending)."""
    fields = _user_fields(reader)
    for start in range(0, len(chosen), CHUNK):
        yield from _read_chunk(reader, chosen[start : start + CHUNK], fields)


def group_widths(reader: Session | sqlite3.Connection, ids: Sequence[int]) -> tuple[int, int, int]:
    """The most e-mails, phones and addresses that one of the contacts `ids` has: how many
    numbered groups of each an export needs."""
    widths = [0, 0, 0]
    ordered = array("q", sorted(ids))
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        chosen = set(chunk)
        for n, table in enumerate(("emails", "phones", "addresses")):
            # Only contacts with more than found so far, the most first: the first of those
            # chosen (a range also holds contacts not chosen) is the chunk's most.
            sql = (
                f"SELECT contact_id, count(*) AS n FROM {table} WHERE contact_id {_which(chunk)} "
                f"GROUP BY contact_id HAVING n > {widths[n]} ORDER BY n DESC"
            )
            rows = raw_rows(reader, sql, {})
            widths[n] = next(
                (count for contact_id, count in rows if contact_id in chosen), widths[n]
            )
    return widths[0], widths[1], widths[2]


def _which(ids: array[int]) -> str:
    """The SQL test of `contact_id` for the ascending `ids`: as a range when they lie close
    together (the usual case: everyone, or most), which the index reads far faster than a list
    of ids; the caller passes over the rows of contacts in the range that it did not choose."""
    first, last = ids[0], ids[-1]
    if last - first < 2 * len(ids):
        return f"BETWEEN {first} AND {last}"
    return f"IN ({','.join(map(str, ids))})"


def _user_fields(reader: Session | sqlite3.Connection) -> dict[int, _UserField]:
    sql = "SELECT id, name, kind FROM custom_fields ORDER BY position, name"
    return {row[0]: _UserField(row[1], row[2]) for row in raw_rows(reader, sql, {})}


def _read_chunk(
    reader: Session | sqlite3.Connection, ids: array[int], fields: dict[int, _UserField]
) -> Iterator[tuple[int, Incoming]]:
    """The contacts `ids` (ascending): one query per table."""
    which = _which(ids)
    phones = _grouped(
        reader,
        f"SELECT contact_id, number, kind, extension FROM phones "
        f"WHERE contact_id {which} ORDER BY contact_id, position",
        lambda r: Phone(r[1], r[2], r[3] or ""),
    )
    emails = _grouped(
        reader,
        f"SELECT contact_id, address, kind, is_primary FROM emails "
        f"WHERE contact_id {which} ORDER BY contact_id, position",
        lambda r: Email(r[1], r[2], bool(r[3])),
    )
    addresses = _grouped(
        reader,
        f"SELECT contact_id, street, city, region, postal_code, country, kind, is_mailing "
        f"FROM addresses WHERE contact_id {which} ORDER BY contact_id, position",
        lambda r: Address(r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])),
    )
    categories = _grouped(
        reader,
        f"SELECT cc.contact_id, k.name FROM contact_categories cc "
        f"JOIN categories k ON k.id = cc.category_id WHERE cc.contact_id {which} "
        f"ORDER BY cc.contact_id, k.position, k.name",
        lambda r: r[1],
    )
    custom = _custom_values(reader, which, fields)
    sql = f"SELECT contact_id, data, mime FROM contact_photos WHERE contact_id {which}"
    photos = {r[0]: Photo(bytes(r[1]), r[2]) for r in raw_rows(reader, sql, {})}
    no_values = _unticked(fields)
    chosen = set(ids)
    sql = f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE id {which} ORDER BY id"
    for r in raw_rows(reader, sql, {}):
        contact_id = r[0]
        if contact_id not in chosen:
            continue
        contact = ContactFields(
            prefix=r[1],
            first_name=r[2],
            middle_name=r[3],
            last_name=r[4],
            suffix=r[5],
            salutation=r[6],
            company=r[7],
            title=r[8],
            department=r[9],
            web_site=r[10],
            birthday=date.fromisoformat(r[11]) if r[11] else None,
            status=r[12],
            referred_by=r[13],
            last_result=r[14],
            do_not_call=bool(r[15]),
            do_not_mail=bool(r[16]),
            do_not_email=bool(r[17]),
            mail_returned=bool(r[18]),
            email_bounced=bool(r[19]),
            notes=r[20],
            phones=tuple(phones.get(contact_id, ())),
            emails=tuple(emails.get(contact_id, ())),
            addresses=tuple(addresses.get(contact_id, ())),
        )
        yield (
            contact_id,
            Incoming(
                fields=contact,
                where=f"contact {contact_id}",
                categories=tuple(categories.get(contact_id, ())),
                custom=tuple(custom.get(contact_id, no_values)),
                photo=photos.get(contact_id),
            ),
        )


def _grouped(
    reader: Session | sqlite3.Connection, sql: str, make: Callable[[Sequence[Any]], T]
) -> dict[int, list[T]]:
    """Rows of a child table made into records, by contact, in row order. (A plain loop: half
    again as fast as itertools.groupby here.)"""
    grouped: dict[int, list[T]] = {}
    for row in raw_rows(reader, sql, {}):
        found = grouped.get(row[0])
        if found is None:
            grouped[row[0]] = [make(row)]
        else:
            found.append(make(row))
    return grouped


def _custom_values(
    reader: Session | sqlite3.Connection, which: str, fields: dict[int, _UserField]
) -> dict[int, list[tuple[str, str]]]:
    """Each contact's user-field values as (field name, export text), in the fields' order;
    then `No` for each yes/no field left unticked (stored as no value at all)."""
    if not fields:
        return {}
    sql = (
        f"SELECT v.contact_id, f.name, {_EXPORT_TEXT} FROM custom_values v "
        f"JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id {which} "
        "ORDER BY v.contact_id, f.position, f.name"
    )
    values = _grouped(reader, sql, itemgetter(1, 2))
    yes_no = [f.name for f in fields.values() if f.kind == "yes_no"]
    for found in values.values() if yes_no else ():
        found += [
            (name, "No")
            for name in yes_no
            if (name, "Yes") not in found and (name, "No") not in found
        ]
    return values


def _unticked(fields: dict[int, _UserField]) -> tuple[tuple[str, str], ...]:
    """What a contact with no stored user-field values exports: `No` for each yes/no field."""
    return tuple((f.name, "No") for f in fields.values() if f.kind == "yes_no")
