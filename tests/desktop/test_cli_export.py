"""`cardfile export FILE`: each option, and every failure said in words with no file left."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import pytest

from db import contacts
from db.categories import assign_category, create_category
from db.groups import add_to_group, create_group
from db.lookup_records import Condition, Lookup
from db.records import Email, Phone
from db.saved_lookups import save_lookup
from db.store import open_store
from desktop.cli import main
from tests.db.factories import person
from tests.desktop.test_cli import run_cardfile

BOM = "\ufeff".encode()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Anna (a customer, VIP), Bjørn (in the group Golf) and Cecilie (a lead)."""
    path = tmp_path / "work.sqlite"
    store = open_store(path)
    with store.session() as session:
        anna, bjorn, _cecilie = (
            contacts.create_contact(
                session,
                person(
                    first,
                    "Hansen",
                    status=status,
                    phones=(Phone("+47 22 33 44 55"),),
                    emails=(Email(f"{first.lower()}@example.org"),),
                ),
            ).id
            for first, status in (("Anna", "Customer"), ("Bjorn", "Lead"), ("Cecilie", "Lead"))
        )
        assign_category(session, [anna], create_category(session, "VIP", "#aa0000"))
        add_to_group(session, create_group(session, "Golf"), [bjorn])
        save_lookup(session, "Leads", Lookup((Condition("status", "is", "Lead"),)))
    store.close()
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def export(database: Path, *args: str) -> int:
    return main(["--db", str(database), "export", *args])


def first_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row["First Name"] for row in csv.DictReader(f)]


def test_everyone_to_csv_safe_and_with_a_bom_by_default(
    database: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = out_dir / "all.csv"
    assert export(database, str(out)) == 0
    assert capsys.readouterr().out == f"Exported 3 contacts to {out}\n"
    data = out.read_bytes()
    assert data.startswith(BOM + b"ID,")
    assert b"'+47 22 33 44 55" in data
    assert first_names(out) == ["Anna", "Bjorn", "Cecilie"]


def test_plain_and_no_bom(database: Path, out_dir: Path) -> None:
    out = out_dir / "plain.csv"
    assert export(database, str(out), "--plain", "--no-bom") == 0
    data = out.read_bytes()
    assert data.startswith(b"ID,")
    assert b",+47 22 33 44 55," in data
    assert b"'+47" not in data


@pytest.mark.parametrize(
    ("option", "name", "expected"),
    [
        ("--lookup", "leads", ["Bjorn", "Cecilie"]),
        ("--group", "Golf", ["Bjorn"]),
        ("--category", "vip", ["Anna"]),
    ],
)
def test_a_lookup_a_group_or_a_category(
    database: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    name: str,
    expected: list[str],
) -> None:
    out = out_dir / "some.csv"
    assert export(database, str(out), option, name) == 0
    assert first_names(out) == expected
    assert f"Exported {len(expected)} contacts to {out}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("--lookup", "There is no saved lookup called “Nope”"),
        ("--group", "There is no group called “Nope”"),
        ("--category", "There is no category called “Nope”"),
    ],
)
def test_an_unknown_name_is_said_and_nothing_written(
    database: Path, out_dir: Path, capsys: pytest.CaptureFixture[str], option: str, said: str
) -> None:
    out = out_dir / "none.csv"
    assert export(database, str(out), option, "Nope") == 1
    assert capsys.readouterr().err == f"cardfile export: {said}\n"
    assert list(out_dir.iterdir()) == []


def test_only_one_of_lookup_group_category(database: Path, out_dir: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        export(database, str(out_dir / "x.csv"), "--group", "Golf", "--category", "VIP")
    assert exited.value.code == 2


def test_vcard_from_the_file_name_and_its_version(
    database: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = out_dir / "all.vcf"
    assert export(database, str(out)) == 0
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD\nVERSION:3.0\n") == 3
    assert (
        export(database, str(out_dir / "leads.txt"), "--format", "vcard", "--lookup", "Leads") == 0
    )
    assert export(database, str(out_dir / "four.vcf"), "--vcard-version", "4.0") == 0
    four = (out_dir / "four.vcf").read_text(encoding="utf-8")
    assert four.count("BEGIN:VCARD\nVERSION:4.0\n") == 3
    assert "FN:Anna Hansen" in four
    leads = (out_dir / "leads.txt").read_text(encoding="utf-8")
    assert leads.count("BEGIN:VCARD\nVERSION:3.0\n") == 2
    assert "FN:Bjorn Hansen" in leads
    assert f"Exported 2 contacts to {out_dir / 'leads.txt'}" in capsys.readouterr().out


def test_csv_options_on_a_vcard_are_refused(
    database: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(database, str(out_dir / "all.vcf"), "--plain") == 2
    assert "--plain is for CSV files, not vCard" in capsys.readouterr().err
    assert export(database, str(out_dir / "all.csv"), "--format", "vcard", "--no-bom") == 2
    assert "--no-bom is for CSV files" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def test_a_folder_that_is_not_there(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "all.csv"
    assert export(database, str(out)) == 1
    assert capsys.readouterr().err == (
        f"cardfile export: cannot write {out}: there is no folder {out.parent}\n"
    )


def test_a_path_that_cannot_be_written(
    database: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = out_dir / "a folder.csv"
    taken.mkdir()
    assert export(database, str(taken)) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"cardfile export: cannot write {taken}: ")
    assert said.endswith("; nothing was written\n")
    assert [p.name for p in out_dir.iterdir()] == ["a folder.csv"]


def test_a_full_disk_leaves_the_earlier_file(
    database: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = out_dir / "all.csv"
    out.write_text("the earlier export")

    def full(_fd: int) -> None:  # a full disk shows when the data is flushed to it
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("db.interchange.atomic_output.os.fsync", full)
    assert export(database, str(out)) == 1
    assert capsys.readouterr().err == (
        f"cardfile export: cannot write {out}: the disk is full; nothing was written\n"
    )
    assert out.read_text() == "the earlier export"
    assert [p.name for p in out_dir.iterdir()] == ["all.csv"]


def test_the_installed_command_says_it_without_a_traceback(database: Path, out_dir: Path) -> None:
    done = run_cardfile("--db", str(database), "export", str(out_dir / "x.csv"), "--group", "?")
    assert done.returncode == 1
    assert done.stderr == "cardfile export: There is no group called “?”\n"
    done = run_cardfile("--db", str(database), "export", str(out_dir / "x.csv"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Exported 3 contacts to {out_dir / 'x.csv'}\n"
