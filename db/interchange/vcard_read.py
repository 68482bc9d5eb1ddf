"""vCard files (2.1, 3.0, 4.0) read into `Incoming` records, one per card, or `Rejected` ones.

A file is read a card at a time (`vcard_stream` reads its text, `vcard_cards` splits the cards,
`vcard_cleanup` repairs their lines), so memory is bounded by the biggest card, not by the file;
a card longer than CARD_LIMIT is rejected unread and the cards after it still come in.

Each card is read on its own: a card that fails is tried again without its
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
from typing import BinaryIO

from vobject.base import VObjectError, parseLine

from db.interchange.incoming import Read, Rejected, UnreadableFileError
from db.interchange.vcard_cards import LongCard, cards_in_lines
from db.interchange.vcard_cleanup import RawCard, decode_text_line
from db.interchange.vcard_fields import CardError, CardProperty, card_to_incoming
from db.interchange.vcard_stream import file_lines, text_lines

# A file is read a card at a time, so only a card's size is bounded: this allows big photos.
CARD_LIMIT = 16_000_000  # characters in one card (and so in one line or field of it)


def read_vcards(path: Path) -> Iterator[Read]:
    """The cards of the vCard file at `path`, in order, read as they are asked for. Raises
    UnreadableFileError (naming the file) at once when it cannot be opened, does not start as
    text, or holds no card at all; and later, when it turns out not to be text further on."""
    try:
        file = path.open("rb")
    except OSError as exc:
        raise UnreadableFileError(f"{path}: cannot be opened: {exc.strerror or exc}") from None
    return read_vcard_file(file, str(path))


def read_vcard_file(file: BinaryIO, source: str) -> Iterator[Read]:
    """The cards of the vCard file open in `file` (which is closed when they have been read),
    as `read_vcards` gives them; `source` names it in messages."""
    try:
        cards = cards_in_lines(file_lines(file, source, CARD_LIMIT), CARD_LIMIT)
        first = _first(cards, source)
    except OSError as exc:
        file.close()
        raise UnreadableFileError(f"{source}: cannot be read: {exc.strerror or exc}") from None
    except BaseException:
        file.close()
        raise
    return _reading(file, first, cards, source)


def read_vcard_text(text: str, source: str = "the text") -> Iterator[Read]:
    """The cards in `text`, in order. Raises UnreadableFileError when it holds no card."""
    cards = cards_in_lines(text_lines(iter((text,)), CARD_LIMIT), CARD_LIMIT)
    first = _first(cards, source)
    return _cards_read(first, cards)


def _first(cards: Iterator[RawCard | LongCard], source: str) -> RawCard | LongCard:
    first = next(cards, None)
    if first is None:
        raise UnreadableFileError(f"{source}: no vCard in it (no BEGIN:VCARD line)")
    return first


def _reading(
    file: BinaryIO, first: RawCard | LongCard, cards: Iterator[RawCard | LongCard], source: str
) -> Iterator[Read]:
    with file:
        try:
            yield from _cards_read(first, cards)
        except OSError as exc:
            raise UnreadableFileError(f"{source}: cannot be read: {exc.strerror or exc}") from None


def _cards_read(first: RawCard | LongCard, cards: Iterator[RawCard | LongCard]) -> Iterator[Read]:
    yield read_card(first)
    for card in cards:
        yield read_card(card)


def read_card(card: RawCard | LongCard) -> Read:
    """One card as an Incoming record, or a Rejected one saying why."""
    where = f"card {card.number}"
    if isinstance(card, LongCard):
        return _too_long(card, where)
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


def _too_long(card: LongCard, where: str) -> Rejected:
    unended = "" if card.closed else "; the file ends before its END:VCARD line"
    reason = (
        f"line {card.over_at}: the card (from line {card.first_line}) is longer than "
        f"{CARD_LIMIT:,} characters: a photo or field too big to import{unended}"
    )
    return Rejected(where, reason, "", (card.head,))


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


def _content_lines(card: RawCard, skip_photo: bool) -> tuple[list[CardProperty], int]:
    """The card's own lines parsed by vobject, without BEGIN/END, and the number of cards
    nested in it (whose lines are left out). Raises CardError for a line that cannot be read."""
    parsed: list[CardProperty] = []
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


def _content_line(text: str, number: int) -> CardProperty:
    """One logical line parsed by vobject. (vobject's own ContentLine objects are not made: they
    cost more than the rest of the reading together, and their quoted-printable decoding fails
    on a CHARSET that does not fit.)"""
    try:
        # The group (Apple's item1.EMAIL) ties a label to a line; Cardfile has no use for it.
        name, raw_params, value, _group = parseLine(text, number)
    except VObjectError:
        raise CardError(f"line {number}: cannot be read as a vCard line: {text[:60]!r}") from None
    params: dict[str, list[str]] = {}
    singletons: list[str] = []
    for param in raw_params:
        if len(param) == 1:
            singletons.append(param[0].upper())
        else:
            params.setdefault(param[0].upper(), []).extend(param[1:])
    encodings = [e.upper() for e in params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encodings or "QUOTED-PRINTABLE" in singletons:
        charset = next(iter(params.get("CHARSET", [])), None)
        value = decode_text_line(quopri.decodestring(value.encode("utf-8")), charset)
    return CardProperty(name.upper(), value, number, params, tuple(singletons))
