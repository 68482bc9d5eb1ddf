"""The application's identity in Qt: the app id of the .desktop file, the names behind the
settings, and the icon every window shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from desktop.app import APP_ID, make_application
from desktop.app_icon import ICON_SIZES, application_icon
from desktop.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def application(qapp: QApplication) -> Iterator[QApplication]:
    """make_application() on the test's QApplication, put back as it was afterwards."""
    before = (
        qapp.organizationName(),
        qapp.applicationName(),
        qapp.desktopFileName(),
        qapp.windowIcon(),
    )
    yield make_application()
    qapp.setOrganizationName(before[0])
    qapp.setApplicationName(before[1])
    qapp.setDesktopFileName(before[2])
    qapp.setWindowIcon(before[3])


def test_the_application_says_who_it_is(application: QApplication) -> None:
    assert application.organizationName() == "Cardfile"
    assert application.applicationName() == "Cardfile"  # settings stay in Cardfile/Cardfile.ini
    assert application.desktopFileName() == APP_ID
    assert (ROOT / "packaging" / "linux" / f"{APP_ID}.desktop").is_file()


def test_the_window_shows_the_cardfile_icon(application: QApplication, window: MainWindow) -> None:
    assert not application.windowIcon().isNull()
    assert not window.windowIcon().isNull()
    sizes = set(window.windowIcon().availableSizes())
    assert {QSize(size, size) for size in ICON_SIZES} <= sizes
    # Drawn, not blank: the 32-pixel icon has many colours, some of them opaque.
    image = window.windowIcon().pixmap(32, 32).toImage()
    pixels = {image.pixel(x, y) for x in range(32) for y in range(32)}
    assert len(pixels) > 20
    assert any(image.pixelColor(x, 16).alpha() == 255 for x in range(32))


def test_every_icon_size_is_shipped() -> None:
    icon = application_icon()
    for size in ICON_SIZES:
        assert (ROOT / "resources" / "icons" / f"cardfile-{size}.png").is_file(), size
        assert icon.pixmap(size, size).width() == size
