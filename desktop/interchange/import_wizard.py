"""The import wizard: the file, the column mapping (CSV only), and the matching step; "Import"
then hands the choices to `ImportFlows`, which runs the import in the background."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget, QWizard

from desktop.interchange.import_pages import PREVIEW_ROWS, FilePage, MappingPage
from desktop.interchange.matching_page import MatchingPage

if TYPE_CHECKING:
    from db.interchange.csv_mapping import Mapping
    from db.interchange.import_files import ImportSource
    from db.interchange.import_records import ImportOptions
    from db.interchange.incoming import Rejected

FILE_PAGE, MAPPING_PAGE, MATCHING_PAGE = range(3)


class ImportWizard(QWizard):
    def __init__(self, parent: QWidget | None, store_path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import Contacts")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(820, 600)
        self.store_path = store_path
        self.source: ImportSource | None = None
        self.found_text = ""
        self.sample_rows: list[list[str]] = []
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.matching_page = MatchingPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(MATCHING_PAGE, self.matching_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Import")
        self.rejected.connect(self.matching_page.cleanupPage)

    @property
    def mapping(self) -> Mapping | None:
        return self.source.mapping if self.source else None

    def set_mapping(self, mapping: Mapping) -> None:
        if self.source is not None:
            self.source = replace(self.source, mapping=mapping)

    def nextId(self) -> int:
        if self.currentId() == FILE_PAGE:
            is_csv = self.source is not None and self.source.format == "csv"
            return MAPPING_PAGE if is_csv else MATCHING_PAGE
        if self.currentId() == MAPPING_PAGE:
            return MATCHING_PAGE
        return -1

    def read_file(
        self,
        path: Path,
        *,
        encoding: str | None,
        date_order: str | None,
        has_header: bool,
        unknown: str,
    ) -> None:
        """Find out how to read `path`; `source` is None (and `found_text` says why) when it
        cannot be read."""
        from db.interchange.import_files import ImportSource, file_format
        from db.interchange.incoming import UnreadableFileError

        self.source = None
        if not path.is_file():
            self.found_text = f"There is no file at {path}."
            return
        kind = file_format(path)
        if kind == "vcard":
            self.source = ImportSource(path, "vcard")
            self.found_text = "A vCard file: each card becomes a contact."
            return
        try:
            self.source, self.found_text = self._read_csv(
                path, encoding, date_order, has_header, unknown
            )
        except (UnreadableFileError, ValueError) as exc:
            self.found_text = f"This file cannot be read: {exc}"

    def _read_csv(
        self, path: Path, encoding: str | None, order: str | None, has_header: bool, unknown: str
    ) -> tuple[ImportSource, str]:
        from db.interchange.csv_files import preview
        from db.interchange.csv_mapping import guess_mapping, positional_mapping
        from db.interchange.import_files import ImportSource

        seen = preview(path, encoding, PREVIEW_ROWS, has_header=has_header)
        found = seen.file
        self.sample_rows = [list(cells) for _line, cells in seen.rows]
        mapping = (
            guess_mapping(found.header, unknown) if has_header else positional_mapping(found.width)
        )
        delimiter = {",": "commas", ";": "semicolons", "\t": "tabs"}.get(found.delimiter, "?")
        layout = f"the layout of {mapping.layout}" if mapping.layout else "a layout of its own"
        text = (
            f"A CSV file in {found.encoding}, separated by {delimiter}, with {found.width} "
            f"columns in {layout}."
        )
        return ImportSource(path, "csv", encoding, mapping, order, unknown), text

    def import_options(self) -> ImportOptions:
        from db.interchange.import_records import ImportOptions

        assert self.source is not None
        return ImportOptions(
            self.matching_page.on_match, file_name=str(self.source.path), format=self.source.format
        )

    def survey_work(self) -> Callable[[Callable[[int], None], Callable[[], bool]], Any]:
        """What the matching step runs in the background: the survey, on its own connection."""
        source, path = self.source, self.store_path
        assert source is not None
        options = self.import_options()

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            from db.interchange.import_files import records_of
            from db.interchange.importing import survey_import
            from db.store import Store

            store = Store(path)
            try:
                with store.session() as session:
                    return survey_import(
                        session,
                        records_of(source),
                        options,
                        progress=progress,
                        cancelled=cancelled,
                    )
            finally:
                store.close()

        return work

    def write_rejects(self, rejects: Sequence[Rejected], out: Path) -> int:
        from db.interchange.csv_rows import write_rejected

        header = self.mapping.columns if self.mapping and self.mapping.has_header else ()
        return write_rejected(rejects, header, out)
