"""Estimate the Fellegi-Sunter weights of duplicate scoring from the labelled sets.

    python -m tests.benchmarks.estimate_duplicate_weights [FOLDER]

For each set (tests/benchmarks/duplicate_sets.py) and each field level: m, the share of the true
pairs at that level, and u, the share of the candidate pairs that are not the same person at that
level; log2(m/u) is the level's weight. Printed per set and pooled (each set counted equally), next
to the weight in use. u is taken over candidate pairs, not all pairs: scoring only ever sees
candidates, and what they share (a phone, an address, a name) is what made them candidates.
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

import numpy as np

from db.duplicate_blocking import candidate_pairs
from db.duplicate_profiles import read_profiles, shares
from db.duplicate_scoring import LEVEL_NAMES, MISSING, WEIGHTS, Shared, field_levels
from db.store import open_store
from tests.benchmarks.duplicate_sets import SETS, load

SMOOTH = 0.5  # added to each count: a level never seen is rare, not impossible


def counts(folder: Path, name: str) -> dict[str, dict[int, tuple[float, float]]]:
    """Per field and level: (m, u)."""
    loaded = load(name, folder)
    store = open_store(loaded.path, create=False)
    try:
        with store.session() as session:
            profiles = read_profiles(session)
    finally:
        store.close()
    packed, shared = candidate_pairs(profiles)
    count, where = len(profiles), profiles.index_of()
    a, b = packed // count, packed % count
    ids = np.asarray(profiles.ids)
    truth = {(where[x], where[y]) for x, y in loaded.truth}
    is_true = np.fromiter(
        ((int(x), int(y)) in truth for x, y in zip(a, b, strict=True)), bool, len(a)
    )
    u_levels = field_levels(profiles, a[~is_true], b[~is_true], _take(shared, ~is_true))
    ta = np.array([x for x, _ in sorted(truth)], dtype=np.int64)
    tb = np.array([y for _, y in sorted(truth)], dtype=np.int64)
    true_shared = Shared(
        email=np.array(
            [shares(profiles.emails[x], profiles.emails[y]) for x, y in zip(ta, tb, strict=True)]
        ),
        phone=np.array(
            [shares(profiles.phones[x], profiles.phones[y]) for x, y in zip(ta, tb, strict=True)]
        ),
    )
    m_levels = field_levels(profiles, ta, tb, true_shared)
    del ids
    found: dict[str, dict[int, tuple[float, float]]] = {}
    for field, names in LEVEL_NAMES.items():
        found[field] = {}
        for level in (MISSING, *names):
            m = (np.count_nonzero(m_levels[field] == level) + SMOOTH) / (len(ta) + SMOOTH)
            u = (np.count_nonzero(u_levels[field] == level) + SMOOTH) / (
                len(u_levels[field]) + SMOOTH
            )
            found[field][level] = (m, u)
    return found


def _take(shared: Shared, keep: np.ndarray) -> Shared:
    return Shared(email=shared.email[keep], phone=shared.phone[keep])


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    per_set = {name: counts(folder, name) for name in SETS}
    print(f"{'level':18}" + "".join(f"{n:>22}" for n in (*SETS, "pooled")) + "   in use")
    for field, names in LEVEL_NAMES.items():
        for level in (MISSING, *names):
            label = f"{field}_{names.get(level, 'missing')}"
            cells = []
            ms, us = [], []
            for name in SETS:
                m, u = per_set[name][field][level]
                ms.append(m)
                us.append(u)
                cells.append(f"{m:6.3f}/{u:6.3f}={math.log2(m / u):+5.1f}")
            pooled = math.log2(sum(ms) / sum(us))
            used = WEIGHTS.of(field, level)
            print(
                f"{label:18}"
                + "".join(f"{c:>22}" for c in cells)
                + f"{pooled:+22.1f}   {used:+.1f}"
            )


if __name__ == "__main__":
    main()
