"""Exporting from the database to a file: the format from the file's name, progress, Cancel
leaving nothing behind, and vCards handed to the vCard writer."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from db import contacts
from db.categories import assign_category, create_category
from db.custom_fields import create_field
from db.custom_values import set_contact_values
from db.interchange.csv_rows import read_csv
from db.interchange.export_reader import contacts_for_export
from db.interchange.exporting import (
    ExportCancelledError,
    ExportOptions,
    export_contacts,
    format_for,
)
from db.interchange.incoming import Incoming, birthday_without_year
from db.interchange.vcard_read import read_vcards
from db.named_lists import category_condition
from db.records import Address, Email, Phone
from db.store import Store
from tests.db.factories import full_person, person


@pytest.fixture
def filled(store: Store) -> list[int]:
    with store.session() as session:
        made = [
            contacts.create_contact(
                session, person(f"P{n}", "Hansen", phones=(Phone(f"+47 22 33 44 {n:02d}"),))
            ).id
            for n in range(5)
        ]
        assign_category(session, made[1:3], create_category(session, "VIP", "#aa0000"))
        create_field(session, "Shoe size", "number")
    return made


def test_format_from_the_file_name() -> None:
    assert format_for(Path("a.vcf")) == "vcard"
    assert format_for(Path("a.VCF")) == "vcard"
    assert format_for(Path("a.vcard")) == "vcard"
    assert format_for(Path("a.csv")) == "csv"
    assert format_for(Path("a.txt")) == "csv"


def test_csv_of_a_category_with_the_user_fields(
    store: Store, filled: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "vip.csv"
    options = ExportOptions(safe=False, excel_bom=False)
    count = export_contacts(store.reader(), out, options, condition=category_condition(1))
    assert count == 2
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["ID"] for r in rows] == [str(filled[1]), str(filled[2])]
    assert rows[0]["Phone 1 - Value"] == "+47 22 33 44 01"
    assert rows[0]["Categories"] == "VIP"
    assert rows[0]["Shoe size"] == ""
    assert "Phone 2 - Value" not in rows[0]


def test_progress_and_cancel(store: Store, filled: list[int], tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "all.csv"
    seen: list[tuple[int, int]] = []
    assert export_contacts(store.reader(), out, ExportOptions(), progress=_note(seen)) == 5
    assert seen[0] == (0, 5)
    assert seen[-1] == (5, 5)
    out.write_text("earlier")
    with pytest.raises(ExportCancelledError):
        export_contacts(store.reader(), out, ExportOptions(), cancelled=lambda: True)
    assert out.read_text() == "earlier"
    assert [p.name for p in out.parent.iterdir()] == ["all.csv"]
    assert filled


def _note(seen: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: seen.append((done, total))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcards_read_back_as_the_contacts_exported(
    store: Store, filled: list[int], tmp_path: Path, version: str
) -> None:
    with store.session() as session:
        contacts.update_contact(
            session,
            filled[1],
            person(
                "P1",
                "Hansen",
                company="Acme, Inc.",
                notes="Two lines,\nwith commas; and semicolons",
                phones=(Phone("+47 22 33 44 01", "mobile", "12"),),
                emails=(Email("p1@example.org", "home"),),
                addresses=(Address("Storgata 1", "Oslo", "", "0150", "Norway", "work"),),
            ),
        )
    out = tmp_path / "two.vcf"
    options = ExportOptions(format="vcard", vcard_version=version)
    assert export_contacts(store.reader(), out, options, ids=filled[:2]) == 2
    text = out.read_bytes().decode("utf-8")
    assert text.count(f"BEGIN:VCARD\r\nVERSION:{version}\r\n") == 2
    assert f"UID:cardfile-contact-{filled[0]}" in text
    exported = [c for _id, c in contacts_for_export(store.reader(), filled[:2])]
    read = [r for r in read_vcards(out) if isinstance(r, Incoming)]
    for before, after in zip(exported, read, strict=True):
        assert after.fields.full_name == before.fields.full_name
        assert after.fields.company == before.fields.company
        assert after.fields.notes == before.fields.notes
        assert after.fields.phones[0].number == before.fields.phones[0].number
        assert after.fields.phones[0].kind == before.fields.phones[0].kind
        assert after.fields.emails == before.fields.emails
        assert after.categories == before.categories
    assert read[1].fields.addresses[0].city == "Oslo"


def test_a_vcard_version_cardfile_does_not_write_is_refused(
    store: Store, filled: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "all.vcf"
    with pytest.raises(ValueError, match=r"2\.1"):
        export_contacts(store.reader(), out, ExportOptions(format="vcard", vcard_version="2.1"))
    assert not out.exists()
    assert filled


def test_cardfiles_csv_import_reads_a_plain_export_back(
    store: Store, filled: list[int], tmp_path: Path
) -> None:
    """The round trip: every contact exported (plain) is read back by the CSV import, layout
    "Cardfile", as the same record (a CSV holds no photo)."""
    with store.session() as session:
        contacts.update_contact(
            session,
            filled[0],
            replace(
                full_person(),
                middle_name="K.",
                birthday=birthday_without_year(2, 29),
                do_not_call=True,
                notes='First line\nsecond, with "quotes"',
                addresses=(
                    Address("Storgata 1\nFloor 2", "Tromsø", "", "9008", "NO", "work", True),
                ),
            ),
        )
        notes_field = create_field(session, "Notes", "text")  # named like a standard column
        set_contact_values(session, filled[0], {notes_field.id: "a user field called Notes"})
    out = tmp_path / "round trip.csv"
    count = export_contacts(store.reader(), out, ExportOptions(safe=False))
    assert count == len(filled)
    found = read_csv(out)
    assert found.layout == "Cardfile"
    read = [r for r in found.records if isinstance(r, Incoming)]
    exported = [c for _id, c in contacts_for_export(store.reader())]
    assert len(read) == len(exported)
    for before, after in zip(exported, read, strict=True):
        assert after.fields == before.fields
        assert after.categories == before.categories
        assert dict(after.custom) == {k: v for k, v in before.custom if v}
