"""The import wizard's mapping and matching steps for `cardfile --screenshots`: an Outlook
export of a few contacts (some already in the database, one row that cannot be imported) is
made in a temporary folder and opened in the wizard."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.main_window import MainWindow

OUTLOOK = "Outlook (desktop)"
ROWS = (
    (
        "Ms.",
        "Ingrid",
        "Solberg",
        "Nordlys Marine AS",
        "Sales Director",
        "+47 22 33 44 55",
        "ingrid@nordlys.example",
        "Kirkegata 5",
        "Oslo",
        "0153",
        "Norway",
        "3/22/1980",
        "Customer;VIP",
    ),
    (
        "",
        "Tom",
        "Baker",
        "Harbour Supplies Ltd",
        "Buyer",
        "+44 20 7946 0958",
        "tom.baker@harbour.example",
        "1 Dock Road",
        "London",
        "E16 1AA",
        "United Kingdom",
        "0/0/00",
        "Prospect",
    ),
    (
        "Dr.",
        "Ana",
        "Ruiz",
        "Ruiz Logística SL",
        "",
        "6.28123E+12",
        "ana@ruiz.example",
        "",
        "Vigo",
        "",
        "Spain",
        "11/5/1975",
        "",
    ),
)
FIELDS = (
    "Title", "First Name", "Last Name", "Company", "Job Title", "Business Phone",
    "E-mail Address", "Business Street", "Business City", "Business Postal Code",
    "Business Country/Region", "Birthday", "Categories",
)  # fmt: skip


def outlook_sample(window: MainWindow, folder: Path) -> Path:
    """An Outlook-layout export: three new people, and the first two contacts of the list."""
    from db.interchange.csv_layouts import LAYOUTS_FILE
    from resources import resource_path

    data = json.loads(resource_path(*LAYOUTS_FILE).read_text(encoding="utf-8"))
    columns = next(entry["columns"] for entry in data["layouts"] if entry["name"] == OUTLOOK)
    rows = [dict(zip(FIELDS, row, strict=True)) for row in ROWS]
    for n in range(2):
        contact_id = window.model.contact_id(n)
        if contact_id is None:
            continue
        fields = window.ops.read(partial(_fields, contact_id=contact_id))
        rows.append(fields)
    path = folder / "outlook-contacts.csv"
    with path.open("w", encoding="cp1252", errors="replace", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([row.get(c, "") for c in columns] for row in rows)
    return path


def _fields(session: Session, *, contact_id: int) -> dict[str, str]:
    from db.contacts import get_contact

    fields = get_contact(session, contact_id).fields
    return {
        "First Name": fields.first_name,
        "Last Name": fields.last_name,
        "Company": fields.company,
        "Job Title": "Head of Purchasing",
        "E-mail Address": fields.emails[0].address if fields.emails else "",
    }


def import_screens(window: MainWindow, folder: Path, grab: Callable[[QWidget, Path], None]) -> None:
    """The wizard on the sample file: the mapping step, then the matching step."""
    from desktop.interchange.import_wizard import ImportWizard

    temporary = Path(tempfile.mkdtemp(prefix="cardfile-shots-"))
    sample = outlook_sample(window, temporary)

    def look() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, ImportWizard):
            QTimer.singleShot(10, look)
            return
        wizard.resize(900, 640)
        wizard.file_page.path_edit.setText(str(sample))
        wizard.file_page.look()
        wizard.next()
        grab(wizard, folder / "import-mapping.png")
        wizard.next()
        while wizard.matching_page.survey is None and wizard.matching_page.job.running:
            QApplication.processEvents()
        grab(wizard, folder / "import-matching.png")
        wizard.reject()

    QTimer.singleShot(0, look)
    window.imports.open_wizard()
