"""What the lookup and group commands do: the builder, saved lookups, groups and their members,
and the side panel. Results replace the list (as a `ListScope` on the list model); the main window
connects the commands and is told when the list changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from db.clock import Clock, today
from db.named_lists import group_condition
from desktop.contacts.list_model import ContactListModel, ListScope
from desktop.lookups.lists_panel import ListsPanel
from desktop.operations import Operations
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.lookup_records import Group, Lookup, SavedLookup
    from desktop.lookups.builder import LookupDialog


class LookupFlows(QObject):
    def __init__(
        self,
        window: QWidget,
        panel: ListsPanel,
        *,
        ops: Operations,
        model: ContactListModel,
        clock: Clock,
        list_changed: Callable[[], None],
    ) -> None:
        """`list_changed` is called after the list shows something else."""
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.ops = ops
        self.model = model
        self.clock = clock
        self.list_changed = list_changed
        self.lookups: list[SavedLookup] = []
        self.groups: list[Group] = []
        self.builder: LookupDialog | None = None
        self.last_lookup: Lookup | None = None
        panel.everyoneRequested.connect(self.show_everyone)
        panel.lookupRequested.connect(self.run_saved)
        panel.groupRequested.connect(self.show_group)
        panel.newLookupRequested.connect(self.new_lookup)
        panel.editLookupRequested.connect(self.edit_saved)
        panel.newGroupRequested.connect(self.new_group)
        panel.renameRequested.connect(self.rename)
        panel.deleteRequested.connect(self.delete)
        panel.tree.droppedOnGroup.connect(self.add_to_group)

    # The side panel.

    def refresh(self) -> None:
        from db.groups import groups
        from db.saved_lookups import saved_lookups

        self.lookups = self.ops.read(saved_lookups)
        self.groups = self.ops.read(groups)
        self.panel.show_lists(self.lookups, self.groups)
        scope = self.model.scope
        if scope is not None and scope.kind == "group":
            group = next((g for g in self.groups if g.id == scope.item_id), None)
            if group is None:
                self.show_everyone()  # the group shown was deleted
            elif group.name != scope.name:
                self.model.update_scope(replace(scope, name=group.name))
                self.list_changed()  # (the status bar names it)

    def show_everyone(self) -> None:
        if self.model.scope is not None:
            self.model.set_scope(None)
            self.list_changed()
        self.panel.select_everyone()

    # Lookups.

    def new_lookup(self) -> None:
        self.build()

    def build(self, lookup: Lookup | None = None, name: str = "") -> None:
        """Open the builder (with `lookup` in it, to change one); Find shows the results."""
        from db.lookups import lookup_fields
        from desktop.lookups.builder import LookupDialog

        fields = self.ops.read(lookup_fields)
        dialog = LookupDialog(self.window, fields, lookup or self.last_lookup)
        if name:
            dialog.setWindowTitle(f"Lookup — {name}")
        self.builder = dialog
        dialog.findRequested.connect(lambda found: self._find(dialog, found, name))
        dialog.saveRequested.connect(lambda found: self._save(dialog, found, name))
        dialog.exec()
        self.builder = None

    def rebuild_scope(self) -> None:
        """Compile the lookup shown again before the list is read again: a user field it tests
        may have changed type, or the day turned ("in the last 7 days"). One that cannot run any
        more says why, and the list shows everyone."""
        from db.lookups import compile_lookup
        from db.validation import InvalidContactError

        scope = self.model.scope
        if scope is None or scope.lookup is None:
            return
        lookup = scope.lookup
        try:
            condition = self.ops.read(
                lambda session: compile_lookup(session, lookup, today(self.clock))
            )
        except InvalidContactError as invalid:
            reasons = "\n".join(str(e) for e in invalid.errors)
            prompts.show_error(self.window, f"“{scope.name}” cannot run any more", reasons)
            self.model.update_scope(replace(scope, lookup=None))
            self.show_everyone()
            return
        self.model.update_scope(replace(scope, condition=condition))

    def _find(self, dialog: LookupDialog, lookup: Lookup, name: str) -> None:
        if self.run(lookup, name or "Lookup", dialog):
            self.last_lookup = lookup
            dialog.accept()

    def run(
        self, lookup: Lookup, name: str, dialog: LookupDialog | None = None, item_id: int = 0
    ) -> bool:
        """Show the contacts `lookup` finds; False (the reasons shown) when it cannot run."""
        from db.lookups import compile_lookup
        from db.validation import InvalidContactError

        try:
            condition = self.ops.read(
                lambda session: compile_lookup(session, lookup, today(self.clock))
            )
        except InvalidContactError as invalid:
            if dialog is not None:
                dialog.show_errors(invalid.errors)
            else:
                reasons = "\n".join(str(e) for e in invalid.errors)
                prompts.show_error(self.window, f"Cannot run “{name}”", reasons)
            return False
        self.model.set_scope(ListScope("lookup", name, condition, item_id, lookup))
        self.list_changed()
        return True

    def _save(self, dialog: LookupDialog, lookup: Lookup, name: str) -> None:
        """Keep the lookup under a name; it appears in the side panel and can be run again."""
        from db.saved_lookups import save_lookup
        from db.validation import InvalidContactError

        chosen = prompts.ask_text(dialog, "Save lookup", "&Name", name)
        if chosen is None:
            return
        replace = False
        if any(s.name.casefold() == chosen.strip().casefold() for s in self.lookups):
            replace = prompts.confirm(
                dialog,
                "Save lookup",
                f"There is already a saved lookup “{chosen.strip()}”. Replace it?",
                "Replace",
            )
            if not replace:
                return
        try:
            done = self.ops.write(
                "save the lookup",
                lambda session: save_lookup(session, chosen, lookup, replace=replace),
                ChangeSet(lists=True),
            )
        except InvalidContactError as invalid:
            dialog.show_errors(invalid.errors)
            return
        if done is not None and self.run(lookup, chosen.strip(), dialog, item_id=done.value):
            self.last_lookup = lookup
            dialog.accept()

    def run_saved(self, lookup_id: int) -> None:
        saved = next((s for s in self.lookups if s.id == lookup_id), None)
        if saved is None:
            return
        if saved.problem:
            prompts.show_error(self.window, f"Cannot run “{saved.name}”", saved.problem)
            return
        if self.run(saved.lookup, saved.name, item_id=saved.id):
            self.panel.mark_shown("lookup", saved.id)

    def edit_saved(self, lookup_id: int) -> None:
        saved = next((s for s in self.lookups if s.id == lookup_id), None)
        if saved is not None:
            self.build(saved.lookup, saved.name)

    # Groups.

    def show_group(self, group_id: int) -> None:
        group = next((g for g in self.groups if g.id == group_id), None)
        if group is None:
            return
        self.model.set_scope(ListScope("group", group.name, group_condition(group.id), group.id))
        self.panel.mark_shown("group", group.id)
        self.list_changed()

    def new_group(self) -> None:
        from db.groups import create_group

        name = prompts.ask_text(self.window, "New group", "&Name")
        if name is not None:
            self._write("make the group", lambda session: create_group(session, name))

    def choose_group(self, verb: str, count: int) -> Group | None:
        if not self.groups:
            prompts.show_error(self.window, "No groups yet", "Make one first with New group….")
            return None
        names = [g.name for g in self.groups]
        scope = self.model.scope
        current = scope.name if scope is not None and scope.kind == "group" else names[0]
        chosen = prompts.choose_item(
            self.window, f"{verb} group", f"{verb} {count:,} contacts:", names, current
        )
        return next((g for g in self.groups if g.name == chosen), None)

    def add_to_group(self, group_id: int | None, contact_ids: list[int]) -> None:
        from db.groups import add_to_group

        if not contact_ids:
            return
        group = (
            next((g for g in self.groups if g.id == group_id), None)
            if group_id is not None
            else self.choose_group("Add to", len(contact_ids))
        )
        if group is not None and self._write(
            "add to the group", lambda session: add_to_group(session, group.id, contact_ids)
        ):
            self._tell(f"Added {len(contact_ids):,} contacts to “{group.name}”.")

    def remove_from_group(self, contact_ids: list[int]) -> None:
        from db.groups import remove_from_group

        if not contact_ids:
            return
        group = self.choose_group("Remove from", len(contact_ids))
        if group is not None and self._write(
            "take them out of the group",
            lambda session: remove_from_group(session, group.id, contact_ids),
        ):
            self._tell(f"Removed {len(contact_ids):,} contacts from “{group.name}”.")

    # Both.

    def rename(self, kind: str, item_id: int) -> None:
        from db.groups import rename_group
        from db.saved_lookups import rename_lookup

        items = self.lookups if kind == "lookup" else self.groups
        current = next((i.name for i in items if i.id == item_id), None)
        if current is None:
            return
        name = prompts.ask_text(self.window, f"Rename {kind}", "&Name", current)
        if name is None or name.strip() == current:
            return
        rename = rename_lookup if kind == "lookup" else rename_group
        self._write(f"rename the {kind}", lambda session: rename(session, item_id, name))

    def delete(self, kind: str, item_id: int) -> None:
        from db.groups import delete_group
        from db.saved_lookups import delete_lookup

        if kind == "lookup":
            saved = next((s for s in self.lookups if s.id == item_id), None)
            if saved is not None and prompts.confirm(
                self.window,
                "Delete lookup",
                f"Delete the saved lookup “{saved.name}”? No contact is changed.",
                "Delete",
            ):
                self._write("delete the lookup", lambda session: delete_lookup(session, item_id))
            return
        group = next((g for g in self.groups if g.id == item_id), None)
        if group is not None and prompts.confirm(
            self.window,
            "Delete group",
            f"Delete the group “{group.name}”? Its {group.contacts:,} contacts stay in the "
            "database; only the group goes.",
            "Delete",
        ):
            self._write("delete the group", lambda session: delete_group(session, item_id))

    def _write(self, what: str, action: Callable[[Session], object]) -> bool:
        from db.validation import InvalidContactError

        try:
            done = self.ops.write(what, action, ChangeSet(lists=True))
        except InvalidContactError as invalid:
            prompts.show_error(self.window, "Not saved", "\n".join(str(e) for e in invalid.errors))
            return False
        return done is not None

    def _tell(self, text: str) -> None:
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(text, 4000)
