"""Fixtures for the window tests: a fresh database and fresh settings for every test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db import contacts
from db.records import Address, ContactFields, Email, Phone
from db.store import Store
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store_events import StoreEvents
from desktop.widgets import prompts

PEOPLE = (
    ContactFields(
        first_name="Bjørn",
        last_name="Ødegård",
        company="Fjordkraft AS",
        phones=(Phone("+47 22 33 44 55"),),
        emails=(Email("bjorn@fjordkraft.no"),),
        addresses=(Address(street="Storgata 1", city="Tromsø", country="Norway"),),
    ),
    ContactFields(first_name="Anna", last_name="Hansen", company="Acme Logistics"),
    ContactFields(first_name="Hans", last_name="Berg", company="Bergen Bygg"),
    ContactFields(first_name="Kari", last_name="Nordmann", company="Nordlys AS"),
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def filled_store(store: Store) -> Store:
    with store.session() as session:
        for fields in PEOPLE:
            contacts.create_contact(session, fields)
    return store


class Answers:
    """Stands in for the user at the prompts: records each question, gives the planned answer."""

    def __init__(self) -> None:
        self.unsaved = prompts.UnsavedChoice.CANCEL
        self.confirm = True
        self.asked: list[str] = []
        self.texts: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    planned = Answers()

    def ask_unsaved(_parent: object, name: str) -> prompts.UnsavedChoice:
        planned.asked.append(f"unsaved:{name}")
        return planned.unsaved

    def confirm(_parent: object, title: str, text: str, _action: str) -> bool:
        planned.asked.append(f"confirm:{title}")
        planned.texts.append(text)
        return planned.confirm

    def show_error(_parent: object, title: str, text: str) -> None:
        planned.errors.append(f"{title}: {text}")

    monkeypatch.setattr(prompts, "ask_unsaved_changes", ask_unsaved)
    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(prompts, "show_error", show_error)
    return planned


@pytest.fixture
def make_window(
    qtbot: object, settings: Settings, answers: Answers
) -> Iterator[Callable[[Store], MainWindow]]:
    made: list[MainWindow] = []

    def make(store: Store) -> MainWindow:
        window = MainWindow(store, settings, StoreEvents())
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        window.show_first_contact()
        made.append(window)
        return window

    yield make
    for window in made:
        window.form.load(None)  # no unsaved-edit question while tearing down
        window.form.clear()


@pytest.fixture
def window(make_window: Callable[[Store], MainWindow], filled_store: Store) -> MainWindow:
    return make_window(filled_store)
