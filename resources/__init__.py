"""Data files shipped with Cardfile (icons, screenshots, templates), found through one helper."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a shipped data file, in a source tree, an installed package or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks package data here
    base = Path(frozen_root) / "resources" if frozen_root else Path(__file__).resolve().parent
    return base.joinpath(*parts)
