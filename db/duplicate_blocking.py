"""Candidate pairs for duplicate finding, by blocking: never all pairs of a million contacts.

Two contacts become a candidate pair when they share a key: a normalised e-mail address, a phone
number (E.164), a postcode with a house number, a street with its number (the street's first
line, whatever the postcode) with the last name's initial, a city with a house number and the
start of the last name (whatever the postcode and the street's name), a company with the start
of the given name, or one of several keys on the names that survive the usual mistakes. A given
name counts as itself and as each formal name it may stand for (Bob: Robert), and the name keys
are:
- the whole last name, its start, its letters sorted (a transposition, "Hnasen", keeps them)
  and its end (for a mistake near its start), each with the whole given name; and the names
  swapped;
- the last name with the initial of the given name, for a given name typed as an initial only
  ("J." finds John; two full given names do not pair this way).
A block bigger than `MAX_BLOCK` (a switchboard number, a common name) is not paired all with all:
its members are sorted by name and each is paired with its next `WINDOW` neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from db.duplicate_profiles import SEPARATOR, Codes, Profiles, given_name_forms
from db.duplicate_scoring import Shared

MAX_BLOCK = 6
WINDOW = 3
NAME_PREFIX = 5
NAME_SUFFIX = 5
GIVEN_PREFIX = 3

PairArray = npt.NDArray[np.int64]
# Kinds of key that pairing treats apart: e-mail, phone, and initial-only given names.
KIND_OF = {"e": 1, "p": 2, "i": 3}


@cache
def _forms(first: str) -> tuple[str, ...]:
    """The given name, and each formal name it may stand for (Bob: Robert)."""
    if not first:
        return ("",)
    return tuple(sorted(given_name_forms(first)))


def _street_line(street: str) -> str:
    """The street's first line when it names both the street and a number, else ""."""
    line = street.partition("\n")[0]
    return line if any(c.isdigit() for c in line) and any(c.isalpha() for c in line) else ""


def _vocabulary() -> Callable[[str], int]:
    """A number for each string (0: the empty one), for keys made of numbers."""
    numbers: dict[str, int] = {"": 0}

    def code(text: str) -> int:
        return numbers.setdefault(text, len(numbers))

    return code


def _per_value(values: list[Any], make: Callable[[Any], int]) -> Codes:
    """`make` of each distinct value of a column (indexed by its code)."""
    return np.fromiter((make(v) for v in values), dtype=np.int64, count=len(values))


