"""What duplicate finding compares: each live contact as a "profile" of folded, normalised values
(read with plain SQL, a million at a time), and the nickname groups it knows (resources/matching).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
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
SEPARATOR = "\x1f"  # between a contact's e-mail addresses, and its phone numbers


@dataclass
class Profiles:
    """Live contacts, one per index, as duplicate finding compares them (columns of lists)."""

    ids: list[int] = field(default_factory=list)
    first: list[str] = field(default_factory=list)  # folded
    last: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)  # folded, without legal forms
    postcode: list[str] = field(default_factory=list)  # of the mailing (or first) address
    city: list[str] = field(default_factory=list)  # folded, letters and digits only
    street: list[str] = field(default_factory=list)  # folded
    house: list[str] = field(default_factory=list)  # the street number
    birthday: list[str] = field(default_factory=list)  # ISO, or ""
    emails: list[str] = field(default_factory=list)  # normalised, joined by SEPARATOR
    phones: list[str] = field(default_factory=list)  # E.164, joined by SEPARATOR
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
            found, self._values[column] = factorize(values)
            self._codes[column] = found
        return found

    def present(self, column: str) -> npt.NDArray[np.bool_]:
        """Which contacts have a value in `column`."""
        values: list[Any] = getattr(self, column)
        return np.fromiter(map(bool, values), dtype=bool, count=len(values))

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


def profile_columns() -> tuple[str, ...]:
    """The names of the profiles' columns (their lists), the ids first."""
    return tuple(f.name for f in dataclass_fields(Profiles) if not f.name.startswith("_"))


def factorize(values: Sequence[str]) -> tuple[Codes, list[str]]:
    """A number for each value, one per distinct value (the empty one: 0), and the distinct
    values at their numbers."""
    distinct = ["", *(v for v in dict.fromkeys(values) if v)]
    numbers = {v: n for n, v in enumerate(distinct)}
    codes = np.fromiter(map(numbers.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, distinct


def values_of(joined: str) -> frozenset[str]:
    """A contact's e-mail addresses (or phones) as a set."""
    return frozenset(joined.split(SEPARATOR)) if joined else frozenset()


def shares(a: str, b: str) -> bool:
    """Whether two contacts share an e-mail address (or a phone number)."""
    return bool(a and b and values_of(a) & values_of(b))


@cache
def company_key(company: str) -> str:
    """'Fjordkraft AS' and 'FJORDKRAFT A/S.' -> 'fjordkraft'."""
    words = _NOT_WORD.sub(" ", fold(company)).split()
    kept = [w for w in words if w not in LEGAL_FORMS and not (len(w) == 1 and w in "as")]
    return " ".join(kept)


@cache
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
    """Every live contact's profile (or these contacts'), in id order. Names, companies and
    streets repeat: each distinct one is folded once."""
    only = f" AND id IN ({','.join(str(int(i)) for i in ids)})" if ids is not None else ""
    rows = _rows(
        reader,
        "SELECT id, first_name, last_name, company, coalesce(birthday, '') FROM contacts "
        f"WHERE deleted_at IS NULL{only} ORDER BY id",
    )
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) or [(), (), (), (), ()]
    profiles = Profiles(
        ids=list(columns[0]),
        first=list(map(folded_name, columns[1])),
        last=list(map(folded_name, columns[2])),
        company=list(map(company_key, columns[3])),
        birthday=list(columns[4]),
    )
    del columns
    order = np.asarray(profiles.ids, dtype=np.int64)
    of_them = only.replace(" AND id", " AND contact_id")
    profiles.emails = _joined(reader, "emails", "normalized", order, of_them)
    profiles.phones = _joined(reader, "phones", "e164", order, of_them)
    # The mailing address, else the first: one address per contact is compared.
    found = list(
        zip(
            *_rows(
                reader,
                f"SELECT contact_id, street, postal_code, city FROM addresses WHERE 1{of_them} "
                "ORDER BY contact_id, is_mailing, position DESC",  # the last one is kept
            ),
            strict=True,
        )
    ) or [(), (), (), ()]
    owners = np.fromiter(found[0], dtype=np.int64, count=len(found[0]))
    last = np.flatnonzero(np.r_[owners[1:] != owners[:-1], True]) if len(owners) else owners
    at, known = _places(order, owners[last])
    streets = [found[1][int(k)] for k in last[known]]
    postcodes = [found[2][int(k)] for k in last[known]]
    cities = [found[3][int(k)] for k in last[known]]
    profiles.postcode = _spread(len(order), at, map(postcode_key, postcodes))
    profiles.city = _spread(len(order), at, map(city_key, cities))
    profiles.street = _spread(len(order), at, map(street_key, streets))
    profiles.house = _spread(len(order), at, map(house_number, streets))
    return profiles


def _places(order: Codes, contact_ids: Codes) -> tuple[Codes, npt.NDArray[np.bool_]]:
    """Where each of `contact_ids` is in `order` (sorted ids), and which are there at all."""
    at = np.searchsorted(order, contact_ids)
    known = at < len(order)
    known[known] = order[at[known]] == contact_ids[known]
    return at[known], known


def _spread(count: int, at: Codes, values: Iterable[str]) -> list[str]:
    column = np.full(count, "", dtype=object)
    column[at] = list(values)
    spread: list[str] = column.tolist()
    return spread


def _joined(
    reader: Session | sqlite3.Connection, table: str, column: str, order: Codes, of_them: str
) -> list[str]:
    """Each contact's values of a multi-valued part (its e-mails, its phones), joined by
    SEPARATOR ("" when it has none)."""
    sql = (
        f"SELECT contact_id, group_concat({column}, char(31)) FROM {table} "
        f"WHERE {column} IS NOT NULL AND {column} != ''{of_them} GROUP BY contact_id"
    )
    found = list(zip(*_rows(reader, sql), strict=True)) or [(), ()]
    owners = np.fromiter(found[0], dtype=np.int64, count=len(found[0]))
    at, known = _places(order, owners)
    values = found[1]
    return _spread(
        len(order), at, values if known.all() else [values[int(k)] for k in np.flatnonzero(known)]
    )


@cache
def postcode_key(postcode: str) -> str:
    return _NOT_WORD.sub("", postcode).lower()


@cache
def city_key(city: str | None) -> str:
    """'Salisbury East' and 'salisburyeast' -> 'salisburyeast'."""
    return _NOT_WORD.sub("", fold(city or "")).replace("_", "")


# Street words as people shorten them, written out, so that "Kongens gt. 3" is "Kongens gate 3".
STREET_WORDS = {
    "gt": "gate", "vn": "veien", "v": "vei", "pl": "plass", "str": "strasse", "st": "street",
    "rd": "road", "ave": "avenue", "av": "avenue", "dr": "drive", "ln": "lane",
    "blvd": "boulevard", "hwy": "highway",
}  # fmt: skip


@cache
def street_key(street: str) -> str:
    """The street folded, its words written out, one line per line (a building or suite on the
    second): 'Kongens gt. 3' -> 'kongens gate 3'."""
    lines = (_NOT_WORD.sub(" ", fold(line)).split() for line in street.splitlines())
    return "\n".join(
        " ".join(STREET_WORDS.get(word, word) for word in words) for words in lines if words
    )
