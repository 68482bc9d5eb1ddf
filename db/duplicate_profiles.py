"""What duplicate finding compares: each live contact as a "profile" of folded, normalised values
(read with plain SQL, a million at a time), and the nickname groups it knows (resources/matching).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from db.folding import fold
from resources import resource_path

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Words that say what kind of company it is, not which: left out when comparing companies.
LEGAL_FORMS = frozenset({
    "as", "asa", "ab", "oy", "oyj", "aps", "gmbh", "ag", "kg", "inc", "incorporated", "llc",
    "ltd", "limited", "co", "corp", "corporation", "plc", "sa", "sas", "srl", "bv", "nv",
    "company", "the", "and", "og",
})  # fmt: skip
_NOT_WORD = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"\d+")
Codes = npt.NDArray[np.int64]


@dataclass
class Profiles:
    """Live contacts, one per index, as duplicate finding compares them (columns of lists)."""

    ids: list[int] = field(default_factory=list)
    first: list[str] = field(default_factory=list)  # folded
    last: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)  # folded, without legal forms
    postcode: list[str] = field(default_factory=list)  # of the mailing (or first) address
    street: list[str] = field(default_factory=list)  # folded
    house: list[str] = field(default_factory=list)  # the street number
    birthday: list[str] = field(default_factory=list)  # ISO, or ""
    emails: list[frozenset[str]] = field(default_factory=list)
    phones: list[frozenset[str]] = field(default_factory=list)
    _codes: dict[str, Codes] = field(default_factory=dict, repr=False)
    _values: dict[str, list[Any]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def codes(self, column: str) -> Codes:
        """The column as numbers, one per distinct value (0: empty), built once: comparing
        numbers is fast, and each distinct pair of values is compared only once."""
        found = self._codes.get(column)
        if found is None:
            values: list[Any] = getattr(self, column)
            numbers: dict[Any, int] = {"": 0, frozenset(): 0}
            found = np.fromiter(
                (numbers.setdefault(v, len(numbers) - 1) for v in values),
                dtype=np.int64,
                count=len(values),
            )
            self._codes[column] = found
            self._values[column] = [""] * (len(numbers) - 1)
            if column in ("emails", "phones"):
                self._values[column][0] = frozenset()
            for value, code in numbers.items():
                if code:
                    self._values[column][code] = value
        return found

    def distinct(self, column: str) -> list[Any]:
        """The distinct values of `column`, each at its code (the empty one at 0)."""
        self.codes(column)
        return self._values[column]

    def value_of(self, column: str, code: int) -> Any:
        """The value a code of `column` stands for."""
        self.codes(column)
        return self._values[column][code]

    def index_of(self) -> dict[int, int]:
        return {contact_id: n for n, contact_id in enumerate(self.ids)}


@cache
def company_key(company: str) -> str:
    """'Fjordkraft AS' and 'FJORDKRAFT A/S.' -> 'fjordkraft'."""
    words = _NOT_WORD.sub(" ", fold(company)).split()
    kept = [w for w in words if w not in LEGAL_FORMS and not (len(w) == 1 and w in "as")]
    return " ".join(kept)


def house_number(street: str) -> str:
    found = _NUMBER.search(street)
    return found.group() if found else ""


@cache
def nickname_groups() -> dict[str, frozenset[int]]:
    """Each folded given name -> the numbers of the nickname groups it is in."""
    groups: dict[str, set[int]] = {}
    lines = resource_path("matching", "nicknames.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            for name in line.split(","):
                groups.setdefault(fold(name), set()).add(number)
    return {name: frozenset(numbers) for name, numbers in groups.items()}


@cache
def _formal_names() -> dict[int, str]:
    """Each nickname group's number -> its formal name (the first on its line)."""
    lines = resource_path("matching", "nicknames.txt").read_text(encoding="utf-8").splitlines()
    return {
        n: fold(line.split(",")[0])
        for n, line in enumerate(lines)
        if line.strip() and not line.lstrip().startswith("#")
    }


