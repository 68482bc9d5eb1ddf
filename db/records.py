"""Plain frozen dataclasses that cross the boundary between `db` and the screens.

No ORM object outlives its session: every operation returns these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date, datetime

PHONE_KINDS = ("work", "mobile", "home", "fax", "other")
EMAIL_KINDS = ("work", "home", "other")
ADDRESS_KINDS = ("work", "home", "other")
# A birthday whose year is not known is kept in this year, as Apple's and Android's contact
# apps do (vCard: `BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-12`, or `--0312` in vCard 4.0), and shown
# as "--03-12".
NO_YEAR = 1604


def birthday_text(birthday: date | None) -> str:
    """A birthday as the form shows it: ISO, or "--MM-DD" when its year is not known."""
    if birthday is None:
        return ""
    return f"--{birthday:%m-%d}" if birthday.year == NO_YEAR else birthday.isoformat()


@dataclass(frozen=True)
class Phone:
    number: str
    kind: str = "work"
    extension: str = ""
    e164: str | None = None  # filled in by the store; ignored on input


@dataclass(frozen=True)
class Email:
    address: str
    kind: str = "work"
    is_primary: bool = False


@dataclass(frozen=True)
class Address:
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    kind: str = "work"
    is_mailing: bool = False

    def is_empty(self) -> bool:
        return not any((self.street, self.city, self.region, self.postal_code, self.country))


@dataclass(frozen=True)
class ContactFields:
    """Everything about a contact that a user edits."""

    prefix: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    suffix: str = ""
    salutation: str = ""
    company: str = ""
    title: str = ""
    department: str = ""
    web_site: str = ""
    birthday: date | None = None
    status: str = ""
    referred_by: str = ""
    last_result: str = ""
    do_not_call: bool = False
    do_not_mail: bool = False
    do_not_email: bool = False
    mail_returned: bool = False
    email_bounced: bool = False
    notes: str = ""
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    addresses: tuple[Address, ...] = ()

    @property
    def full_name(self) -> str:
        parts = (self.prefix, self.first_name, self.middle_name, self.last_name, self.suffix)
        return " ".join(p for p in parts if p)

    @property
    def display_name(self) -> str:
        """What the user sees as the contact's name: the person, else the company."""
        return self.full_name or self.company or "(no name)"


@dataclass(frozen=True)
class Contact:
    id: int
    fields: ContactFields
    created_at: datetime
    edited_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class ContactListRow:
    """One row of the contact list: what the list shows, nothing more."""

    id: int
    name: str
    company: str
    phone: str
    email: str
    city: str
    status: str


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    contact_id: int
    occurred_at: datetime
    kind: str
    result: str
    text: str
    merge_id: int | None = None  # a merge's entry: the merge that "Undo merge" undoes


@dataclass(frozen=True)
class TrashEntry:
    id: int
    name: str
    company: str
    deleted_at: datetime


@dataclass(frozen=True)
class FieldError:
    """One thing wrong with one field, in words for the user."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Change:
    """One field changed by an edit, as recorded in the history."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class EditResult:
    contact: Contact
    changes: tuple[Change, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    colour: str  # "#rrggbb"
    description: str = ""
    contacts: int = 0  # live contacts in it


SCALAR_FIELDS = tuple(
    f.name
    for f in dataclass_fields(ContactFields)
    if f.name not in ("phones", "emails", "addresses")
)
"""The fields of a contact that are one value each (all but its phones, e-mails, addresses)."""

_BLANK = dict(ContactFields().__dict__)  # every field at its default


def fields_of(values: dict[str, object]) -> ContactFields:
    """`ContactFields(**values)` without the frozen dataclass's `__init__`, which sets each of
    its 23 fields through `object.__setattr__`: a third of the time, taken a million times in a
    big import (twice per contact: as read, and with its phones checked). `values` must name
    fields only and give each a value of its type; what it leaves out is at its default."""
    made = object.__new__(ContactFields)
    made.__dict__.update(_BLANK)
    made.__dict__.update(values)
    return made
