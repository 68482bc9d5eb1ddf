"""The contact list: a table model that holds only the ordered ids a search returned.

Rows are read from the database a page at a time when the view asks for them and kept in a small
cache, so that a million contacts open in a fraction of a second and scroll smoothly. Searching
and sorting run in SQL (`db.search`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPixmap

from db import search
from db.records import ContactListRow
from db.store import Store

COLUMNS = (
    ("name", "Name"),
    ("company", "Company"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("city", "City"),
    ("status", "Status"),
)
PAGE_SIZE = 200
MAX_CACHED_PAGES = 40
MAX_INCREMENTAL_CHANGES = 50
SWATCH_SIZE = 12
# From how many hits sorting them in Python by everyone's kept order beats SQLite's sort (which
# reads each hit's row); below it, SQLite sorts.
RANKED_SORT_FROM = 20_000
ContactIdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


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
        self._colours: dict[int, list[str]] = {}
        self._swatches: dict[tuple[str, ...], QPixmap] = {}
        self._run_search()

    # What the window asks of the list.

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
        if self._categories:
            ids = search.matching_ids(
                reader,
                self._query,
                sort=self._sort,
                descending=self._descending,
                categories=self._categories,
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
        if len(contact_ids) > MAX_INCREMENTAL_CHANGES or self._categories:
            self.reload()  # (a category filter: membership may have changed too)
            return
        self._rank = None  # places shift
        reader = self._store.reader()
        for contact_id in sorted(contact_ids):
            self._remove_row_of(contact_id)
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
        self.endRemoveRows()

    def _insert_in_order(self, reader: sqlite3.Connection, contact_id: int) -> None:
        key = search.sort_key(reader, contact_id, self._sort)
        low, high = 0, len(self._ids)
        while low < high:
            middle = (low + high) // 2
            probe = search.sort_key(reader, self._ids[middle], self._sort)
            before = probe > key if self._descending else probe < key
            if before:
                low = middle + 1
            else:
                high = middle
        self.beginInsertRows(QModelIndex(), low, low)
        self._ids.insert(low, contact_id)
        self._pages.clear()
        self._colours.clear()
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
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ContactIdRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            self._row(index.row())  # loads the page, and its colours
            colours = self._colours.get(self._ids[index.row()])
            return self._swatch(tuple(colours)) if colours else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self._row(index.row())
        if item is None:
            return None
        return getattr(item, COLUMNS[index.column()][0])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        wanted = (COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
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
            by_id = search.list_rows(self._store.reader(), ids)
            self._colours.update(search.category_colours(self._store.reader(), ids))
        except sqlite3.Error:
            return {}  # blank rows now, read again at the next repaint (not cached)
        page = {first + n: by_id[i] for n, i in enumerate(ids) if i in by_id}
        if page or not ids:
            self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page
