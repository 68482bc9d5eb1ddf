"""Tools ▸ Default Country for Phone Numbers: the country assumed for numbers typed without a +
and country code (a setting of the database, not of the machine)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from desktop.operations import Operations
from desktop.widgets import prompts


def choose_phone_region(window: QMainWindow, ops: Operations) -> None:
    from db.phones import phone_regions
    from db.store_settings import default_region, set_default_region

    current = ops.read(default_region)
    regions = sorted(phone_regions())
    chosen = prompts.choose_item(
        window,
        "Default country for phone numbers",
        "Numbers typed without a + and country code belong to:",
        regions,
        current,
    )
    if chosen and chosen != current:
        done = ops.write(
            "change the phone country", lambda session: set_default_region(session, chosen)
        )
        if done is not None:
            window.statusBar().showMessage(f"Phone numbers now default to {chosen}.", 4000)
