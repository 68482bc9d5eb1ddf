"""Candidate pairs for duplicate finding, by blocking: never all pairs of a million contacts.

Two contacts become a candidate pair when they share a key: a normalised e-mail address, a phone
number (E.164), a postcode with a house number, a company with the start of the given name, or
one of several keys on the names that survive the usual mistakes. A given name counts as itself
and as each formal name it may stand for (Bob: Robert), and the name keys are:
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
from itertools import combinations

import numpy as np
import numpy.typing as npt

from db.duplicate_profiles import Profiles, given_name_forms
from db.duplicate_scoring import Shared

MAX_BLOCK = 12
WINDOW = 4
NAME_PREFIX = 5
NAME_SUFFIX = 5
GIVEN_PREFIX = 3

PairArray = npt.NDArray[np.int64]
# Kinds of key that pairing treats apart: e-mail, phone, and initial-only given names.
KIND_OF = {"e": 1, "p": 2, "i": 3}
KINDS = 4


def _keys(p: Profiles, n: int) -> Iterator[str]:
    first, last = p.first[n], p.last[n]
    for address in p.emails[n]:
        yield "e" + address
    for phone in p.phones[n]:
        yield "p" + phone
    if p.postcode[n] and p.house[n]:
        yield f"a{p.postcode[n]}|{p.house[n]}"
    forms = _forms(first)
    if p.company[n]:
        for form in forms:
            yield f"c{p.company[n]}|{form[:GIVEN_PREFIX]}"
    if last:
        for form in forms:
            yield f"i{last}|{form[:1]}"  # "J." against John: see _pairs
            for key in _name_keys(last):
                yield key + form
        if first:  # as if first and last name were swapped, in the same key space
            yield f"x{first}|{last}"
        if p.postcode[n]:  # a new given name or house number, the same family at one address
            yield f"q{p.postcode[n]}|{last[:3]}"
    if p.birthday[n]:  # names with typos in both: the birthday with either initial
        yield f"b{p.birthday[n]}|{first[:1]}"
        yield f"b{p.birthday[n]}|{last[:1]}"


@cache
def _forms(first: str) -> tuple[str, ...]:
    """The given name, and each formal name it may stand for (Bob: Robert)."""
    if not first:
        return ("",)
    return tuple(sorted(given_name_forms(first)))


@cache
def _name_keys(last: str) -> tuple[str, ...]:
    """Keys of a last name that a typo leaves some of, each to go with the whole given name:
    its start, its letters sorted (a transposition keeps it), its end (a mistake near the start
    keeps it)."""
    keys = [
        f"x{last}|",
        f"n{last[:NAME_PREFIX]}|",
        f"s{''.join(sorted(last.replace(' ', '')))}|",
    ]
    if len(last) > NAME_SUFFIX + 1:
        keys.append(f"t{last[-NAME_SUFFIX:]}|")
    return tuple(keys)


def candidate_pairs(
    profiles: Profiles, cancelled: Callable[[], bool] = lambda: False
) -> tuple[PairArray, Shared]:
    """Every candidate pair once, as indexes into `profiles` packed `low * count + high`,
    sorted; and which of them share an e-mail or a phone (they met in such a block). Checks
    `cancelled` every few thousand contacts (raises ScanCancelledError).

    The keys are hashed and sorted with numpy, so that the blocks of two (most of them) pair
    without a Python loop; only bigger blocks are walked one by one."""
    from db.duplicates import ScanCancelledError

    hashes: list[int] = []
    owners: list[int] = []
    for n in range(len(profiles)):
        if n % 20_000 == 0 and cancelled():
            raise ScanCancelledError
        for key in _keys(profiles, n):
            hashes.append(hash(key))
            owners.append(n * KINDS + KIND_OF.get(key[0], 0))
    keyed = np.fromiter(hashes, dtype=np.int64, count=len(hashes))
    order = np.argsort(keyed, kind="stable")
    keyed, tagged = keyed[order], np.fromiter(owners, dtype=np.int64, count=len(owners))[order]
    members, kinds = tagged // KINDS, tagged % KINDS
    starts = np.flatnonzero(np.r_[True, keyed[1:] != keyed[:-1]])
    sizes = np.diff(np.r_[starts, len(keyed)])
    count = len(profiles)
    initial = np.fromiter(
        (len(first.rstrip(".")) <= 1 for first in profiles.first), dtype=bool, count=count
    )
    # Blocks of two, all at once.
    twos = starts[sizes == 2]
    a, b = members[twos], members[twos + 1]
    by_initial = kinds[twos] == KIND_OF["i"]
    keep = (a != b) & (~by_initial | initial[a] | initial[b])
    low, high = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    packed = [low * count + high]
    kind_of_pair = [kinds[twos][keep]]
    # Bigger blocks, one by one.
    extra: list[int] = []
    extra_kinds: list[int] = []
    big = sizes > 2
    for start, size in zip(starts[big].tolist(), sizes[big].tolist(), strict=True):
        block = sorted(set(members[start : start + size].tolist()))
        kind = int(kinds[start])
        if kind == KIND_OF["i"]:
            made = [
                min(x, y) * count + max(x, y) for x in block if initial[x] for y in block if y != x
            ]
        else:
            made = _pairs(profiles, block, count)
        extra.extend(made)
        extra_kinds.extend([kind] * len(made))
    packed.append(np.fromiter(extra, dtype=np.int64, count=len(extra)))
    kind_of_pair.append(np.fromiter(extra_kinds, dtype=np.int64, count=len(extra_kinds)))
    every_pair, every_kind = np.concatenate(packed), np.concatenate(kind_of_pair)
    every = np.unique(every_pair)
    shared = Shared(
        email=np.isin(every, every_pair[every_kind == KIND_OF["e"]]),
        phone=np.isin(every, every_pair[every_kind == KIND_OF["p"]]),
    )
    return every, shared


def _pairs(profiles: Profiles, members: list[int], count: int) -> list[int]:
    """The pairs of one block: all of them, or in a big block each with its next neighbours."""
    if len(members) <= MAX_BLOCK:
        return [a * count + b for a, b in combinations(members, 2)]
    ordered = sorted(members, key=lambda m: (profiles.last[m], profiles.first[m], m))
    made = []
    for position, a in enumerate(ordered):
        for b in ordered[position + 1 : position + 1 + WINDOW]:
            made.append(min(a, b) * count + max(a, b))
    return made
