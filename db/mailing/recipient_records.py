"""Who gets mail, as plain data: what the user chose, the recipients with their address
blocks, and those left out with the reason. No database here, so the screens can use it before
SQLAlchemy loads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MailingSources:
    """Who to mail, as the user chose: any mix of these (names as the user gave them)."""

    contact_ids: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    lookups: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.contact_ids or self.categories or self.groups or self.lookups)


@dataclass(frozen=True)
class Recipient:
    contact_id: int
    name: str  # as the list shows it: "Hansen, Anna"
    name_lines: tuple[str, ...]  # "Anna Hansen", "Acme Logistics"
    address_lines: tuple[str, ...]  # laid out for the address's country; may be empty (letters)
    country: str = ""  # ISO code of the mailing address's country ("" when unknown)

    @property
    def block(self) -> tuple[str, ...]:
        """Everything that goes on the label or envelope."""
        return (*self.name_lines, *self.address_lines)


@dataclass(frozen=True)
class LeftOut:
    contact_id: int
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name} (#{self.contact_id}): {self.reason}"


@dataclass(frozen=True)
class RecipientList:
    recipients: tuple[Recipient, ...]
    left_out: tuple[LeftOut, ...]

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(r.contact_id for r in self.recipients)
