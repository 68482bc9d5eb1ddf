"""Fixtures for the follow-up window tests: three people with follow-ups, and the window on a
clock stopped on a Monday morning in Oslo."""

from __future__ import annotations

from datetime import date

import pytest

from db import contacts, followups
from db.followup_records import NextAction
from db.records import ContactFields, Phone
from db.store import Store
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.store_events import StoreEvents
from tests.desktop.conftest import Answers
from tests.desktop.followups.support import MONDAY_MORNING, TODAY


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    made = {}
    with store.session() as session:
        for first, status, phone in (
            ("Kari", "Customer", "+47 22 33 44 55"),
            ("Ola", "Prospect", "+47 912 34 567"),
            ("Idun", "Lead", ""),
        ):
            phones = (Phone(phone),) if phone else ()
            fields = ContactFields(
                first_name=first, last_name="Nordmann", status=status, phones=phones
            )
            made[first] = contacts.create_contact(session, fields).id
        followups.schedule(
            session, made["Kari"], NextAction("call", "Ask about the order", TODAY), MONDAY_MORNING
        )
        followups.schedule(
            session,
            made["Ola"],
            NextAction("e-mail", "Send prices", date(2026, 11, 20)),
            MONDAY_MORNING,
        )
    return made


@pytest.fixture
def window(
    qtbot: object, settings: Settings, store: Store, people: dict[str, int], answers: Answers
) -> MainWindow:
    made = MainWindow(store, settings, StoreEvents(), clock=MONDAY_MORNING)
    qtbot.addWidget(made)  # type: ignore[attr-defined]
    made.show()
    made.show_first_contact()
    return made
