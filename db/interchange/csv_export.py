"""Contacts written to a CSV file in Cardfile's own layout (modelled on Google Contacts' current
layout, so that other programs read it too; Cardfile's CSV import recognises it as "Cardfile").

The columns: `ID`, the standard fields, `Categories`; then numbered groups for e-mails, phones and
addresses, as many as the contact with the most needs (E-mail 1 is the primary e-mail, Address 1
the mailing address); then one column per user field. The number of groups is known only once
every contact has been read, so rows go first to an unnamed scratch file beside the target and are
then written out with their groups padded: memory stays flat whatever the number of contacts.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from db.interchange.atomic_output import replaced_atomically
from db.interchange.incoming import Incoming
from db.records import ContactFields, birthday_text

STANDARD_HEADERS = (
    "ID",
    "Prefix",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Salutation",
    "Company",
    "Department",
    "Job Title",
    "Web Site",
    "Birthday",
    "Status",
    "Referred By",
    "Last Result",
    "Do Not Call",
    "Do Not Mail",
    "Do Not E-mail",
    "Mail Returned",
    "E-mail Bounced",
    "Notes",
    "Categories",
)
EMAIL_PARTS = ("Label", "Value")
PHONE_PARTS = ("Label", "Value", "Extension")
ADDRESS_PARTS = ("Label", "Street", "City", "Region", "Postal Code", "Country")
CATEGORY_SEPARATOR = " ::: "  # as Google Contacts joins several values in one cell
USER_FIELD_MARK = " (user field)"
YES = "Yes"
# A cell starting with one of these is read as a formula by spreadsheets. OWASP's advice
# (https://owasp.org/www-community/attacks/CSV_Injection) is that no cell may begin with
# =, +, -, @, tab (0x09), carriage return (0x0D) or line feed (0x0A); a single quote put in
# front makes the spreadsheet read the cell as text (and shows it without the quote).
FORMULA_STARTS = "=+-@\t\r\n"  # (a cell's first character is looked up in it)


def neutralised(cell: str) -> str:
    """`cell` made safe to open in a spreadsheet (a quote before a formula's first character)."""
    return "'" + cell if cell and cell[0] in FORMULA_STARTS else cell


def csv_headers(
    fields: Sequence[str], emails: int = 0, phones: int = 0, addresses: int = 0
) -> list[str]:
    """The header row for `emails`, `phones` and `addresses` numbered groups and the user
    fields `fields`; a user field named like another column is headed `<name> (user field)`."""
    headers = list(STANDARD_HEADERS)
    for count, thing, parts in (
        (emails, "E-mail", EMAIL_PARTS),
        (phones, "Phone", PHONE_PARTS),
        (addresses, "Address", ADDRESS_PARTS),
    ):
        headers += [f"{thing} {n} - {part}" for n in range(1, count + 1) for part in parts]
    taken = {h.casefold() for h in headers}
    return headers + [f"{f}{USER_FIELD_MARK}" if f.casefold() in taken else f for f in fields]


def export_csv(
    rows: Iterable[tuple[int, Incoming]],
    fields: Sequence[str],
    out: Path,
    *,
    safe: bool = True,
    excel_bom: bool = True,
    widths: Sequence[int] | None = None,
) -> int:
    """Write `rows` (contact id, contact) to `out` in Cardfile's CSV layout; the number written.

    `fields` are the user fields' names, one column each. `safe` neutralises cells a
    spreadsheet would take for formulas (`neutralised`); plain (`safe=False`) is for files
    meant to be imported by another program. `excel_bom` writes UTF-8 with a byte-order mark,
    which Excel needs to read UTF-8; else plain UTF-8. `widths`, when the caller knows them
    (`export_reader.group_widths`), are how many e-mail, phone and address groups the rows need;
    else the rows go through a scratch file first to find out. The file is written whole or not
    at all (`replaced_atomically`): an error leaves an earlier file of that name as it was."""
    out = Path(out)
    encoding = "utf-8-sig" if excel_bom else "utf-8"
    if widths is not None:
        with replaced_atomically(out) as part, part.open("w", encoding=encoding, newline="") as f:
            writer = csv.writer(f)
            writer.writerow(csv_headers(fields, *widths))
            return _write(writer, rows, fields, list(widths), safe=safe, spill=False)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=out.parent) as scratch:
        found = [0, 0, 0]
        written = _write(csv.writer(scratch), rows, fields, found, safe=safe, spill=True)
        scratch.seek(0)
        with replaced_atomically(out) as part, part.open("w", encoding=encoding, newline="") as f:
            writer = csv.writer(f)
            writer.writerow(csv_headers(fields, *found))
            writer.writerows(_padded(csv.reader(scratch), found))
    return written


