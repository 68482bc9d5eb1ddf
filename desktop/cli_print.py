"""`cardfile print letters`, `print labels` and `print envelopes` (and the label calibration page).
No Qt here. Who gets mail is chosen by the same options for every kind of piece (letters too:
`add_recipient_options`, `chosen_recipients`); each command lists who was left out and why
before it writes, writes the PDF whole or not at all, then records the mailing in each
recipient's history unless told not to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.mailing.labels_pdf import FitWarning
    from db.mailing.recipient_records import RecipientList
    from db.store import Store

BAD_INPUT = 2


class PrintRefusedError(Exception):
    """Something the user asked for cannot be done; the message says what, in words."""


def contact_ids(text: str) -> tuple[int, ...]:
    ids = []
    for part in text.replace(" ", "").split(","):
        if not part.isdigit():
            raise argparse.ArgumentTypeError(f"'{part}' is not a contact id (use --ids 1,2,3)")
        ids.append(int(part))
    return tuple(ids)


def start_label(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a label number (1 is the first)")
    return int(text)


def follow_up_days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days")
    return int(text)


def add_recipient_options(parser: argparse.ArgumentParser) -> None:
    """Who gets mail, and what the mailing leaves in the history: the same for every piece."""
    who = parser.add_argument_group("who (any mix; each contact gets one piece)")
    who.add_argument("--lookup", action="append", default=[], metavar="NAME", help="a saved lookup")
    who.add_argument("--group", action="append", default=[], metavar="NAME", help="a group")
    who.add_argument("--category", action="append", default=[], metavar="NAME", help="a category")
    who.add_argument("--ids", type=contact_ids, default=(), metavar="1,2,3", help="contact ids")
    parser.add_argument(
        "--per-household", action="store_true", help="one piece per address (the first by name)"
    )
    parser.add_argument(
        "--no-history", action="store_true", help="do not record the mailing in the history"
    )
    parser.add_argument(
        "--follow-up",
        type=follow_up_days,
        metavar="DAYS",
        help="schedule a call to each recipient in DAYS days",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def add_print_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    printing = commands.add_parser("print", help="print letters, labels or envelopes to a PDF")
    pieces = printing.add_subparsers(dest="piece", metavar="WHAT", required=True)
    letters = pieces.add_parser("letters", help="one letter per contact, from a letter template")
    letters.add_argument("--template", required=True, metavar="NAME", help='e.g. "Special offer"')
    add_recipient_options(letters)
    labels = pieces.add_parser("labels", help="address labels on a sheet (Avery 5160, L7160, …)")
    labels.add_argument("--sheet", required=True, metavar="NAME", help='e.g. "Avery 5160"')
    labels.add_argument(
        "--start",
        type=start_label,
        default=1,
        metavar="N",
        help="begin at label N of a partly used sheet (across, then down)",
    )
    labels.add_argument("--outline", action="store_true", help="draw each label's outline")
    labels.add_argument(
        "--printer",
        default="",
        metavar="NAME",
        help="apply this printer's calibration (see print calibration)",
    )
    add_recipient_options(labels)
    envelopes = pieces.add_parser(
        "envelopes", help="envelopes (#10, DL, C5) with your return address"
    )
    envelopes.add_argument("--size", required=True, metavar="NAME", help='"#10", "DL" or "C5"')
    envelopes.add_argument(
        "--printer", default="", metavar="NAME", help="apply this printer's calibration"
    )
    add_recipient_options(envelopes)
    calibration = pieces.add_parser(
        "calibration",
        help="a page to print on plain paper and measure; with --x/--y/--scale, keep the result",
    )
    calibration.add_argument("--sheet", default="Avery 5160", metavar="NAME")
    calibration.add_argument("--printer", default="", metavar="NAME")
    calibration.add_argument("--x", type=float, metavar="MM", help="offset to the right, in mm")
    calibration.add_argument("--y", type=float, metavar="MM", help="offset downwards, in mm")
    calibration.add_argument("--scale", type=float, metavar="S", help="e.g. 0.995")
    calibration.add_argument("--out", type=Path, metavar="FILE.pdf")


def run_print(store: Store, args: argparse.Namespace) -> int:
    """Run `cardfile print …`; the exit status."""
    from db.validation import InvalidContactError

    command = f"cardfile print {args.piece}"
    try:
        if args.piece == "calibration":
            return _calibration(store, args)
        if args.piece == "letters":
            return _letters(store, args)
        if args.piece == "labels":
            return _labels(store, args)
        return _envelopes(store, args)
    except (PrintRefusedError, LookupError, ValueError, InvalidContactError) as refused:
        print(f"{command}: {refused}", file=sys.stderr)
        return BAD_INPUT
    except OSError as failed:  # the PDF could not be written (no folder, no room): none was
        print(f"{command}: nothing was written: {failed.strerror or failed}", file=sys.stderr)
        return BAD_INPUT


def chosen_recipients(
    session: Session, args: argparse.Namespace, *, needs_address: bool
) -> RecipientList:
    """The recipients the options name, with everyone left out listed on standard output;
    PrintRefusedError when nobody is left to mail."""
    from db.mailing.recipient_records import MailingSources
    from db.mailing.recipients import choose_recipients

    sources = MailingSources(
        contact_ids=tuple(args.ids),
        categories=tuple(args.category),
        groups=tuple(args.group),
        lookups=tuple(args.lookup),
    )
    if sources.is_empty():
        raise PrintRefusedError("choose who to print for: --lookup, --group, --category or --ids")
    chosen = choose_recipients(
        session, sources, needs_address=needs_address, per_household=args.per_household
    )
    if chosen.left_out:
        print(f"Left out {len(chosen.left_out):,}:")
        for left in chosen.left_out:
            print(f"  {left}")
    if not chosen.recipients:
        raise PrintRefusedError("nobody is left to print for; nothing was written")
    return chosen


def record_history(store: Store, args: argparse.Namespace, ids: tuple[int, ...], text: str) -> None:
    """The mailing in each recipient's history (and the follow-up calls), unless --no-history."""
    from db.mailing.mailing_history import MAIL_KIND, record_mailing

    if args.no_history:
        return
    with store.session() as session:
        record_mailing(session, ids, MAIL_KIND, text, args.follow_up)
    follow = f", and a call in {args.follow_up} days" if args.follow_up is not None else ""
    print(f"Recorded “{text}” in the history of {len(ids):,} contacts{follow}")


