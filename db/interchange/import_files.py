"""Which reader a file needs (CSV or vCard), and its records: what the wizard, the command line
and "Open with Cardfile" share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.interchange.csv_mapping import Mapping
    from db.interchange.incoming import Read

FORMATS = ("csv", "vcard")
VCARD_SUFFIXES = (".vcf", ".vcard")
SNIFF_BYTES = 4096


def file_format(path: Path) -> str:
    """ "vcard" for a .vcf/.vcard file or one that starts like a vCard; else "csv"."""
    if path.suffix.lower() in VCARD_SUFFIXES:
        return "vcard"
    try:
        with path.open("rb") as file:
            head = file.read(SNIFF_BYTES)
    except OSError:
        return "csv"  # (reading it will say what is wrong)
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, errors="ignore").lstrip("\ufeff \r\n\t")
        if text[:11].upper() == "BEGIN:VCARD":
            return "vcard"
    return "csv"


@dataclass(frozen=True)
class ImportSource:
    """A file to import and how to read it. For CSV: the encoding (None: worked out), the
    column mapping (None: guessed from the header), the day/month order of its dates (None:
    guessed from them), and what becomes of columns Cardfile does not know."""

    path: Path
    format: str = "csv"
    encoding: str | None = None
    mapping: Mapping | None = None
    date_order: str | None = None
    unknown: str = "custom"

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(
                f"'{self.format}' is not a format Cardfile reads ({', '.join(FORMATS)})"
            )


def records_of(source: ImportSource) -> Iterator[Read]:
    """The records of the file, read as they are asked for. UnreadableFileError when it cannot
    be read at all."""
    if source.format == "vcard":
        from db.interchange.vcard_read import read_vcards

        return read_vcards(source.path)
    from db.interchange.csv_rows import read_csv

    found = read_csv(
        source.path,
        source.mapping,
        encoding=source.encoding,
        date_order=source.date_order,
        unknown=source.unknown,
    )
    return found.records
