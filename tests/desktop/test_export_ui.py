"""File ▸ Export…, driven like a user: the dialog from the menu, which contacts, the format, the
file, and what the user is told."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QWidget

from db.categories import assign_category, create_category
from desktop.interchange.export_dialog import ExportDialog
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.desktop.conftest import Answers
from tests.desktop.window_support import answer_modal, click_row, row_named

BOM = "\ufeff".encode()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database whose name a careless file: URI would cut short."""
    return tmp_path / "my #1 contacts.sqlite"


class Files:
    """Stands in for the file chooser and the information box."""

    def __init__(self) -> None:
        self.save: Path | None = None
        self.asked: list[tuple[str, Path, str]] = []
        self.messages: list[str] = []


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> Files:
    planned = Files()

    def choose_save_path(_parent: object, title: str, suggested: Path, kinds: str) -> Path | None:
        planned.asked.append((title, suggested, kinds))
        return planned.save

    monkeypatch.setattr(prompts, "choose_save_path", choose_save_path)
    monkeypatch.setattr(
        prompts, "show_message", lambda _p, title, text: planned.messages.append(f"{title}: {text}")
    )
    return planned


def menu_action(window: MainWindow, menu: str, text: str) -> None:
    """Trigger the command as the menu bar holds it."""
    found = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == menu)
    action = next(a for a in found.actions() if a.text() == text)
    action.trigger()


def click(qtbot: object, widget: QWidget) -> None:
    """Click where a check box's or radio button's box is (its middle may be empty space)."""
    spot = QPoint(8, widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=spot)  # type: ignore[attr-defined]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_a_category_to_csv_from_the_file_menu(
    qtbot: object, window: MainWindow, files: Files, tmp_path: Path
) -> None:
    with window.store.session() as session:
        vip = create_category(session, "VIP", "#aa0000")
        create_category(session, "Newsletter", "#00aa00")
        assign_category(session, [1, 3], vip)
    files.save = tmp_path / "vip"  # the .csv is added

    def choose(dialog: ExportDialog) -> None:
        assert dialog.which_buttons["everyone"].isChecked()
        assert dialog.which_buttons["everyone"].text() == "&All contacts (4)"
        combo = dialog.name_combos["category"]
        assert [combo.itemText(n) for n in range(combo.count())] == ["VIP", "Newsletter"]
        click(qtbot, dialog.which_buttons["category"])
        combo.setCurrentText("VIP")
        assert dialog.safe_check.isChecked()
        assert dialog.bom_check.isChecked()
        click(qtbot, dialog.export_button)

    seen = answer_modal(ExportDialog, choose)
    menu_action(window, "&File", "&Export Contacts…")
    assert seen == ["Export Contacts"]
    assert files.asked[0][0] == "Export contacts to"
    assert files.asked[0][1].suffix == ".csv"
    qtbot.waitUntil(lambda: bool(files.messages), timeout=10_000)  # type: ignore[attr-defined]
    out = tmp_path / "vip.csv"
    assert files.messages == [f"Exported: Exported 2 contacts to {out}."]
    assert out.read_bytes().startswith(BOM)
    exported = rows(out)
    assert [r["Last Name"] for r in exported] == ["Ødegård", "Berg"]
    assert exported[0]["Categories"] == "VIP"
    assert exported[0]["Phone 1 - Value"] == "'+47 22 33 44 55"  # safe for spreadsheets
    assert exported[0]["Address 1 - City"] == "Tromsø"


def test_the_selected_contacts_to_vcard_4(
    qtbot: object, window: MainWindow, files: Files, tmp_path: Path
) -> None:
    click_row(qtbot, window, row_named(window, "Berg, Hans"))
    qtbot.mouseClick(  # type: ignore[attr-defined]
        window.list_view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        window.list_view.visualRect(
            window.model.index(row_named(window, "Nordmann, Kari"), 0)
        ).center(),
    )
    files.save = tmp_path / "two.vcf"

    def choose(dialog: ExportDialog) -> None:
        assert dialog.which_buttons["selected"].isChecked()  # several selected: offered first
        click(qtbot, dialog.format_buttons[2])
        assert not dialog.safe_check.isEnabled()
        assert not dialog.bom_check.isEnabled()
        click(qtbot, dialog.export_button)

    answer_modal(ExportDialog, choose)
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: bool(files.messages), timeout=10_000)  # type: ignore[attr-defined]
    assert files.asked[0][2] == "vCard files (*.vcf)"
    assert files.messages == [f"Exported: Exported 2 contacts to {files.save}."]
    text = files.save.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD\nVERSION:4.0\n") == 2
    assert "FN:Hans Berg" in text
    assert "FN:Kari Nordmann" in text


def test_the_list_as_it_is_plain_without_a_bom(
    qtbot: object, window: MainWindow, files: Files, tmp_path: Path
) -> None:
    window.search_box.setText("hansen")
    assert window.model.rowCount() == 1
    files.save = tmp_path / "found.csv"

    def choose(dialog: ExportDialog) -> None:
        assert dialog.which_buttons["listed"].text() == "The contacts now in the l&ist (1)"
        click(qtbot, dialog.which_buttons["listed"])
        click(qtbot, dialog.safe_check)
        click(qtbot, dialog.bom_check)
        click(qtbot, dialog.export_button)

    answer_modal(ExportDialog, choose)
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: bool(files.messages), timeout=10_000)  # type: ignore[attr-defined]
    data = files.save.read_bytes()
    assert data.startswith(b"ID,")
    assert [r["First Name"] for r in rows(files.save)] == ["Anna"]


def test_cancel_in_the_dialog_asks_nothing_more(
    window: MainWindow, files: Files, tmp_path: Path
) -> None:
    answer_modal(ExportDialog, lambda dialog: dialog.reject())
    window.commands.export.trigger()
    assert files.asked == []
    assert files.messages == []
    assert list(tmp_path.glob("*.csv")) == []


def test_a_file_that_cannot_be_written_is_said_in_a_message_box(
    qtbot: object, window: MainWindow, files: Files, answers: Answers, tmp_path: Path
) -> None:
    files.save = tmp_path / "no such folder" / "all.csv"
    answer_modal(ExportDialog, lambda dialog: dialog.accept())
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=10_000)  # type: ignore[attr-defined]
    [error] = answers.errors
    assert error.startswith(f"Export failed: Cardfile could not write {files.save}: ")
    assert error.endswith("nothing was written.")
    assert files.messages == []
    assert not (tmp_path / "no such folder").exists()
