"""`cardfile import`: a file imported as one batch (backed up first when there is anything to
lose), the list of imports, undoing one, and files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.contacts import create_contact, get_contact
from db.search import live_contact_count
from db.store import open_store
from desktop.cli import main
from tests.db.factories import person

CARDS = """BEGIN:VCARD
VERSION:3.0
N:Nordmann;Kari;;;
FN:Kari Nordmann
ORG:Fjordkraft AS
EMAIL;TYPE=WORK:kari@fjordkraft.no
TEL;TYPE=CELL:+47 912 34 567
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Hansen;Ola;;;
FN:Ola Hansen
EMAIL:ola@example.com
END:VCARD
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.sqlite"
    store = open_store(path)
    with store.session() as session:
        create_contact(session, person("Kari", "Nordmann", company="Fjordkraft AS"))
    store.close()
    return path


def cards(tmp_path: Path, text: str = CARDS) -> Path:
    path = tmp_path / "people.vcf"
    path.write_text(text, encoding="utf-8", newline="\r\n")
    return path


def contacts(database: Path) -> list[tuple[str, str, str]]:
    store = open_store(database)
    try:
        with store.session() as session:
            from db.search import matching_ids

            return sorted(
                (
                    c.fields.first_name,
                    c.fields.title,
                    c.fields.phones[0].number if c.fields.phones else "",
                )
                for c in (get_contact(session, i) for i in matching_ids(session, ""))
            )
    finally:
        store.close()


def test_import_fills_in_the_stored_contact_and_adds_the_new_one(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(database), "import", str(cards(tmp_path))]) == 0
    said = capsys.readouterr().out
    assert "Backed up the database first:" in said
    assert "Import 1: 1 created, 1 updated, 0 skipped, 0 rejected" in said
    assert "Undo with: cardfile import --undo 1" in said
    assert contacts(database) == [("Kari", "", "+47 912 34 567"), ("Ola", "", "")]
    assert list((tmp_path / "backups").glob("contacts-before-import-*.zip"))


def test_skip_and_add_on_match(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(database), "import", str(cards(tmp_path)), "--on-match", "skip"]) == 0
    assert "1 created, 0 updated, 1 skipped" in capsys.readouterr().out
    assert main(["--db", str(database), "import", str(cards(tmp_path)), "--on-match", "add"]) == 0
    assert "2 created, 0 updated, 0 skipped" in capsys.readouterr().out
    store = open_store(database)
    assert live_contact_count(store.reader()) == 4
    store.close()


def test_list_and_undo(database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(database), "import", str(cards(tmp_path))])
    capsys.readouterr()
    assert main(["--db", str(database), "import", "--list"]) == 0
    assert "import 1\t" in capsys.readouterr().out
    assert main(["--db", str(database), "import", "--undo", "1"]) == 0
    assert "Import 1 undone: 1 contact it created removed, 1 contact it changed put back" in (
        capsys.readouterr().out
    )
    assert contacts(database) == [("Kari", "", "")]
    assert main(["--db", str(database), "import", "--undo", "1"]) == 1
    assert "already undone" in capsys.readouterr().err


def test_a_file_that_cannot_be_read_changes_nothing(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.vcf"
    bad.write_text("just some notes\n", encoding="utf-8")
    assert main(["--db", str(database), "import", str(bad)]) == 1
    error = capsys.readouterr().err
    assert str(bad) in error
    assert "Traceback" not in error
    assert main(["--db", str(database), "import", str(tmp_path / "missing.csv")]) == 1
    assert "there is no file at" in capsys.readouterr().err
    assert main(["--db", str(database), "import"]) == 2
    assert contacts(database) == [("Kari", "", "")]


def test_a_bad_card_is_reported_and_the_good_ones_import(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = CARDS.replace("EMAIL:ola@example.com", "EMAIL:not an address")
    assert main(["--db", str(database), "import", str(cards(tmp_path, broken))]) == 0
    said = capsys.readouterr().out
    assert "0 created, 1 updated, 0 skipped, 1 rejected" in said
    assert "rejected card 2: E-mail 1: 'not an address' is not an e-mail address" in said


def test_rejected_rows_of_a_csv_file_are_written_for_fixing(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    people = tmp_path / "people.csv"
    people.write_text(
        "First Name,Last Name,E-mail Address,Mobile Phone\n"
        "Per,Pettersen,per@example.com,+47 912 34 567\n"
        "Bad,Row,not-an-address,\n"
        "Ana,Ruiz,,6.28123E+12\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "rejected.csv"
    args = ["--db", str(database), "import", str(people), "--rejected", str(rejects)]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert "1 created, 0 updated, 0 skipped, 2 rejected" in said
    assert "rejected line 3: E-mail Address:" in said
    assert f"Wrote 2 rejected rows to {rejects}" in said
    with rejects.open(encoding="utf-8-sig", newline="") as written:
        rows = list(csv.reader(written))
    assert rows[0][:4] == ["First Name", "Last Name", "E-mail Address", "Mobile Phone"]
    assert [r[:2] for r in rows[1:]] == [["Bad", "Row"], ["Ana", "Ruiz"]]


def test_what_is_left_out_of_an_imported_card_is_said(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left_out = CARDS.replace(
        "EMAIL:ola@example.com", "BDAY:1970-02-30\nPHOTO;VALUE=URI:http://x/o.jpg"
    )
    assert main(["--db", str(database), "import", str(cards(tmp_path, left_out))]) == 0
    said = capsys.readouterr().out
    assert "1 created, 1 updated, 0 skipped, 0 rejected" in said  # Ola imports, without them
    assert "1 contact in the file has something Cardfile cannot import:" in said
    assert "card 2: line 13: birthday left out: '1970-02-30' is not a date" in said
    assert "card 2: line 14: the photo is a link, not imported" in said
