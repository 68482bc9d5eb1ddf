"""The contact list: a table model that holds only the ordered ids a search returned.

Rows are read from the database a page at a time when the view asks for them and kept in a small
cache, so that a million contacts open in a fraction of a second and scroll smoothly. Searching
and sorting run in SQL (`db.search`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPixmap

from db import search
from db.list_columns import STANDARD_COLUMNS, ListColumn, custom_cells
from db.records import ContactListRow
from db.store import Store

if TYPE_CHECKING:
    from db.lookup_records import Lookup, SqlFragment

COLUMNS = STANDARD_COLUMNS
PAGE_SIZE = 200
MAX_CACHED_PAGES = 40
MAX_INCREMENTAL_CHANGES = 50
SWATCH_SIZE = 12
# From how many hits sorting them in Python by everyone's kept order beats SQLite's sort (which
# reads each hit's row); below it, SQLite sorts.
RANKED_SORT_FROM = 20_000
ContactIdRole = Qt.ItemDataRole.UserRole + 1
CONTACT_IDS_MIME = "application/x-cardfile-contact-ids"
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ListScope:
    """What the list is narrowed to besides the quick search: a lookup's results or a group."""

    kind: str  # "lookup" or "group"
    name: str
    condition: SqlFragment
    item_id: int = 0  # the saved lookup's or group's id (0: a lookup not saved)
    lookup: Lookup | None = None  # what the condition was compiled from, to compile it again


