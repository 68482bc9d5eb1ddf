"""What the mailing dialog gathers, and its check: plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from db.mailing.recipient_records import MailingSources, RecipientList

LABELS = "labels"
ENVELOPES = "envelopes"
LETTERS = "letters"
# Per kind: the dialog's title, its group's title and what the piece is.
TITLES = {
    LABELS: ("Print Labels", "Labels", "&Sheet"),
    ENVELOPES: ("Print Envelopes", "Envelopes", "&Envelope"),
    LETTERS: ("Write Letters", "Letter", "&Template"),
}


@dataclass(frozen=True)
class MailingChoice:
    kind: str  # LABELS, ENVELOPES or LETTERS
    sources: MailingSources
    piece: str  # the sheet's, the envelope size's or the letter template's name
    per_household: bool = False
    start: int = 1  # labels: the first label to use on the sheet
    outline: bool = False  # labels: draw the outlines
    follow_up_days: int | None = None


def choice_problems(sources: MailingSources, chosen: RecipientList | None) -> list[str]:
    """Why the mailing cannot go ahead, in words (nothing: it can)."""
    if sources.is_empty():
        return ["Choose who gets mail."]
    if chosen is not None and not chosen.recipients:
        return ["Nobody is left to mail: everyone chosen is left out (see why above)."]
    return []
