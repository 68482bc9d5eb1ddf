"""What an import is asked to do and what it reports: plain values for the wizard, the command
line and the tests (no database here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from db.interchange.incoming import Rejected

# What to do with an incoming contact that matches one already stored, in the user's words.
ON_MATCH = {
    "skip": "Skip it (keep what is stored)",
    "fill": "Fill in empty fields only",
    "update": "Update it (the file wins; every replaced value is kept in the history)",
    "add": "Add it anyway, as a new contact",
    "review": "Add it, and send the pair to the duplicate review queue",
}
DEFAULT_ON_MATCH = "fill"
# A contact "alike" enough to be the same one without sharing an e-mail or a phone: the review
# queue's bar (measured precision 0.995 on the demo's labelled duplicates). The same name at the
# same company is a match, as in ACT!'s import.
IMPORT_MATCH_SCORE = 0.8
REJECTS_KEPT = 50_000  # rejected rows kept (with their cells) for the list and the rejects file
WARNINGS_KEPT = 1_000  # what was left out of contacts that import, kept to be shown

LeftOut = tuple[str, str]  # where (a row, a card), what was left out of it and why


class ImportCancelledError(Exception):
    """The user cancelled the import; the database is as it was before it began."""


class ImportUndoError(ValueError):
    """An import cannot be undone now; the message says why, in words."""


@dataclass(frozen=True)
class ImportOptions:
    on_match: str = DEFAULT_ON_MATCH
    file_name: str = ""
    format: str = "csv"
    min_score: float = IMPORT_MATCH_SCORE

    def __post_init__(self) -> None:
        if self.on_match not in ON_MATCH:
            choices = ", ".join(ON_MATCH)
            raise ValueError(f"'{self.on_match}' is not a choice for matches ({choices})")


@dataclass(frozen=True)
class Match:
    """An incoming contact found among those stored: which one, and how it was found."""

    contact_id: int
    how: str  # "same e-mail", "same phone", "alike"
    score: float


@dataclass(frozen=True)
class ImportSurvey:
    """What an import of a file would do, worked out before anything is written."""

    read: int  # rows or cards read (rejected ones included)
    new: int  # would be added: no match among the stored contacts
    matched: int
    rejected: int
    by_how: dict[str, int] = field(default_factory=dict)  # matches: "same e-mail" -> count
    rejects: tuple[Rejected, ...] = ()  # the first REJECTS_KEPT
    warned: int = 0  # contacts read with something left out (a birthday, a photo that is a link)
    warnings: tuple[LeftOut, ...] = ()  # the first WARNINGS_KEPT
    new_fields: tuple[str, ...] = ()  # user fields the new contacts would make
    new_categories: tuple[str, ...] = ()
    matched_fields: tuple[str, ...] = ()  # and those the matched ones would, unless skipped
    matched_categories: tuple[str, ...] = ()

    def made(self, on_match: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The user fields and categories the import would make, with this choice for matches."""
        if on_match == "skip":
            return self.new_fields, self.new_categories
        fields = dict.fromkeys((*self.new_fields, *self.matched_fields))
        categories = dict.fromkeys((*self.new_categories, *self.matched_categories))
        return tuple(fields), tuple(categories)

    def outcome(self, on_match: str) -> dict[str, int]:
        """How many contacts each thing would happen to, with this choice for matches."""
        created = self.new + (self.matched if on_match in ("add", "review") else 0)
        return {
            "created": created,
            "updated": self.matched if on_match in ("fill", "update") else 0,
            "skipped": self.matched if on_match == "skip" else 0,
            "to review": self.matched if on_match == "review" else 0,
            "rejected": self.rejected,
        }


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    created: int
    updated: int
    skipped: int
    rejected: int
    review_pairs: tuple[tuple[int, int], ...] = ()  # (new contact, the one it resembles)
    rejects: tuple[Rejected, ...] = ()
    unchanged: int = 0  # matched and filled/updated, but nothing in the file was new
    warned: int = 0  # contacts read with something left out
    warnings: tuple[LeftOut, ...] = ()  # the first WARNINGS_KEPT

    def summary(self) -> str:
        parts = [
            f"{self.created:,} created",
            f"{self.updated:,} updated",
            f"{self.skipped:,} skipped",
            f"{self.rejected:,} rejected",
        ]
        if self.review_pairs:
            parts.append(f"{len(self.review_pairs):,} sent to the duplicate review queue")
        return f"Import {self.batch_id}: " + ", ".join(parts)


@dataclass(frozen=True)
class ImportBatch:
    """One past import, as the list of imports shows it."""

    id: int
    started_at: datetime
    file_name: str
    format: str
    on_match: str
    created: int
    updated: int
    skipped: int
    rejected: int
    undone_at: datetime | None


def left_out_lines(warned: int, warnings: tuple[LeftOut, ...], shown: int) -> list[str]:
    """What was left out of the contacts of a file, in words: a line saying how many, then
    the first `shown` things left out, each with its row or card."""
    if not warned:
        return []
    contacts = "contact in the file has" if warned == 1 else "contacts in the file have"
    lines = [f"{warned:,} {contacts} something Cardfile cannot import:"]
    lines += [f"  {where}: {what}" for where, what in warnings[:shown]]
    if len(warnings) > shown or len(warnings) == WARNINGS_KEPT:
        lines.append("  … and more")
    return lines
