"""Which columns the contact list shows: the standard ones and any user field, chosen from the
header's context menu (or View ▸ Columns), kept in the settings with their widths and the sort."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from db.list_columns import STANDARD_COLUMNS, ListColumn, available_columns, read_fields
from desktop import settings as keys
from desktop.contacts.list_model import ContactListModel
from desktop.settings import Settings

STANDARD_KEYS = [key for key, _heading in STANDARD_COLUMNS]


class ListColumns:
    def __init__(
        self,
        parent: QWidget,
        view: QTableView,
        model: ContactListModel,
        settings: Settings,
        on_sorted: Callable[[], None],
    ) -> None:
        """`on_sorted` is called when choosing columns changed the list's order."""
        self.view = view
        self.model = model
        self.settings = settings
        self.on_sorted = on_sorted
        self.available: list[ListColumn] = available_columns([])
        self.menu = QMenu("Co&lumns", parent)
        self.menu.aboutToShow.connect(self._fill_menu)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu_at)

    def refresh(self, *, notify: bool = True) -> None:
        """Read the user fields again (after they changed, or another database was opened)
        and show the chosen columns that still exist. At start-up (`notify` False) nobody is
        told: the window opens its first contact after the first paint."""
        self.available = available_columns(read_fields(self.model.store.reader()))
        self._show(self.settings.get(keys.LIST_COLUMNS), notify=notify)

    def visible_keys(self) -> list[str]:
        return [c.key for c in self.model.columns]

    def set_visible(self, key: str, shown: bool) -> None:
        visible = self.visible_keys()
        if shown and key not in visible:
            visible.append(key)
        elif not shown and key in visible and key != "name":
            visible.remove(key)
        self._remember_widths()
        self._show(visible)
        self.settings.set(keys.LIST_COLUMNS, self.visible_keys())

    def reset(self) -> None:
        self.settings.set(keys.LIST_COLUMN_WIDTHS, [])
        self._show(STANDARD_KEYS)
        self.settings.set(keys.LIST_COLUMNS, STANDARD_KEYS)

    def save_state(self) -> None:
        self._remember_widths()
        self.settings.set(keys.LIST_COLUMNS, self.visible_keys())
        self.settings.set(keys.LIST_SORT, [self.model.columns[self.model.sort_column()].sort])
        self.settings.set(keys.LIST_SORT_DESCENDING, self.model.descending)

    def restore_sort(self) -> None:
        """Sort as when the window was last closed (a column that is gone: by name)."""
        wanted = self.settings.get(keys.LIST_SORT)
        columns = self.model.columns
        column = next((n for n, c in enumerate(columns) if wanted and c.sort == wanted[0]), 0)
        kept = wanted and columns[column].sort == wanted[0]
        descending = kept and self.settings.get(keys.LIST_SORT_DESCENDING)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.model.sort(column, order)
        header = self.view.horizontalHeader()
        header.blockSignals(True)  # at start-up: nobody opens a contact before the first paint
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    # Inside.

    def _show(self, wanted: list[str], *, notify: bool = True) -> None:
        by_key = {c.key: c for c in self.available}
        chosen = ["name", *(k for k in wanted if k != "name" and k in by_key)]
        header = self.view.horizontalHeader()
        header.blockSignals(True)  # the sort indicator is set below, not by the reset
        self.model.set_columns([by_key[k] for k in chosen])
        widths = _widths(self.settings.get(keys.LIST_COLUMN_WIDTHS))
        for n, key in enumerate(chosen):
            header.resizeSection(n, widths.get(key, header.defaultSectionSize() + 40))
        order = (
            Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        )
        header.setSortIndicator(self.model.sort_column(), order)
        header.blockSignals(False)
        if notify:
            self.on_sorted()

    def _remember_widths(self) -> None:
        header = self.view.horizontalHeader()
        widths = _widths(self.settings.get(keys.LIST_COLUMN_WIDTHS))
        for n, column in enumerate(self.model.columns):
            widths[column.key] = header.sectionSize(n)
        self.settings.set(keys.LIST_COLUMN_WIDTHS, [f"{k}={w}" for k, w in widths.items()])

    def _fill_menu(self) -> None:
        self.menu.clear()
        visible = set(self.visible_keys())
        for column in self.available:
            action = QAction(column.heading, self.menu)
            action.setCheckable(True)
            action.setChecked(column.key in visible)
            action.setEnabled(column.key != "name")
            action.toggled.connect(lambda shown, key=column.key: self.set_visible(key, shown))
            self.menu.addAction(action)
            if column.key == STANDARD_KEYS[-1] and len(self.available) > len(STANDARD_KEYS):
                self.menu.addSection("User fields")
        self.menu.addSeparator()
        self.menu.addAction("Standard columns only", self.reset)

    def _menu_at(self, point: QPoint) -> None:
        self.menu.popup(self.view.horizontalHeader().mapToGlobal(point))


def _widths(saved: list[str]) -> dict[str, int]:
    widths = {}
    for item in saved:
        key, _sep, width = item.rpartition("=")
        if key and width.isdigit():
            widths[key] = int(width)
    return widths
