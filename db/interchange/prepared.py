"""An incoming contact as the rows it makes, ready to insert (`Prepared`): what a worker process
hands back for each row of a big CSV import, as plain tuples, which cost little to send between
processes (a `Checked` contact, dataclasses within dataclasses, costs about 35 µs to unpickle).

The writer takes a `Prepared` or a `Checked` contact alike (`prepared` turns one into the other).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from db.contact_keys import derived_columns, search_document
from db.duplicate_profiles import profile_columns
from db.records import SCALAR_FIELDS, ContactFields

if TYPE_CHECKING:
    from db.field_types import Value
    from db.interchange.csv_blocks import Block
    from db.interchange.import_checks import Checked

_SCALARS = attrgetter(*SCALAR_FIELDS)
_SALUTATION = SCALAR_FIELDS.index("salutation")
_BIRTHDAY = SCALAR_FIELDS.index("birthday")  # the only one not stored as it is

ItemRows = tuple[tuple[tuple[Any, ...], ...], ...]  # phones, e-mails, addresses (no contact id)
Profile = tuple[str, ...]  # as `db.duplicate_check.append_profile` makes one, without the id
# The order of a `Profile`'s values: the profile's columns but the id.
PROFILE_COLUMNS = tuple(c for c in profile_columns() if c != "ids")
Entry = tuple[Any, ...]  # a `Prepared` as a plain tuple, in its slots' order (without `row`)


def contact_values(f: ContactFields) -> list[Any]:
    """The contacts-table row in the writer's column order, but for the last three (the times
    and the id, known only when it is written)."""
    row = list(_SCALARS(f))
    if not f.salutation and f.first_name:
        row[_SALUTATION] = f.first_name  # "Dear Kari", as a new contact gets
    if f.birthday is not None:
        row[_BIRTHDAY] = f.birthday.isoformat()
    row += derived_columns(f).values()
    return row


def item_rows(f: ContactFields, normalized_emails: Sequence[str]) -> ItemRows:
    """The phones', e-mails' and addresses' rows, each without its contact's id."""
    phones = tuple((k, p.kind, p.number, p.extension, p.e164) for k, p in enumerate(f.phones))
    emails = tuple(
        (k, e.kind, e.address, normalized, e.is_primary)
        for k, (e, normalized) in enumerate(zip(f.emails, normalized_emails, strict=True))
    )
    addresses = tuple(
        (k, a.kind, a.street, a.city, a.region, a.postal_code, a.country, a.is_mailing)
        for k, a in enumerate(f.addresses)
    )
    return phones, emails, addresses


class Prepared:
    """One incoming contact's rows. `row` is where it is in the file (the block of the file it
    came in, and its line), kept by the importing process, so that it can be read again in full
    when it matches a stored contact that it is to fill in or update."""

    __slots__ = (
        "categories",
        "contact",
        "document",
        "items",
        "profile",
        "row",
        "values",
        "warnings",
        "where",
    )

    where: str
    contact: list[Any]
    items: ItemRows
    document: str
    values: tuple[tuple[str, Value], ...]
    categories: tuple[str, ...]
    profile: Profile
    warnings: tuple[str, ...]
    row: tuple[Block, int] | None

    def __init__(self, entry: Entry, row: tuple[Block, int] | None = None) -> None:
        """From `entry`'s plain tuple; `row`: where it is in the file."""
        (
            self.where,
            self.contact,
            self.items,
            self.document,
            self.values,
            self.categories,
            self.profile,
            self.warnings,
        ) = entry
        self.row = row


def entry(record: Checked, profile: Profile) -> Entry:
    """`record` as a plain tuple, for sending back from a worker."""
    f = record.fields
    return (
        record.where,
        contact_values(f),
        item_rows(f, record.normalized_emails),
        search_document(f),
        record.values,
        record.incoming.categories,
        profile,
        record.incoming.warnings,
    )


def prepared(record: Checked) -> Prepared:
    """The rows a checked contact makes (without a matching profile)."""
    return Prepared(entry(record, ()))
