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

from db.duplicate_profiles import Codes, Profiles, house_number, same_given_name

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Weights:
    prior: float = -8.0  # duplicates are rare among candidate pairs
    first_same: float = 3.0  # the same given name, or a nickname of it
    first_close: float = 2.5  # a typo away (Jaro-Winkler >= close)
    first_initial: float = 1.0  # "J." against "John"
    first_differ: float = -3.5
    last_same: float = 5.0
    last_close: float = 3.0
    last_differ: float = -5.0
    email_shared: float = 8.0
    email_differ: float = -3.0
    phone_shared: float = 7.0
    phone_differ: float = -3.0
    postcode_same: float = 1.5
    # A digit changed or two swapped; or any other postcode beside the same street, house number
    # and city (a postcode typed wrong: see `_postcode_typed_wrong`). That is 45 true pairs and
    # no other in FEBRL 1 and 2; the demo set has 42 pairs of different people so, none of them
    # proposed, since it draws each address's postcode at random within its city whatever the
    # street (a real street number does not have two postcodes).
    postcode_close: float = 2.5
    postcode_differ: float = -3.0
    street_same: float = 3.0
    # Token-sort ratio >= fuzzy_close; or streets named differently with the same house number
    # and building (second line): 13 true pairs in FEBRL 1 and 2, no other pair in any set; left
    # at 0, since a building's name is not always distinctive ("Apartment 4").
    street_close: float = 0.0
    street_differ: float = -2.5
    company_same: float = 2.5
    company_close: float = 0.0
    company_differ: float = -2.0
    birthday_same: float = 7.0
    # One digit changed or two swapped. A typo's share of the true pairs (1% in FEBRL 1 and 2;
    # the demo set makes none) is far above its share of the other candidates (0.1-0.2%: no
    # candidate key is near a birthday), so it weighs a little for. (The pooled estimate is
    # below 0 only through FEBRL 1's 9 candidate pairs of different people, where the smoothing
    # alone puts u at 5%.)
    birthday_close: float = 1.0
    birthday_differ: float = -5.0
    # A field that differs while the given name, the address and the other of birthday and last
    # name agree: a married name, a mistyped or replaced birthday (see `_rest_agree`).
    first_differ_rest_same: float = -8.0  # twins: each with a phone or e-mail of their own
    last_differ_rest_same: float = 0.0
    birthday_differ_rest_same: float = 0.0
    close: float = 0.88  # Jaro-Winkler from which a name "nearly agrees"
    fuzzy_same: float = 0.9  # token-sort ratio from which a company or street agrees
    fuzzy_close: float = 0.75  # ... and nearly agrees

    def of(self, field: str, level: int) -> float:
        """The weight of `field` ("first", "email", ...) at `level` (MISSING: 0)."""
        if level == MISSING:
            return 0.0
        name = f"{field}_{LEVEL_NAMES[field][level]}"
        return float(getattr(self, name))


