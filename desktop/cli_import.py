"""`cardfile import` and `cardfile export`'s sibling for getting contacts in: a CSV or vCard
file imported as one batch (backed up first), the list of imports, and undoing one. No Qt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.interchange.import_files import ImportSource
    from db.interchange.import_records import ImportResult
    from db.store import Store

REJECTS_SHOWN = 20


def add_import_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from db.interchange.import_files import FORMATS
    from db.interchange.import_records import DEFAULT_ON_MATCH, ON_MATCH

    command = commands.add_parser(
        "import", help="import contacts from a CSV or vCard file (one batch, undoable)"
    )
    command.add_argument("file", type=Path, nargs="?", metavar="FILE")
    command.add_argument("--format", choices=FORMATS, help="default: from the file")
    command.add_argument(
        "--on-match",
        choices=tuple(ON_MATCH),
        default=DEFAULT_ON_MATCH,
        help="what to do with a contact that is already stored: "
        + "; ".join(f"{k}: {v}" for k, v in ON_MATCH.items()),
    )
    command.add_argument("--encoding", metavar="E", help="the CSV file's encoding (default: found)")
    command.add_argument(
        "--date-order",
        choices=("MDY", "DMY", "YMD"),
        help="of the CSV file's dates (default: found)",
    )
    command.add_argument(
        "--unknown-columns",
        choices=("custom", "ignore"),
        default="custom",
        help="CSV columns Cardfile does not know: made user fields (default) or left out",
    )
    command.add_argument(
        "--rejected", type=Path, metavar="FILE.csv", help="write the rejected rows to this file"
    )
    command.add_argument("--undo", type=int, metavar="BATCH", help="undo an import")
    command.add_argument("--list", action="store_true", help="list the recent imports")


def run_import_command(store: Store, args: argparse.Namespace) -> int:
    if args.undo is not None:
        return _undo(store, args.undo)
    if args.list:
        return _list(store)
    if args.file is None:
        print(
            "cardfile import: give a FILE to import (or --undo BATCH, or --list)", file=sys.stderr
        )
        return 2
    return _import(store, args)


def _import(store: Store, args: argparse.Namespace) -> int:
    from db.automatic_backups import automatic_backup
    from db.interchange.import_files import ImportSource, file_format, records_of
    from db.interchange.import_records import ImportOptions
    from db.interchange.importing import run_import
    from db.interchange.incoming import UnreadableFileError
    from db.search import live_contact_count
    from db.validation import InvalidContactError

    path: Path = args.file
    if not path.is_file():
        print(f"cardfile import: there is no file at {path}", file=sys.stderr)
        return 1
    source = ImportSource(
        path,
        args.format or file_format(path),
        encoding=args.encoding,
        date_order=args.date_order,
        unknown=args.unknown_columns,
    )
    options = ImportOptions(args.on_match, file_name=str(path), format=source.format)
    try:
        records = records_of(source)
        if live_contact_count(store.reader()):
            kept = automatic_backup(store.path, "before-import")
            print(f"Backed up the database first: {kept}")
        with store.session() as session:
            result = run_import(session, records, options)
    except (UnreadableFileError, InvalidContactError) as exc:
        print(f"cardfile import: {exc}", file=sys.stderr)
        return 1
    _report(result, args.rejected, source)
    return 0


def _report(result: ImportResult, rejected_file: Path | None, source: ImportSource) -> None:
    from db.interchange.import_records import left_out_lines

    print(result.summary())
    for rejected in result.rejects[:REJECTS_SHOWN]:
        print(f"  rejected {rejected}")
    more = result.rejected - REJECTS_SHOWN
    if more > 0:
        print(f"  … and {more:,} more rejected (--rejected FILE.csv writes them to a file)")
    for line in left_out_lines(result.warned, result.warnings, REJECTS_SHOWN):
        print(line)
    if rejected_file is not None and result.rejects:
        from db.interchange.csv_files import open_csv
        from db.interchange.csv_rows import write_rejected

        header = open_csv(source.path, source.encoding).header if source.format == "csv" else ()
        written = write_rejected(result.rejects, header, rejected_file)
        if written < result.rejected:
            print(
                f"Wrote the first {written:,} of the {result.rejected:,} rejected rows to "
                f"{rejected_file} (an import keeps the first {written:,} it rejects)"
            )
        else:
            print(f"Wrote {written:,} rejected rows to {rejected_file}")
    if result.review_pairs:
        print(
            f"{len(result.review_pairs):,} pairs wait in the duplicate review queue "
            "(Tools ▸ Find Duplicates)"
        )
    print(f"Undo with: cardfile import --undo {result.batch_id}")


def _undo(store: Store, batch_id: int) -> int:
    from db.interchange.import_records import ImportUndoError
    from db.interchange.import_undo import undo_import

    try:
        with store.session() as session:
            said = undo_import(session, batch_id)
    except ImportUndoError as refused:
        print(f"cardfile import: {refused}", file=sys.stderr)
        return 1
    print(said)
    return 0


def _list(store: Store) -> int:
    from db.interchange.import_batches import import_batches

    with store.session() as session:
        found = import_batches(session)
    if not found:
        print("No imports yet")
    for b in found:
        undone = f", undone {b.undone_at:%Y-%m-%d %H:%M}" if b.undone_at else ""
        print(
            f"import {b.id}\t{b.started_at:%Y-%m-%d %H:%M}\t{Path(b.file_name).name}\t"
            f"{b.created:,} created, {b.updated:,} updated, {b.skipped:,} skipped, "
            f"{b.rejected:,} rejected ({b.on_match}{undone})"
        )
    return 0
