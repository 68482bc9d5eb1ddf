"""Help ▸ About Cardfile: the version, the database, its schema revision, Qt and Python."""

from __future__ import annotations

import platform

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QLabel

from db.store import SCHEMA_HEAD
from desktop.about_dialog import AboutDialog, about_facts
from desktop.main_window import MainWindow
from desktop.version import app_version
from tests.desktop.window_support import answer_modal


def test_help_about_shows_the_version_database_and_schema(window: MainWindow) -> None:
    shown: dict[str, str] = {}

    def read(dialog: AboutDialog) -> None:
        shown.update({label: value.text() for label, value in dialog.values.items()})
        shown["texts"] = " | ".join(label.text() for label in dialog.findChildren(QLabel))

    seen = answer_modal(AboutDialog, read)
    window.commands.about.trigger()
    assert seen == ["About Cardfile"]
    assert f"Cardfile {app_version()}" in shown["texts"]
    assert app_version() != "0+unknown"  # read from the installed metadata
    assert shown["Database"] == str(window.store.path)
    assert shown["Schema revision"] == f"{SCHEMA_HEAD} (the newest)"
    assert qVersion() in shown["Qt"]
    assert platform.python_version() in shown["Python"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[-1] == "&Help"


def test_an_older_schema_is_said_beside_the_newest(window: MainWindow) -> None:
    window.store.reader().execute("UPDATE alembic_version SET version_num = '0005'")
    facts = about_facts(window.store)
    assert facts.schema == f"0005 (this version's newest is {SCHEMA_HEAD})"


def test_copy_details_puts_every_fact_on_the_clipboard(window: MainWindow, qtbot: object) -> None:
    dialog = AboutDialog(about_facts(window.store), window)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert f"Database: {window.store.path}" in copied
    assert f"Version: Cardfile {app_version()}" in copied
    assert f"Schema revision: {SCHEMA_HEAD}" in copied
