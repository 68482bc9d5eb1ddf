"""Which stored contact each incoming one is, if any: found as the duplicate scan finds pairs
(blocking on e-mails, phones, names, addresses; the same scoring), between the incoming contacts
and the stored ones only.

A match is the same e-mail or phone with names that do not say otherwise (a score of at least
the on-save warning's bar), or a score of at least the import's bar without either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from db.duplicate_blocking import candidate_pairs
from db.duplicate_check import append_profile
from db.duplicate_profiles import Profiles, profile_columns, read_profiles
from db.duplicate_records import WARN_SCORE
from db.duplicate_scoring import Shared, score_pairs
from db.interchange.import_records import Match
from db.interchange.prepared import PROFILE_COLUMNS, Prepared

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.interchange.import_checks import Checked

_COLUMNS = profile_columns()


def _joined(stored: Profiles, incoming: Profiles) -> Profiles:
    return Profiles(**{name: getattr(stored, name) + getattr(incoming, name) for name in _COLUMNS})


class Matcher:
    """The stored contacts' profiles, read once per import; `match` finds each incoming
    contact's best match among them."""

    def __init__(self, reader: Session | sqlite3.Connection, region: str, min_score: float) -> None:
        self.stored = read_profiles(reader)
        self.region = region
        self.min_score = min_score

    def has_stored(self) -> bool:
        return bool(self.stored.ids)

    def match(self, checked: Sequence[Checked | Prepared]) -> list[Match | None]:
        found: list[Match | None] = [None] * len(checked)
        if not self.stored.ids or not checked:
            return found
        incoming = Profiles()
        for record in checked:
            if isinstance(record, Prepared):  # (worked out in a worker process)
                for column, value in zip(PROFILE_COLUMNS, record.profile, strict=True):
                    getattr(incoming, column).append(value)
            else:
                append_profile(incoming, record.fields, self.region, record.normalized_emails)
        stored_count = len(self.stored)
        incoming.ids = [-(n + 1) for n in range(len(checked))]
        profiles = _joined(self.stored, incoming)
        count = len(profiles)
        packed, shared = candidate_pairs(profiles, across=stored_count)
        low, high = packed // count, packed % count
        # Incoming profiles come after the stored ones: a pair across has low < stored <= high.
        across = (low < stored_count) & (high >= stored_count)
        low, high = low[across], high[across]
        email, phone = shared.email[across], shared.phone[across]
        if not len(low):
            return found
        scores = score_pairs(profiles, low, high, Shared(email=email, phone=phone))
        exact = email | phone
        keep = np.flatnonzero((scores >= self.min_score) | (exact & (scores >= WARN_SCORE)))
        # Best first: an exact match before a merely alike one, then the higher score.
        order = keep[np.lexsort((-scores[keep], ~exact[keep]))]
        for k in order.tolist():
            n = int(high[k]) - stored_count
            if found[n] is None:
                how = "same e-mail" if email[k] else "same phone" if phone[k] else "alike"
                contact_id = self.stored.ids[int(low[k])]
                found[n] = Match(contact_id, how, round(float(scores[k]), 4))
        return found