def _ragged(
    owners: Codes, value_codes: Codes, parts: list[tuple[int, ...]] | tuple[Codes, Codes]
) -> tuple[Codes, Codes]:
    """Each owner once per part of its value (`parts[code]`, or the parts' counts per code and
    the parts one after the other): (owners, parts), flat."""
    if isinstance(parts, tuple):
        counts_of, flat = parts
    else:
        counts_of = np.fromiter((len(x) for x in parts), dtype=np.int64, count=len(parts))
        flat = np.fromiter(
            (y for x in parts for y in x), dtype=np.int64, count=int(counts_of.sum())
        )
    starts_of = np.cumsum(counts_of) - counts_of
    counts = counts_of[value_codes]
    total = int(counts.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(owners, counts), flat[np.repeat(starts_of[value_codes], counts) + offsets]


def _count_values(joined: str) -> int:
    return joined.count(SEPARATOR) + 1 if joined else 0


def _join(high: Codes, low: Codes) -> Codes:
    return (high << 28) | low


def _key_groups(p: Profiles) -> Iterator[tuple[int, Codes, Codes]]:
    """Each group of keys that pair among themselves: (kind, keys, owners)."""
    count = len(p)
    everyone = np.arange(count, dtype=np.int64)
    code = _vocabulary()
    for kind, column in ((KIND_OF["e"], "emails"), (KIND_OF["p"], "phones")):
        joined: list[str] = getattr(p, column)
        counts = np.fromiter(map(_count_values, joined), dtype=np.int64, count=count)
        values = SEPARATOR.join(filter(None, joined)).split(SEPARATOR) if counts.any() else []
        # An address or number stands for itself: its hash is its key.
        keys = np.fromiter(map(hash, values), dtype=np.int64, count=len(values))
        yield kind, keys, np.repeat(everyone, counts)
    first, last = p.codes("first"), p.codes("last")
    firsts, lasts = p.distinct("first"), p.distinct("last")
    company = p.codes("company")
    forms = [tuple(code(f) for f in _forms(v)) for v in firsts]
    postcode, house = p.codes("postcode"), p.codes("house")
    at = everyone[(postcode > 0) & (house > 0)]
    yield 0, _join(postcode[at], house[at]), at
    # The street's first line with its number and the last name's initial, whatever the
    # postcode: a postcode typed wrong.
    line = _per_value(p.distinct("street"), lambda v: code(_street_line(v)))[p.codes("street")]
    at = everyone[(line > 0) & (last > 0)]
    yield 0, _join(line[at], _per_value(lasts, lambda v: code(v[:1]))[last[at]]), at
    has = everyone[company > 0]
    owners, form = _ragged(
        has, first[has], [tuple({code(f[:GIVEN_PREFIX]) for f in _forms(v)}) for v in firsts]
    )
    yield 0, _join(company[owners], form), owners
    named = everyone[last > 0]
    owners, initial = _ragged(
        named, first[named], [tuple({code(f[:1]) for f in _forms(v)}) for v in firsts]
    )
    yield KIND_OF["i"], _join(_per_value(lasts, code)[last[owners]], initial), owners
    owners, form = _ragged(named, first[named], forms)
    whole = _per_value(lasts, code)
    both = everyone[(last > 0) & (first > 0)]
    yield (
        0,
        np.concatenate(
            [
                _join(whole[last[owners]], form),
                _join(_per_value(firsts, code)[first[both]], whole[last[both]]),  # swapped
            ]
        ),
        np.concatenate([owners, both]),
    )
    for derive in (
        lambda v: code(v[:NAME_PREFIX]),
        lambda v: code("".join(sorted(v.replace(" ", "")))),
    ):
        yield 0, _join(_per_value(lasts, derive)[last[owners]], form), owners
    ends = _per_value(lasts, lambda v: code(v[-NAME_SUFFIX:]) if len(v) > NAME_SUFFIX + 1 else -1)
    end = ends[last[owners]]
    yield 0, _join(end, form)[end >= 0], owners[end >= 0]
    del owners, form, end
    start = _per_value(lasts, lambda v: code(v[:3]))
    at = named[postcode[named] > 0]
    yield 0, _join(postcode[at], start[last[at]]), at
    # The city with the house number and the last name's start, whatever the postcode and the
    # street's name: a postcode typed wrong beside a street left out ("144" alone).
    city = p.codes("city")
    at = named[(city[named] > 0) & (house[named] > 0)]
    _, place = np.unique(city[at] * len(p.distinct("house")) + house[at], return_inverse=True)
    yield 0, _join(place.astype(np.int64), start[last[at]]), at
    birthday = p.codes("birthday")
    born = everyone[birthday > 0]
    by_first = _per_value(firsts, lambda v: code(v[:1]))[first[born]]
    by_last = _per_value(lasts, lambda v: code(v[:1]))[last[born]]
    other = by_last != by_first
    yield (
        0,
        np.concatenate(
            [_join(birthday[born], by_first), _join(birthday[born[other]], by_last[other])]
        ),
        np.concatenate([born, born[other]]),
    )


def candidate_pairs(
    profiles: Profiles, cancelled: Callable[[], bool] = lambda: False, *, across: int = 0
) -> tuple[PairArray, Shared]:
    """Every candidate pair once, as indexes into `profiles` packed `low * count + high`,
    sorted; and which of them share an e-mail or a phone (they met in such a block). Checks
    `cancelled` between kinds of key (raises ScanCancelledError). With `across`, only the
    blocks that hold one of the profiles from `across` on are paired (an import's incoming
    contacts, after the stored ones): the pairs among the first ones alone are not wanted.

    Keys are numbers made from the numbers of distinct values (names, postcodes and companies
    repeat: each distinct value is worked on once), sorted with numpy, one kind of key at a
    time; blocks are paired with numpy, a size at a time."""
    from db.duplicates import ScanCancelledError

    count = len(profiles)
    rank = _name_order(profiles)
    initials = _per_value(profiles.distinct("first"), lambda v: len(v.rstrip(".")) == 1)
    initial: npt.NDArray[np.bool_] = initials[profiles.codes("first")].astype(bool)
    made: list[PairArray] = []
    email: PairArray = np.zeros(0, dtype=np.int64)
    phone: PairArray = np.zeros(0, dtype=np.int64)
    for kind, all_keys, all_owners in _key_groups(profiles):
        if cancelled():
            raise ScanCancelledError
        keys, owners = _blocks_reaching(all_keys, all_owners, across)
        low, high = _block_pairs(keys, owners, rank, initial if kind == KIND_OF["i"] else None)
        packed = _distinct(low * count + high)
        if kind == KIND_OF["e"]:
            email = packed
        elif kind == KIND_OF["p"]:
            phone = packed
        made.append(packed)
    every = _distinct(np.concatenate(made)) if made else np.zeros(0, dtype=np.int64)
    del made
    shared = Shared(email=np.isin(every, email), phone=np.isin(every, phone))
    return every, shared


def _blocks_reaching(keys: Codes, owners: Codes, across: int) -> tuple[Codes, Codes]:
    """The keys (with their owners) of the blocks that hold an owner from `across` on (all of
    them with `across` 0)."""
    if not across:
        return keys, owners
    wanted = np.isin(keys, keys[owners >= across])
    return keys[wanted], owners[wanted]


def _distinct(numbers: Codes) -> Codes:
    """The distinct numbers, sorted (by sorting: numpy's np.unique hashes, many times slower on
    tens of millions of int64)."""
    numbers = np.sort(numbers)
    kept: Codes = numbers[np.r_[True, numbers[1:] != numbers[:-1]]] if len(numbers) else numbers
    return kept


def _name_order(p: Profiles) -> Codes:
    """Each contact's place when sorted by last name, first name (and index)."""
    order_of: dict[str, Codes] = {}
    for column in ("last", "first"):
        values = p.distinct(column)
        place = np.empty(len(values), dtype=np.int64)
        place[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
        order_of[column] = place[p.codes(column)]
    order = np.lexsort((np.arange(len(p)), order_of["first"], order_of["last"]))
    rank = np.empty(len(p), dtype=np.int64)
    rank[order] = np.arange(len(p))
    return rank


def _block_pairs(
    keys: Codes, owners: Codes, rank: Codes, initial: npt.NDArray[np.bool_] | None
) -> tuple[Codes, Codes]:
    """The pairs (low, high) that share a key: all of each block's, or in a block bigger than
    MAX_BLOCK each member with its next WINDOW by name; with `initial`, only pairs with a
    member whose given name is an initial ("J." against John), but with every member."""
    order = np.argsort(keys, kind="stable")
    keys, members = keys[order], owners[order]
    del order
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    lefts: list[Codes] = []
    rights: list[Codes] = []
    if initial is not None:
        block = np.repeat(np.arange(len(starts)), sizes)
        at = np.flatnonzero(initial[members] & (sizes[block] > 1))
        widths = sizes[block[at]]
        offsets = np.arange(int(widths.sum())) - np.repeat(np.cumsum(widths) - widths, widths)
        lefts.append(np.repeat(members[at], widths))
        rights.append(members[np.repeat(starts[block[at]], widths) + offsets])
    else:
        for size in range(2, MAX_BLOCK + 1):
            first = starts[sizes == size]
            if len(first):
                i, j = np.triu_indices(size, 1)
                lefts.append(members[first[:, None] + i].ravel())
                rights.append(members[first[:, None] + j].ravel())
        big = sizes > MAX_BLOCK
        if big.any():
            block = np.repeat(np.arange(int(big.sum())), sizes[big])
            spans = sizes[big]
            at = np.repeat(starts[big], spans) + (
                np.arange(int(spans.sum())) - np.repeat(np.cumsum(spans) - spans, spans)
            )
            inside = members[at]
            by_name = np.lexsort((rank[inside], block))
            inside, block = inside[by_name], block[by_name]
            for step in range(1, WINDOW + 1):
                same = block[step:] == block[:-step]
                lefts.append(inside[:-step][same])
                rights.append(inside[step:][same])
    if not lefts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    a, b = np.concatenate(lefts), np.concatenate(rights)
    keep = a != b
    a, b = a[keep], b[keep]
    return np.minimum(a, b), np.maximum(a, b)
