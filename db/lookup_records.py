"""Lookups as plain data: conditions, the operators each kind of field offers, and the JSON a
saved lookup is kept as. No database here, so the lookup builder can use it before SQLAlchemy.

A lookup is rows of (field, operator, value), each joined to the row before by "and" or "or".
"And" binds first, as in SQL: `a and b or c and d` is `(a and b) or (c and d)`. That is the one
level of grouping a lookup has: groups of "and" rows, any of which may match.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

OPERATOR_LABELS = {
    "contains": "contains",
    "is": "is",
    "is_not": "is not",
    "starts_with": "starts with",
    "lt": "is less than",
    "gt": "is more than",
    "between": "is between",
    "before": "is before",
    "after": "is after",
    "in_last_days": "is in the last N days",
    "not_in_last_days": "is not in the last N days",
    "is_yes": "is yes",
    "is_no": "is no",
    "is_empty": "is empty",
    "is_not_empty": "is not empty",
}
_EMPTINESS = ("is_empty", "is_not_empty")
_TEXT = ("contains", "is", "is_not", "starts_with", *_EMPTINESS)
_NUMBER = ("is", "is_not", "lt", "gt", "between", *_EMPTINESS)
_DATE = ("is", "before", "after", "between", "in_last_days", "not_in_last_days", *_EMPTINESS)
# The operators each kind of lookup field offers, the usual one first.
OPERATORS: dict[str, tuple[str, ...]] = {
    "text": _TEXT,
    "url": _TEXT,
    "phone": _TEXT,
    "choice": ("is", "is_not", "contains", *_EMPTINESS),
    "number": _NUMBER,
    "currency": _NUMBER,
    "date": _DATE,
    "yes_no": ("is_yes", "is_no"),
    "membership": ("is", "is_not", *_EMPTINESS),  # categories and groups
}
# Operators that take no value, and the ones that take two.
NO_VALUE = ("is_empty", "is_not_empty", "is_yes", "is_no")
TWO_VALUES = ("between",)
DAYS = ("in_last_days", "not_in_last_days")
JOINERS = ("and", "or")


@dataclass(frozen=True)
class SqlFragment:
    """A WHERE condition over `contacts c`, as SQL text with named parameters: what the list's
    reads (plain sqlite3, see `db.search`) add to their own conditions."""

    sql: str
    params: dict[str, Any]


@dataclass(frozen=True)
class LookupField:
    """Something a lookup can test: a contact column, a user field, categories, groups…"""

    key: str  # "company", "custom:7", "category", "last_contacted"…
    label: str
    kind: str  # a key of OPERATORS
    choices: tuple[str, ...] = ()  # for choice lists, categories and groups


@dataclass(frozen=True)
class Condition:
    field: str  # a LookupField key
    operator: str  # a key of OPERATOR_LABELS
    value: str = ""
    value2: str = ""  # the upper end of "between"
    joiner: str = "and"  # how this row joins the one before (ignored on the first row)


@dataclass(frozen=True)
class Lookup:
    conditions: tuple[Condition, ...] = field(default_factory=tuple)

    def groups(self) -> list[list[tuple[int, Condition]]]:
        """The rows split where an "or" starts a new group, each row with its number (from 1)."""
        groups: list[list[tuple[int, Condition]]] = []
        for number, condition in enumerate(self.conditions, start=1):
            if not groups or condition.joiner == "or":
                groups.append([])
            groups[-1].append((number, condition))
        return groups

    def to_json(self) -> str:
        return json.dumps({"conditions": [asdict(c) for c in self.conditions]})

    @classmethod
    def from_json(cls, text: str) -> Lookup:
        """Read a saved lookup; ValueError in words if the text is not one."""
        try:
            data = json.loads(text)
            rows = data["conditions"]
            return cls(tuple(Condition(**{k: str(v) for k, v in row.items()}) for row in rows))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"the saved lookup cannot be read ({exc})") from None

    def describe(self, labels: dict[str, str]) -> str:
        """In words, e.g. "Status is Customer and City contains Oslo"."""
        parts = []
        for number, c in enumerate(self.conditions):
            words = [labels.get(c.field, c.field), OPERATOR_LABELS.get(c.operator, c.operator)]
            if c.operator == "between":
                words.append(f"{c.value} and {c.value2}")
            elif c.operator in DAYS:
                words[1] = f"{'not ' if c.operator.startswith('not') else ''}in the last"
                words.append(f"{c.value} days")
            elif c.operator not in NO_VALUE:
                words.append(c.value)
            parts.append((f"{c.joiner} " if number else "") + " ".join(words))
        return " ".join(parts)


@dataclass(frozen=True)
class SavedLookup:
    id: int
    name: str
    lookup: Lookup
    problem: str = ""  # why the stored lookup cannot be read, if it cannot


@dataclass(frozen=True)
class Group:
    """A static group: contacts put in by hand."""

    id: int
    name: str
    description: str = ""
    contacts: int = 0  # live contacts in it
