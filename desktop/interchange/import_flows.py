"""Importing from the window: the wizard, then the import itself in the background (backed up
first, with a progress bar and Cancel, which leaves the database as it was), what it did, and
undoing an import as a whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWizard

from desktop.background import BackgroundJob
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from db.interchange.import_files import ImportSource
    from db.interchange.import_records import ImportOptions, ImportResult
    from desktop.interchange.import_wizard import ImportWizard
    from desktop.main_window import MainWindow

IMPORTED = ChangeSet(list_changed=True, categories=True, fields=True, followups=True)
REJECTS_SAID = 200


class ImportFlows:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.job = BackgroundJob(window)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.progress: QProgressDialog | None = None
        self.wizard: ImportWizard | None = None  # the one open (for tests and screenshots)

    def open_wizard(self, path: Path | None = None) -> None:
        """The wizard, on `path` when given ("Open with Cardfile" on a vCard)."""
        from desktop.interchange.import_wizard import ImportWizard

        store = self.window.store
        if store.read_only:
            prompts.show_error(
                self.window,
                "Read-only",
                "Contacts cannot be imported while this database is open read-only (another "
                "Cardfile window has it open). Import there, or close it and open this again.",
            )
            return
        if self.job.running:
            return
        self.wizard = wizard = ImportWizard(self.window, store.path)
        if path is not None:
            wizard.file_page.path_edit.setText(str(path))
            wizard.file_page.look()
        accepted = wizard.exec() == QWizard.DialogCode.Accepted
        self.wizard = None
        if accepted and wizard.source is not None and wizard.matching_page.survey is not None:
            self.run(wizard.source, wizard.import_options(), wizard.matching_page.survey.read)

    def run(self, source: ImportSource, options: ImportOptions, total: int) -> None:
        """Import in the background, after a backup when there is anything to lose."""
        progress = QProgressDialog("Importing contacts…", "Cancel", 0, max(total, 1), self.window)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(self.job.cancel)
        self.job.progressed.connect(progress.setValue)
        self.progress = progress
        from db.interchange.import_records import ImportCancelledError

        self.job.start(_import_work(self.window.store.path, source, options), ImportCancelledError)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.job.progressed.disconnect(self.progress.setValue)
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, result: ImportResult) -> None:
        from db.interchange.import_records import left_out_lines

        self._close_progress()
        self.window.ops.announce(IMPORTED)
        lines = [result.summary() + "."]
        if result.unchanged:
            lines.append(f"{result.unchanged:,} matched contacts had nothing new in the file.")
        lines += [f"Rejected {r}" for r in result.rejects[:REJECTS_SAID]]
        if result.rejected > REJECTS_SAID:
            lines.append(f"… and {result.rejected - REJECTS_SAID:,} more rejected rows.")
        lines += left_out_lines(result.warned, result.warnings, REJECTS_SAID)
        if result.review_pairs:
            lines.append(
                f"{len(result.review_pairs):,} pairs wait in the duplicate review queue "
                "(Tools ▸ Find Duplicates)."
            )
        lines.append("The whole import can be undone: File ▸ Undo an Import.")
        if prompts.show_report(self.window, "Import finished", lines, "Undo This Import"):
            self.undo(result.batch_id)
        elif result.review_pairs:
            self.window.duplicates.open_queue()

    def _failed(self, error: Exception) -> None:
        self._close_progress()
        prompts.show_error(
            self.window,
            "Import stopped",
            f"The import stopped: {error}\n\nNothing was imported; the database is as it was.",
        )

    def _cancelled(self) -> None:
        self._close_progress()
        prompts.show_message(
            self.window, "Import cancelled", "The import was cancelled: nothing was imported."
        )

    def undo(self, batch_id: int) -> bool:
        from db.interchange.import_undo import undo_import

        done = self.window.ops.write(
            f"undo import {batch_id}", lambda session: undo_import(session, batch_id), IMPORTED
        )
        if done is not None:
            prompts.show_message(self.window, "Import undone", done.value)
        return done is not None

    def choose_and_undo(self) -> None:
        """File ▸ Undo an Import: the imports not undone yet, newest first."""
        from db.interchange.import_batches import import_batches

        batches = [b for b in self.window.ops.read(import_batches) if b.undone_at is None]
        if not batches:
            prompts.show_message(self.window, "Undo an Import", "There is no import to undo.")
            return
        labels = [
            f"Import {b.id}, {b.started_at:%Y-%m-%d %H:%M}: {Path(b.file_name).name} "
            f"({b.created:,} created, {b.updated:,} updated)"
            for b in batches
        ]
        chosen = prompts.choose_item(
            self.window, "Undo an Import", "Undo which import?", labels, labels[0]
        )
        if chosen is not None:
            self.undo(batches[labels.index(chosen)].id)

    def wait(self) -> bool:
        return self.job.wait()

    def stop(self) -> None:
        """Closing the window: a running import is cancelled (nothing of it is kept)."""
        self.job.cancel()
        self.job.wait()


def _import_work(
    path: Path, source: ImportSource, options: ImportOptions
) -> Callable[[Callable[[int], None], Callable[[], bool]], Any]:
    def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
        from db.automatic_backups import automatic_backup
        from db.interchange.import_files import records_of
        from db.interchange.importing import run_import
        from db.search import live_contact_count
        from db.store import Store

        store = Store(path)
        try:
            if live_contact_count(store.reader()):
                automatic_backup(path, "before-import")
            with store.session() as session:
                return run_import(
                    session, records_of(source), options, progress=progress, cancelled=cancelled
                )
        finally:
            store.close()

    return work
