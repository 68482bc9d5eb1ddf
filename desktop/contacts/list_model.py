"""The contact list: a table model that holds only the ordered ids a search returned.

Rows are read from the database a page at a time when the view asks for them and kept in a small
cache, so that a million contacts open in a fraction of a second and scroll smoothly. Searching
and sorting run in SQL (`db.search`).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

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
        self._total = 0
        self.reload()

    # What the window asks of the list.

    @property
    def query(self) -> str:
        return self._query

    @property
    def total_contacts(self) -> int:
        """How many live contacts the database holds, whatever the search."""
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
        self.reload()

    def reload(self) -> None:
        """Run the search again (after a change, or a new query or sort)."""
        self.beginResetModel()
        with self._store.session() as session:
            self._ids = search.matching_ids(
                session, self._query, sort=self._sort, descending=self._descending
            )
            self._total = (
                len(self._ids) if not self._query.strip() else search.live_contact_count(session)
            )
        self._pages.clear()
        self.endResetModel()

    def forget_rows(self, contact_ids: frozenset[int]) -> None:
        """Drop cached rows of contacts that changed in place, and repaint them."""
        for page in self._pages.values():
            for row in [r for r, item in page.items() if item.id in contact_ids]:
                del page[row]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

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
        self._sort = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # Paging.

    def _row(self, row: int) -> ContactListRow | None:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page.get(row)

    def _load_page(self, number: int) -> dict[int, ContactListRow]:
        first = number * PAGE_SIZE
        ids = self._ids[first : first + PAGE_SIZE]
        with self._store.session() as session:
            by_id = search.list_rows(session, ids)
        page = {first + n: by_id[i] for n, i in enumerate(ids) if i in by_id}
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page
