"""Cardfile's own CSV layout: the header and every column, only as many numbered groups as
needed, user fields, formulas neutralised (or not, for a plain export), the byte-order mark, and
a file written whole or not at all."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from db.interchange.csv_export import STANDARD_HEADERS, csv_headers, export_csv, neutralised
from db.interchange.incoming import Incoming, Photo, birthday_without_year
from db.records import Address, ContactFields, Email, Phone
from tests.db.factories import full_person

BOM = "\ufeff".encode()


def contact(**fields: object) -> Incoming:
    return Incoming(fields=ContactFields(**fields), where="contact 1")  # type: ignore[arg-type]


def everything() -> Incoming:
    """Every field set; the primary e-mail and the mailing address not first."""
    return Incoming(
        fields=replace(
            full_person(),
            middle_name="K.",
            suffix="Jr.",
            department="Innkjøp",
            web_site="https://fjordkraft.no",
            birthday=date(1980, 3, 12),
            referred_by="Kari",
            last_result="Left message",
            do_not_call=True,
            do_not_email=True,
            mail_returned=True,
            notes="Met at the fair",
            emails=(
                Email("home@example.org", "home"),
                Email("ase@fjordkraft.no", "work", is_primary=True),
            ),
            addresses=(
                Address(street="Heimveien 2", city="Bodø", kind="home"),
                Address("Storgata 1", "Tromsø", "Troms", "9008", "Norway", "work", is_mailing=True),
            ),
        ),
        where="contact 7",
        categories=("Key account", "VIP"),
        custom=(("Shoe size", "42"), ("Newsletter", "Yes")),
        photo=Photo(b"\x89PNG", "image/png"),
    )


def read_rows(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def read_lines(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(params=["widths known", "widths found"])
def widths(request: pytest.FixtureRequest) -> bool:
    """Both ways of writing: group widths given by the caller, or found through the scratch
    file."""
    return bool(request.param == "widths known")


def write(
    rows: list[tuple[int, Incoming]],
    fields: list[str],
    out: Path,
    known: bool,
    **options: bool,
) -> int:
    sizes = None
    if known:
        sizes = [
            max((len(getattr(c.fields, part)) for _i, c in rows), default=0)
            for part in ("emails", "phones", "addresses")
        ]
    return export_csv(rows, fields, out, widths=sizes, **options)


def test_every_column_of_a_contact_with_everything(tmp_path: Path, widths: bool) -> None:
    out = tmp_path / "out.csv"
    assert write([(7, everything())], ["Shoe size", "Newsletter"], out, widths, safe=False) == 1
    [header, row] = read_lines(out)
    assert header == [
        *STANDARD_HEADERS,
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "E-mail 2 - Label",
        "E-mail 2 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Phone 1 - Extension",
        "Phone 2 - Label",
        "Phone 2 - Value",
        "Phone 2 - Extension",
        "Address 1 - Label",
        "Address 1 - Street",
        "Address 1 - City",
        "Address 1 - Region",
        "Address 1 - Postal Code",
        "Address 1 - Country",
        "Address 2 - Label",
        "Address 2 - Street",
        "Address 2 - City",
        "Address 2 - Region",
        "Address 2 - Postal Code",
        "Address 2 - Country",
        "Shoe size",
        "Newsletter",
    ]
    assert STANDARD_HEADERS[0] == "ID"
    assert row == [
        "7",
        "Ms.",
        "Åse",
        "K.",
        "Bjørnstad",
        "Jr.",
        "Åse",
        "Fjordkraft AS",
        "Innkjøp",
        "Innkjøpssjef",
        "https://fjordkraft.no",
        "1980-03-12",
        "Customer",
        "Kari",
        "Left message",
        "Yes",
        "",
        "Yes",
        "Yes",
        "",
        "Met at the fair",
        "Key account ::: VIP",
        # the primary e-mail first, then the others in their order
        "work",
        "ase@fjordkraft.no",
        "home",
        "home@example.org",
        "work",
        "+47 22 33 44 55",
        "12",
        "mobile",
        "+47 912 34 567",
        "",
        # the mailing address first
        "work",
        "Storgata 1",
        "Tromsø",
        "Troms",
        "9008",
        "Norway",
        "home",
        "Heimveien 2",
        "Bodø",
        "",
        "",
        "",
        "42",
        "Yes",
    ]


def test_groups_only_as_many_as_the_contact_with_the_most(tmp_path: Path, widths: bool) -> None:
    out = tmp_path / "out.csv"
    rows = [
        (1, contact(first_name="Bare")),
        (2, contact(first_name="Phones", phones=tuple(Phone(f"2233445{n}") for n in range(3)))),
        (3, contact(first_name="Mail", emails=(Email("a@example.org"),))),
    ]
    assert write(rows, [], out, widths) == 3
    lines = read_lines(out)
    header = lines[0]
    assert "Phone 3 - Value" in header
    assert "Phone 4 - Value" not in header
    assert "E-mail 1 - Value" in header
    assert "E-mail 2 - Value" not in header
    assert not any(h.startswith("Address") for h in header)
    assert all(len(line) == len(header) for line in lines)
    by_id = {r["ID"]: r for r in read_rows(out)}
    assert by_id["2"]["Phone 3 - Value"] == "22334452"
    assert by_id["1"]["Phone 1 - Value"] == ""
    assert by_id["3"]["E-mail 1 - Value"] == "a@example.org"


def test_nothing_to_export_is_a_header(tmp_path: Path, widths: bool) -> None:
    out = tmp_path / "out.csv"
    assert write([], ["Size"], out, widths) == 0
    assert read_lines(out) == [[*STANDARD_HEADERS, "Size"]]


def test_user_field_headers_and_a_clash_with_a_standard_one(tmp_path: Path) -> None:
    fields = ["Region code", "notes", "Phone 1 - Value", "Phone 2 - Value"]
    headers = csv_headers(fields, emails=0, phones=1, addresses=0)
    assert headers[-4:] == [
        "Region code",
        "notes (user field)",
        "Phone 1 - Value (user field)",
        "Phone 2 - Value",  # no such column here: no clash
    ]
    out = tmp_path / "out.csv"
    row = Incoming(
        fields=ContactFields(notes="the contact's", phones=(Phone("1"),)),
        where="contact 1",
        custom=(("notes", "the field's"), ("Region code", "N")),
    )
    export_csv([(1, row)], fields, out)
    [read] = read_rows(out)
    assert read["Notes"] == "the contact's"
    assert read["notes (user field)"] == "the field's"
    assert read["Region code"] == "N"
    assert read["Phone 2 - Value"] == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_formulas_neutralised_in_safe_mode_and_left_in_plain(tmp_path: Path, start: str) -> None:
    value = f'{start}HYPERLINK("http://evil.example","x")'
    rows = [
        (
            1,
            Incoming(
                fields=ContactFields(
                    company=value, notes=value, phones=(Phone(value, "work", value),)
                ),
                where="contact 1",
                categories=(value,),
                custom=(("Field", value),),
            ),
        )
    ]
    safe, plain = tmp_path / "safe.csv", tmp_path / "plain.csv"
    export_csv(rows, ["Field"], safe)
    export_csv(rows, ["Field"], plain, safe=False)
    [made_safe] = read_rows(safe)
    [left] = read_rows(plain)
    for column in ("Company", "Notes", "Categories", "Phone 1 - Value", "Phone 1 - Extension"):
        assert made_safe[column] == "'" + value, column
        assert left[column] == value, column
    assert made_safe["Field"] == "'" + value
    assert made_safe["Phone 1 - Label"] == "work"  # only what starts so


def test_what_safe_mode_leaves_alone() -> None:
    for cell in ("", "Kari", "22 33 44 55", "a=b", "x-y", "'already", " =spaced"):
        assert neutralised(cell) == cell
    assert neutralised("+47 22 33 44 55") == "'+47 22 33 44 55"  # why "plain" is for re-import
    assert neutralised("--03-12") == "'--03-12"  # Excel would compute -(-3)-12


def test_birthday_without_a_year(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    rows = [(1, contact(birthday=birthday_without_year(2, 29)))]
    export_csv(rows, [], out, safe=False)
    assert read_rows(out)[0]["Birthday"] == "--02-29"
    export_csv(rows, [], out)
    assert read_rows(out)[0]["Birthday"] == "'--02-29"


def test_bom_on_and_off(tmp_path: Path, widths: bool) -> None:
    with_bom, without = tmp_path / "bom.csv", tmp_path / "plain.csv"
    rows = [(1, contact(first_name="Bjørn"))]
    write(rows, [], with_bom, widths)
    write(rows, [], without, widths, excel_bom=False)
    assert with_bom.read_bytes().startswith(BOM + b"ID,Prefix")
    assert without.read_bytes().startswith(b"ID,Prefix")
    assert read_rows(without, encoding="utf-8")[0]["First Name"] == "Bjørn"
    assert with_bom.read_bytes()[len(BOM) :] == without.read_bytes()


def test_commas_quotes_and_line_breaks_survive(tmp_path: Path, widths: bool) -> None:
    out = tmp_path / "out.csv"
    tricky = 'Hansen, "Kari"\nLine two\r\nand ::: three;'
    rows = [(1, contact(notes=tricky, company='Acme, "Inc"')), (2, contact(first_name="Next"))]
    write(rows, [], out, widths, safe=False)
    read = read_rows(out)
    assert read[0]["Notes"] == tricky
    assert read[0]["Company"] == 'Acme, "Inc"'
    assert read[1]["First Name"] == "Next"
    assert len(read) == 2


def failing_rows(after: int) -> Iterator[tuple[int, Incoming]]:
    for n in range(after):
        yield n + 1, contact(first_name=f"P{n}")
    raise OSError(28, "No space left on device")


def test_a_failure_midway_leaves_the_earlier_file_intact(tmp_path: Path, widths: bool) -> None:
    out = tmp_path / "contacts.csv"
    out.write_bytes(b"the earlier export")
    with pytest.raises(OSError, match="No space left"):
        export_csv(failing_rows(5), [], out, widths=(0, 0, 0) if widths else None)
    assert out.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]


def test_a_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "new.csv"
    with pytest.raises(OSError, match="No space left"):
        export_csv(failing_rows(3), [], out)
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_keeps_its_permissions_a_new_one_is_private(tmp_path: Path) -> None:
    out = tmp_path / "shared.csv"
    out.write_text("old")
    out.chmod(0o644)
    export_csv([(1, contact(first_name="A"))], [], out)
    assert out.stat().st_mode & 0o777 == 0o644
    fresh = tmp_path / "fresh.csv"
    export_csv([(1, contact(first_name="A"))], [], fresh)
    assert fresh.stat().st_mode & 0o777 == 0o600


def test_widths_too_small_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    rows = [(1, contact(phones=(Phone("1"), Phone("2"))))]
    with pytest.raises(ValueError, match="contact 1"):
        export_csv(rows, [], out, widths=(0, 1, 0))
    assert not out.exists()


def test_rows_end_as_rfc_4180_says(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    export_csv([(7, everything()), (8, contact(first_name="B"))], [], out)
    assert out.read_bytes().count(b"\r\n") == 3  # the header and two rows
