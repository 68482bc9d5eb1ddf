"""One CSV row to one `Incoming` record, by a column mapping: standard fields, dates read in the
file's order, flags, categories, user fields, names split, and the phones, e-mails and addresses
(`csv_items`), every value checked. A problem raises `BadRowError` naming the column;
`csv_rows` turns it into a `Rejected` row."""

from __future__ import annotations

from datetime import date
from itertools import compress

from db.field_types import MAX_NAME
from db.field_types import MAX_TEXT as MAX_USER_TEXT
from db.interchange.csv_dates import DateError, is_empty_date, parse_date
from db.interchange.csv_items import (
    ITEM_READERS,
    BadRowError,
    Item,
    Parts,
    RowSoFar,
    add_whole_items,
    check_length,
)
from db.interchange.csv_mapping import Mapping
from db.interchange.csv_targets import TEXT_FIELDS
from db.interchange.csv_values import FlagError, parse_flag, split_categories
from db.interchange.incoming import Incoming, birthday_without_year
from db.records import fields_of
from db.validation import MAX_TEXT

# Layouts whose categories are joined by " ::: " only (a ";" may be part of a name there).
SPACED_CATEGORY_LAYOUTS = frozenset({"Cardfile", "Google Contacts", "Google Contacts (legacy)"})
_UNCHECKED_LENGTH = frozenset({"notes", "web_site"})  # as db.validation: no length limit


def clean(cell: str) -> str:
    """A cell's text without surrounding spaces, its line breaks as "\\n" (Outlook: CR LF)."""
    text = cell.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# What to do with a column's cell: ("field", name, column), ("item", key, part, column),
# ("single", role, part or name, column); None: left out.
_Step = tuple[str, ...]


class RowReader:
    """Reads rows by `mapping`, dates in `order` ("MDY", "DMY", "YMD")."""

    def __init__(self, mapping: Mapping, order: str) -> None:
        self._width = len(mapping.columns)
        self._order = order
        self._semicolons = mapping.layout not in SPACED_CATEGORY_LAYOUTS
        self._items: dict[str, Item] = {}
        self._steps: list[_Step | None] = []
        for column, target in zip(mapping.columns, mapping.targets, strict=True):
            step: _Step | None = None
            if target.role == "field":
                plain = target.name in TEXT_FIELDS
                checked = target.name not in _UNCHECKED_LENGTH
                how = ("text" if checked else "long text") if plain else "field"
                step = (how, target.name, column)
            elif target.role in ("phone", "email", "address", "labelled"):
                key = f"{target.role} {target.item}"
                self._items.setdefault(key, Item(target.role, target.kind))
                step = ("item", key, target.part, column)
            elif target.role != "ignore":
                step = ("single", target.role, target.part or target.name, column)
            self._steps.append(step)
        self._read_whole_items_at_once()

    def _read_whole_items_at_once(self) -> None:
        """A phone or an e-mail that is one column (Outlook's, Thunderbird's) is read as its cell
        is, not gathered with other columns first: most rows of most files are only these."""
        columns: dict[str, list[int]] = {}
        for position, step in enumerate(self._steps):
            if step is not None and step[0] == "item":
                columns.setdefault(step[1], []).append(position)
        whole = {("phone", "number"), ("email", "address")}
        for key, positions in columns.items():
            item, step = self._items[key], self._steps[positions[0]]
            if len(positions) == 1 and step is not None and (item.role, step[2]) in whole:
                self._steps[positions[0]] = (item.role, item.kind or "work", step[3])

    def record(self, line: int, cells: list[str]) -> Incoming | None:
        """The row's record; None for an empty row. Raises BadRowError."""
        width = self._width
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise BadRowError("", f"the row has {len(cells)} cells but the header {width} columns")
        row = RowSoFar()
        items = self._read_cells(cells, row)
        if items is None:
            return None
        for key, parts in items.items():
            item = self._items[key]
            ITEM_READERS[item.role](item, parts, row)
        return _finish(row, line, cells)

    def _read_cells(self, cells: list[str], row: RowSoFar) -> dict[str, Parts] | None:
        """Reads the non-empty cells into `row`; returns the parts of each item found, None
        when every cell is empty. (No list of the filled cells: fewer objects, fewer garbage
        collections on a long file.)"""
        items: dict[str, Parts] = {}
        anything = False
        for cell, step in compress(zip(cells, self._steps, strict=False), cells):
            if step is None or cell.isspace():
                continue
            anything = True
            text = cell.strip()
            if "\r" in text:
                text = clean(text)
            how = step[0]
            if how == "item":
                items.setdefault(step[1], {}).setdefault(step[2], (text, step[3]))
            elif how in ("phone", "email"):
                add_whole_items(how, text, step[1], step[2], row)
            elif how in ("text", "long text"):
                if how == "text" and len(text) > MAX_TEXT:
                    raise BadRowError(step[2], f"is longer than {MAX_TEXT} characters")
                _set_text(row, step[1], text, step[2])
            elif how == "field":
                self._read_field(step[1], text, step[2], row)
            else:
                self._read_single(step[1], step[2], text, step[3], row)
        if anything or any(cell.strip() for cell in cells):
            return items  # (a row with only left-out columns filled names no one)
        return None

    def _read_field(self, name: str, text: str, column: str, row: RowSoFar) -> None:
        value: str | bool | date | None
        if name == "birthday":
            try:
                value = parse_date(text, self._order)
            except DateError as exc:
                raise BadRowError(column, str(exc)) from None
        else:
            try:
                value = parse_flag(text)
            except FlagError as exc:
                raise BadRowError(column, str(exc)) from None
        if value is not None and value is not False:
            _set_text(row, name, value, column, text)

    def _read_single(self, role: str, what: str, text: str, column: str, row: RowSoFar) -> None:
        if role == "categories":
            for name in split_categories(text, self._semicolons):
                if len(name) > MAX_NAME:
                    raise BadRowError(column, f"'{name[:40]}…' is longer than {MAX_NAME}")
                row.categories.append(name)
        elif role == "custom":
            if is_empty_date(text):  # Outlook's 0/0/00 in an Anniversary column
                return
            if len(text) > MAX_USER_TEXT:
                raise BadRowError(column, f"is longer than {MAX_USER_TEXT} characters")
            row.custom.append((what, text))
        elif role == "full_name":
            row.full_name = row.full_name or text
        elif role == "birthday_part":
            row.birthday_parts.setdefault(what, (text, column))


