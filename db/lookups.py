"""Lookups compiled to SQL: each row a SQLAlchemy expression over the contacts table (aliased
`c`, as `db.search` writes it), never a filter over loaded rows.

Fields held in other tables (phones, e-mails, addresses, user fields, categories, groups, the
history) are tested against the set of contacts that have a matching row. In each group of "and"
rows one such set drives the search, `c.id IN (SELECT contact_id …)`, which SQLite answers from
the index with the field first and then reads only those contacts; the others are tested for each
of them (`EXISTS (… WHERE contact_id = c.id …)`), so that a set that no index narrows (a city
that contains "o") is never read whole. The driving set is the smallest of the ones an index
finds, counted up to `ESTIMATE_CAP` before the search. Dates are compared as day ranges, half
open, in the ISO text SQLite stores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    String,
    and_,
    exists,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import sqlite

from db.field_types import CustomField, FieldValueError, parse_number
from db.lookup_records import (
    DAYS,
    NO_VALUE,
    OPERATORS,
    TWO_VALUES,
    Lookup,
    LookupField,
    SqlFragment,
)
from db.models import (
    CONTACT_KINDS,
    AddressRow,
    CategoryRow,
    ContactCategoryRow,
    ContactGroupRow,
    ContactRow,
    CustomValueRow,
    EmailRow,
    GroupMemberRow,
    HistoryRow,
    PhoneRow,
)
from db.records import FieldError
from db.validation import LABELS, InvalidContactError, parse_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

C = ContactRow.__table__.alias("c")
ESTIMATE_CAP = 100_000  # rows counted, at most, to pick the set that drives a group of "and" rows
# Tests an index on the field's table answers (for user fields, `(field_id, value_…)`).
_INDEXED_OPERATORS = ("is", "between", "lt", "gt", "before", "after", "in_last_days", "is_yes")
_DIALECT = sqlite.dialect(paramstyle="named")
MAX_DAYS = 36_500  # "in the last N days": up to a hundred years
Expr = ColumnElement[bool]

# Contact columns a lookup can test, by kind.
_TEXT_COLUMNS = (
    "first_name", "last_name", "company", "title", "department", "salutation", "referred_by",
    "last_result", "web_site", "notes",
)  # fmt: skip
_FLAG_COLUMNS = ("do_not_call", "do_not_mail", "do_not_email", "mail_returned", "email_bounced")
# Columns of the contact's phones, e-mails and addresses: any one of them may match.
_CHILD_COLUMNS = {
    "phone": ("Phone", PhoneRow.contact_id, PhoneRow.number),
    "email": ("E-mail", EmailRow.contact_id, EmailRow.address),
    "street": ("Street", AddressRow.contact_id, AddressRow.street),
    "city": ("City", AddressRow.contact_id, AddressRow.city),
    "postal_code": ("Postal code", AddressRow.contact_id, AddressRow.postal_code),
    "region": ("Region", AddressRow.contact_id, AddressRow.region),
    "country": ("Country", AddressRow.contact_id, AddressRow.country),
}
_DATE_COLUMNS = {
    "created_at": "Created",
    "edited_at": "Edited",
    "birthday": "Birthday",
    "next_follow_up_on": "Next follow-up",
}


def lookup_fields(session: Session) -> list[LookupField]:
    """Everything a lookup can test, in the order the builder offers it."""
    from db.custom_fields import custom_fields
    from db.store_settings import statuses

    def names(table: type[CategoryRow] | type[ContactGroupRow]) -> tuple[str, ...]:
        """(Names only: the counts the side panels show cost a read of every member.)"""
        return tuple(session.scalars(select(table.name).order_by(table.position, table.name)))

    fields = [
        *(LookupField(k, LABELS[k], "text") for k in ("first_name", "last_name", "company")),
        *(LookupField(k, label, "text") for k, (label, _c, _v) in _CHILD_COLUMNS.items()),
        LookupField("status", LABELS["status"], "choice", tuple(statuses(session))),
        LookupField("category", "Category", "membership", names(CategoryRow)),
        LookupField("group", "Group", "membership", names(ContactGroupRow)),
        LookupField("last_contacted", "Last contacted (call, meeting…)", "date"),
        *(LookupField(k, label, "date") for k, label in _DATE_COLUMNS.items()),
        *(LookupField(k, LABELS[k], "text") for k in _TEXT_COLUMNS[3:]),
        *(LookupField(k, LABELS[k], "yes_no") for k in _FLAG_COLUMNS),
    ]
    for custom in custom_fields(session):
        fields.append(LookupField(custom.key, custom.name, custom.kind, custom.choices))
    return fields


def compile_lookup(session: Session, lookup: Lookup, today: date) -> SqlFragment:
    """The lookup as one SQL condition over `contacts c`; InvalidContactError naming each row
    that cannot be run ("Row 2 (Company size): 'lots' is not a number")."""
    known = {f.key: f for f in lookup_fields(session)}
    builder = _Builder(session, known, today)
    expression = builder.lookup(lookup)
    if builder.errors:
        raise InvalidContactError(builder.errors)
    compiled = expression.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    return SqlFragment(str(compiled), dict(compiled.params))


def lookup_ids(session: Session, lookup: Lookup, today: date) -> list[int]:
    """The live contacts a lookup finds, in name order (for the command line and tests)."""
    from db import search

    return list(search.matching_ids(session, "", extra=compile_lookup(session, lookup, today)))


@dataclass(frozen=True)
class _Members:
    """The contacts with a row in another table that meets `where`: `owner` is that table's
    contact id; `negated` means the contacts without one."""

    owner: Any
    where: tuple[Expr, ...]
    negated: bool = False
    indexed: bool = False  # an index finds the rows (else the whole table is read)

    def listed(self) -> Expr:
        members = select(self.owner).where(*self.where)
        return C.c.id.not_in(members) if self.negated else C.c.id.in_(members)

    def probed(self) -> Expr:
        """The same test, for one contact at a time."""
        # `c.id` as text: the fragment is compiled on its own, where SQLAlchemy would not see
        # the contacts of the enclosing query and would add a second `contacts AS c` here.
        found = exists().where(self.owner == literal_column("c.id"), *self.where)
        return not_(found) if self.negated else found


Part = ColumnElement[bool] | _Members


def _bound(value: str | float) -> Any:
    """A value bound as plain text or a number, whatever the column's Python type: dates are
    compared as the ISO text SQLite keeps them in."""
    return literal(value, Float() if isinstance(value, float) else String())


class _Builder:
    def __init__(self, session: Session, known: dict[str, LookupField], today: date) -> None:
        self.session = session
        self.known = known
        self.today = today
        self.errors: list[FieldError] = []
        self._categories: dict[str, int] | None = None
        self._groups: dict[str, int] | None = None

    def lookup(self, lookup: Lookup) -> Expr:
        if not lookup.conditions:
            return true()
        alternatives = [
            self._all_of([self.row(number, condition) for number, condition in group])
            for group in lookup.groups()
        ]
        return or_(*alternatives)

    def _all_of(self, parts: Sequence[Part]) -> Expr:
        """One group of "and" rows: the smallest set of contacts found through an index drives
        it (the first set, when none is); every other set is tested contact by contact."""
        sets = [p for p in parts if isinstance(p, _Members) and not p.negated]
        if self.errors or not sets:
            return and_(*(p.listed() if isinstance(p, _Members) else p for p in parts))
        driver = min(sets, key=self._estimate) if len(sets) > 1 else sets[0]
        return and_(
            driver.listed(),
            *((p.probed() if isinstance(p, _Members) else p) for p in parts if p is not driver),
        )

    def _estimate(self, members: _Members) -> int:
        """How many rows the set has, counted up to ESTIMATE_CAP through its index; a set no
        index finds counts as more than that (it is read whole, so it drives last)."""
        if not members.indexed:
            return ESTIMATE_CAP + 1
        # Selecting a constant, not the contact id, lets SQLite count from the index alone.
        table = members.owner.expression.table
        capped = (
            select(literal(1)).select_from(table).where(*members.where).limit(ESTIMATE_CAP)
        ).subquery()
        return int(self.session.scalar(select(func.count()).select_from(capped)) or 0)

    def row(self, number: int, condition: Any) -> Part:
        field = self.known.get(condition.field)
        where = f"Row {number}"
        if field is None:
            gone = (
                "tests a user field that has been deleted"
                if condition.field.startswith("custom:")
                else f"there is no field '{condition.field}'"
            )
            self.errors.append(FieldError(where, gone))
            return false()
        where = f"Row {number} ({field.label})"
        if condition.operator not in OPERATORS[field.kind]:
            self.errors.append(
                FieldError(where, f"'{condition.operator}' does not apply to this field")
            )
            return false()
        try:
            return self._expression(field, condition)
        except FieldValueError as problem:
            self.errors.append(FieldError(where, str(problem)))
            return false()

    # What each kind of field is tested with.

    def _expression(self, field: LookupField, condition: Any) -> Part:
        op, value, value2 = condition.operator, condition.value.strip(), condition.value2.strip()
        if op not in NO_VALUE and not value:
            raise FieldValueError("needs a value")
        if op in TWO_VALUES and not value2:
            raise FieldValueError("needs a value at both ends")
        key = field.key
        if key.startswith("custom:"):
            return self._custom(field, op, value, value2)
        if key in ("category", "group"):
            return self._membership(key, op, value)
        if key == "last_contacted":
            return self._last_contacted(op, value, value2)
        if key in _CHILD_COLUMNS:
            _label, owner, column = _CHILD_COLUMNS[key]
            return _in_set(owner, column, op, self._test(field, op, value, value2))
        return self._on_contact(field, op, value, value2)

    def _on_contact(self, field: LookupField, op: str, value: str, value2: str) -> Expr:
        """A test of a column of the contacts table itself."""
        column = C.c[field.key]
        if field.kind == "yes_no":
            return column.is_(True) if op == "is_yes" else column.is_not(True)
        has = column != "" if field.kind in ("text", "choice") else column.is_not(None)
        if op == "is_empty":
            return not_(has)
        if op == "is_not_empty":
            return has
        test = self._test(field, op, value, value2)
        if op in ("is_not", "not_in_last_days"):  # the empty ones too
            return or_(not_(has), not_(test(column)))
        return and_(has, test(column))

    def _test(self, field: LookupField, op: str, value: str, value2: str) -> Callable[[Any], Expr]:
        """The positive test of `op` on a column: "is", "contains", a range…"""
        if op in NO_VALUE:
            return lambda _column: true()  # (emptiness is tested by the caller)
        if field.kind == "date":
            return _range_test(*self._day_range(op, value, value2))
        if field.kind in ("number", "currency"):
            return _number_test(op, value, value2)
        return _text_test(op, value)

    def _day_range(self, op: str, value: str, value2: str) -> tuple[date | None, date | None]:
        """The days `op` means, as [low, high) (None: open-ended)."""
        day = timedelta(days=1)
        if op in DAYS:
            if not (value.isascii() and value.isdigit() and int(value) <= MAX_DAYS):
                raise FieldValueError(f"'{value}' is not a number of days (0 to {MAX_DAYS:,})")
            return self.today - timedelta(days=int(value)), self.today + day
        first = _date(value)
        try:
            if op == "before":
                return None, first
            if op == "after":
                return first + day, None
            if op == "between":
                second = _date(value2)
                return min(first, second), max(first, second) + day
            return first, first + day  # "is": that day
        except OverflowError:
            return first, None  # the last day of the calendar: nothing comes after it

    def _last_contacted(self, op: str, value: str, value2: str) -> Part:
        """The latest call, meeting, letter or e-mail in the history falls in the range: some
        contact in it, and none after it."""
        moment = HistoryRow.occurred_at
        contacted = HistoryRow.kind.in_(CONTACT_KINDS)
        if op in ("is_empty", "is_not_empty", "not_in_last_days"):
            field = LookupField("last_contacted", "", "date")
            test = self._test(field, op, value, value2)
            return _in_set(HistoryRow.contact_id, moment, op, test, contacted)
        low, high = self._day_range(op, value, value2)

        def members(*conditions: Expr) -> Select[Any]:
            return select(HistoryRow.contact_id).where(contacted, *conditions)

        found = C.c.id.in_(members(moment >= _bound(low.isoformat())) if low else members())
        if high is None:
            return found
        return and_(found, C.c.id.not_in(members(moment >= _bound(high.isoformat()))))

    def _custom(self, field: LookupField, op: str, value: str, value2: str) -> Part:
        field_id = int(field.key.split(":", 1)[1])
        custom = CustomField(field_id, field.label, field.kind, field.choices)
        column = getattr(CustomValueRow, custom.column)
        of_field = CustomValueRow.field_id == field_id
        owner = CustomValueRow.contact_id
        if field.kind == "yes_no":
            yes = (of_field, column == _bound(1.0))
            return _Members(owner, yes, negated=op != "is_yes", indexed=True)
        test = self._test(field, op, value, value2)
        indexed = op in (*_INDEXED_OPERATORS, "is_not_empty")
        return _in_set(owner, column, op, test, of_field, indexed=indexed)

    def _membership(self, key: str, op: str, value: str) -> Part:
        table: type[CategoryRow] | type[ContactGroupRow]
        if key == "category":
            owner, link = ContactCategoryRow.contact_id, ContactCategoryRow.category_id
            table = CategoryRow
        else:
            owner, link, table = GroupMemberRow.contact_id, GroupMemberRow.group_id, ContactGroupRow
        if op in ("is_empty", "is_not_empty"):
            anyone = select(owner)
            return C.c.id.not_in(anyone) if op == "is_empty" else C.c.id.in_(anyone)
        named = self.session.execute(select(table.id, table.name)).all()  # (a few dozen)
        found = next((i for i, name in named if name.casefold() == value.casefold()), None)
        if found is None:
            raise FieldValueError(f"there is no {key} “{value}”")
        return _Members(owner, (link == found,), negated=op != "is", indexed=True)


def _text_test(op: str, value: str) -> Callable[[Any], Expr]:
    """Contains, starts with or is, whatever the case. SQLite's LIKE and NOCASE fold ASCII only,
    so a value with other letters (ø, é, ß…) is matched with GLOB and a class per letter,
    "[Øø]", which folds any alphabet."""
    if value.isascii():
        if op == "contains":
            return lambda column: column.contains(value, autoescape=True)
        if op == "starts_with":
            return lambda column: column.startswith(value, autoescape=True)
        return lambda column: column.collate("NOCASE") == _bound(value)
    pattern = "".join(_glob_letter(letter) for letter in value)
    pattern = {"contains": f"*{pattern}*", "starts_with": f"{pattern}*"}.get(op, pattern)
    return lambda column: column.op("GLOB")(_bound(pattern))


def _glob_letter(letter: str) -> str:
    """One letter of a GLOB pattern: itself in both cases, or itself taken literally."""
    if letter in "*?[":
        return f"[{letter}]"
    lower, upper = letter.lower(), letter.upper()
    if lower != upper and len(lower) == 1 and len(upper) == 1:
        return f"[{lower}{upper}]"
    return letter


def _range_test(low: date | None, high: date | None) -> Callable[[Any], Expr]:
    """Between two days, [low, high), as ISO text: right for date and date-time columns alike."""

    def test(column: Any) -> Expr:
        ends = []
        if low is not None:
            ends.append(column >= _bound(low.isoformat()))
        if high is not None:
            ends.append(column < _bound(high.isoformat()))
        return and_(*ends)

    return test


def _number_test(op: str, value: str, value2: str) -> Callable[[Any], Expr]:
    first = parse_number(value)
    if op == "between":
        second = parse_number(value2)
        low, high = min(first, second), max(first, second)
        return lambda column: column.between(_bound(low), _bound(high))
    compare = {"lt": "__lt__", "gt": "__gt__", "is_not": "__eq__"}.get(op, "__eq__")
    return lambda column: getattr(column, compare)(_bound(first))


def _in_set(
    owner: Any,
    column: Any,
    op: str,
    test: Callable[[Any], Expr],
    *scope: Expr,
    indexed: bool = False,
) -> _Members:
    """A test on a table beside the contacts (several rows per contact: any one may match)."""
    has = (
        column.is_not(None) & (column != "")
        if column.type.python_type is str
        else column.is_not(None)
    )
    if op in ("is_empty", "is_not_empty"):
        return _Members(owner, (*scope, has), negated=op == "is_empty", indexed=indexed)
    negated = op in ("is_not", "not_in_last_days")
    return _Members(owner, (*scope, test(column)), negated=negated, indexed=indexed)


def _date(text: str) -> date:
    try:
        found = parse_date(text, "")
    except InvalidContactError as invalid:
        raise FieldValueError(invalid.errors[0].message) from None
    if found is None:
        raise FieldValueError("needs a date")
    return found
