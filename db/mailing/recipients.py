"""Who gets mail: the contacts chosen (by id, category, group or saved lookup, several at once),
each at most once, and those left out with the reason, to be listed before anything prints.

A contact is left out when it is in the Trash, asked not to be mailed, had mail returned, or
(for labels and envelopes) has no postal address; and, when asked for, when another contact at
the same address already gets the piece ("one per household").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.contact_keys import list_name
from db.folding import fold
from db.mailing.address_block import (
    address_lines,
    country_code,
    is_postal,
    mailing_address,
    name_lines,
)
from db.mailing.my_record import home_country
from db.mailing.recipient_records import LeftOut, MailingSources, Recipient, RecipientList
from db.models import (
    AddressRow,
    CategoryRow,
    ContactCategoryRow,
    ContactGroupRow,
    ContactRow,
    GroupMemberRow,
)
from db.records import Address, ContactFields

CHUNK = 900  # ids per statement: under SQLite's limit on bound parameters

NO_SUCH_CONTACT = "no such contact"
DELETED = "deleted (in the Trash)"
DO_NOT_MAIL = "do not mail"
MAIL_RETURNED = "mail returned"
NO_POSTAL_ADDRESS = "no postal address"
_NOT_WORD = re.compile(r"[\W_]+")


def choose_recipients(
    session: Session,
    sources: MailingSources,
    *,
    needs_address: bool = True,
    per_household: bool = False,
    today: date | None = None,
) -> RecipientList:
    """The recipients in name order, and everyone left out with the reason.

    LookupError in words for a category, group or saved lookup that does not exist."""
    wanted = _chosen_ids(session, sources, today or date.today())
    home = home_country(session)
    recipients: list[Recipient] = []
    left_out: list[LeftOut] = []
    found: set[int] = set()
    households: dict[str, str] = {}
    for row, addresses in _contacts(session, wanted):
        found.add(row.id)
        fields = _fields(row, addresses)
        name = list_name(row.first_name, row.middle_name, row.last_name) or fields.display_name
        address = mailing_address(fields)
        reason = _reason(row, address, needs_address=needs_address)
        if reason is None and per_household and address is not None:
            household = _household(address, home)
            if household in households:
                reason = f"same household as {households[household]}"
            else:
                households[household] = name
        if reason is not None:
            left_out.append(LeftOut(row.id, name, reason))
            continue
        lines = address_lines(address, home) if address is not None else ()
        code = (country_code(address.country) or "") if address and address.country else home
        recipients.append(Recipient(row.id, name, name_lines(fields), lines, code))
    missing = sorted(set(wanted) - found)
    left_out.extend(LeftOut(i, f"#{i}", NO_SUCH_CONTACT) for i in missing)
    return RecipientList(tuple(recipients), tuple(left_out))


def _reason(row: Any, address: Address | None, *, needs_address: bool) -> str | None:
    if row.deleted_at is not None:
        return DELETED
    if row.do_not_mail:
        return DO_NOT_MAIL
    if row.mail_returned:
        return MAIL_RETURNED
    if needs_address and not is_postal(address):
        return NO_POSTAL_ADDRESS
    return None


def _household(address: Address, home: str) -> str:
    """The same place however it was typed: case, accents, punctuation and spacing aside."""
    country = country_code(address.country) if address.country.strip() else home
    parts = (address.street, address.postal_code, address.city, country or address.country)
    return "|".join(_NOT_WORD.sub(" ", fold(part)).strip() for part in parts)


def _chosen_ids(session: Session, sources: MailingSources, today: date) -> list[int]:
    chosen: dict[int, None] = dict.fromkeys(sources.contact_ids)
    for name in sources.categories:
        category = _named(session, CategoryRow, name, "category")
        chosen.update(dict.fromkeys(_members(session, ContactCategoryRow, category)))
    for name in sources.groups:
        group = _named(session, ContactGroupRow, name, "group")
        chosen.update(dict.fromkeys(_members(session, GroupMemberRow, group)))
    if sources.lookups:
        from db import search
        from db.named_lists import named_list

        for name in sources.lookups:
            condition = named_list(session, lookup=name, today=today)
            chosen.update(dict.fromkeys(search.matching_ids(session, "", extra=condition)))
    return list(chosen)


def _named(
    session: Session, table: type[CategoryRow] | type[ContactGroupRow], name: str, what: str
) -> int:
    rows = session.execute(select(table.id, table.name)).all()
    for row_id, row_name in rows:
        if fold(row_name) == fold(name):
            return int(row_id)
    known = ", ".join(sorted(str(r[1]) for r in rows)) or "none yet"
    raise LookupError(f"There is no {what} called “{name}” (there are: {known})")


def _members(
    session: Session, link: type[ContactCategoryRow] | type[GroupMemberRow], value: int
) -> Iterable[int]:
    owner = link.category_id if link is ContactCategoryRow else link.group_id  # type: ignore[union-attr]
    return session.scalars(select(link.contact_id).where(owner == value))


_CONTACT_COLUMNS = (
    ContactRow.id,
    ContactRow.prefix,
    ContactRow.first_name,
    ContactRow.middle_name,
    ContactRow.last_name,
    ContactRow.suffix,
    ContactRow.company,
    ContactRow.deleted_at,
    ContactRow.do_not_mail,
    ContactRow.mail_returned,
    ContactRow.sort_name,
    ContactRow.sort_company,
)
_ADDRESS_COLUMNS = (
    AddressRow.contact_id,
    AddressRow.street,
    AddressRow.city,
    AddressRow.region,
    AddressRow.postal_code,
    AddressRow.country,
    AddressRow.kind,
    AddressRow.is_mailing,
)


def _contacts(session: Session, ids: Sequence[int]) -> Iterable[tuple[Any, list[Address]]]:
    """The contacts (rows of `_CONTACT_COLUMNS`) with their addresses, in name order, read a
    few hundred at a time as plain rows (10,000 ORM objects would take seconds)."""
    rows: list[Any] = []
    addresses: dict[int, list[Address]] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        rows.extend(session.execute(select(*_CONTACT_COLUMNS).where(ContactRow.id.in_(part))))
        found = session.execute(
            select(*_ADDRESS_COLUMNS)
            .where(AddressRow.contact_id.in_(part))
            .order_by(AddressRow.contact_id, AddressRow.position)
        )
        for r in found:
            mailing = bool(r.is_mailing)
            address = Address(r.street, r.city, r.region, r.postal_code, r.country, r.kind, mailing)
            addresses.setdefault(r.contact_id, []).append(address)
    rows.sort(key=lambda r: (r.sort_name, r.sort_company, r.id))
    return ((row, addresses.get(row.id, [])) for row in rows)


def _fields(row: Any, addresses: list[Address]) -> ContactFields:
    return ContactFields(
        prefix=row.prefix,
        first_name=row.first_name,
        middle_name=row.middle_name,
        last_name=row.last_name,
        suffix=row.suffix,
        company=row.company,
        addresses=tuple(addresses),
    )
