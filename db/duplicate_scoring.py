"""How alike two contacts are: a score from 0 to 1 for each candidate pair.

Each field is compared on its own (rapidfuzz on folded values) and lands on a level: agrees,
nearly agrees, disagrees, or missing on either side. Each level carries a weight, the log-odds
(base 2) that it is seen in a true pair rather than in two different people, in the manner of
Fellegi and Sunter; the weights are summed with a prior for how rare duplicates are, and the sum
becomes a probability. A missing value weighs nothing: it neither helps nor hurts. The weights
sit in `WEIGHTS`, with the thresholds, so that they are tuned in one place; the figures that back
them come from tests/benchmarks/test_duplicates_quality_bench.py.

Names, companies and streets repeat a lot, so each distinct pair of values is compared once and
the result spread over the pairs of contacts that have it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from db.duplicate_profiles import Codes, Profiles, same_given_name

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Weights:
    prior: float = -8.0  # duplicates are rare among candidate pairs
    first_same: float = 3.0  # the same given name, or a nickname of it
    first_close: float = 1.5  # a typo away (Jaro-Winkler >= close)
    first_initial: float = 1.0  # "J." against "John"
    first_differ: float = -3.5
    last_same: float = 5.0
    last_close: float = 3.0
    last_differ: float = -5.0
    email_shared: float = 8.0
    email_differ: float = -1.0
    phone_shared: float = 7.0
    phone_differ: float = -0.5
    postcode_same: float = 1.5
    postcode_differ: float = -1.0
    street_same: float = 2.5
    street_differ: float = -1.0
    company_same: float = 1.5
    company_differ: float = -0.5
    birthday_same: float = 4.0
    birthday_differ: float = -7.0
    close: float = 0.88  # Jaro-Winkler from which a name "nearly agrees"
    fuzzy_same: float = 0.9  # token-sort ratio from which a company or street agrees


WEIGHTS = Weights()


@dataclass(frozen=True)
class Shared:
    """Which candidate pairs share an e-mail address or a phone number (known from blocking)."""

    email: Bools
    phone: Bools


def _per_value_pair(
    p: Profiles,
    column: str,
    a: Codes,
    b: Codes,
    compare: Callable[[list[str], list[str]], Floats],
    *,
    other: str = "",
) -> Floats:
    """`compare` run once per distinct pair of values (a's `column`, b's `other` column, by
    default the same), spread over the pairs."""
    other = other or column
    left, right = p.codes(column)[a], p.codes(other)[b]
    if len(left) == 0:
        return np.zeros(0)
    width = int(p.codes(other).max()) + 1
    distinct, back = np.unique(left * width + right, return_inverse=True)
    lefts = [p.value_of(column, int(c // width)) if c // width else "" for c in distinct]
    rights = [p.value_of(other, int(c % width)) if c % width else "" for c in distinct]
    return compare(lefts, rights)[back]


def _jaro_winkler(left: list[str], right: list[str]) -> Floats:
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.process import cpdist

    scores = cpdist(left, right, scorer=JaroWinkler.normalized_similarity, workers=2)
    return np.asarray(scores, dtype=float)


def _token_ratio(left: list[str], right: list[str]) -> Floats:
    from rapidfuzz.fuzz import token_sort_ratio
    from rapidfuzz.process import cpdist

    return np.asarray(cpdist(left, right, scorer=token_sort_ratio, workers=2), dtype=float) / 100


def _given_names(w: Weights) -> Callable[[list[str], list[str]], Floats]:
    """The weight of two given names: the same or nicknames, an initial, a typo, or not."""

    def weigh(left: list[str], right: list[str]) -> Floats:
        close = _jaro_winkler(left, right) >= w.close
        weights = np.zeros(len(left))
        for n, (x, y) in enumerate(zip(left, right, strict=True)):
            if not x or not y:
                continue
            if same_given_name(x, y):
                weights[n] = w.first_same
            elif _initial_of(x, y):
                weights[n] = w.first_initial
            else:
                weights[n] = w.first_close if close[n] else w.first_differ
        return weights

    return weigh


def _last_names(w: Weights) -> Callable[[list[str], list[str]], Floats]:
    def weigh(left: list[str], right: list[str]) -> Floats:
        similarity = _jaro_winkler(left, right)
        present = np.array([bool(x and y) for x, y in zip(left, right, strict=True)])
        level = np.where(
            similarity >= 1.0,
            w.last_same,
            np.where(similarity >= w.close, w.last_close, w.last_differ),
        )
        return np.where(present, level, 0.0)

    return weigh


def _initial_of(x: str, y: str) -> bool:
    """'j' or 'j.' against 'john'."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    short = short.rstrip(".")
    return len(short) == 1 and long.startswith(short)


def _names(p: Profiles, a: Codes, b: Codes, w: Weights) -> Floats:
    """First and last name together, the better of as typed and swapped."""
    given, family = _given_names(w), _last_names(w)
    straight = _per_value_pair(p, "first", a, b, given) + _per_value_pair(p, "last", a, b, family)
    swapped = _cross(p, a, b, given, family)
    return np.maximum(straight, swapped)


def _cross(
    p: Profiles,
    a: Codes,
    b: Codes,
    given: Callable[[list[str], list[str]], Floats],
    family: Callable[[list[str], list[str]], Floats],
) -> Floats:
    """The names compared across: a's first with b's last, a's last with b's first."""
    return _per_value_pair(p, "first", a, b, given, other="last") + _per_value_pair(
        p, "last", a, b, family, other="first"
    )


def _level(present: Bools, same: Bools, w_same: float, w_differ: float) -> Floats:
    return np.where(present, np.where(same, w_same, w_differ), 0.0)


def _exact(p: Profiles, column: str, a: Codes, b: Codes, *, same: float, differ: float) -> Floats:
    codes = p.codes(column)
    left, right = codes[a], codes[b]
    return _level((left > 0) & (right > 0), left == right, same, differ)


def score_pairs(p: Profiles, a: Codes, b: Codes, shared: Shared, w: Weights = WEIGHTS) -> Floats:
    """The probability that each pair (a[k], b[k]) is the same contact."""
    total = np.full(len(a), w.prior) + _names(p, a, b, w)
    has_email = p.codes("emails") > 0
    has_phone = p.codes("phones") > 0
    total += _level(has_email[a] & has_email[b], shared.email, w.email_shared, w.email_differ)
    total += _level(has_phone[a] & has_phone[b], shared.phone, w.phone_shared, w.phone_differ)
    total += _exact(p, "postcode", a, b, same=w.postcode_same, differ=w.postcode_differ)
    total += _exact(p, "birthday", a, b, same=w.birthday_same, differ=w.birthday_differ)
    for column, same, differ in (
        ("street", w.street_same, w.street_differ),
        ("company", w.company_same, w.company_differ),
    ):
        codes = p.codes(column)
        present = (codes[a] > 0) & (codes[b] > 0)
        agree = _per_value_pair(p, column, a, b, _token_ratio) >= w.fuzzy_same
        total += _level(present, agree, same, differ)
    return 1.0 / (1.0 + np.exp2(-total))
