"""`cardfile print labels` and `print envelopes`: who was left out and why, the PDF, the history;
errors in words with exit code 2, and no PDF then."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from db import contacts
from db.mailing.calibration import get_calibration
from db.mailing.my_record import set_my_record
from db.store import open_store
from desktop.cli import main
from tests.db.mailing.mailing_people import SENDER, make_people
from tests.desktop.test_cli import run_cardfile


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "mail.sqlite"
    store = open_store(path)
    with store.session() as session:
        ids = make_people(session)
        set_my_record(session, SENDER)
    store.close()
    return path, ids


def mailed(path: Path, contact_id: int) -> list[str]:
    store = open_store(path)
    try:
        with store.session() as session:
            return [e.text for e in contacts.history(session, contact_id) if e.kind == "letter"]
    finally:
        store.close()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_labels_list_who_is_left_out_and_record_the_history(
    database: tuple[Path, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = database
    out = tmp_path / "labels.pdf"
    status = main(
        [
            "--db",
            str(path),
            "print",
            "labels",
            "--sheet",
            "Avery 5160",
            "--start",
            "4",
            "--category",
            "Customers",
            "--lookup",
            "Tromsø",
            "--per-household",
            "--out",
            str(out),
        ]
    )
    assert status == 0
    said = capsys.readouterr().out
    assert "Left out 5:" in said
    assert "Person, Quiet (#4): do not mail" in said
    assert "Hansen, Per (#2): same household as Hansen, Anna" in said
    assert "Wrote 2 labels on 1 sheet of Avery 5160" in said
    text = pdf_text(out)
    assert "Anna Hansen" in text
    assert "9008 Tromsø" in text
    assert "Per Hansen" not in text
    assert mailed(path, ids["anna"]) == ["Label: Avery 5160"]
    assert mailed(path, ids["bjorn"]) == ["Label: Avery 5160"]
    assert mailed(path, ids["per"]) == []


def test_envelopes_without_history(
    database: tuple[Path, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = database
    out = tmp_path / "env.pdf"
    status = main(
        [
            "--db",
            str(path),
            "print",
            "envelopes",
            "--size",
            "DL",
            "--ids",
            f"{ids['anna']},{ids['bjorn']}",
            "--no-history",
            "--out",
            str(out),
        ]
    )
    assert status == 0
    assert "Wrote 2 DL envelopes" in capsys.readouterr().out
    assert len(PdfReader(out).pages) == 2
    assert "Kari Nordmann" in pdf_text(out)
    assert mailed(path, ids["anna"]) == []


def test_a_follow_up_is_scheduled_when_asked(
    database: tuple[Path, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from db.followups import open_followups

    path, ids = database
    status = main(
        [
            "--db",
            str(path),
            "print",
            "envelopes",
            "--size",
            "#10",
            "--ids",
            str(ids["anna"]),
            "--follow-up",
            "7",
            "--out",
            str(tmp_path / "e.pdf"),
        ]
    )
    assert status == 0
    assert "and a call in 7 days" in capsys.readouterr().out
    store = open_store(path)
    with store.session() as session:
        assert [f.kind for f in open_followups(session, ids["anna"])] == ["call"]
    store.close()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["labels", "--sheet", "Avery 9999", "--ids", "1"], "no label sheet called “Avery 9999”"),
        (["labels", "--sheet", "5160", "--start", "31", "--ids", "1"], "between 1 and 30"),
        (["labels", "--sheet", "5160"], "choose who to print for"),
        (["labels", "--sheet", "5160", "--group", "Autumn"], "no group called “Autumn”"),
        (["envelopes", "--size", "B4", "--ids", "1"], "no envelope size called “B4”"),
        (["labels", "--sheet", "5160", "--ids", "4,5"], "nobody is left to print for"),
    ],
)
def test_errors_in_words_exit_2_and_write_nothing(
    database: tuple[Path, dict[str, int]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    path, _ids = database
    out = tmp_path / "x.pdf"
    assert main(["--db", str(path), "print", *arguments, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


def test_a_missing_folder_is_said_without_a_traceback(
    database: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    path, ids = database
    out = tmp_path / "no-such-folder" / "x.pdf"
    result = run_cardfile(
        "--db",
        str(path),
        "print",
        "labels",
        "--sheet",
        "5160",
        "--ids",
        str(ids["anna"]),
        "--out",
        str(out),
    )
    assert result.returncode == 2
    assert "There is no folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert mailed(path, ids["anna"]) == []  # nothing printed, nothing recorded


def test_calibration_is_kept_per_printer_and_printed(
    database: tuple[Path, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ids = database
    out = tmp_path / "cal.pdf"
    status = main(
        [
            "--db",
            str(path),
            "print",
            "calibration",
            "--sheet",
            "L7160",
            "--printer",
            "Office",
            "--x",
            "1.5",
            "--y",
            "-0.5",
            "--out",
            str(out),
        ]
    )
    assert status == 0
    said = capsys.readouterr().out
    assert "Kept for “Office”: X +1.5 mm, Y -0.5 mm, scale 1.000" in said
    assert "Measure the distance" in pdf_text(out)
    store = open_store(path)
    with store.session() as session:
        assert get_calibration(session, "Office").x_offset_mm == 1.5
    store.close()
    bad = ["--db", str(path), "print", "calibration", "--printer", "Office", "--scale", "2"]
    assert main(bad) == 2
    assert "scale must be between 0.9 and 1.1" in capsys.readouterr().err
