"""The change notice: after a write, every view hears what changed and decides what to refresh."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class ChangeSet:
    contact_ids: frozenset[int] = frozenset()
    list_changed: bool = False  # contacts added, removed, or moved in the list order
    store_replaced: bool = False  # another database was opened
    followups: bool = False  # follow-ups scheduled, done, moved or removed
    categories: bool = False  # categories made, changed, merged or deleted, or memberships
    fields: bool = False  # user fields defined, renamed, reordered, retyped or deleted
    lists: bool = False  # saved lookups or groups made, changed or deleted, or group members


class StoreEvents(QObject):
    changed = Signal(object)  # ChangeSet

    def announce(self, change: ChangeSet) -> None:
        self.changed.emit(change)