MISSING, SAME, CLOSE, INITIAL, DIFFER, DIFFER_REST_SAME = 0, 1, 2, 3, 4, 5
# What each field's levels are called in `Weights`.
LEVEL_NAMES: dict[str, dict[int, str]] = {
    "first": {
        SAME: "same",
        CLOSE: "close",
        INITIAL: "initial",
        DIFFER: "differ",
        DIFFER_REST_SAME: "differ_rest_same",
    },
    "last": {SAME: "same", CLOSE: "close", DIFFER: "differ", DIFFER_REST_SAME: "differ_rest_same"},
    "email": {SAME: "shared", DIFFER: "differ"},
    "phone": {SAME: "shared", DIFFER: "differ"},
    **{
        name: {SAME: "same", CLOSE: "close", DIFFER: "differ"}
        for name in ("postcode", "street", "company")
    },
    "birthday": {
        SAME: "same",
        CLOSE: "close",
        DIFFER: "differ",
        DIFFER_REST_SAME: "differ_rest_same",
    },
}
Levels = npt.NDArray[np.int8]

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
    compare: Callable[[list[str], list[str]], Levels],
    *,
    other: str = "",
) -> Levels:
    """`compare` run once per distinct pair of values (a's `column`, b's `other` column, by
    default the same), spread over the pairs; only values present on both sides are compared
    (the others are MISSING)."""
    other = other or column
    left, right = p.codes(column)[a], p.codes(other)[b]
    levels = np.zeros(len(left), dtype=np.int8)  # MISSING
    if column == other:  # the same value is the same: only differing values are compared
        levels[(left == right) & (left > 0)] = SAME
        both = np.flatnonzero((left > 0) & (right > 0) & (left != right))
    else:
        both = np.flatnonzero((left > 0) & (right > 0))
    if len(both) == 0:
        return levels
    width = len(p.distinct(other))
    distinct, back = np.unique(left[both] * width + right[both], return_inverse=True)
    lefts = np.asarray(p.distinct(column), dtype=object)[distinct // width].tolist()
    rights = np.asarray(p.distinct(other), dtype=object)[distinct % width].tolist()
    levels[both] = compare(lefts, rights)[back]
    return levels


def _jaro_winkler(left: list[str], right: list[str]) -> Floats:
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.process import cpdist

    scores = cpdist(left, right, scorer=JaroWinkler.normalized_similarity, workers=2)
    return np.asarray(scores, dtype=float)


def _token_ratio(left: list[str], right: list[str]) -> Floats:
    from rapidfuzz.fuzz import token_sort_ratio
    from rapidfuzz.process import cpdist

    return np.asarray(cpdist(left, right, scorer=token_sort_ratio, workers=2), dtype=float) / 100


def _given_names(w: Weights) -> Callable[[list[str], list[str]], Levels]:
    """Two given names: the same or nicknames, an initial, a typo, or not."""

    def level(left: list[str], right: list[str]) -> Levels:
        from rapidfuzz.distance import OSA
        from rapidfuzz.process import cpdist

        # Jaro-Winkler forgives little in a short name: "zoe" typed "zoh" or "ben" typed "bne"
        # is one letter changed or two swapped (OSA distance 1) and still a typo, not another
        # name, when the names have three letters or more.
        one_edit = np.asarray(cpdist(left, right, scorer=OSA.distance, workers=2)) <= 1
        pairs = zip(left, right, strict=True)
        long_enough = np.fromiter((min(len(x), len(y)) >= 3 for x, y in pairs), bool, len(left))
        close = (_jaro_winkler(left, right) >= w.close) | (one_edit & long_enough)
        levels = np.zeros(len(left), dtype=np.int8)
        for n, (x, y) in enumerate(zip(left, right, strict=True)):
            if not x or not y:
                continue
            if same_given_name(x, y):
                levels[n] = SAME
            elif _initial_of(x, y):
                levels[n] = INITIAL
            else:
                levels[n] = CLOSE if close[n] else DIFFER
        return levels

    return level


def _last_names(w: Weights) -> Callable[[list[str], list[str]], Levels]:
    """Two family names: the same, a typo away, or not. A space or hyphen is not a letter:
    "Van der Berg" is "Vanderberg", "Ho" typed "H o" is "Ho"."""

    def level(left: list[str], right: list[str]) -> Levels:
        similarity = np.maximum(
            _jaro_winkler(left, right), _jaro_winkler(_compact(left), _compact(right))
        )
        levels = np.where(similarity >= 1.0, SAME, np.where(similarity >= w.close, CLOSE, DIFFER))
        return levels.astype(np.int8)

    return level


def _compact(values: list[str]) -> list[str]:
    return [v.replace(" ", "").replace("-", "") for v in values]


def _fuzzy(w: Weights) -> Callable[[list[str], list[str]], Levels]:
    """Companies and streets: the same words (token-sort ratio, or the letters without the
    spaces, for a space typed in the wrong place: "longmor ecrescent"), nearly, or not. A
    street's first line is also compared on its own: a building or suite on a second line that
    one of the two leaves out ("Kongens gate 3" / "Kongens gate 3, Nidaros Senter") is the same
    street. The lines may come in either order (the building first, or the street): the letters
    without the spaces are also compared with either's lines the other way round."""

    def level(left: list[str], right: list[str]) -> Levels:
        ratio = np.maximum(_token_ratio(left, right), _joined_ratio(left, right))
        lined = _where_either(left, right, lambda v: "\n" in v)
        if len(lined):
            lefts, rights = [left[k] for k in lined], [right[k] for k in lined]
            firsts = _token_ratio(_first_lines(left, lined), _first_lines(right, lined))
            turned = np.maximum(
                _joined_ratio(_turned(lefts), rights), _joined_ratio(lefts, _turned(rights))
            )
            ratio[lined] = np.maximum(ratio[lined], np.maximum(firsts, turned))
        levels = np.where(
            ratio >= w.fuzzy_same, SAME, np.where(ratio >= w.fuzzy_close, CLOSE, DIFFER)
        )
        return levels.astype(np.int8)

    return level


def _joined_ratio(left: list[str], right: list[str]) -> Floats:
    """The letters without the spaces and line breaks, compared (0 to 1)."""
    from rapidfuzz.fuzz import ratio as plain
    from rapidfuzz.process import cpdist

    joined = cpdist(
        [x.replace(" ", "").replace("\n", "") for x in left],
        [y.replace(" ", "").replace("\n", "") for y in right],
        scorer=plain,
        workers=2,
    )
    return np.asarray(joined, dtype=float) / 100


def _turned(values: list[str]) -> list[str]:
    """Each value with its lines the other way round."""
    return ["\n".join(reversed(v.split("\n"))) for v in values]


def _first_lines(values: list[str], at: npt.NDArray[np.intp]) -> list[str]:
    return [values[k].partition("\n")[0] for k in at.tolist()]


def _where_either(
    left: list[str], right: list[str], test: Callable[[str], bool]
) -> npt.NDArray[np.intp]:
    """The pairs where either value passes `test` (tried once per distinct value)."""
    passing = {v for v in {*left, *right} if test(v)}
    if not passing:
        return np.zeros(0, dtype=np.intp)
    pairs = zip(left, right, strict=True)
    return np.flatnonzero(np.fromiter((x in passing or y in passing for x, y in pairs), bool))


def _streets(w: Weights) -> Callable[[list[str], list[str]], Levels]:
    """Streets as `_fuzzy` compares them, but a first line that is only a house number (the
    street's name left out: "52" against "52 Florey Drive") is held against the other's house
    number only: what one of the two leaves out neither helps nor hurts. And two streets
    named differently with the same house number and the same building on the second line
    ("4 Esperance Street, Landen" / "4 Pearcey Place, Landen") may be one building named by
    either of its streets, or a street typed wrong: they nearly agree, which weighs nothing
    either way."""
    fuzzy = _fuzzy(w)

    def level(left: list[str], right: list[str]) -> Levels:
        given_left, given_right = left, right
        unnamed = _where_either(left, right, lambda v: v.partition("\n")[0].isdigit())
        if len(unnamed):
            left, right = list(left), list(right)
            for k in unnamed.tolist():
                left[k], right[k] = _as_far_as_given(left[k], right[k])
        levels = fuzzy(left, right)
        lined = _where_either(given_left, given_right, lambda v: "\n" in v)
        for k in lined[levels[lined] == DIFFER].tolist():
            if _same_building(given_left[k], given_right[k]):
                levels[k] = CLOSE
        return levels

    return level


def _same_building(x: str, y: str) -> bool:
    """Whether two streets have the same second line and the same house number."""
    x_line, _, x_building = x.partition("\n")
    y_line, _, y_building = y.partition("\n")
    number = house_number(x_line)
    return bool(x_building and x_building == y_building and number) and (
        number == house_number(y_line)
    )


def _as_far_as_given(x: str, y: str) -> tuple[str, str]:
    """Two streets, the one whose first line names no street reduced to its house number."""
    x_line, _, x_rest = x.partition("\n")
    y_line, _, y_rest = y.partition("\n")
    if x_line.isdigit() != y_line.isdigit():
        number = house_number(x_line if y_line.isdigit() else y_line)
        if x_line.isdigit():
            y = "\n".join(filter(None, (number, y_rest)))
        else:
            x = "\n".join(filter(None, (number, x_rest)))
    return x, y


def _typed_alike(left: list[str], right: list[str]) -> Levels:
    """Postcodes and birthdays: the same, a digit changed or two swapped (OSA distance 1), or
    not."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import cpdist

    distance = np.asarray(cpdist(left, right, scorer=OSA.distance, workers=2))
    levels = np.where(distance == 0, SAME, np.where(distance == 1, CLOSE, DIFFER))
    return levels.astype(np.int8)


def _initial_of(x: str, y: str) -> bool:
    """'j' or 'j.' against 'john'."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    short = short.rstrip(".")
    return len(short) == 1 and long.startswith(short)


def _names(p: Profiles, a: Codes, b: Codes, w: Weights) -> tuple[Levels, Levels]:
    """The levels of the given and the family names, as typed or swapped, whichever weighs
    more."""
    given, family = _given_names(w), _last_names(w)
    first = _per_value_pair(p, "first", a, b, given)
    last = _per_value_pair(p, "last", a, b, family)
    # Both names the same weighs the most there is: only the other pairs are tried swapped.
    other = np.flatnonzero((first != SAME) | (last != SAME))
    ao, bo = a[other], b[other]
    weigh_first, weigh_last = _weigher(w, "first"), _weigher(w, "last")
    fo, lo = first[other], last[other]
    # Swapped either way round (a's names swapped, or b's), so that the score of (a, b) is the
    # score of (b, a): which of the two is older must not matter.
    for one, two in ((ao, bo), (bo, ao)):
        first_x = _per_value_pair(p, "first", one, two, given, other="last")
        last_x = _per_value_pair(p, "last", one, two, family, other="first")
        better = weigh_first[first_x] + weigh_last[last_x] > weigh_first[fo] + weigh_last[lo]
        fo, lo = np.where(better, first_x, fo), np.where(better, last_x, lo)
    first[other], last[other] = fo, lo
    return first, last


def _given_name_only(p: Profiles, a: Codes, b: Codes, first: Levels, last: Levels) -> Levels:
    """Two contacts written with a given name only ("Charlie"), the same one: their names
    agree as far as either was written. A given name alone says less than a whole name, so
    the missing family names weigh as family names a typo away, not as the same (with no more
    than the given name, two are still far from a match; with the same street and postcode
    too, they are one: FEBRL 1's pair 272/653)."""
    lasts = p.codes("last")
    alone = (lasts[a] == 0) & (lasts[b] == 0) & (first == SAME)
    return np.where(alone, CLOSE, last).astype(np.int8)


def _weigher(w: Weights, field: str) -> Floats:
    """The weight of each level of `field`, indexed by level (0 for levels it does not have)."""
    names = LEVEL_NAMES[field]
    return np.array(
        [w.of(field, level) if level in names else 0.0 for level in range(DIFFER_REST_SAME + 1)]
    )


def _exact(p: Profiles, column: str, a: Codes, b: Codes) -> Levels:
    codes = p.codes(column)
    left, right = codes[a], codes[b]
    levels = np.where(left == right, SAME, DIFFER)
    return np.where((left > 0) & (right > 0), levels, MISSING).astype(np.int8)


def field_levels(
    p: Profiles, a: Codes, b: Codes, shared: Shared, w: Weights = WEIGHTS
) -> dict[str, Levels]:
    """How each field of each pair (a[k], b[k]) compares: MISSING, SAME, CLOSE, INITIAL or
    DIFFER (the levels each field has are in LEVEL_NAMES)."""
    first, last = _names(p, a, b, w)
    levels = {"first": first, "last": _given_name_only(p, a, b, first, last)}
    for field, column, agree in (
        ("email", "emails", shared.email),
        ("phone", "phones", shared.phone),
    ):
        has = p.present(column)
        levels[field] = np.where(has[a] & has[b], np.where(agree, SAME, DIFFER), MISSING).astype(
            np.int8
        )
    levels["postcode"] = _per_value_pair(p, "postcode", a, b, _typed_alike)
    levels["birthday"] = _per_value_pair(p, "birthday", a, b, _typed_alike)
    levels["street"] = _per_value_pair(p, "street", a, b, _streets(w))
    levels["postcode"] = _postcode_typed_wrong(p, a, b, levels)
    levels["company"] = _per_value_pair(p, "company", a, b, _fuzzy(w))
    return _rest_agree(levels)


def _postcode_typed_wrong(p: Profiles, a: Codes, b: Codes, levels: dict[str, Levels]) -> Levels:
    """A postcode that differs beside the same street, house number and city is the same place
    with its postcode typed wrong, not another place: it counts as nearly agreeing, as a postcode
    one digit away does. (A street and number repeat from town to town, not within one; a
    different street, number or town leaves the postcode differing, and so does a street given
    only as its number, "3": which street it is is not known.)"""
    postcode = levels["postcode"]
    differ = np.flatnonzero((postcode == DIFFER) & (levels["street"] == SAME))
    if len(differ) == 0:
        return postcode
    city, house = p.codes("city"), p.codes("house")
    ca, cb, ha, hb = city[a[differ]], city[b[differ]], house[a[differ]], house[b[differ]]
    differ = differ[(ca == cb) & (ca > 0) & (ha == hb) & (ha > 0)]
    streets = p.codes("street")
    used, at = np.unique(np.r_[streets[a[differ]], streets[b[differ]]], return_inverse=True)
    distinct = p.distinct("street")
    named = np.fromiter((_named(distinct[int(c)]) for c in used), bool, len(used))[at]
    typed = differ[named[: len(differ)] & named[len(differ) :]]
    postcode = postcode.copy()
    postcode[typed] = CLOSE
    return postcode


def _named(street: str) -> bool:
    """Whether a street's first line names the street (not only its number)."""
    return any(c.isalpha() for c in street.partition("\n")[0])


def _rest_agree(levels: dict[str, Levels]) -> dict[str, Levels]:
    """A last name or a birthday that differs while everything else that says who it is
    agrees (the given name, the street with its number and the postcode, and the other of the
    two) is its own level: the same person's new last name, or a birthday mistyped or replaced,
    is common there, and two people alike in all of that are rare (twins or siblings at one
    address have different given names). Its weight is estimated apart."""
    given = np.isin(levels["first"], (SAME, CLOSE))
    address = (levels["street"] == SAME) & np.isin(levels["postcode"], (SAME, CLOSE))
    last, birthday = levels["last"], levels["birthday"]
    rest = given & address
    levels["last"] = np.where(
        (last == DIFFER) & rest & (birthday == SAME), DIFFER_REST_SAME, last
    ).astype(np.int8)
    levels["birthday"] = np.where(
        (birthday == DIFFER) & rest & np.isin(last, (SAME, CLOSE)), DIFFER_REST_SAME, birthday
    ).astype(np.int8)
    # And the other way round: two given names that are not one (no nickname, typo or initial)
    # beside the same last name, birthday and address, and each with a phone or an e-mail the
    # other lacks, are twins, not one person. With no phone or e-mail to tell them apart, the
    # given name only weighs what any differing given name does: a given name typed wrong or
    # replaced is far more common there (FEBRL 1 and 2 lose 7-9% of their true pairs to it).
    apart = (levels["email"] == DIFFER) | (levels["phone"] == DIFFER)
    levels["first"] = np.where(
        (levels["first"] == DIFFER)
        & address
        & np.isin(last, (SAME, CLOSE))
        & (birthday == SAME)
        & apart,
        DIFFER_REST_SAME,
        levels["first"],
    ).astype(np.int8)
    return levels


def score_pairs(p: Profiles, a: Codes, b: Codes, shared: Shared, w: Weights = WEIGHTS) -> Floats:
    """The probability that each pair (a[k], b[k]) is the same contact."""
    total = np.full(len(a), w.prior)
    for field, levels in field_levels(p, a, b, shared, w).items():
        total += _weigher(w, field)[levels]
    probability: Floats = 1.0 / (1.0 + np.exp2(-total))
    return probability
