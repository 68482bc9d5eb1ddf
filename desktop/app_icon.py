"""Cardfile's icon: the PNGs that packaging/make_icons.py renders from resources/icons/cardfile.svg.

PNGs rather than the SVG itself: they need no image plug-in, in a source tree or a frozen build.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def application_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"cardfile-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon
