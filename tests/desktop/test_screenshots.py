"""`cardfile --screenshots DIR` renders the main screens offscreen and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from db.search import live_contact_count
from db.store import open_store
from desktop.app import DEMO_CONTACTS_FOR_NEW

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = (
    "main-window",
    "contact-addresses",
    "contact-history",
    "contact-follow-ups",
    "quick-search",
    "trash",
    "log-dialog",
    "categories",
    "category-filter",
    "check-database",
    "contact-user-fields",
    "define-fields",
    "lookup-builder",
    "lookup-results",
    "duplicate-queue",
    "merge-dialog",
    "restore-backup",
    "automatic-backups",
    "mailing-labels",
    "print-preview",
    "my-record",
    "import-mapping",
    "import-matching",
    "about",
    "export-dialog",
    "letter-dialog",
    "template-editor",
    "letter-preview",
)
QUESTIONS = {"restore-backup", "about", "automatic-backups"}  # small: a question, a setting


def screenshots(database: Path, folder: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    env.pop("QT_QPA_PLATFORM", None)  # --screenshots must go offscreen by itself
    command = ["--db", str(database), "--demo-if-new", "--screenshots", str(folder)]
    return subprocess.run(
        [sys.executable, "-m", "desktop", *command],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=180,
    )


def contact_count(database: Path) -> int:
    store = open_store(database)
    try:
        with store.session() as session:
            return live_contact_count(session)
    finally:
        store.close()


def test_screenshots_of_the_main_screens(tmp_path: Path) -> None:
    database = tmp_path / "shots.sqlite"
    result = screenshots(database, tmp_path / "png", tmp_path / "config")
    assert result.returncode == 0, result.stderr
    assert contact_count(database) == DEMO_CONTACTS_FOR_NEW  # a new database gets the demo
    assert not (tmp_path / "config").exists()  # screenshots leave the user's settings alone
    for name in EXPECTED:
        image = QImage(str(tmp_path / "png" / f"{name}.png"))
        assert not image.isNull(), name
        small = name in QUESTIONS
        assert image.width() >= (300 if small else 500), name
        assert image.height() >= (100 if small else 350), name
        # Not a blank window: many distinct colours across the picture.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > (5 if small else 20), name
    main_window = QImage(str(tmp_path / "png" / "main-window.png"))
    assert (main_window.width(), main_window.height()) == (1280, 960)


def test_demo_is_added_only_to_a_new_database(tmp_path: Path) -> None:
    database = tmp_path / "mine.sqlite"
    open_store(database).close()  # the user's own, empty
    result = screenshots(database, tmp_path / "png", tmp_path / "config")
    assert result.returncode == 0, result.stderr
    assert contact_count(database) == 0
