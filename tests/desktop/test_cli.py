"""The `cardfile` command: version, demo, clear errors and exit codes for bad arguments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from db.search import live_contact_count
from db.store import open_store
from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cardfile(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("Cardfile 0.")


def test_demo_fills_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo", "--contacts", "120", "--seed", "7"]) == 0
    assert "Added 120 demo contacts" in capsys.readouterr().out
    store = open_store(path)
    with store.session() as session:
        assert live_contact_count(session) == 120
    store.close()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["demo", "--contacts", "0"], "0 is out of range"),
        (["demo", "--contacts", "lots"], "'lots' is not a whole number"),
        (["demo", "--contacts", "99999999"], "out of range"),
        (["demo", "--seed", "x"], "invalid int value"),
        (["launch"], "invalid choice: 'launch'"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(tmp_path / "x.sqlite"), *arguments])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_a_database_that_cannot_be_opened_exits_1_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "letter.sqlite"
    path.write_text("Dear Bob,\n")
    result = run_cardfile("--db", str(path), "demo", "--contacts", "5")
    assert result.returncode == 1
    assert result.stderr.startswith(f"cardfile: {path} is not a Cardfile database")
    assert "Traceback" not in result.stderr
    assert path.read_text() == "Dear Bob,\n"


def test_default_database_lives_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["demo", "--contacts", "3"]) == 0
    assert (tmp_path / "data" / "Cardfile" / "cardfile.sqlite").exists()


def test_a_database_that_cannot_be_created_exits_1_without_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cardfile("--db", str(blocker / "c.sqlite"), "demo", "--contacts", "5")
    assert result.returncode == 1
    assert result.stderr.startswith("cardfile: ")
    assert "could not be opened" in result.stderr
    assert "Traceback" not in result.stderr


def test_activity_report_as_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date, timedelta

    from pypdf import PdfReader

    from db import followups
    from db.followup_records import ActivityLog, NextAction

    database = tmp_path / "c.sqlite"
    assert main(["--db", str(database), "demo", "--contacts", "40"]) == 0
    store = open_store(database)
    with store.session() as session:
        log = ActivityLog(
            "call",
            "Completed",
            "Wants the blue model",
            NextAction("call", "Price", date.today() + timedelta(days=2)),
        )
        followups.log_activity(session, 5, log)
    store.close()
    out = tmp_path / "report.pdf"
    today = date.today().isoformat()
    assert (
        main(
            [
                "--db",
                str(database),
                "report",
                "activity",
                "--from",
                today,
                "--to",
                today,
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert f"to {out}" in capsys.readouterr().out
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert f"My activity, {date.today():%d %b %Y}" in text
    assert "Wants the blue model" in text
    assert "1 calls and 0 meetings logged" in text


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--from", "2026-02-30", "--to", "2026-03-01"], "'2026-02-30' is not a date"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "is before --from"),
    ],
)
def test_activity_report_with_bad_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dates: list[str], message: str
) -> None:
    out = tmp_path / "r.pdf"
    try:
        status = main(
            ["--db", str(tmp_path / "c.sqlite"), "report", "activity", *dates, "--out", str(out)]
        )
    except SystemExit as exited:
        status = int(exited.code or 0)
    assert status == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_list_a_saved_lookup_or_a_group(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from db import contacts, groups, saved_lookups
    from db.lookup_records import Condition, Lookup
    from db.records import ContactFields

    path = tmp_path / "lists.sqlite"
    store = open_store(path)
    with store.session() as session:
        ids = {
            name: contacts.create_contact(
                session, ContactFields(first_name=name, last_name="Lie", status=status)
            ).id
            for name, status in (("Ann", "Customer"), ("Bo", "Lead"), ("Cy", "Customer"))
        }
        saved_lookups.save_lookup(
            session, "Customers", Lookup((Condition("status", "is", "Customer"),))
        )
        fair = groups.create_group(session, "Fair")
        groups.add_to_group(session, fair, [ids["Bo"]])
    store.close()
    assert main(["--db", str(path), "list", "--lookup", "customers"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["Lie, Ann", "Lie, Cy"]
    assert lines[0].split("\t")[-1] == "Customer"
    assert main(["--db", str(path), "list", "--group", "Fair"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("Lie, Bo\t")
    assert main(["--db", str(path), "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["--db", str(path), "list", "--group", "Nobody"]) == 1
    assert "There is no group called “Nobody”" in capsys.readouterr().err


def test_duplicates_as_json_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from db import contacts
    from db.records import ContactFields, Email

    path = tmp_path / "dups.sqlite"
    store = open_store(path)
    with store.session() as session:
        ids = [
            contacts.create_contact(
                session,
                ContactFields(first_name=first, last_name="Lie", emails=(Email(email),)),
            ).id
            for first, email in (
                ("Robert", "rob@lie.no"),
                ("Bob", "ROB@lie.no"),
                ("Kari", "kari@x.no"),
            )
        ]
    store.close()
    assert main(["--db", str(path), "duplicates", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == ["groups"]
    (group,) = printed["groups"]
    assert group["contact_ids"] == ids[:2]
    assert 0.8 <= group["score"] <= 1.0
    assert main(["--db", str(path), "duplicates", "--min-score", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "Lie, Robert; Lie, Bob" in out
    assert "1 groups of likely duplicates (score 0.50 or more)" in out


def test_duplicates_min_score_out_of_range_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["duplicates", "--min-score", "7"])
    assert exited.value.code == 2
    assert "7.0 is out of range" in capsys.readouterr().err