class ContactListModel(QAbstractTableModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, ContactListRow]] = OrderedDict()
        self._query = ""
        self._sort = "name"
        self._descending = False
        # Kept between searches: everyone in list order (reading a million ids takes 0.3 s, and
        # clearing the search box should be instant), and how many live contacts there are.
        self._everyone: array[int] | None = None
        self._total: int | None = None
        # Each contact's place in `_everyone`, by id: sorting a search's hits by it in Python is
        # several times faster than SQLite sorting them when there are tens of thousands.
        self._rank: array[int] | None = None
        self._categories: tuple[int, ...] = ()  # show only contacts in any of these
        self._scope: ListScope | None = None
        self._columns: list[ListColumn] = [ListColumn(k, h, k) for k, h in STANDARD_COLUMNS]
        # User-field cells of the cached pages, by page: dropped with their page.
        self._cells: dict[int, dict[tuple[int, int], str]] = {}
        self._colours: dict[int, list[str]] = {}
        self._swatches: dict[tuple[str, ...], QPixmap] = {}
        self._run_search()

    # What the window asks of the list.

    @property
    def store(self) -> Store:
        return self._store

    @property
    def query(self) -> str:
        return self._query

    @property
    def total_contacts(self) -> int:
        """How many live contacts the database holds, whatever the search."""
        if self._total is None:
            self._total = search.live_contact_count(self._store.reader())
        return self._total

    def set_store(self, store: Store) -> None:
        """Show another database, from its first row, with no search."""
        self._store = store
        self._query = ""
        self.reload()

    def set_query(self, query: str) -> None:
        if query.strip() == self._query.strip():
            self._query = query
            return
        self._query = query
        self._run_search()

    @property
    def categories(self) -> tuple[int, ...]:
        return self._categories

    def set_categories(self, category_ids: tuple[int, ...]) -> None:
        """Show only contacts in any of these categories (none: everyone)."""
        self._categories = tuple(category_ids)
        self._run_search()

    @property
    def scope(self) -> ListScope | None:
        return self._scope

    def set_scope(self, scope: ListScope | None) -> None:
        """Show only a lookup's results or a group's members (None: everyone). The condition
        runs again on every reload, so a saved lookup always reflects the data as it is now."""
        self._scope = scope
        self._run_search()

    def update_scope(self, scope: ListScope) -> None:
        """The same lookup compiled again (for today's date, or fields that changed), for the
        next read; the list is not read again now."""
        self._scope = scope

    @property
    def narrowed(self) -> bool:
        """Is the list narrowed by more than the quick search (categories, lookup, group)?"""
        return bool(self._categories) or self._scope is not None

    @property
    def columns(self) -> list[ListColumn]:
        return list(self._columns)

    def set_columns(self, columns: list[ListColumn]) -> None:
        """Show these columns (the first is always the name); a vanished sort column falls back
        to sorting by name."""
        sorts = {c.sort for c in columns}
        self.beginResetModel()
        self._columns = list(columns)
        self._pages.clear()
        self._cells.clear()
        self.endResetModel()
        if self._sort not in sorts:
            self._sort, self._descending = "name", False
            self._everyone = None
            self._rank = None
            self._run_search()

    def sort_column(self) -> int:
        """The column the list is sorted on now."""
        return next((n for n, c in enumerate(self._columns) if c.sort == self._sort), 0)

    @property
    def descending(self) -> bool:
        return self._descending

    def listed_ids(self) -> list[int]:
        """Every contact the list shows now, in order: what "the listed contacts" means."""
        return list(self._ids)

    def reload(self) -> None:
        """Read everything again, after changes the list cannot know one by one."""
        self._everyone = None
        self._rank = None
        self._total = None
        self._run_search()

    def _run_search(self) -> None:
        """Read the ids first: if the database cannot be read, the list stays as it was."""
        reader = self._store.reader()
        if self.narrowed:
            ids = search.matching_ids(
                reader,
                self._query,
                sort=self._sort,
                descending=self._descending,
                categories=self._categories,
                extra=self._scope.condition if self._scope else None,
            )
        elif self._query.strip():
            ordered = self._in_list_order(search.found_ids(reader, self._query))
            ids = (
                ordered
                if ordered is not None
                else search.matching_ids(
                    reader, self._query, sort=self._sort, descending=self._descending
                )
            )
        else:
            if self._everyone is None:
                self._everyone = search.matching_ids(
                    reader, "", sort=self._sort, descending=self._descending
                )
            ids = self._everyone  # the same array: changes below keep it up to date
            self._total = len(ids)
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._colours.clear()
        self._cells.clear()
        self.endResetModel()

    def _in_list_order(self, hits: array[int] | None) -> array[int] | None:
        """`hits` sorted as the list is, from everyone's kept order; None when that order is
        not at hand (then SQLite sorts)."""
        if hits is None or self._everyone is None or len(hits) < RANKED_SORT_FROM:
            return None
        if self._rank is None:
            rank = array("q", [-1]) * (max(self._everyone, default=0) + 1)
            for place, contact_id in enumerate(self._everyone):
                rank[contact_id] = place
            self._rank = rank
        rank = self._rank
        if any(i >= len(rank) or rank[i] < 0 for i in hits):
            return None  # a contact the kept order does not know: let SQLite sort
        return array("q", sorted(hits, key=rank.__getitem__))

    def update_contacts(self, contact_ids: frozenset[int]) -> None:
        """Move, add or drop the rows of contacts that changed, without running the search again.

        A million ids take 0.3 s to read again; finding one contact's new place is a binary search
        of about twenty one-row look-ups. Many changes at once are cheaper as a reload.
        """
        if len(contact_ids) > MAX_INCREMENTAL_CHANGES or self.narrowed:
            # Membership of a category, lookup or group may have changed too.
            self.reload()
            return
        self._rank = None  # places shift
        reader = self._store.reader()
        for contact_id in sorted(contact_ids):  # all out first: some may be gone (merged)
            self._remove_row_of(contact_id)
        for contact_id in sorted(contact_ids):
            if search.contact_matches(reader, self._query, contact_id):
                self._insert_in_order(reader, contact_id)
        if self._query.strip():
            self._everyone = None  # only the search results were kept in step
            self._total = None
        else:
            self._total = len(self._ids)

    def _remove_row_of(self, contact_id: int) -> None:
        row = self.row_of(contact_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._pages.clear()
        self._colours.clear()
        self._cells.clear()
        self.endRemoveRows()

    def _insert_in_order(self, reader: sqlite3.Connection, contact_id: int) -> None:
        key = search.sort_key(reader, contact_id, self._sort)
        nocase = self._sort.endswith(":value_text")  # user-field text is kept without case
        low, high = 0, len(self._ids)
        while low < high:
            middle = (low + high) // 2
            probe = search.sort_key(reader, self._ids[middle], self._sort)
            if _comes_before(probe, key, self._descending, nocase=nocase):
                low = middle + 1
            else:
                high = middle
        self.beginInsertRows(QModelIndex(), low, low)
        self._ids.insert(low, contact_id)
        self._pages.clear()
        self._colours.clear()
        self._cells.clear()
        self.endInsertRows()

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int | None:
        try:
            return self._ids.index(contact_id)
        except ValueError:
            return None

    # QAbstractTableModel.

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ContactIdRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._mark(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._text(index.row(), index.column())

    def _text(self, row: int, column_number: int) -> str | None:
        item = self._row(row)
        if item is None or column_number >= len(self._columns):
            return None
        column = self._columns[column_number]
        if column.field is not None:
            cells = self._cells.get(row // PAGE_SIZE, {})
            return cells.get((self._ids[row], column.field.id), "")
        text: str = getattr(item, column.key)
        return text

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CONTACT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Dragged rows carry their contact ids (onto a group in the side panel)."""
        rows = sorted({index.row() for index in indexes})
        ids = [self._ids[r] for r in rows if 0 <= r < len(self._ids)]
        mime = QMimeData()
        mime.setData(CONTACT_IDS_MIME, ",".join(str(i) for i in ids).encode("ascii"))
        return mime

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].heading
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        wanted = (self._columns[column].sort, order == Qt.SortOrder.DescendingOrder)
        if wanted == (self._sort, self._descending):
            return
        self._sort, self._descending = wanted
        self._everyone = None
        self._rank = None
        self._run_search()

    # Paging.

    def _row(self, row: int) -> ContactListRow | None:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page.get(row)

    def _mark(self, row: int) -> QPixmap | None:
        """The colour mark of the row's categories, if it has any."""
        self._row(row)  # loads the page, and its colours
        colours = self._colours.get(self._ids[row])
        return self._swatch(tuple(colours)) if colours else None

    def _swatch(self, colours: tuple[str, ...]) -> QPixmap:
        """A small mark in the row: one stripe per category colour."""
        found = self._swatches.get(colours)
        if found is None:
            found = QPixmap(SWATCH_SIZE, SWATCH_SIZE)
            found.fill(QColor(0, 0, 0, 0))
            painter = QPainter(found)
            width = SWATCH_SIZE / len(colours[:3])
            for n, colour in enumerate(colours[:3]):
                painter.fillRect(int(n * width), 0, int(width + 0.5), SWATCH_SIZE, QColor(colour))
            painter.end()
            self._swatches[colours] = found
        return found

    def _load_page(self, number: int) -> dict[int, ContactListRow]:
        first = number * PAGE_SIZE
        ids = self._ids[first : first + PAGE_SIZE]
        try:
            reader = self._store.reader()
            by_id = search.list_rows(reader, ids)
            self._colours.update(search.category_colours(reader, ids))
            fields = [c.field for c in self._columns if c.field is not None]
            cells = custom_cells(reader, ids, fields)
        except sqlite3.Error:
            return {}  # blank rows now, read again at the next repaint (not cached)
        page = {first + n: by_id[i] for n, i in enumerate(ids) if i in by_id}
        if page or not ids:
            self._pages[number] = page
            self._cells[number] = cells
        while len(self._pages) > MAX_CACHED_PAGES:
            evicted, _rows = self._pages.popitem(last=False)
            self._cells.pop(evicted, None)
        return page


def _comes_before(
    probe: tuple[Any, int], key: tuple[Any, int], descending: bool, *, nocase: bool = False
) -> bool:
    """Does the row with sort key `probe` come before the one with `key`, as SQL orders them
    (`value ASC|DESC NULLS LAST, id ASC|DESC`; a user field's empty values are NULL; its text
    compares as SQLite's NOCASE does, folding A-Z only)?"""
    if (probe[0] is None) != (key[0] is None):
        return key[0] is None  # a value comes before no value, either way
    if probe[0] is None:
        return probe[1] > key[1] if descending else probe[1] < key[1]
    if nocase:
        probe = (probe[0].translate(_ASCII_LOWER), probe[1])
        key = (key[0].translate(_ASCII_LOWER), key[1])
    return probe > key if descending else probe < key


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
