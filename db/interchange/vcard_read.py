"""vCard files (2.1, 3.0, 4.0) read into `Incoming` records, one per card, or `Rejected` ones.

Each card is read on its own (see `vcard_cleanup`): a card that fails is tried again without its
PHOTO (the usual culprit), and one that still fails is rejected with its text, so that the other
cards of the file still come in. vobject parses each line; `vcard_values` gives the values their
meaning (and works around vobject's comma truncation); `vcard_fields` maps them to Cardfile's
fields.
"""

from __future__ import annotations

import quopri
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from vobject.base import ContentLine, VObjectError, parseLine

from db.interchange.incoming import Read, Rejected, UnreadableFileError
from db.interchange.vcard_cleanup import (
    RawCard,
    decode_text_line,
    decode_vcard_bytes,
    split_cards,
)
from db.interchange.vcard_fields import CardError, card_to_incoming


def read_vcards(path: Path) -> Iterator[Read]:
    """The cards of the vCard file at `path`, in order. Raises UnreadableFileError (naming the
    file) at once when it cannot be opened, is not text, or holds no card at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"{path}: cannot be opened: {exc.strerror or exc}") from None
    text = decode_vcard_bytes(data, str(path))
    return _read_cards(text, str(path))


def read_vcard_text(text: str, source: str = "the text") -> Iterator[Read]:
    """The cards in `text`, in order. Raises UnreadableFileError when it holds no card."""
    return _read_cards(text, source)


def _read_cards(text: str, source: str) -> Iterator[Read]:
    cards = split_cards(text)
    if not cards:
        raise UnreadableFileError(f"{source}: no vCard in it (no BEGIN:VCARD line)")
    return (read_card(card) for card in cards)


def read_card(card: RawCard) -> Read:
    """One card as an Incoming record, or a Rejected one saying why."""
    where = f"card {card.number}"
    try:
        return _read(card, where, skip_photo=False)
    except CardError as first:
        if not any(_is_photo(line.text) for line in card.lines):
            return Rejected(where, first.reason, first.field, (card.text,))
        try:
            read = _read(card, where, skip_photo=True)
        except CardError as second:
            return Rejected(where, second.reason, second.field, (card.text,))
        if isinstance(read, Rejected):
            return read
        note = f"photo left out: {first.reason}"
        return replace(read, warnings=(note, *read.warnings))


def _read(card: RawCard, where: str, skip_photo: bool) -> Read:
    lines, nested = _content_lines(card, skip_photo)
    warnings = []
    if nested:
        warnings.append(f"{nested} card(s) nested in this one (AGENT) not imported")
    if not card.closed:
        warnings.append("the file ends before this card's END:VCARD line")
    return card_to_incoming(lines, where, (card.text,), skip_photo, warnings)


def _is_photo(text: str) -> bool:
    name = text.split(":", 1)[0].split(";", 1)[0]
    return name.rsplit(".", 1)[-1].strip().upper() == "PHOTO"


def _content_lines(card: RawCard, skip_photo: bool) -> tuple[list[ContentLine], int]:
    """The card's own lines parsed by vobject, without BEGIN/END, and the number of cards
    nested in it (whose lines are left out). Raises CardError for a line that cannot be read."""
    parsed: list[ContentLine] = []
    depth = 0
    nested = 0
    for line in card.lines[1:]:
        head, _, value = line.text.partition(":")
        is_vcard = value.strip().upper() == "VCARD"
        if head.strip().upper() == "BEGIN" and is_vcard:
            depth += 1
            nested += depth == 1
            continue
        if head.strip().upper() == "END" and is_vcard:
            depth -= 1
            continue
        if depth > 0 or (skip_photo and _is_photo(line.text)):
            continue
        parsed.append(_content_line(line.text, line.number))
    return parsed, nested


def _content_line(text: str, number: int) -> ContentLine:
    try:
        name, params, value, group = parseLine(text, number)
    except VObjectError:
        raise CardError(f"line {number}: cannot be read as a vCard line: {text[:60]!r}") from None
    try:
        return ContentLine(name, params, value, group, encoded=True, lineNumber=number)
    except (UnicodeDecodeError, LookupError, TypeError):
        # Quoted-printable text in a CHARSET that does not fit or does not exist (TypeError:
        # vobject takes a second ENCODING parameter for a charset, and fails on the list).
        dropped = ("ENCODING", "CHARSET", "QUOTED-PRINTABLE")
        kept = [p for p in params if p[0].upper() not in dropped]
        charset = next((p[1] for p in params if p[0].upper() == "CHARSET" and len(p) > 1), None)
        decoded = decode_text_line(quopri.decodestring(value.encode("utf-8")), charset)
        return ContentLine(name, kept, decoded, group, encoded=True, lineNumber=number)