def _write(
    writer: Any,
    rows: Iterable[tuple[int, Incoming]],
    fields: Sequence[str],
    widths: list[int],
    *,
    safe: bool,
    spill: bool,
) -> int:
    """Write the rows with their groups padded to `widths`; or, to `spill` them to the scratch
    file, each group unpadded with the row's group counts first (for `_padded`), `widths`
    growing to the most each group needs."""
    sizes = (len(EMAIL_PARTS), len(PHONE_PARTS), len(ADDRESS_PARTS))
    written = 0
    for contact_id, contact in rows:
        groups = _groups(contact.fields)
        cells = _standard_cells(contact_id, contact)
        counts = []
        for n, group in enumerate(groups):
            cells += group
            if spill:
                counts.append(str(len(group) // sizes[n]))
                widths[n] = max(widths[n], len(group) // sizes[n])
            elif len(group) > widths[n] * sizes[n]:
                raise ValueError(f"contact {contact_id} has more groups than widths {widths}")
            else:
                cells += [""] * (widths[n] * sizes[n] - len(group))
        if fields:
            values = dict(contact.custom)
            cells += [values.get(name, "") for name in fields]
        if safe:
            cells = ["'" + c if c and c[0] in FORMULA_STARTS else c for c in cells]  # neutralised
        writer.writerow(counts + cells if spill else cells)
        written += 1
    return written


def _padded(spilled: Iterable[list[str]], widths: Sequence[int]) -> Iterable[list[str]]:
    """The scratch file's rows with each group padded to its width."""
    sizes = (len(EMAIL_PARTS), len(PHONE_PARTS), len(ADDRESS_PARTS))
    standard = len(STANDARD_HEADERS)
    for row in spilled:
        cells = row[len(sizes) :]
        padded = cells[:standard]
        at = standard
        for n, size in enumerate(sizes):
            used = int(row[n]) * size
            padded += cells[at : at + used]
            padded += [""] * (widths[n] * size - used)
            at += used
        padded += cells[at:]
        yield padded


def _standard_cells(contact_id: int, contact: Incoming) -> list[str]:
    f = contact.fields
    return [
        str(contact_id),
        f.prefix,
        f.first_name,
        f.middle_name,
        f.last_name,
        f.suffix,
        f.salutation,
        f.company,
        f.department,
        f.title,
        f.web_site,
        birthday_text(f.birthday),  # ISO, or --MM-DD when the year is not known
        f.status,
        f.referred_by,
        f.last_result,
        YES if f.do_not_call else "",
        YES if f.do_not_mail else "",
        YES if f.do_not_email else "",
        YES if f.mail_returned else "",
        YES if f.email_bounced else "",
        f.notes,
        CATEGORY_SEPARATOR.join(contact.categories),
    ]


def _groups(f: ContactFields) -> tuple[list[str], list[str], list[str]]:
    """The cells of the e-mails (the primary one first), phones and addresses (the mailing one
    first), each a flat list of their numbered groups' cells."""
    emails, addresses = f.emails, f.addresses
    # (Sorted only when needed, as most contacts have theirs first already; a stable sort.)
    if len(emails) > 1 and not emails[0].is_primary:
        emails = tuple(sorted(emails, key=lambda e: not e.is_primary))
    if len(addresses) > 1 and not addresses[0].is_mailing:
        addresses = tuple(sorted(addresses, key=lambda a: not a.is_mailing))
    return (
        [cell for e in emails for cell in (e.kind, e.address)],
        [cell for p in f.phones for cell in (p.kind, p.number, p.extension)],
        [
            cell
            for a in addresses
            for cell in (a.kind, a.street, a.city, a.region, a.postal_code, a.country)
        ],
    )
