"""`cardfile --screenshots DIR` renders the main screens offscreen and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ("main-window", "contact-addresses", "contact-history", "quick-search", "trash")


def test_screenshots_of_the_main_screens(tmp_path: Path) -> None:
    database = tmp_path / "shots.sqlite"
    assert cli_main(["--db", str(database), "demo", "--contacts", "300"]) == 0
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("QT_QPA_PLATFORM", None)  # --screenshots must go offscreen by itself
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--db",
            str(database),
            "--screenshots",
            str(tmp_path / "png"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    for name in EXPECTED:
        image = QImage(str(tmp_path / "png" / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 600, name
        assert image.height() >= 400, name
        # Not a blank window: many distinct colours across the picture.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 20, name
    main_window = QImage(str(tmp_path / "png" / "main-window.png"))
    assert (main_window.width(), main_window.height()) == (1280, 800)
