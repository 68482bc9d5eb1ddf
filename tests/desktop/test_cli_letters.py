"""`cardfile print letters`: one letter per recipient with their merged names, who was left out
and why, the history and follow-ups; a misspelt field is exit 2 naming the field, and no PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.clock import SystemClock, now_utc_naive
from db.custom_fields import custom_fields
from db.custom_values import set_contact_values
from db.followups import open_followups
from db.mailing.templates import LetterTemplate, letter_templates, save_template
from db.models import LetterTemplateRow
from db.store import open_store
from desktop.cli import main
from tests.desktop.test_cli_print import database, mailed  # noqa: F401 (a fixture)


def test_letters_to_a_category_one_page_each_with_history_and_follow_ups(
    database: tuple[Path, dict[str, int]],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids = database
    out = tmp_path / "letters.pdf"
    args = ["--db", str(path), "print", "letters", "--template", "follow-up letter"]
    status = main([*args, "--category", "Customers", "--follow-up", "7", "--out", str(out)])
    assert status == 0
    said = capsys.readouterr().out
    assert "Person, Quiet (#4): do not mail" in said
    assert "Away, Moved (#5): mail returned" in said
    assert "no postal address" not in said  # a letter goes to "No Address" too
    assert "Wrote 4 letters (4 pages)" in said
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 4
    assert [p.count("Dear ") for p in pages] == [1, 1, 1, 1]
    assert any("Dear Anna," in p and "Acme AS" in p for p in pages)
    assert any("Dear Bjørn," in p and "Fjordveien 2" in p for p in pages)
    assert mailed(path, ids["anna"]) == ["Letter: Follow-up letter"]
    assert mailed(path, ids["quiet"]) == []
    store = open_store(path)
    with store.session() as session:
        (call,) = open_followups(session, ids["per"], SystemClock())
        assert not open_followups(session, ids["quiet"], SystemClock())
    store.close()
    assert call.due_on == date.today() + timedelta(days=7)
    assert "Letter: Follow-up letter" in call.description
    assert "and a call in 7 days" in said


def test_a_misspelt_field_is_named_and_nothing_is_written(
    database: tuple[Path, dict[str, int]],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids = database
    store = open_store(path)
    with store.session() as session:
        # saved unchecked, as if a user field it names had been deleted since
        moment = now_utc_naive(SystemClock())
        session.add(
            LetterTemplateRow(
                name="Broken",
                body="<p>Dear {{ contact.frist_name }},</p>",
                page_size="A4",
                margin_top=20,
                margin_right=20,
                margin_bottom=20,
                margin_left=20,
                letterhead="",
                date_format="long",
                created_at=moment,
                edited_at=moment,
            )
        )
    store.close()
    out = tmp_path / "letters.pdf"
    args = [
        "--db",
        str(path),
        "print",
        "letters",
        "--template",
        "Broken",
        "--ids",
        str(ids["anna"]),
    ]
    status = main([*args, "--out", str(out)])
    assert status == 2
    assert "contact.frist_name" in capsys.readouterr().err
    assert not out.exists()
    assert mailed(path, ids["anna"]) == []


def test_an_unknown_template_is_named_with_those_there_are(
    database: tuple[Path, dict[str, int]],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, _ids = database
    out = tmp_path / "letters.pdf"
    args = ["--db", str(path), "print", "letters", "--template", "Welcome", "--ids", "1"]
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no letter template called “Welcome”" in err
    assert "“Special offer”" in err
    assert not out.exists()


def test_no_history_leaves_the_history_alone(
    database: tuple[Path, dict[str, int]],  # noqa: F811
    tmp_path: Path,
) -> None:
    path, ids = database
    store = open_store(path)
    with store.session() as session:
        save_template(session, LetterTemplate("Short", "<p>Hello {{ contact.full_name }}</p>"))
    store.close()
    out = tmp_path / "short.pdf"
    args = ["--db", str(path), "print", "letters", "--template", "Short", "--group", "Spring"]
    assert main([*args, "--per-household", "--no-history", "--out", str(out)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Hello Anna Hansen" in text
    assert "Hello Per Hansen" not in text  # the same household as Anna
    assert mailed(path, ids["anna"]) == []


def test_the_special_offer_carries_each_personal_code_and_names_the_empty_ones(
    database: tuple[Path, dict[str, int]],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids = database
    store = open_store(path)
    with store.session() as session:
        letter_templates(session)  # adds the shipped templates and their "Personal code" field
        (code,) = [f for f in custom_fields(session) if f.name == "Personal code"]
        set_contact_values(session, ids["anna"], {code.id: "SPRING-4711"})
    store.close()
    out = tmp_path / "offer.pdf"
    args = ["--db", str(path), "print", "letters", "--template", "Special offer", "--ids"]
    assert main([*args, f"{ids['anna']},{ids['per']}", "--out", str(out)]) == 0
    assert "Note: “Personal code” is empty in 1 letter" in capsys.readouterr().out
    anna, per = (" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Dear Anna," in anna
    assert "SPRING-4711" in anna
    assert "SPRING-4711" not in per
