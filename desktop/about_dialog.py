"""Help ▸ About Cardfile: the version, the open database and its schema revision, Qt and Python.

What a user reads out (or copies, with Copy Details) when asking for help.
"""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.store import SCHEMA_HEAD, Store
from desktop.app_icon import application_icon
from desktop.version import app_version

DESCRIPTION = "A contact manager: contacts, calls, follow-ups, letters and labels."


@dataclass(frozen=True)
class AboutFacts:
    version: str
    database: str
    schema: str
    qt: str
    python: str
    system: str

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("Version", self.version),
            ("Database", self.database),
            ("Schema revision", self.schema),
            ("Qt", self.qt),
            ("Python", self.python),
            ("System", self.system),
        ]

    def as_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.rows())


def schema_revision(store: Store) -> str:
    """The open database's Alembic revision, beside the newest this version knows."""
    try:
        row = store.reader().execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        return f"unknown ({exc})"
    stored = row[0] if row else "none"
    if stored == SCHEMA_HEAD:
        return f"{stored} (the newest)"
    return f"{stored} (this version's newest is {SCHEMA_HEAD})"


def about_facts(store: Store) -> AboutFacts:
    return AboutFacts(
        version=f"Cardfile {app_version()}",
        database=str(store.path),
        schema=schema_revision(store),
        qt=f"{qVersion()} (PySide6 {PySide6.__version__})",
        python=f"{platform.python_version()} ({platform.python_implementation()})",
        system=f"{platform.system()} {platform.release()} ({platform.machine()})",
    )


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Cardfile")
        icon = QLabel()
        icon.setPixmap(application_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(facts.version)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in facts.rows()[1:]:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.values[label] = shown
            form.addRow(f"{label}:", shown)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(QLabel(DESCRIPTION))
        text.addSpacing(6)
        text.addLayout(form)
        text.addSpacing(6)
        text.addWidget(QLabel("Free software under the MIT licence."))
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy Details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.facts.as_text())


def show_about(window: QWidget, store: Store) -> None:
    AboutDialog(about_facts(store), window).exec()