def _warn(warnings: tuple[FitWarning, ...]) -> None:
    for warning in warnings:
        print(f"Warning: {warning}")


def _letters(store: Store, args: argparse.Namespace) -> int:
    """Every letter is filled in (a misspelt field named) before the PDF is written."""
    from datetime import date

    from db.mailing.letter_values import merged_letters
    from db.mailing.letters_pdf import empty_field_notes, write_letters_pdf
    from db.mailing.mailing_history import letter_text
    from db.mailing.my_record import get_my_record, home_country
    from db.mailing.templates import get_template

    with store.session() as session:
        template = get_template(session, args.template)
        chosen = chosen_recipients(session, args, needs_address=False)
        letters = merged_letters(session, template, chosen.recipients, date.today())
        sender, home = get_my_record(session), home_country(session)
    for note in empty_field_notes(letters):
        print(f"Note: {note}")
    written = write_letters_pdf(letters, template, args.out, sender, home)
    letters_said = f"{written.letters:,} {'letter' if written.letters == 1 else 'letters'}"
    pages_said = f"{written.pages:,} {'page' if written.pages == 1 else 'pages'}"
    print(f"Wrote {letters_said} ({pages_said}) to {args.out}")
    record_history(store, args, chosen.contact_ids, letter_text(template.name))
    return 0


def _labels(store: Store, args: argparse.Namespace) -> int:
    from db.mailing.calibration import get_calibration
    from db.mailing.label_sheets import sheet_named
    from db.mailing.labels_pdf import LabelOptions, check_start, write_labels_pdf
    from db.mailing.mailing_history import label_text

    sheet = sheet_named(args.sheet)
    check_start(sheet, args.start)
    with store.session() as session:
        chosen = chosen_recipients(session, args, needs_address=True)
        calibration = get_calibration(session, args.printer)
    options = LabelOptions(start=args.start, outline=args.outline, calibration=calibration)
    written = write_labels_pdf(chosen.recipients, sheet, args.out, options)
    _warn(written.warnings)
    sheets = f"{written.pages:,} {'sheet' if written.pages == 1 else 'sheets'} of {sheet.name}"
    print(f"Wrote {written.labels:,} labels on {sheets} to {args.out}")
    record_history(store, args, chosen.contact_ids, label_text(sheet.name))
    return 0


def _envelopes(store: Store, args: argparse.Namespace) -> int:
    from db.mailing.calibration import get_calibration
    from db.mailing.envelopes_pdf import write_envelopes_pdf
    from db.mailing.label_sheets import envelope_named
    from db.mailing.mailing_history import envelope_text
    from db.mailing.my_record import get_my_record, home_country

    size = envelope_named(args.size)
    with store.session() as session:
        chosen = chosen_recipients(session, args, needs_address=True)
        sender, home = get_my_record(session), home_country(session)
        calibration = get_calibration(session, args.printer)
    if sender.is_empty():
        print("Note: My record is empty, so the envelopes carry no return address")
    written = write_envelopes_pdf(
        chosen.recipients, size, args.out, sender, home, calibration=calibration
    )
    _warn(written.warnings)
    print(f"Wrote {written.envelopes:,} {size.name} envelopes to {args.out}")
    record_history(store, args, chosen.contact_ids, envelope_text(size.name))
    return 0


def _calibration(store: Store, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from db.mailing.calibration import get_calibration, set_calibration
    from db.mailing.label_sheets import sheet_named
    from db.mailing.labels_pdf import write_calibration_pdf

    sheet = sheet_named(args.sheet)
    changes = {
        key: value
        for key, value in (("x_offset_mm", args.x), ("y_offset_mm", args.y), ("scale", args.scale))
        if value is not None
    }
    if not changes and args.out is None:
        raise PrintRefusedError("give --out FILE.pdf for the page, or --x/--y/--scale to keep them")
    with store.session() as session:
        calibration = replace(get_calibration(session, args.printer), **changes)
        if changes:
            set_calibration(session, args.printer, calibration)
    if changes:
        print(
            f"Kept for “{args.printer}”: X {calibration.x_offset_mm:+.1f} mm, "
            f"Y {calibration.y_offset_mm:+.1f} mm, scale {calibration.scale:.3f}"
        )
    if args.out is not None:
        write_calibration_pdf(sheet, args.out, calibration)
        print(f"Wrote the calibration page for {sheet.name} to {args.out}")
    return 0