def _set_text(row: RowSoFar, name: str, value: object, column: str, text: str = "") -> None:
    """Sets a standard field; a second column for the same field with another value (Google's
    "Website 2 - Value") is kept as a user field named after its column, not lost."""
    earlier = row.texts.get(name)
    if earlier is None or earlier == "":
        row.texts[name] = value
    elif earlier != value:
        row.custom.append((column, text or str(value)))


def _finish(row: RowSoFar, line: int, cells: list[str]) -> Incoming:
    """The record the row makes, once every cell is read."""
    _use_full_name(row)
    _use_birthday_parts(row)
    texts = row.texts
    named = any(texts.get(name) for name in ("first_name", "middle_name", "last_name"))
    if not (named or texts.get("company") or row.emails or row.phones):
        raise BadRowError("", "no name, company, e-mail or phone")
    texts["phones"], texts["emails"] = tuple(row.phones), tuple(row.emails)
    texts["addresses"] = tuple(row.addresses)
    fields = fields_of(texts)  # (the names are the targets': fields every one)
    return Incoming(
        fields,
        f"line {line}",
        categories=tuple(dict.fromkeys(row.categories)),
        custom=tuple(row.custom),
        warnings=tuple(row.warnings),
        raw=tuple(cells),
        normalized_emails=tuple(row.normalized_emails),
    )


def _use_full_name(row: RowSoFar) -> None:
    """A name in one cell (ACT!'s Contact, Thunderbird's Display Name) when the row has no first
    or last name, split by nameparser."""
    texts = row.texts
    if not row.full_name or texts.get("first_name") or texts.get("last_name"):
        return
    from nameparser import HumanName

    name = HumanName(row.full_name)
    parts = {
        "prefix": name.title,
        "first_name": name.first,
        "middle_name": name.middle,
        "last_name": name.last,
        "suffix": name.suffix,
    }
    for key, value in parts.items():
        if value and not texts.get(key):
            check_length(value, "name")
            texts[key] = value


def _use_birthday_parts(row: RowSoFar) -> None:
    """Thunderbird's Birth Year, Birth Month and Birth Day columns."""
    parts = row.birthday_parts
    if not parts or row.texts.get("birthday"):
        return
    year, month, day = (parts.get(p, ("", ""))[0] for p in ("year", "month", "day"))
    column = next(iter(parts.values()))[1]
    if not (month and day):
        row.warnings.append(f"{column}: a birthday needs a month and a day; not imported")
        return
    try:
        if year:
            row.texts["birthday"] = date(int(year), int(month), int(day))
        else:
            row.texts["birthday"] = birthday_without_year(int(month), int(day))
    except ValueError:
        raise BadRowError(column, f"{year}-{month}-{day} is not a date on the calendar") from None
