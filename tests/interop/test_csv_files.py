"""Every CSV file of `../shared/data/csv` (Outlook, Outlook.com, Google current and legacy,
Thunderbird, Excel exports, formula-injection probes, Thunderbird's own fixtures) reads without an
exception; per layout, the layout recognised and the first rows' values checked against the files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db.interchange.csv_rows import CsvRead, read_csv
from db.interchange.csv_targets import IGNORE
from db.interchange.incoming import Incoming, Rejected, birthday_without_year
from db.records import Address, Email, Phone

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CSV = DATA / "csv"
FILES = (
    sorted(p for folder in ("synthesized", "thunderbird-tests") for p in (CSV / folder).glob("*"))
    if CSV.is_dir()
    else []
)

pytestmark = pytest.mark.skipif(
    not CSV.is_dir(), reason=f"the shared test data is not here ({CSV} is absent)"
)


def found(name: str) -> CsvRead:
    (path,) = [p for p in FILES if p.name == name]
    return read_csv(path)


def first(name: str) -> tuple[CsvRead, Incoming]:
    read = found(name)
    record = next(read.records)
    assert isinstance(record, Incoming), str(record)
    return read, record


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_reads_without_an_exception(path: Path) -> None:
    records = list(read_csv(path).records)
    assert records
    for record in records:
        assert isinstance(record, Incoming | Rejected)
        if isinstance(record, Rejected):
            assert record.where.startswith("line ")
            assert record.reason


def test_outlook_desktop() -> None:
    read, record = first("outlook_desktop_cp1252.csv")
    assert (read.layout, read.file.encoding) == ("Outlook (desktop)", "cp1252")
    fields = record.fields
    assert (fields.first_name, fields.last_name) == ("Jürgen", "Müller")
    assert fields.company == "Straße & Söhne GmbH"
    assert fields.phones == (Phone("+49 30 1234567", "work"),)
    assert fields.emails == (Email("j.mueller@example.de", "work", is_primary=True),)
    assert fields.birthday is None  # 0/0/00
    assert fields.notes == "Line one\nLine two"
    assert record.categories == ("Kunden", "VIP")
    assert record.custom == ()  # no 0/0/00 anniversaries, no "Normal" priorities


def test_outlook_com() -> None:
    read, record = first("outlook_com_utf8_bom.csv")
    assert (read.layout, read.file.encoding) == ("Outlook.com", "utf-8-sig")
    assert read.file.header[0] == "First Name"
    fields = record.fields
    assert (fields.first_name, fields.last_name) == ("Zoë", "Ødegård")
    assert fields.emails == (Email("zoe@example.no", "work", is_primary=True),)
    assert fields.phones == (Phone("+47 412 34 567", "mobile"),)
    assert fields.birthday == date(1984, 2, 29)


def test_google_current() -> None:
    read, record = first("google_current_utf8.csv")
    assert read.layout == "Google Contacts"
    fields = record.fields
    assert (fields.first_name, fields.last_name) == ("Ada", "Lovelace")
    assert fields.birthday == birthday_without_year(12, 10)
    assert record.categories == ("Friends",)
    assert fields.emails == (
        Email("ada@example.org", "home", is_primary=True),
        Email("ada.l@example.com", "home"),
    )
    assert fields.phones == (Phone("+44 20 7946 0958", "mobile"),)
    assert fields.addresses == (
        Address("12 St James's Square", "London", "", "SW1Y 4LB", "GB", "home", True),
    )


def test_google_legacy_in_utf16() -> None:
    read, record = first("google_legacy_utf16le_bom.csv")
    assert (read.layout, read.file.encoding) == ("Google Contacts (legacy)", "utf-16")
    fields = record.fields
    assert (fields.first_name, fields.last_name) == ("小龍", "李")
    assert fields.emails == (Email("bruce@example.hk", "other", is_primary=True),)
    assert record.categories == ()  # only the system group "* My Contacts"


def test_thunderbird_uk() -> None:
    read, record = first("thunderbird_en_gb_utf8.csv")
    assert read.layout == "Thunderbird (UK)"
    fields = record.fields
    assert (fields.first_name, fields.last_name) == ("Rory", "Williams")
    assert fields.company == "Leadworth Hospital"
    assert fields.emails == (Email("rory@example.com", "work", is_primary=True),)
    assert fields.birthday == date(1980, 1, 15)
    assert fields.addresses == (
        Address(region="Gloucestershire", postal_code="GL1 2AB", kind="home", is_mailing=True),
    )


def test_excel_semicolons_in_cp1252_with_a_damaged_phone() -> None:
    read = found("excel_de_semicolon_cp1252.csv")
    assert (read.file.delimiter, read.file.encoding, read.layout) == (";", "cp1252", "")
    (record,) = list(read.records)
    assert isinstance(record, Rejected)
    assert (record.where, record.field) == ("line 2", "Telefon")
    assert "4,93012E+11" in record.reason
    assert record.raw[:2] == ("Björn", "Groß")


def test_excel_unicode_text_is_tab_separated_utf16() -> None:
    read, record = first("excel_unicode_text_utf16_tab.txt")
    assert (read.file.delimiter, read.file.encoding) == ("\t", "utf-16")
    assert (record.fields.first_name, record.fields.last_name) == ("Émilie", "Côté")
    assert record.fields.emails == (Email("emilie@example.ca", "work", is_primary=True),)


def test_formula_injection_probes_are_read_as_plain_text() -> None:
    records = list(found("formula_injection_probes.csv").records)
    texts = [
        (r.fields.first_name, r.fields.last_name, r.fields.notes)
        for r in records
        if isinstance(r, Incoming)
    ]
    assert texts[0] == ("=1+2", "+SUM(1,1)", "-2+3")
    assert ('=HYPERLINK("http://example.invalid","x")', "O'Brien", '=1+2";=1+2') in texts
    assert texts[-1] == ("-", "+44 20 7946 0958", "normal text")


def test_thunderbirds_fixtures_name_their_reserved_addresses() -> None:
    for name in ("basic_csv_addressbook.csv", "csv_semicolon.csv"):
        records = list(found(name).records)
        assert [r.where for r in records] == ["line 2", "line 3"]
        assert all(isinstance(r, Rejected) and "e-mail address" in r.reason for r in records)
    assert found("basic_csv_addressbook.csv").layout == "Thunderbird"
    assert found("csv_semicolon.csv").file.delimiter == ";"


def test_thunderbirds_export_fixture_with_its_email_column_left_out() -> None:
    read = found("thunderbird_export_fixture.csv")
    assert read.layout == "Thunderbird"
    column = read.file.header.index("Primary Email")
    mapping = read.mapping.replace_target(column, IGNORE)
    records = list(read_csv(read.file.path, mapping).records)
    assert all(isinstance(r, Incoming) for r in records)
    second = records[1]
    assert isinstance(second, Incoming)
    assert (second.fields.first_name, second.fields.last_name) == ("contact", "two")
    assert second.fields.title == '"worker"'
    assert second.fields.notes == "here's some unicode text…"
    assert second.custom == (
        ("Custom 1", "custom, 1"),
        ("Custom 2", "custom\t2"),
        ("Custom 3", "custom3"),
        ("Custom 4", "custom\n4"),
    )
