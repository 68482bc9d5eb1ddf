"""Plain frozen dataclasses for merging contacts: what the merge dialog shows, what an automatic
merge would do, and the list of past merges. Built by `db.merge`; no database here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# A field's key: a standard field's name ("first_name"), or a user field's key ("custom:7").
FieldKey = str


class MergeUndoError(ValueError):
    """An undo that is refused (or a merge that does not exist); the message is for the user.
    Nothing has been written."""


@dataclass(frozen=True)
class MergeField:
    """One row of the merge dialog: a field, and each contact's value as the form shows it."""

    key: FieldKey
    label: str
    values: tuple[str, ...]  # in the order of `MergePreview.contact_ids`
    empty: tuple[bool, ...]  # whether each value is empty (then never chosen by default)

    def default_for(self, contact_ids: tuple[int, ...], survivor_id: int) -> int:
        """The contact whose value a merge keeps unless told otherwise: the survivor's when it
        has one, else the first other contact's (in id order) that has one."""
        order = [survivor_id, *(c for c in contact_ids if c != survivor_id)]
        for contact_id in order:
            if not self.empty[contact_ids.index(contact_id)]:
                return contact_id
        return survivor_id

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass(frozen=True)
class MergeItem:
    """A phone, e-mail, address or category of one or more of the contacts: each is kept once
    (ticked by default), however many of them have it."""

    key: str  # stable: "phone:+4722334455", "email:kari@example.org", "category:3", …
    kind: str  # "phone", "email", "address" or "category"
    text: str
    contact_ids: tuple[int, ...]  # the contacts that have it


@dataclass(frozen=True)
class MergeContactSummary:
    """One contact of a merge, with what always moves to the survivor if it is absorbed."""

    id: int
    name: str
    edited_at: datetime
    history_entries: int
    open_followups: int
    group_memberships: int
    has_notes: bool


@dataclass(frozen=True)
class MergeMoves:
    """What moves to the survivor whatever the user chooses."""

    history_entries: int
    open_followups: int
    group_memberships: int
    notes: int  # absorbed contacts with notes (joined to the survivor's)


@dataclass(frozen=True)
class MergePreview:
    contact_ids: tuple[int, ...]  # in id order
    survivor_id: int  # the default survivor: the lowest id
    contacts: tuple[MergeContactSummary, ...]
    fields: tuple[MergeField, ...]
    items: tuple[MergeItem, ...]

    def default_choices(self, survivor_id: int | None = None) -> dict[FieldKey, int]:
        survivor = self.survivor_id if survivor_id is None else survivor_id
        return {f.key: f.default_for(self.contact_ids, survivor) for f in self.fields}

    def moves(self, survivor_id: int | None = None) -> MergeMoves:
        survivor = self.survivor_id if survivor_id is None else survivor_id
        absorbed = [c for c in self.contacts if c.id != survivor]
        return MergeMoves(
            history_entries=sum(c.history_entries for c in absorbed),
            open_followups=sum(c.open_followups for c in absorbed),
            group_memberships=sum(c.group_memberships for c in absorbed),
            notes=sum(c.has_notes for c in absorbed),
        )


@dataclass(frozen=True)
class FieldChange:
    """A survivor's value that a merge replaced."""

    field: str  # the label the user knows
    old: str
    new: str


@dataclass(frozen=True)
class AutoMerge:
    """One automatic merge, done or (in a dry run) that would be done."""

    survivor_id: int
    survivor_name: str
    absorbed_ids: tuple[int, ...]
    changes: tuple[FieldChange, ...]
    merge_id: int | None  # None in a dry run


@dataclass(frozen=True)
class MergeSummary:
    """One past merge, for the list of merges (newest first)."""

    id: int
    survivor_id: int
    survivor_name: str
    absorbed_ids: tuple[int, ...]
    merged_at: datetime
    automatic: bool
    undone_at: datetime | None

    @property
    def absorbed_count(self) -> int:
        return len(self.absorbed_ids)
