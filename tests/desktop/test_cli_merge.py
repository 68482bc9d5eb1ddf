"""`cardfile merge`: automatic merge and its dry run, the list of merges, and undo, from the
command line (the duplicate scan is stood in for by fixed groups)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from db.contacts import create_contact, get_contact
from db.models import ContactRow
from db.store import open_store
from desktop.cli import main
from tests.db.factories import person


@dataclass(frozen=True)
class Group:
    score: float
    contact_ids: tuple[int, ...]


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "contacts.sqlite"
    store = open_store(path)
    with store.session() as session:
        ids = [
            create_contact(session, person("Kari", "Nordmann", title="Buyer")).id,
            create_contact(session, person("Kari", "Nordman", title="Head buyer")).id,
            create_contact(session, person("Ola", "Hansen")).id,
        ]
    store.close()
    return path, ids


@pytest.fixture
def scan(monkeypatch: pytest.MonkeyPatch, database: tuple[Path, list[int]]) -> list[float]:
    """`db.duplicates.find_duplicate_groups` answering with one group; records the scores asked."""
    asked: list[float] = []
    _, ids = database

    def find_duplicate_groups(_reader: object, *, min_score: float) -> list[Group]:
        asked.append(min_score)
        return [Group(0.97, (ids[0], ids[1]))]

    import db.duplicates

    monkeypatch.setattr(db.duplicates, "find_duplicate_groups", find_duplicate_groups)
    return asked


def test_a_dry_run_says_what_would_be_merged_and_changes_nothing(
    database: tuple[Path, list[int]], scan: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = database
    assert main(["--db", str(path), "merge", "--auto", "--min-score", "0.9", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Would merge #{ids[1]} into #{ids[0]} Kari Nordmann" in out
    assert "Last name: 'Nordmann' → 'Nordman'" in out
    assert "Title: 'Buyer' → 'Head buyer'" in out
    assert "nothing was changed" in out
    assert scan == [0.9]
    store = open_store(path)
    with store.session() as session:
        assert session.get(ContactRow, ids[1]) is not None
    store.close()


def test_auto_merge_then_list_then_undo(
    database: tuple[Path, list[int]], scan: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = database
    assert main(["--db", str(path), "merge", "--auto"]) == 0
    out = capsys.readouterr().out
    assert f"merge 1: Merged #{ids[1]} into #{ids[0]} Kari Nordmann" in out
    assert main(["--db", str(path), "merge", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "merge 1\t" in listed
    assert f"absorbed #{ids[1]} (automatic)" in listed
    assert main(["--db", str(path), "merge", "--undo", "1"]) == 0
    assert f"Undid merge 1: restored #{ids[1]}" in capsys.readouterr().out
    store = open_store(path)
    with store.session() as session:
        assert get_contact(session, ids[0]).fields.last_name == "Nordmann"
        assert get_contact(session, ids[1]).fields.last_name == "Nordman"
    store.close()


def test_a_refused_or_unknown_undo_says_why(
    database: tuple[Path, list[int]], scan: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = database
    assert main(["--db", str(path), "merge", "--undo", "7"]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "cardfile merge: cannot undo merge 7: There is no merge 7."
    )
    assert main(["--db", str(path), "merge", "--auto"]) == 0
    assert main(["--db", str(path), "merge", "--undo", "1"]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "merge", "--undo", "1"]) == 1
    err = capsys.readouterr().err
    assert "already undone" in err
    assert "Traceback" not in err


def test_merge_needs_one_of_auto_undo_or_list(
    database: tuple[Path, list[int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = database
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(path), "merge"])
    assert exited.value.code == 2
    assert "one of the arguments --auto --undo --list is required" in capsys.readouterr().err
