"""The `cardfile` command line. No Qt here: sub-commands work on a machine with no display.

`cardfile` alone opens the window (see `desktop.__main__`); `cardfile SUB-COMMAND …` runs here.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.store import Store

MAX_DEMO_CONTACTS = 10_000_000
LIST_PAGE = 500


def contact_count(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 < value <= MAX_DEMO_CONTACTS:
        raise argparse.ArgumentTypeError(
            f"{value} is out of range: give between 1 and {MAX_DEMO_CONTACTS:,}"
        )
    return value


class VersionAction(argparse.Action):
    """--version, reading the package metadata only when asked (it is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from desktop.version import app_version

        print(f"Cardfile {app_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cardfile",
        description="Cardfile, a contact manager. With no command, opens the window; "
        "`cardfile [--db PATH] FILE.vcf` opens it and imports the vCard file.",
    )
    parser.add_argument("--version", action=VersionAction, help="show the version and exit")
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="the database file (default: your data folder)"
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="render the main screens to PNG files in DIR, offscreen, and exit",
    )
    parser.add_argument(
        "--demo-if-new",
        action="store_true",
        help="when the database file does not exist yet, create it with demo contacts",
    )
    parser.set_defaults(file_to_open=None)  # set by main() from a trailing FILE.vcf
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="fill the database with realistic demo contacts")
    demo.add_argument("--contacts", type=contact_count, default=1000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    listing = commands.add_parser(
        "list", help="print contacts (everyone, a saved lookup's, or a group's), tab-separated"
    )
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--lookup", metavar="NAME", help="the contacts a saved lookup finds now")
    which.add_argument("--group", metavar="NAME", help="the contacts in a group")
    duplicates = commands.add_parser(
        "duplicates", help="find likely duplicate contacts (groups, best first)"
    )
    duplicates.add_argument("--min-score", type=score_value, default=None, metavar="S")
    duplicates.add_argument(
        "--json", action="store_true", help='print {"groups": [...]} and nothing else'
    )
    merge = commands.add_parser(
        "merge", help="merge duplicate contacts automatically, list merges, or undo one"
    )
    how = merge.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--auto", action="store_true", help="merge each group of likely duplicates into its oldest"
    )
    how.add_argument("--undo", type=int, metavar="MERGE_ID", help="undo a merge")
    how.add_argument("--list", action="store_true", help="list the recent merges")
    merge.add_argument(
        "--min-score",
        type=score_value,
        default=None,
        metavar="S",
        help="with --auto: merge only groups scoring at least S (0-1; default: the sure ones)",
    )
    merge.add_argument(
        "--dry-run",
        action="store_true",
        help="with --auto: say what would be merged, merge nothing",
    )
    report = commands.add_parser("report", help="write a report as a PDF")
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    activity = reports.add_parser(
        "activity",
        help="calls, meetings and follow-ups in a date range, and who has no next action",
    )
    activity.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE")
    activity.add_argument("--to", dest="end", type=iso_date, required=True, metavar="DATE")
    activity.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    from desktop.cli_backup import add_backup_commands
    from desktop.cli_export import add_export_command
    from desktop.cli_print import add_print_commands

    add_backup_commands(commands)
    add_print_commands(commands)
    from desktop.cli_import import add_import_command

    add_import_command(commands)
    add_export_command(commands)
    return parser


def score_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number from 0 to 1") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is out of range: give between 0 and 1")
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def database_path(args: argparse.Namespace) -> Path:
    from db.locations import default_database_path

    return Path(args.db) if args.db else default_database_path()