def same_given_name(a: str, b: str) -> bool:
    """'bob' and 'robert', 'liz' and 'elisabeth': the same given name, or nicknames of one."""
    if a == b:
        return True
    groups = nickname_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


@cache
def given_name_forms(name: str) -> frozenset[str]:
    """The name and the formal names it may stand for ('bob' -> {'bob', 'robert'})."""
    formal = _formal_names()
    return frozenset({name} | {formal[n] for n in nickname_groups().get(name, frozenset())})


@cache
def folded_name(name: str) -> str:
    """(Names repeat: each is folded once.)"""
    return fold(name)


def _rows(reader: Session | sqlite3.Connection, sql: str) -> Iterable[Sequence[Any]]:
    from db.search import raw_rows

    return raw_rows(reader, sql, {})


def read_profiles(
    reader: Session | sqlite3.Connection, ids: Sequence[int] | None = None
) -> Profiles:
    """Every live contact's profile (or these contacts'), in id order."""
    only = f" AND id IN ({','.join(str(int(i)) for i in ids)})" if ids is not None else ""
    rows = list(
        _rows(
            reader,
            "SELECT id, first_name, last_name, company, coalesce(birthday, '') FROM contacts "
            f"WHERE deleted_at IS NULL{only} ORDER BY id",
        )
    )
    profiles = Profiles(
        ids=[r[0] for r in rows],
        first=[folded_name(r[1]) for r in rows],
        last=[folded_name(r[2]) for r in rows],
        company=[company_key(r[3]) for r in rows],
        birthday=[r[4] for r in rows],
    )
    del rows
    where = {contact_id: n for n, contact_id in enumerate(profiles.ids)}
    count = len(profiles.ids)
    of_them = only.replace(" AND id", " AND contact_id")
    profiles.emails = _sets(reader, "emails", "normalized", where, count, of_them=of_them)
    profiles.phones = _sets(reader, "phones", "e164", where, count, of_them=of_them)
    profiles.postcode = [""] * count
    profiles.street = [""] * count
    profiles.house = [""] * count
    # The mailing address, else the first: one address per contact is compared.
    for contact_id, street, postcode in _rows(
        reader,
        f"SELECT contact_id, street, postal_code FROM addresses WHERE 1{of_them} "
        "ORDER BY contact_id, is_mailing, position DESC",  # the last one read is kept
    ):
        n = where.get(contact_id)
        if n is not None:
            profiles.postcode[n] = postcode_key(postcode)
            profiles.street[n] = street_key(street)
            profiles.house[n] = house_number(street)
    return profiles


def _sets(
    reader: Session | sqlite3.Connection,
    table: str,
    column: str,
    where: dict[int, int],
    count: int,
    *,
    of_them: str = "",
) -> list[frozenset[str]]:
    """Each contact's values of a multi-valued part (its e-mails, its phones), as a set."""
    empty: frozenset[str] = frozenset()
    found = [empty] * count
    sql = (
        f"SELECT contact_id, group_concat({column}, char(31)) FROM {table} "
        f"WHERE {column} IS NOT NULL AND {column} != ''{of_them} GROUP BY contact_id"
    )
    for contact_id, joined in _rows(reader, sql):
        n = where.get(contact_id)
        if n is not None:
            found[n] = frozenset(joined.split("\x1f"))
    return found


@cache
def postcode_key(postcode: str) -> str:
    return _NOT_WORD.sub("", postcode).lower()


# Street words as people shorten them, written out, so that "Kongens gt. 3" is "Kongens gate 3".
STREET_WORDS = {
    "gt": "gate", "vn": "veien", "v": "vei", "pl": "plass", "str": "strasse", "st": "street",
    "rd": "road", "ave": "avenue", "av": "avenue", "dr": "drive", "ln": "lane",
    "blvd": "boulevard", "hwy": "highway",
}  # fmt: skip


@cache
def street_key(street: str) -> str:
    words = _NOT_WORD.sub(" ", fold(street)).split()
    return " ".join(STREET_WORDS.get(word, word) for word in words)
