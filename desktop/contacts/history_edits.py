"""What Edit… and Delete… on a history entry do: ask, then change it in the database."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from db.records import HistoryEntry
from db.validation import InvalidContactError
from desktop.contacts.history_view import HistoryView
from desktop.operations import Operations
from desktop.store_events import ChangeSet
from desktop.widgets import prompts


def connect_history_edits(view: HistoryView, ops: Operations, parent: QWidget) -> None:
    def edit(entry: HistoryEntry) -> None:
        from db.history import update_history_entry

        changed = prompts.ask_entry(parent, f"Edit the {entry.kind}", entry.result, entry.text)
        if changed is None or changed == (entry.result, entry.text):
            return
        result, text = changed
        try:
            ops.write(
                f"change the {entry.kind}",
                lambda session: update_history_entry(session, entry.id, text, result),
                ChangeSet(contact_ids=frozenset({entry.contact_id})),
            )
        except InvalidContactError as invalid:
            prompts.show_error(parent, "Not changed", "\n".join(str(e) for e in invalid.errors))

    def delete(entry: HistoryEntry) -> None:
        from db.history import delete_history_entry

        when = f"{entry.occurred_at:%Y-%m-%d %H:%M}"
        if prompts.confirm(
            parent, "Delete history entry", f"Delete the {entry.kind} of {when}?", "Delete"
        ):
            ops.write(
                f"delete the {entry.kind}",
                lambda session: delete_history_entry(session, entry.id),
                ChangeSet(contact_ids=frozenset({entry.contact_id})),
            )

    view.editRequested.connect(edit)
    view.deleteRequested.connect(delete)
