"""File ▸ Import Contacts: the wizard run on an Outlook export, its mapping and matching steps,
the import in the background, what the user is told, and undoing it (pytest-qt, offscreen)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard

from db.contacts import create_contact, get_contact
from db.interchange.csv_layouts import LAYOUTS_FILE
from db.interchange.csv_targets import IGNORE
from db.models import ContactRow
from db.records import Email
from db.search import live_contact_count
from db.store import Store
from desktop.interchange.import_wizard import ImportWizard
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from resources import resource_path
from tests.db.factories import person

ROWS = (
    {
        "First Name": "Ingrid",
        "Last Name": "Solberg",
        "Company": "Nordlys Marine AS",
        "Job Title": "Sales Director",
        "Business Phone": "+47 22 33 44 55",
        "E-mail Address": "ingrid@nordlys.example",
        "Business City": "Tromsø",
        "Birthday": "3/22/1980",
        "Categories": "Customer;VIP",
        "User 1": "North",
    },
    {
        "First Name": "Kari",
        "Last Name": "Nordmann",
        "Company": "Fjordkraft AS",
        "Job Title": "Head of Purchasing",
        "E-mail Address": "kari@fjordkraft.example",
        "Anniversary": "0/0/00",
    },
    {"First Name": "Ana", "Last Name": "Ruiz", "Business Phone": "6.28123E+12"},
)


def outlook_file(folder: Path) -> Path:
    """An export as Outlook writes it: 92 columns, cp1252, every cell quoted, CRLF."""
    layouts = json.loads(resource_path(*LAYOUTS_FILE).read_text(encoding="utf-8"))["layouts"]
    columns = next(e["columns"] for e in layouts if e["name"] == "Outlook (desktop)")
    path = folder / "outlook.csv"
    with path.open("w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([row.get(c, "") for c in columns] for row in ROWS)
    return path


@pytest.fixture
def kari(store: Store) -> int:
    with store.session() as session:
        fields = person("Kari", "Nordmann", emails=(Email("kari@fjordkraft.example"),))
        return create_contact(session, fields).id


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What the import's report said; answers "no" to its Undo."""
    said: list[list[str]] = []

    def show_report(_parent: object, _title: str, lines: list[str], _action: str = "") -> bool:
        said.append(lines)
        return False

    monkeypatch.setattr(prompts, "show_report", show_report)
    return said


def drive(window: MainWindow, steps: Callable[[ImportWizard], None]) -> None:
    """File ▸ Import Contacts, with `steps` done in the wizard once it is up."""

    def look() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, ImportWizard):
            QTimer.singleShot(10, look)
            return
        steps(wizard)

    QTimer.singleShot(0, look)
    window.commands.import_contacts.trigger()
    assert window.imports.wait()
    QApplication.processEvents()


def surveyed(wizard: ImportWizard) -> None:
    while wizard.matching_page.survey is None and wizard.matching_page.job.running:
        QApplication.processEvents()
    QApplication.processEvents()


def test_an_outlook_export_is_imported_through_the_wizard(
    make_window: Callable[[Store], MainWindow],
    store: Store,
    kari: int,
    tmp_path: Path,
    reported: list[list[str]],
) -> None:
    window = make_window(store)
    seen: dict[str, str] = {}

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path_edit.setText(str(outlook_file(tmp_path)))
        wizard.file_page.look()
        seen["found"] = wizard.file_page.found_label.text()
        wizard.next()
        assert wizard.currentPage() is wizard.mapping_page
        seen["title"] = wizard.mapping_page.combo("Job Title").currentText()
        user_1 = wizard.mapping_page.combo("User 1")
        user_1.setCurrentIndex(user_1.findData(IGNORE))  # the user leaves a column out
        wizard.next()
        surveyed(wizard)
        seen["summary"] = wizard.matching_page.summary.text()
        seen["rejects"] = wizard.matching_page.rejects.item(0, 2).text()
        wizard.matching_page.buttons["update"].setChecked(True)
        seen["outcome"] = wizard.matching_page.outcome.text()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    drive(window, steps)
    assert "cp1252" in seen["found"]
    assert "Outlook (desktop)" in seen["found"]
    assert seen["title"] == "Title"
    assert seen["summary"].startswith(
        "3 contacts read: 1 new, 1 already in Cardfile (1 same e-mail), 1 cannot be imported."
    )
    assert "6.28123E+12" in seen["rejects"]
    assert seen["outcome"] == (
        "What the import will do: 1 created, 1 updated where the file has something new, "
        "1 rejected.\nNew categories: Customer, VIP."
    )
    (lines,) = reported
    assert lines[0] == "Import 1: 1 created, 1 updated, 0 skipped, 1 rejected."
    assert any(line.startswith("Rejected line 4: Business Phone:") for line in lines)
    with store.session() as session:
        assert live_contact_count(session) == 2
        assert get_contact(session, kari).fields.title == "Head of Purchasing"
        ingrid = session.query(ContactRow).filter_by(first_name="Ingrid").one()
        assert ingrid.birthday is not None
        assert ingrid.birthday.isoformat() == "1980-03-22"
        assert ingrid.list_city == "Tromsø"
        from db.custom_fields import custom_fields

        assert [f.name for f in custom_fields(session)] == []  # User 1 was left out
    assert window.model.rowCount() == 2  # the list shows the new contact


