"""The contact list as it sits in the window: the table over the lazy model, or, when there is
nothing to list, a word on why and what to do."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

from desktop.contacts.list_model import ContactListModel, ListScope

ROW_HEIGHT_PADDING = 8
COLUMN_WIDTHS = (170, 180, 130, 200, 100)


class ContactListPane(QStackedWidget):
    def __init__(self, model: ContactListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QTableView()
        self.view.setObjectName("contactList")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several at once (Shift, Ctrl, Ctrl+A) for groups and categories; dragged onto a group.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: a header that measures rows takes seconds at 100,000 contacts.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.view.fontMetrics().height() + ROW_HEIGHT_PADDING)
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyList")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setMargin(24)
        self.addWidget(self.view)
        self.addWidget(self.empty_label)

    def select_only(self, row: int | None, *, scroll: bool = True) -> bool:
        """Make `row` the current and only selected row; False when there is no such row."""
        if row is None:
            return False
        index = self.view.model().index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.view.scrollTo(index)
        return True

    def selected_ids(self) -> list[int]:
        """The selected contacts, in list order (read by ranges: Ctrl+A over a million rows
        is one range, not a million indexes)."""
        selection = self.view.selectionModel().selection()
        model = self.view.model()
        assert isinstance(model, ContactListModel)
        rows: set[int] = set()
        for n in range(selection.size()):
            span = selection.at(n)
            rows.update(range(span.top(), span.bottom() + 1))
        return [i for r in sorted(rows) if (i := model.contact_id(r)) is not None]

    def chosen_ids(self) -> list[int]:
        """What a bulk command works on: the selection when several contacts are selected,
        else every contact the list shows."""
        selected = self.selected_ids()
        if len(selected) > 1:
            return selected
        model = self.view.model()
        assert isinstance(model, ContactListModel)
        return model.listed_ids()

    def show_counts(
        self,
        shown: int,
        total: int,
        query: str,
        filtered: bool = False,
        scope: ListScope | None = None,
    ) -> str:
        """The table when there are rows, else why there are none and what to do; returns the
        count for the status bar."""
        if total == 0:
            self.empty_label.setText(
                "<h3>No contacts yet</h3><p>Press <b>Ctrl+N</b> to add your first contact, "
                "or open another database from the <b>File</b> menu.</p>"
            )
        elif shown == 0 and scope is not None:
            self.empty_label.setText(
                f"<h3>Nobody in {_scope_words(scope)}</h3><p>Choose <b>All contacts</b> in the "
                "side panel (<b>Ctrl+Shift+A</b>) to see everyone again.</p>"
            )
        elif shown == 0:
            self.empty_label.setText(
                f"<h3>No contact matches “{html.escape(query)}”</h3><p>Quick search looks in "
                "names, companies, e-mail addresses, phone numbers and cities.</p>"
            )
        self.setCurrentWidget(self.view if shown else self.empty_label)
        where = " in the ticked categories" if filtered else ""
        if scope is not None:
            where += f" in {_scope_words(scope)}"
        if query:
            return f"{shown:,} of {total:,} contacts{where} match “{query}”"
        if where:
            return f"{shown:,} of {total:,} contacts{where}"
        return f"{total:,} contact{'s' if total != 1 else ''}"


def _scope_words(scope: ListScope) -> str:
    kind = "the lookup" if scope.kind == "lookup" else "the group"
    return f"{kind} “{html.escape(scope.name)}”"
