"""`cardfile export FILE`: contacts (everyone, a saved lookup's, a group's or a category's) to a
CSV or vCard file. No Qt here."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.interchange.exporting import ExportOptions
    from db.lookup_records import SqlFragment
    from db.store import Store

FORMATS = ("csv", "vcard")
VCARD_VERSIONS = ("3.0", "4.0")


def add_export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write contacts to a CSV or vCard file",
        description=(
            "Write contacts to FILE: everyone, or a saved lookup's, a group's or a category's. "
            "CSV cells that a spreadsheet would run as formulas (starting with = + - @, such as "
            "a phone number +47 …) get a ' in front; use --plain for a file meant to be "
            "imported by another program."
        ),
    )
    export.add_argument("file", type=Path, metavar="FILE", help="the file to write")
    export.add_argument(
        "--format",
        choices=FORMATS,
        help="csv or vcard (default: from FILE's name, .vcf being vCard, else CSV)",
    )
    export.add_argument(
        "--vcard-version", choices=VCARD_VERSIONS, default="3.0", help="default: 3.0"
    )
    export.add_argument(
        "--plain",
        action="store_true",
        help="CSV for re-import elsewhere: cells as they are, not made safe for spreadsheets",
    )
    export.add_argument(
        "--no-bom",
        action="store_true",
        help="CSV in plain UTF-8, without the byte-order mark that Excel needs",
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument("--lookup", metavar="NAME", help="the contacts a saved lookup finds now")
    which.add_argument("--group", metavar="NAME", help="the contacts in a group")
    which.add_argument("--category", metavar="NAME", help="the contacts in a category")


def run_export(store: Store, args: argparse.Namespace) -> int:
    """Export as `args` say; the exit status. Every failure is told in words, and leaves no file
    (and an earlier file of that name as it was)."""
    from db.interchange.exporting import format_for
    from db.named_lists import named_list
    from db.validation import InvalidContactError

    out: Path = args.file
    options = _options(args, args.format or format_for(out))
    if options is None:
        return 2
    try:
        with store.session() as session:
            condition = named_list(
                session,
                lookup=args.lookup,
                group=args.group,
                category=args.category,
                today=date.today(),
            )
    except (LookupError, InvalidContactError) as exc:
        print(f"cardfile export: {exc}", file=sys.stderr)
        return 1
    return _write(store, out, options, condition)


def _options(args: argparse.Namespace, file_format: str) -> ExportOptions | None:
    from db.interchange.exporting import ExportOptions

    if file_format == "vcard" and (args.plain or args.no_bom):
        option = "--plain" if args.plain else "--no-bom"
        print(f"cardfile export: {option} is for CSV files, not vCard", file=sys.stderr)
        return None
    return ExportOptions(
        format=file_format,
        vcard_version=args.vcard_version,
        safe=not args.plain,
        excel_bom=not args.no_bom,
    )


def _write(store: Store, out: Path, options: ExportOptions, condition: SqlFragment | None) -> int:
    from db.interchange.exporting import export_contacts, why_not_written

    if not out.parent.is_dir():
        print(
            f"cardfile export: cannot write {out}: there is no folder {out.parent}", file=sys.stderr
        )
        return 1
    try:
        count = export_contacts(store.reader(), out, options, condition=condition)
    except OSError as exc:
        print(f"cardfile export: cannot write {out}: {why_not_written(exc)}", file=sys.stderr)
        return 1
    print(f"Exported {count:,} contacts to {out}")
    return 0