def test_the_report_offers_to_undo_the_import(
    make_window: Callable[[Store], MainWindow],
    store: Store,
    kari: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(prompts, "show_report", lambda *_args: True)  # "Undo This Import"
    told: list[str] = []
    monkeypatch.setattr(prompts, "show_message", lambda _p, title, text: told.append(text))
    window = make_window(store)

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path_edit.setText(str(outlook_file(tmp_path)))
        wizard.file_page.look()
        wizard.next()
        wizard.next()
        surveyed(wizard)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    drive(window, steps)
    assert told == [
        "Import 1 undone: 1 contact it created removed, 1 contact it changed put back as they were."
    ]
    with store.session() as session:
        assert live_contact_count(session) == 1
        assert get_contact(session, kari).fields.phones == ()


def test_a_file_that_cannot_be_read_stops_at_the_first_step(
    make_window: Callable[[Store], MainWindow], store: Store, tmp_path: Path
) -> None:
    window = make_window(store)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    seen: dict[str, object] = {}

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path_edit.setText(str(empty))
        wizard.file_page.look()
        seen["found"] = wizard.file_page.found_label.text()
        seen["next"] = wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        wizard.reject()

    drive(window, steps)
    assert seen == {
        "found": f"This file cannot be read: {empty}: the file is empty",
        "next": False,
    }


def test_cancel_leaves_the_database_as_it_was(
    make_window: Callable[[Store], MainWindow],
    store: Store,
    kari: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from db.interchange.import_files import ImportSource
    from db.interchange.import_records import ImportOptions

    told: list[str] = []
    monkeypatch.setattr(prompts, "show_message", lambda _p, title, text: told.append(title))
    window = make_window(store)
    window.imports.job.cancel()  # (the next job starts clear)
    window.imports.run(ImportSource(outlook_file(tmp_path)), ImportOptions(), 3)
    window.imports.job.cancel()  # the user presses Cancel straight away
    assert window.imports.wait()
    QApplication.processEvents()
    assert told == ["Import cancelled"]
    with store.session() as session:
        assert live_contact_count(session) == 1
        assert get_contact(session, kari).fields.title == ""


def test_what_a_card_cannot_bring_is_said_before_and_after(
    make_window: Callable[[Store], MainWindow],
    store: Store,
    tmp_path: Path,
    reported: list[list[str]],
) -> None:
    card = tmp_path / "ola.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hansen;Ola;;;\r\nFN:Ola Hansen\r\n"
        "BDAY:1970-02-30\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    window = make_window(store)
    seen: dict[str, str] = {}

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path_edit.setText(str(card))
        wizard.file_page.look()
        wizard.next()
        assert wizard.currentPage() is wizard.matching_page
        surveyed(wizard)
        seen["left out"] = wizard.matching_page.left_out.text()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    drive(window, steps)
    said = (
        "1 contact in the file has something Cardfile cannot import:\n  card 1: line 5: birthday "
    )
    assert seen["left out"].startswith(said + "left out: '1970-02-30' is not a date")
    (lines,) = reported
    assert lines[0] == "Import 1: 1 created, 0 updated, 0 skipped, 0 rejected."
    assert (
        "  card 1: line 5: birthday left out: '1970-02-30' is not a date on the calendar" in lines
    )
    with store.session() as session:
        ola = session.query(ContactRow).filter_by(first_name="Ola").one()
        assert ola.birthday is None
