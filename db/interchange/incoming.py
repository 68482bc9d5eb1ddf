"""What an importer reads from a file before anything is stored: one contact as the file gives
it (`Incoming`), or why one row or card could not be read (`Rejected`).

Readers (CSV, vCard) only produce these; `db.interchange.importing` decides what to store.
Readers never stop at a bad row or card: they yield a `Rejected` for it and go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from db.records import NO_YEAR, ContactFields  # (NO_YEAR: kept there, used here)


def birthday_without_year(month: int, day: int) -> date:
    """A birthday known only by its day: kept in `NO_YEAR` (a leap year: 29 Feb fits)."""
    return date(NO_YEAR, month, day)


def has_year(birthday: date) -> bool:
    return birthday.year != NO_YEAR


@dataclass(frozen=True)
class Photo:
    data: bytes
    mime: str  # "image/jpeg", "image/png", "image/gif"


@dataclass(frozen=True)
class Incoming:
    """One contact as read from a file.

    `fields` holds the standard fields (phones, e-mails and addresses included, numbers as
    written; the importer normalises them). `custom` holds values for user fields by the
    field's name, as text as it stood in the file. `where` says where it came from, for
    messages: "line 12" (CSV, the line its row starts on) or "card 3" (vCard, counting from 1).
    `notes` are things the reader noticed but could still read (a value flagged, not
    repaired), shown to the user beside the row.
    """

    fields: ContactFields
    where: str
    categories: tuple[str, ...] = ()
    custom: tuple[tuple[str, str], ...] = ()
    photo: Photo | None = None
    warnings: tuple[str, ...] = ()
    raw: tuple[str, ...] = ()  # the row's cells or the card's text, for a file of rejected rows
    # The e-mails' normalised forms (`normalise_email`'s), one per e-mail, when the reader has
    # worked them out already (the CSV reader does, checking them): not asked for twice. (Not
    # part of what the record is: compared and shown without it.)
    normalized_emails: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Rejected:
    """A row or card that cannot be imported: where it is, which field, and why, in words.

    `raw` is the row's cells (CSV) or the card's text (vCard), so that rejected rows can be
    saved to a file of their own and fixed."""

    where: str
    reason: str
    field: str = ""
    raw: tuple[str, ...] = ()

    def __str__(self) -> str:
        what = f"{self.field}: " if self.field else ""
        return f"{self.where}: {what}{self.reason}"


class UnreadableFileError(ValueError):
    """The file cannot be read at all (not a CSV/vCard, an encoding that does not fit, empty).
    The message names the file and, when known, the line."""


Read = Incoming | Rejected
Reader = Iterator[Read]
