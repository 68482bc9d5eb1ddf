"""The panels on the left of the main window: Categories, and Lookups & Groups, each with the
commands that act on them. The window makes them, and hears when the list shows something else."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from desktop.contacts.category_flows import CategoryFlows
from desktop.contacts.category_panel import CategoryPanel
from desktop.contacts.list_model import ContactListModel
from desktop.contacts.list_pane import ContactListPane
from desktop.lookups.flows import LookupFlows
from desktop.lookups.lists_panel import ListsPanel
from desktop.operations import Operations
from desktop.widgets.docks import add_dock

if TYPE_CHECKING:
    from db.clock import Clock
    from desktop.contacts.category_chips import CategoryChips
    from desktop.main_actions import MainActions

SIDE_WIDTH = 200


class SidePanels:
    def __init__(
        self,
        window: QMainWindow,
        ops: Operations,
        list_pane: ContactListPane,
        clock: Clock,
        *,
        open_contact: Callable[[], tuple[int | None, str]],
        list_changed: Callable[[], None],
    ) -> None:
        """`open_contact` gives the open contact's id and name; `list_changed` is called when
        the list shows something else (a lookup's results, a group)."""
        model = list_pane.view.model()
        assert isinstance(model, ContactListModel)
        self.list_pane = list_pane
        self.category_panel = CategoryPanel()
        self.category_dock = add_dock(
            window,
            "Categories",
            "categoryDock",
            self.category_panel,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.categories = CategoryFlows(
            window, self.category_panel, ops, open_contact, list_pane.chosen_ids
        )
        self.lists_panel = ListsPanel()
        self.lists_dock = add_dock(
            window, "Lookups && Groups", "listsDock", self.lists_panel, self.category_dock
        )
        window.resizeDocks([self.category_dock], [SIDE_WIDTH], Qt.Orientation.Horizontal)
        self.lookups = LookupFlows(
            window,
            self.lists_panel,
            ops=ops,
            model=model,
            clock=clock,
            list_changed=list_changed,
        )

    def connect(self, commands: MainActions, chips: CategoryChips) -> None:
        categories, lookups, selected = self.categories, self.lookups, self.list_pane.selected_ids
        commands.manage_categories.triggered.connect(categories.manage)
        self.category_panel.manageRequested.connect(categories.manage)
        commands.contact_categories.triggered.connect(categories.choose_for_open_contact)
        chips.changeRequested.connect(categories.choose_for_open_contact)
        commands.add_category.triggered.connect(categories.add_to_listed)
        commands.remove_category.triggered.connect(categories.remove_from_listed)
        commands.lookup.triggered.connect(lookups.new_lookup)
        commands.add_to_group.triggered.connect(lambda: lookups.add_to_group(None, selected()))
        commands.remove_from_group.triggered.connect(lambda: lookups.remove_from_group(selected()))

    def refresh(self) -> None:
        self.categories.refresh()
        self.lookups.refresh()
