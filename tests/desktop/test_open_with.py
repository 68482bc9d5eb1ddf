"""`cardfile FILE.vcf` (a desktop's Open with Cardfile): the window opens and imports the file."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import app, cli
from desktop.main_window import MainWindow
from desktop.open_with import split_file_to_open
from desktop.widgets import prompts


@pytest.mark.parametrize(
    ("arguments", "left", "file"),
    [
        (["people.vcf"], [], "people.vcf"),
        (["--db", "mine.sqlite", "Kort.VCF"], ["--db", "mine.sqlite"], "Kort.VCF"),
        (["--demo-if-new", "a b.vcard"], ["--demo-if-new"], "a b.vcard"),
        (["--db=x.sqlite", "c.vcf"], ["--db=x.sqlite"], "c.vcf"),
        # Not a file for the window: an option's value, or a sub-command's own argument.
        (["--db", "odd.vcf"], ["--db", "odd.vcf"], None),
        (["--screenshots", "shots.vcf"], ["--screenshots", "shots.vcf"], None),
        (["import", "people.vcf"], ["import", "people.vcf"], None),
        (["--db", "x.sqlite", "restore", "b.zip"], ["--db", "x.sqlite", "restore", "b.zip"], None),
        (["notes.txt"], ["notes.txt"], None),
        ([], [], None),
    ],
)
def test_a_vcard_given_last_is_for_the_window(
    arguments: list[str], left: list[str], file: str | None
) -> None:
    rest, to_open = split_file_to_open(arguments)
    assert rest == left
    assert to_open == (Path(file) if file else None)


def test_the_command_line_hands_the_file_to_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[argparse.Namespace] = []
    monkeypatch.setattr(app, "run_gui", lambda args: started.append(args) or 0)
    assert cli.main(["--db", str(tmp_path / "c.sqlite"), str(tmp_path / "people.vcf")]) == 0
    assert started[0].command is None
    assert started[0].file_to_open == tmp_path / "people.vcf"
    assert started[0].db == tmp_path / "c.sqlite"


class _Loop:
    """Stands in for QApplication.exec(): runs events until the window has done its part."""

    def __init__(self, qtbot: object, done: list[object]) -> None:
        self.qtbot = qtbot
        self.done = done

    def exec(self) -> int:
        self.qtbot.waitUntil(lambda: bool(self.done))  # type: ignore[attr-defined]
        return 0


def _open_window_with(tmp_path: Path, vcard: Path, loop: _Loop) -> int:
    args = cli.build_parser().parse_args(["--db", str(tmp_path / "c.sqlite")])
    args.file_to_open = vcard
    settings = app.make_settings(throwaway_in=tmp_path)
    return app._run_window(loop, args, settings)  # type: ignore[arg-type]


def test_the_window_imports_the_file_when_it_can(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    imported: list[tuple[bool, Path]] = []

    def import_file(window: MainWindow, path: Path) -> None:
        imported.append((window.isVisible(), path))

    monkeypatch.setattr(MainWindow, "import_file", import_file, raising=False)
    vcard = tmp_path / "people.vcf"
    assert _open_window_with(tmp_path, vcard, _Loop(qtbot, imported)) == 0
    assert imported == [(True, vcard)]  # once, with the window already up


def test_without_an_import_the_user_is_told(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    told: list[str] = []
    monkeypatch.delattr(MainWindow, "import_file", raising=False)
    monkeypatch.setattr(prompts, "show_message", lambda _parent, title, text: told.append(text))
    vcard = tmp_path / "people.vcf"
    assert _open_window_with(tmp_path, vcard, _Loop(qtbot, told)) == 0
    assert len(told) == 1
    assert "people.vcf" in told[0]
    assert "cannot import vCard files yet" in told[0]
    assert QApplication.activeModalWidget() is None
