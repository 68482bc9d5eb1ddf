"""A vCard file's physical lines split into cards as they come, so that a file of any size is
read a card at a time: each card is read on its own, so one bad card never loses the others; a
card nested inside another (2.1 AGENT) stays inside its card.

A card longer than the limit (a giant photo or field, or a file that never ends its card) is not
kept: it is passed over up to its END:VCARD and given as a `LongCard`, so that memory is bounded
by the limit and the cards after it are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from db.interchange.vcard_cleanup import LineBuilder, LogicalLine, RawCard

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
HEAD_KEPT = 4096  # characters of a long card kept to show it


class OverlongLine(str):
    """The start of a physical line longer than the limit, standing for the whole of it."""


@dataclass(frozen=True)
class LongCard:
    """A card longer than the limit, passed over: where it starts and where it went over."""

    number: int
    first_line: int
    over_at: int  # the line on which it went over the limit
    head: str  # its first characters
    closed: bool = True


def cards_in_lines(lines: Iterable[str], limit: int) -> Iterator[RawCard | LongCard]:
    """The cards of the physical `lines` (numbered from 1), in order; lines outside any card are
    ignored. A card of more than `limit` characters is a LongCard."""
    splitter = _Splitter(limit)
    number = 0
    for number, line in enumerate(lines, start=1):
        yield from splitter.add(number, line)
    yield from splitter.finish(number)


class _Splitter:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.builder = LineBuilder()
        self.physical: list[str] = []  # from the card's first line (or the pending line's) on
        self.physical_from = 1  # the number of physical[0]
        self.chars = 0  # in self.physical
        self.current: list[LogicalLine] = []
        self.depth = 0
        self.cards = 0
        self.skipping: LongCard | None = None  # a long card being passed over

    def add(self, number: int, line: str) -> Iterator[RawCard | LongCard]:
        if self.skipping is not None:
            yield from self._skip(line)
            return
        if not self.physical:
            self.physical_from = number
        self.physical.append(line)
        self.chars += len(line) + 2
        if isinstance(line, OverlongLine):
            if line[:1] not in (" ", "\t"):  # (most likely) a line of its own: the last is done
                yield from self._logical(self.builder.finish())
                self._trim(keep_last=True)
        else:
            yield from self._logical(self.builder.add(number, line))
            self._trim()
            if self.chars <= self.limit:
                return
        yield from self._overflow(number)

    def finish(self, last: int) -> Iterator[RawCard | LongCard]:
        if self.skipping is not None:
            head = self.skipping
            yield LongCard(head.number, head.first_line, head.over_at, head.head, closed=False)
            return
        yield from self._logical(self.builder.finish())
        if self.depth > 0:
            yield self._card(closed=False, end=last)

    def _logical(self, line: LogicalLine | None) -> Iterator[RawCard]:
        """A finished logical line (None: none was finished)."""
        if line is None:
            return
        if self.depth == 0:
            if _BEGIN.match(line.text):
                self.current = [line]
                self.depth = 1
            return
        self.current.append(line)
        if _BEGIN.match(line.text):
            self.depth += 1
        elif _END.match(line.text):
            self.depth -= 1
            if self.depth == 0:
                yield self._card(closed=True, end=line.number)

    def _card(self, closed: bool, end: int) -> RawCard:
        """The card of the logical lines gathered, with its text: its physical lines up to its
        END line (or to the end of the file when it has none)."""
        self.cards += 1
        first = self.current[0].number
        text = "\r\n".join(self.physical[first - self.physical_from : end - self.physical_from + 1])
        card = RawCard(self.cards, first, tuple(self.current), text + "\r\n", closed)
        self.current = []
        return card

    def _trim(self, keep_last: bool = False) -> None:
        """Outside a card, only the physical lines of the logical line being built are kept
        (or the last physical line only)."""
        if self.depth > 0:
            return
        end = self.physical_from + len(self.physical)
        keep_from = end if not self.builder.building else self.builder.number
        if keep_last:
            keep_from = end - 1
        if keep_from > self.physical_from:
            drop = keep_from - self.physical_from
            self.chars -= sum(len(line) + 2 for line in self.physical[:drop])
            del self.physical[:drop]
            self.physical_from = keep_from

    def _overflow(self, number: int) -> Iterator[LongCard]:
        """The card (or the text outside any card) has gone over the limit: pass it over."""
        pending = self.builder.peek(200)
        depth = self.depth
        first = self.current[0].number if self.current else self.builder.number
        if _BEGIN.match(pending):
            depth += 1
        elif depth > 0 and _END.match(pending):
            depth -= 1
        in_card = depth > 0 or self.depth > 0
        head = "\r\n".join(self.physical)[:HEAD_KEPT] if in_card else ""
        self.builder.drop()
        self.physical, self.chars, self.current = [], 0, []
        self.depth = depth
        if not in_card:
            return  # text outside any card: ignored, as any such text is
        self.cards += 1
        long_card = LongCard(self.cards, first, number, head)
        if depth == 0:
            yield long_card
        else:
            self.skipping = long_card

    def _skip(self, line: str) -> Iterator[LongCard]:
        if _BEGIN.match(line):
            self.depth += 1
        elif _END.match(line):
            self.depth -= 1
            if self.depth == 0:
                assert self.skipping is not None
                yield self.skipping
                self.skipping = None
