"""Duplicate finding's results as plain data, for the screens (which must not load numpy or
rapidfuzz before they are needed)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MIN_SCORE = 0.8  # proposed for review from here
WARN_SCORE = 0.6  # a new contact this alike to one already here is asked about before saving
AUTO_MERGE_SCORE = 0.99  # merged without asking (when the user runs automatic merge) from here


@dataclass(frozen=True)
class DuplicateGroup:
    score: float  # the weakest of the links that join the group (0 to 1)
    contact_ids: tuple[int, ...]  # in id order: the oldest first
    pairs: tuple[tuple[int, int, float], ...] = ()  # (id, id, score) above the threshold
    review: bool = False  # holds a pair an import sent for review: shown whatever its score
