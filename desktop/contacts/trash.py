"""The Trash flow: show deleted contacts, restore them, or delete them for good (after asking)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.contacts.trash_dialog import TrashDialog
from desktop.operations import Operations
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def run_trash(dialog: TrashDialog, ops: Operations) -> None:
    """Fill `dialog` from the database, act on its requests, and run it until it is closed."""
    from db import contacts

    def refresh() -> None:
        dialog.show_entries(ops.read(contacts.trash))

    def restore(ids: list[int]) -> None:
        def restore_all(session: Session) -> None:
            for contact_id in ids:
                contacts.restore_contact(session, contact_id)

        ops.write("restore from the Trash", restore_all, ChangeSet(frozenset(ids)))
        refresh()

    def purge(ids: list[int]) -> None:
        count = len(ids)
        if not prompts.confirm(
            dialog,
            "Delete for good",
            f"Delete {count} contact{'s' if count != 1 else ''} for good? This cannot be undone.",
            "Delete for good",
        ):
            return

        def purge_all(session: Session) -> None:
            for contact_id in ids:
                contacts.purge_contact(session, contact_id)

        ops.write("delete for good", purge_all)
        refresh()

    dialog.restoreRequested.connect(restore)
    dialog.purgeRequested.connect(purge)
    refresh()
    dialog.exec()
