"""Exporting contacts to a file, CSV or vCard: what the command line and File ▸ Export… run.

The chosen contacts are read in bulk (`export_reader`) and written by `csv_export` or by the vCard
writer (`vcard_write`), whole or not at all. A long export reports its progress and can be
cancelled; a cancelled one leaves no file behind.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.cycle_collector import collector_paused
from db.interchange.atomic_output import replaced_atomically
from db.interchange.csv_export import export_csv
from db.interchange.export_reader import (
    contacts_of,
    export_ids,
    group_widths,
    user_field_names,
)
from db.interchange.incoming import Incoming

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.lookup_records import SqlFragment

FORMATS = ("csv", "vcard")
VCARD_VERSIONS = ("3.0", "4.0")
VCARD_SUFFIXES = (".vcf", ".vcard")
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]  # done, of


class ExportCancelledError(Exception):
    """The user cancelled the export; no file was written."""


@dataclass(frozen=True)
class ExportOptions:
    """How to write the file: `format` "csv" or "vcard"; for vCard its version; for CSV whether
    cells are made safe for spreadsheets, and whether UTF-8 carries a byte-order mark (Excel)."""

    format: str = "csv"
    vcard_version: str = "3.0"
    safe: bool = True
    excel_bom: bool = True


def format_for(path: Path) -> str:
    """The format a file's name asks for: vCard for .vcf/.vcard, else CSV."""
    return "vcard" if Path(path).suffix.lower() in VCARD_SUFFIXES else "csv"


def export_contacts(
    reader: Session | sqlite3.Connection,
    out: Path,
    options: ExportOptions,
    ids: Sequence[int] | None = None,
    *,
    condition: SqlFragment | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the live contacts chosen (all, those of `ids`, those `condition` selects) to `out`;
    the number written. Raises ExportCancelledError when `cancelled()` turns true (nothing is
    left behind), OSError when the file cannot be written (an earlier file stays as it was)."""
    with collector_paused(), _one_snapshot(reader):
        chosen = export_ids(reader, ids, condition=condition)
        rows = _watched(contacts_of(reader, chosen), len(chosen), progress, cancelled)
        if options.format == "vcard":
            return export_vcards(rows, out, options.vcard_version)
        return export_csv(
            rows,
            user_field_names(reader),
            out,
            safe=options.safe,
            excel_bom=options.excel_bom,
            widths=group_widths(reader, chosen),
        )


@contextmanager
def _one_snapshot(reader: Session | sqlite3.Connection) -> Iterator[None]:
    """Every read of the export in one read transaction: a contact edited meanwhile (in the
    window) is exported as it was when the export began, never half-changed."""
    if not isinstance(reader, sqlite3.Connection) or reader.in_transaction:
        yield  # (a session's reads are in its transaction already)
        return
    reader.execute("BEGIN")
    try:
        yield
    finally:
        reader.execute("COMMIT")


def export_vcards(rows: Iterable[tuple[int, Incoming]], out: Path, version: str = "3.0") -> int:
    """Write `rows` to `out` as vCards of `version` ("3.0" or "4.0") in UTF-8, whole or not at
    all; the number written."""
    from db.interchange.vcard_write import write_vcards

    if version not in VCARD_VERSIONS:
        raise ValueError(f"vCard version {version} is not one Cardfile writes (3.0 or 4.0)")
    with (
        replaced_atomically(Path(out)) as part,
        part.open("w", encoding="utf-8", newline="") as target,
    ):
        written: int = write_vcards(rows, target, version=version)
    return written


def why_not_written(exc: OSError) -> str:
    """Why an export file could not be written, in words (for the command line and the window)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; nothing was written"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied; nothing was written"
    return f"{exc.strerror or exc}; nothing was written"


def _watched(
    rows: Iterable[tuple[int, Incoming]],
    total: int,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[tuple[int, Incoming]]:
    """`rows`, telling `progress` every thousand and stopping when `cancelled()`."""
    done = 0
    for row in rows:
        if done % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelledError("The export was cancelled; no file was written.")
            if progress is not None:
                progress(done, total)
        yield row
        done += 1
    if progress is not None:
        progress(done, total)
