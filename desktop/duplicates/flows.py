"""What the duplicate commands do: the review queue and its background scan, "not duplicates",
the merge dialog, Undo merge, and the warning when a new contact looks like one already there.
The main window connects them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from db.duplicate_records import DuplicateGroup
from db.store import Store
from desktop.operations import Operations
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from db.duplicate_check import LikelyDuplicate
    from db.records import ContactFields
    from desktop.duplicates.merge_dialog import MergeDialog
    from desktop.duplicates.queue_dialog import DuplicateQueue
    from desktop.duplicates.scan import BackgroundScan


MAX_LISTED = 12  # merges named one by one before an automatic merge


class DuplicateFlows(QObject):
    def __init__(self, window: QWidget, ops: Operations, store: Callable[[], Store]) -> None:
        super().__init__(window)
        self.window = window
        self.ops = ops
        self.store = store
        self.queue: DuplicateQueue | None = None
        self.merge_dialog: MergeDialog | None = None
        self._scan: BackgroundScan | None = None

    @property
    def scan(self) -> BackgroundScan:
        """The background scan, made when first needed (not before the window's first paint)."""
        if self._scan is None:
            from desktop.duplicates.scan import BackgroundScan

            scan = BackgroundScan(self)
            scan.progressed.connect(self._progressed)
            scan.found.connect(self._found)
            scan.failed.connect(lambda text: self._ended(f"The scan stopped: {text}"))
            scan.cancelled.connect(lambda: self._ended("Scan cancelled; nothing was changed."))
            self._scan = scan
        return self._scan

    # The queue.

    def open_queue(self) -> DuplicateQueue:
        """Tools ▸ Find Duplicates: the queue, scanning at once."""
        if self.queue is None:
            from desktop.duplicates.queue_dialog import DuplicateQueue

            queue = DuplicateQueue(self.window)
            queue.scanRequested.connect(self.start_scan)
            queue.cancelRequested.connect(self.scan.cancel)
            queue.mergeRequested.connect(self.merge_group)
            queue.notDuplicatesRequested.connect(self.not_duplicates)
            queue.autoMergeRequested.connect(self.auto_merge)
            self.queue = queue
        self.queue.show()
        self.queue.raise_()
        if not self.queue.groups and not self.scan.running:
            self.start_scan(self.queue.min_score.value())
        return self.queue

    def start_scan(self, min_score: float) -> None:
        self.scan.start(self.store().path, min_score)

    def _progressed(self, step: str, done: int, of: int) -> None:
        if self.queue is not None:
            self.queue.scanning(step, done, of)

    def _found(self, groups: list[DuplicateGroup]) -> None:
        from db import search

        if self.scan.path != self.store().path:
            return  # another database was opened meanwhile: these ids are not its contacts

        ids = sorted({i for g in groups for i in g.contact_ids})
        names = search.list_rows(self.store().reader(), ids)
        if self.queue is not None:
            self.queue.show_groups(groups, names)
            self._ended(
                f"Found {len(groups):,} groups of likely duplicates."
                if groups
                else "No likely duplicates found."
            )

    def _ended(self, text: str) -> None:
        if self.queue is not None:
            self.queue.scan_ended(text)

    def store_replaced(self) -> None:
        """Another database is open: the queue's groups (ids of the old one) go, and a scan of
        the old one is stopped."""
        if self._scan is not None:
            self._scan.cancel()
        if self.queue is not None:
            self.queue.show_groups([], {})
            self._ended("Another database was opened: scan it for duplicates.")

    def stop(self) -> None:
        """Before the window closes: a scan still running is stopped and waited for."""
        if self._scan is not None:
            self._scan.cancel()
            self._scan.wait()

    def not_duplicates(self, group: DuplicateGroup) -> None:
        from db.duplicates import mark_not_duplicates

        done = self.ops.write(
            "remember that they are not duplicates",
            lambda session: mark_not_duplicates(session, group.contact_ids),
        )
        if done is not None and self.queue is not None:
            self.queue.remove(group)

    def merge_group(self, group: DuplicateGroup) -> None:
        if len(group.contact_ids) > 3:
            prompts.show_error(
                self.window,
                "Too many to merge at once",
                f"This group has {len(group.contact_ids)} contacts; the merge dialog takes "
                "three at most. Merge the first three, then scan again.",
            )
            ids = group.contact_ids[:3]
        else:
            ids = group.contact_ids
        if self.merge(ids) is not None and self.queue is not None:
            self.queue.remove(group)

    def auto_merge(self, min_score: float) -> None:
        """The sure groups merged without a dialog each: what would be done is shown first."""
        from db.merge import auto_merge

        if self.queue is None:
            return
        sure = [g for g in self.queue.groups if g.score >= min_score]
        groups = [g.contact_ids for g in sure]
        plan = self.ops.read(lambda session: auto_merge(session, groups, dry_run=True))
        if not plan:
            return
        lines = [
            f"• {p.survivor_name} absorbs "
            f"{', '.join(f'#{i}' for i in p.absorbed_ids)}"
            + (f"; {len(p.changes)} values updated" if p.changes else "")
            for p in plan[:MAX_LISTED]
        ]
        more = f"\n… and {len(plan) - MAX_LISTED:,} more" if len(plan) > MAX_LISTED else ""
        if not prompts.confirm(
            self.window,
            "Merge the sure ones",
            f"{len(plan):,} merges, each alike {min_score:.0%} or more. The oldest contact of "
            "each stays; newer values update it; everything else is kept. Each can be undone "
            "from its history.\n\n" + "\n".join(lines) + more,
            f"Merge {len(plan):,}",
        ):
            return
        from db.automatic_backups import automatic_backup

        automatic_backup(self.store().path, "before-auto-merge")  # a way back for all of them
        done = self.ops.write(
            "merge the sure ones",
            lambda session: auto_merge(session, groups, dry_run=False),
            _everything(tuple(i for g in groups for i in g)),
        )
        if done is not None:
            self.queue.remove_all(sure)
            self._ended(f"Merged {len(done.value):,} groups; each can be undone from its history.")

    # Merging.

    def merge_selected(self, contact_ids: list[int]) -> None:
        """Contact ▸ Merge the Selected Contacts: two or three of them."""
        if not 2 <= len(contact_ids) <= 3:
            prompts.show_error(
                self.window, "Merge", "Select two or three contacts in the list first."
            )
            return
        self.merge(tuple(contact_ids))

    def merge(self, contact_ids: tuple[int, ...]) -> int | None:
        """The merge dialog on two or three contacts; the merge's id when merged."""
        from db.merge import merge_contacts, merge_preview
        from desktop.duplicates.merge_dialog import MergeDialog

        try:
            preview = self.ops.read(lambda session: merge_preview(session, contact_ids))
        except (LookupError, ValueError) as gone:
            prompts.show_error(self.window, "Cannot merge", str(gone))
            return None
        dialog = MergeDialog(self.window, preview)
        self.merge_dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        finally:
            self.merge_dialog = None
        survivor, absorbed = dialog.survivor_id, dialog.absorbed_ids()
        choices, unticked = dict(dialog.choices), dialog.unticked()
        done = self.ops.write(
            "merge the contacts",
            lambda session: merge_contacts(session, survivor, absorbed, choices, unticked),
            _everything(contact_ids),
        )
        return done.value if done is not None else None

    def undo_merge(self, merge_id: int) -> None:
        from db.merge import undo_merge

        if not prompts.confirm(
            self.window,
            "Undo merge",
            "Bring back the contacts this merge absorbed, with everything that was theirs, and "
            "put back the values it replaced?",
            "Undo merge",
        ):
            return
        done = self.ops.write(
            "undo the merge", lambda session: undo_merge(session, merge_id), ChangeSet()
        )
        if done is not None:
            self.ops.announce(_everything(tuple(done.value)))

    # Saving a new contact.

    def likely_duplicates(self, fields: ContactFields) -> list[LikelyDuplicate]:
        from db.duplicate_check import likely_duplicates

        return self.ops.read(lambda session: likely_duplicates(session, fields))

    def before_saving_new(
        self, fields: ContactFields
    ) -> tuple[prompts.DuplicateChoice, int | None]:
        """Asked before a new contact is saved: if it looks like one already here, what the
        user wants (and which one it looks like)."""
        found = self.likely_duplicates(fields)
        if not found:
            return prompts.DuplicateChoice.SAVE, None
        best = found[0]
        existing = f"{best.name} ({best.company})" if best.company else best.name
        choice = prompts.ask_duplicate(self.window, fields.display_name, existing, best.score)
        return choice, best.contact_id


def _everything(contact_ids: tuple[int, ...]) -> ChangeSet:
    """A merge touches the list, follow-ups, categories and groups of several contacts."""
    return ChangeSet(
        contact_ids=frozenset(contact_ids),
        list_changed=True,
        followups=True,
        categories=True,
        lists=True,
    )