def run_command(args: argparse.Namespace) -> int:
    """Run a sub-command; returns the process exit status."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.store import StoreError, open_store
    from desktop.cli_backup import FILE_COMMANDS, run_file_command
    from desktop.cli_export import run_export

    if args.command in FILE_COMMANDS:  # on the file itself, which may be damaged
        return run_file_command(args, database_path(args))
    try:
        store = open_store(database_path(args))
    except StoreError as exc:
        print(f"cardfile: {exc}", file=sys.stderr)
        return 1
    commands: dict[str, Callable[[], int]] = {
        "demo": lambda: _demo(store, args.contacts, args.seed),
        "duplicates": lambda: _duplicates(store, args.min_score, as_json=args.json),
        "export": lambda: run_export(store, args),
        "list": lambda: _list(store, args.lookup, args.group),
        "merge": lambda: _merge(store, args),
        "report": lambda: _activity_report(store, args.start, args.end, args.out),
        "print": lambda: _print(store, args),
        "import": lambda: _import(store, args),
    }
    try:
        command = commands.get(args.command)
        if command is None:
            print(f"cardfile: unknown command {args.command}", file=sys.stderr)
            return 2
        return command()
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        reason = getattr(exc, "orig", None) or exc
        print(f"cardfile: {args.command} stopped: {reason}", file=sys.stderr)
        return 1
    finally:
        store.close()


def _import(store: Store, args: argparse.Namespace) -> int:
    from desktop.cli_import import run_import_command

    return run_import_command(store, args)


def _print(store: Store, args: argparse.Namespace) -> int:
    from desktop.cli_print import run_print

    return run_print(store, args)


def _merge(store: Store, args: argparse.Namespace) -> int:
    from desktop.cli_merge import run_merge

    return run_merge(store, args)


def _demo(store: Store, count: int, seed: int) -> int:
    from db.demo import generate_demo

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done:,} of {total:,} contacts", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    made = generate_demo(store, count, seed, progress=report)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Added {made:,} demo contacts to {store.path} in {time.perf_counter() - started:.1f} s")
    return 0


def _duplicates(store: Store, min_score: float | None, *, as_json: bool) -> int:
    """The groups of likely duplicates, best first: as JSON, or one line per group."""
    import json

    from db import search
    from db.duplicates import DEFAULT_MIN_SCORE, find_duplicate_groups

    def report(step: str, _done: int, _of: int) -> None:
        if sys.stderr.isatty():
            print(f"{step}…", file=sys.stderr, flush=True)

    reader = store.reader()
    score = DEFAULT_MIN_SCORE if min_score is None else min_score
    groups = find_duplicate_groups(reader, min_score=score, progress=report)
    if as_json:
        found = [{"score": g.score, "contact_ids": list(g.contact_ids)} for g in groups]
        print(json.dumps({"groups": found}))
        return 0
    for group in groups:
        rows = search.list_rows(reader, group.contact_ids)
        names = "; ".join(
            f"{rows[i].name} ({rows[i].company})" if rows[i].company else rows[i].name
            for i in group.contact_ids
        )
        print(f"{group.score:.2f}\t{' '.join(map(str, group.contact_ids))}\t{names}")
    print(f"{len(groups):,} groups of likely duplicates (score {score:.2f} or more)")
    return 0


def _list(store: Store, lookup: str | None, group: str | None) -> int:
    """Name, company, phone, e-mail, city and status of each contact, in name order."""
    from db import search
    from db.named_lists import named_list
    from db.validation import InvalidContactError

    try:
        with store.session() as session:
            condition = named_list(session, lookup=lookup, group=group, today=date.today())
            ids = search.matching_ids(session, "", extra=condition)
    except (LookupError, InvalidContactError) as exc:
        print(f"cardfile list: {exc}", file=sys.stderr)
        return 1
    reader = store.reader()
    for start in range(0, len(ids), LIST_PAGE):
        page = ids[start : start + LIST_PAGE]
        rows = search.list_rows(reader, page)
        for contact_id in page:
            row = rows[contact_id]
            print("\t".join((row.name, row.company, row.phone, row.email, row.city, row.status)))
    return 0


def _activity_report(store: Store, start: date, end: date, out: Path) -> int:
    from db.activity_report import activity_report
    from desktop.printing.activity_pdf import write_activity_pdf

    if end < start:
        print(f"cardfile report activity: --to {end} is before --from {start}", file=sys.stderr)
        return 2
    with store.session() as session:
        report = activity_report(session, start, end)
    write_activity_pdf(report, out)
    print(f"Wrote the activity report for {start} to {end} to {out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.open_with import split_file_to_open

    arguments, file_to_open = split_file_to_open(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(arguments)
    args.file_to_open = file_to_open
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args)
    return run_command(args)
