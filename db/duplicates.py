"""Finding duplicate contacts: candidate pairs by blocking (`db.duplicate_blocking`), a score for
each (`db.duplicate_scoring`), and the pairs above the threshold joined into groups.

Pairs the user has said are not duplicates are never proposed again. A scan reads the contacts
once with plain SQL and reports its progress; it can be cancelled between steps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from db.cycle_collector import collector_paused
from db.duplicate_blocking import candidate_pairs
from db.duplicate_profiles import Profiles, read_profiles, shares
from db.duplicate_records import AUTO_MERGE_SCORE, DEFAULT_MIN_SCORE, DuplicateGroup
from db.duplicate_scoring import WEIGHTS, Shared, Weights, score_pairs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Progress = Callable[[str, int, int], None]  # step, done, of
SCORE_CHUNK = 2_000_000


__all__ = [
    "AUTO_MERGE_SCORE",
    "DEFAULT_MIN_SCORE",
    "DuplicateGroup",
    "find_duplicate_groups",
    "group_pairs",
    "mark_not_duplicates",
]


class ScanCancelledError(Exception):
    """The user cancelled the scan; nothing was changed."""


def _not_duplicates(reader: Session | sqlite3.Connection) -> set[tuple[int, int]]:
    from db.search import raw_rows

    return {
        (r[0], r[1]) for r in raw_rows(reader, "SELECT low_id, high_id FROM not_duplicates", {})
    }


def find_duplicate_groups(
    reader: Session | sqlite3.Connection,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    weights: Weights = WEIGHTS,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[DuplicateGroup]:
    """Every group of likely duplicates among the live contacts, best first."""
    with collector_paused():  # (millions of objects that live until it ends, no cycles)
        return _find_groups(reader, min_score, weights, progress, cancelled)


def _find_groups(
    reader: Session | sqlite3.Connection,
    min_score: float,
    weights: Weights,
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> list[DuplicateGroup]:
    tell = progress or (lambda _step, _done, _of: None)
    tell("Reading contacts", 0, 3)
    profiles = read_profiles(reader)
    if cancelled():
        raise ScanCancelledError
    tell("Finding candidate pairs", 1, 3)
    packed, shared = candidate_pairs(profiles, cancelled)
    if cancelled():
        raise ScanCancelledError
    tell("Scoring pairs", 2, 3)
    pairs = scored_pairs(profiles, packed, shared, min_score, weights)
    sent = _sent_for_review(reader, profiles, {(a, b) for a, b, _s in pairs}, weights)
    pairs += sent
    refused = _not_duplicates(reader)
    pairs = [(a, b, s) for a, b, s in pairs if (a, b) not in refused]
    tell("Grouping", 3, 3)
    review = {(a, b) for a, b, _s in sent}
    return [
        replace(g, review=True) if any((a, b) in review for a, b, _s in g.pairs) else g
        for g in group_pairs(pairs, refused)
    ]


def scored_pairs(
    profiles: Profiles,
    packed: np.ndarray,
    shared: Shared,
    min_score: float,
    weights: Weights = WEIGHTS,
) -> list[tuple[int, int, float]]:
    """The candidate pairs scoring `min_score` or more, as (low id, high id, score). Scored
    `SCORE_CHUNK` pairs at a time, so that what scoring builds per pair stays small."""
    count = len(profiles)
    ids = profiles.ids
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(packed), SCORE_CHUNK):
        chunk = packed[start : start + SCORE_CHUNK]
        a, b = chunk // count, chunk % count
        part = Shared(
            email=shared.email[start : start + SCORE_CHUNK],
            phone=shared.phone[start : start + SCORE_CHUNK],
        )
        scores = score_pairs(profiles, a, b, part, weights)
        keep = np.flatnonzero(scores >= min_score)
        found.extend(
            zip(
                [ids[k] for k in a[keep].tolist()],
                [ids[k] for k in b[keep].tolist()],
                scores[keep].tolist(),
                strict=True,
            )
        )
    return found


def group_pairs(
    pairs: Sequence[tuple[int, int, float]], refused: set[tuple[int, int]] | None = None
) -> list[DuplicateGroup]:
    """Pairs joined into groups (connected components), best first. Two contacts the user said
    are different people (`refused`, as (low id, high id)) never end up in one group, even
    through a third: the weaker link that would join them is left out."""
    refused = refused or set()
    parent: dict[int, int] = {}
    members: dict[int, list[int]] = {}

    def root(x: int) -> int:
        if x not in parent:
            parent[x] = x
            members[x] = [x]
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept: list[tuple[int, int, float]] = []
    for a, b, score in sorted(pairs, key=lambda p: -p[2]):  # the strongest links first
        ra, rb = root(a), root(b)
        if ra == rb:
            kept.append((a, b, score))
            continue
        if any((min(x, y), max(x, y)) in refused for x in members[ra] for y in members[rb]):
            continue
        low, high = min(ra, rb), max(ra, rb)
        parent[high] = low
        members[low] += members.pop(high)
        kept.append((a, b, score))
    links: dict[int, list[tuple[int, int, float]]] = {}
    for pair in kept:
        links.setdefault(root(pair[0]), []).append(pair)
    groups = [
        DuplicateGroup(
            score=round(min(s for _a, _b, s in joined), 4),
            contact_ids=tuple(sorted({i for a, b, _s in joined for i in (a, b)})),
            pairs=tuple(sorted(joined)),
        )
        for joined in links.values()
    ]
    return sorted(groups, key=lambda g: (-g.score, g.contact_ids))


def mark_not_duplicates(session: Session, contact_ids: Sequence[int]) -> int:
    """Remember that these contacts are different people (every pair of them); returns how many
    pairs were new."""
    from sqlalchemy.dialects.sqlite import insert

    from db.models import NotDuplicateRow

    ids = sorted(set(contact_ids))
    rows = [
        {"low_id": a, "high_id": b, "decided_at": datetime.now().replace(microsecond=0)}
        for n, a in enumerate(ids)
        for b in ids[n + 1 :]
    ]
    if not rows:
        return 0
    from sqlalchemy import func, select

    before = session.scalar(select(func.count()).select_from(NotDuplicateRow)) or 0
    session.execute(insert(NotDuplicateRow).on_conflict_do_nothing(), rows)
    return (session.scalar(select(func.count()).select_from(NotDuplicateRow)) or 0) - before


def score_of(reader: Session | sqlite3.Connection, a: int, b: int) -> float:
    """How alike two contacts are (0 to 1), as a scan would score them."""
    return _scores(read_profiles(reader), [(a, b)])[0]


def _scores(
    profiles: Profiles, pairs: Sequence[tuple[int, int]], weights: Weights = WEIGHTS
) -> list[float]:
    where = profiles.index_of()
    left = np.array([where[a] for a, _b in pairs], dtype=np.int64)
    right = np.array([where[b] for _a, b in pairs], dtype=np.int64)
    shared = Shared(
        email=np.array(
            [
                shares(profiles.emails[i], profiles.emails[j])
                for i, j in zip(left, right, strict=True)
            ],
            dtype=bool,
        ),
        phone=np.array(
            [
                shares(profiles.phones[i], profiles.phones[j])
                for i, j in zip(left, right, strict=True)
            ],
            dtype=bool,
        ),
    )
    return [float(s) for s in score_pairs(profiles, left, right, shared, weights)]


def _sent_for_review(
    reader: Session | sqlite3.Connection,
    profiles: Profiles,
    found: set[tuple[int, int]],
    weights: Weights,
) -> list[tuple[int, int, float]]:
    """The pairs an import sent to the review queue ("add, and review"), whatever their score,
    while both contacts are live and the import has not been undone."""
    from db.search import raw_rows

    live = set(profiles.ids)
    rows = raw_rows(
        reader,
        "SELECT i.contact_id, i.matched_id FROM import_items i "
        "JOIN import_batches b ON b.id = i.batch_id "
        "WHERE i.action = 'review' AND b.undone_at IS NULL "
        # (the very contact the import made: not a later one given the same id)
        "AND EXISTS (SELECT 1 FROM history h WHERE h.contact_id = i.contact_id "
        "AND h.kind = 'created' AND json_valid(h.detail) "
        "AND json_extract(h.detail, '$.import_batch') = b.id)",
        {},
    )
    pairs = sorted(
        {
            (min(a, b), max(a, b))
            for a, b in rows
            if a in live and b in live and (min(a, b), max(a, b)) not in found
        }
    )
    if not pairs:
        return []
    return [(a, b, s) for (a, b), s in zip(pairs, _scores(profiles, pairs, weights), strict=True)]
