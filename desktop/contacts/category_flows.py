"""What the category commands do: the manager, a contact's categories, the listed contacts in
bulk, and the side panel's filter and counts. The main window connects them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.contacts.category_panel import CategoryPanel
from desktop.operations import Operations
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.records import Category
    from desktop.contacts.category_manager import CategoryManager


class CategoryFlows(QObject):
    def __init__(
        self,
        window: QWidget,
        panel: CategoryPanel,
        ops: Operations,
        open_contact: Callable[[], tuple[int | None, str]],
        listed: Callable[[], list[int]],
    ) -> None:
        """`open_contact` gives the open contact's id and name; `listed`, the listed ids."""
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.ops = ops
        self.open_contact = open_contact
        self.listed = listed
        self.manager: CategoryManager | None = None

    def choose_for_open_contact(self) -> None:
        contact_id, name = self.open_contact()
        if contact_id is None:
            prompts.show_error(self.window, "Categories", "Open a contact first.")
            return
        self.choose_for_contact(contact_id, name)

    def add_to_listed(self) -> None:
        self.bulk(self.listed(), add=True)

    def remove_from_listed(self) -> None:
        self.bulk(self.listed(), add=False)

    def all(self) -> list[Category]:
        from db.categories import categories

        return self.ops.read(categories)

    def refresh(self) -> None:
        current = self.all()
        self.panel.show_categories(current)
        if self.manager is not None:
            self.manager.show_categories(current)

    def of_contact(self, contact_id: int) -> list[Category]:
        from db.categories import contact_categories

        return self.ops.read(lambda session: contact_categories(session, contact_id))

    def choose_for_contact(self, contact_id: int, name: str) -> None:
        """Tick the contact's categories from the list of all of them."""
        from db.categories import set_contact_categories

        every = self.all()
        if not every:
            prompts.show_error(
                self.window, "No categories yet", "Make one first in Manage categories…"
            )
            return
        mine = [c.name for c in self.of_contact(contact_id)]
        chosen = prompts.choose_many(
            self.window, f"Categories of {name}", "Categories", [c.name for c in every], mine
        )
        if chosen is None or chosen == mine:
            return
        ids = [c.id for c in every if c.name in chosen]
        self.ops.write(
            "change the categories",
            lambda session: set_contact_categories(session, contact_id, ids),
            ChangeSet(contact_ids=frozenset({contact_id}), categories=True),
        )

    def bulk(self, contact_ids: list[int], *, add: bool) -> None:
        """Add a category to, or take it off, every contact the list shows now."""
        from db.categories import assign_category, remove_category

        every = self.all()
        if not every or not contact_ids:
            return
        verb = "Add" if add else "Remove"
        name = prompts.choose_item(
            self.window,
            f"{verb} a category",
            f"{verb} which category {'to' if add else 'from'} the "
            f"{len(contact_ids):,} listed contacts?",
            [c.name for c in every],
            every[0].name,
        )
        if name is None:
            return
        category = next(c for c in every if c.name == name)
        if not prompts.confirm(
            self.window,
            f"{verb} category",
            f"{verb} “{name}” {'to' if add else 'from'} {len(contact_ids):,} contacts?",
            verb,
        ):
            return
        change = assign_category if add else remove_category
        self.ops.write(
            f"{verb.lower()} the category",
            lambda session: change(session, contact_ids, category.id),
            ChangeSet(list_changed=True, categories=True),
        )

    def manage(self) -> None:
        from db import categories as ops
        from desktop.contacts.category_manager import CategoryEditor, CategoryManager

        dialog = CategoryManager(self.window)
        self.manager = dialog

        def new() -> None:
            values = CategoryEditor.ask(dialog, None)
            if values is not None and self._write(
                "add the category", lambda s: ops.create_category(s, *values)
            ):
                dialog.select(values[0].strip())

        def edit(category: Category) -> None:
            values = CategoryEditor.ask(dialog, category)
            if values is not None:
                self._write(
                    "change the category",
                    lambda s: ops.update_category(s, category.id, *values),
                )

        def merge(category: Category) -> None:
            others = [c.name for c in self.all() if c.id != category.id]
            if not others:
                return
            target = prompts.choose_item(
                dialog,
                "Merge categories",
                f"Put everyone in “{category.name}” into:",
                others,
                others[0],
            )
            if target is None:
                return
            target_id = next(c.id for c in self.all() if c.name == target)
            if prompts.confirm(
                dialog,
                "Merge categories",
                f"Move the {category.contacts:,} contacts of “{category.name}” into “{target}” "
                f"and remove “{category.name}”?",
                "Merge",
            ):
                self._write(
                    "merge the categories",
                    lambda s: ops.merge_categories(s, category.id, target_id),
                )

        def delete(category: Category) -> None:
            if prompts.confirm(
                dialog,
                "Delete category",
                f"Delete “{category.name}”? {category.contacts:,} contacts have it; they keep "
                "everything else.",
                "Delete",
            ):
                self._write("delete the category", lambda s: ops.delete_category(s, category.id))

        dialog.newRequested.connect(new)
        dialog.editRequested.connect(edit)
        dialog.mergeRequested.connect(merge)
        dialog.deleteRequested.connect(delete)
        dialog.show_categories(self.all())
        dialog.exec()
        self.manager = None

    def _write(self, what: str, action: Callable[[Session], object]) -> bool:
        from db.validation import InvalidContactError

        try:
            done = self.ops.write(what, action, ChangeSet(list_changed=True, categories=True))
        except InvalidContactError as invalid:
            prompts.show_error(self.window, "Not saved", "\n".join(str(e) for e in invalid.errors))
            return False
        return done is not None
