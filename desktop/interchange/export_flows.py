"""File ▸ Export…, for the main window: the dialog, the file chooser, then the export itself in a
background thread on its own read-only connection (a progress bar, and Cancel that leaves no
file), and what was done, in words. The dialog and the export code are imported when first
used, off the window's start-up."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from desktop.background import BackgroundJob
from desktop.widgets import prompts

if TYPE_CHECKING:
    from db.interchange.exporting import ExportOptions
    from db.lookup_records import SqlFragment
    from desktop.interchange.export_dialog import ExportChoice, ExportLists
    from desktop.main_actions import MainActions
    from desktop.main_window import MainWindow

KINDS = {"csv": "CSV files (*.csv)", "vcard": "vCard files (*.vcf)"}
SUFFIXES = {"csv": ".csv", "vcard": ".vcf"}


@dataclass(frozen=True)
class ExportJob:
    """One export to run: the database, the file, how, and which contacts (ids and/or a
    condition; neither is everyone)."""

    database: Path
    out: Path
    options: ExportOptions
    ids: tuple[int, ...] | None = None
    condition: SqlFragment | None = None


class ExportFlows(QObject):
    """The Export command; one export at a time."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.background = BackgroundJob(self)
        self.background.progressed.connect(self._progressed)
        self.background.finished.connect(self._finished)
        self.background.failed.connect(self._failed)
        self.background.cancelled.connect(self._cancelled)
        self.progress: QProgressDialog | None = None
        self.job: ExportJob | None = None

    def connect_actions(self, commands: MainActions) -> None:
        commands.export.triggered.connect(self.export)

    def export(self) -> None:
        """Ask which contacts and how, then where; then export them in the background."""
        from desktop.interchange.export_dialog import ExportDialog  # (when first asked for)

        if self.background.running:
            return
        choice, _ok = ExportDialog.ask(self.window, lists=self._lists())
        if choice is None:
            return
        out = self._chosen_file(choice.options.format)
        if out is None:
            return
        from db.validation import InvalidContactError

        try:
            job = self._job(choice, out)
        except (LookupError, InvalidContactError) as exc:
            prompts.show_error(self.window, "Cannot export", str(exc))
            return
        self.start(job)

    def _lists(self) -> ExportLists:
        from desktop.interchange.export_dialog import ExportLists

        window = self.window
        model = window.model
        return ExportLists(
            everyone=model.total_contacts,
            listed=model.rowCount(),
            selected=len(window.list_pane.selected_ids()),
            categories=tuple(c.name for c in window.categories.all()),
            groups=tuple(g.name for g in window.lookups.groups),
            lookups=tuple(s.name for s in window.lookups.lookups),
        )

    def _chosen_file(self, file_format: str) -> Path | None:
        store = self.window.store
        suffix = SUFFIXES[file_format]
        suggested = store.path.parent / f"{store.path.stem} contacts{suffix}"
        out = prompts.choose_save_path(
            self.window, "Export contacts to", suggested, KINDS[file_format]
        )
        if out is None:
            return None
        return out if out.suffix else out.with_name(out.name + suffix)

    def _job(self, choice: ExportChoice, out: Path) -> ExportJob:
        """What to run for the choice; LookupError when the named list is gone meanwhile."""
        from db.clock import today
        from db.named_lists import named_list
        from desktop.interchange.export_dialog import CATEGORY, GROUP, LISTED, LOOKUP, SELECTED

        window = self.window
        ids: tuple[int, ...] | None = None
        condition = None
        if choice.which == LISTED:
            ids = tuple(window.model.listed_ids())
        elif choice.which == SELECTED:
            ids = tuple(window.list_pane.selected_ids())
        elif choice.which in (CATEGORY, GROUP, LOOKUP):
            day = today(window.followups.clock)
            condition = window.ops.read(
                lambda session: named_list(
                    session,
                    lookup=choice.name if choice.which == LOOKUP else None,
                    group=choice.name if choice.which == GROUP else None,
                    category=choice.name if choice.which == CATEGORY else None,
                    today=day,
                )
            )
        return ExportJob(window.store.path, out, choice.options, ids, condition)

    def start(self, job: ExportJob) -> None:
        """Run `job` in the background, behind a progress bar with Cancel."""
        from db.interchange.exporting import ExportCancelledError, export_contacts

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> int:
            database = f"{job.database.resolve().as_uri()}?mode=ro"  # (a name may hold # or %)
            with closing(sqlite3.connect(database, uri=True)) as reader:
                return export_contacts(
                    reader,
                    job.out,
                    job.options,
                    job.ids,
                    condition=job.condition,
                    progress=lambda done, total: progress(done * 100 // max(total, 1)),
                    cancelled=cancelled,
                )

        progress = QProgressDialog("Exporting contacts…", "Cancel", 0, 100, self.window)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # a quick export shows no progress bar at all
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.background.cancel)
        self.progress, self.job = progress, job
        self.background.start(work, ExportCancelledError)

    def stop(self) -> None:
        """Cancel an export under way (the window is closing) and wait for its thread to end."""
        if self.background.running:
            self.background.cancel()
            self.background.wait()

    def _progressed(self, percent: int) -> None:
        if self.progress is not None:
            self.progress.setValue(percent)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _finished(self, count: int) -> None:
        self._close_progress()
        out = self.job.out if self.job is not None else ""
        prompts.show_message(self.window, "Exported", f"Exported {count:,} contacts to {out}.")

    def _failed(self, error: object) -> None:
        self._close_progress()
        prompts.show_error(self.window, "Export failed", self._in_words(error))

    def _in_words(self, error: object) -> str:
        from db.interchange.exporting import why_not_written

        out = self.job.out if self.job is not None else "the file"
        if isinstance(error, OSError):
            return f"Cardfile could not write {out}: {why_not_written(error)}."
        if isinstance(error, sqlite3.Error):
            return f"The database could not be read: {error}. Nothing was written."
        return f"The export stopped ({type(error).__name__}: {error}). Nothing was written."

    def _cancelled(self) -> None:
        self._close_progress()
        self.window.statusBar().showMessage("Export cancelled; no file was written.", 6000)
