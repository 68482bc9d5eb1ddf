"""The one rule between the layers: `db/`, the command line and the PDF renderers import no Qt."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_DB = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "desktop")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_db_never_imports_qt_or_desktop() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN_IN_DB
        )
        for path in (ROOT / "db").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) > 10  # the walk really read the package


def test_the_command_line_runs_without_loading_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"status = main(['--db', {str(tmp_path / 'c.sqlite')!r}, 'demo', '--contacts', '5'])\n"
        f"status += main(['--db', {str(tmp_path / 'c.sqlite')!r}, 'report', 'activity', "
        f"'--from', '2026-01-01', '--to', '2026-12-31', '--out', {str(tmp_path / 'r.pdf')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('QT:', loaded)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "QT: []" in result.stdout
    assert "Added 5 demo contacts" in result.stdout


@pytest.mark.parametrize("saved_sort", ["", "company", "name"])
def test_the_first_paint_needs_no_sqlalchemy(tmp_path: Path, saved_sort: str) -> None:
    """Start-up budget: SQLAlchemy (a third of a second) loads after the window has painted,
    whatever sort the list comes back in (here descending, as saved)."""
    from db.demo import generate_demo
    from db.store import open_store

    database = tmp_path / "c.sqlite"
    store = open_store(database)
    generate_demo(store, 30)
    store.close()
    script = (
        "import sys, tempfile, time\n"
        "from pathlib import Path\n"
        "from desktop.app import make_application, make_settings\n"
        "from desktop.main_window import MainWindow\n"
        "from desktop.store_events import StoreEvents\n"
        "from db.store import open_store\n"
        "app = make_application()\n"
        "settings = make_settings(throwaway_in=Path(tempfile.mkdtemp()))\n"
        "from desktop import settings as keys\n"
        f"settings.set(keys.LIST_SORT, [{saved_sort!r}] if {saved_sort!r} else [])\n"
        "settings.set(keys.LIST_SORT_DESCENDING, True)\n"
        f"window = MainWindow(open_store({str(database)!r}), settings, StoreEvents())\n"
        "window.show_first_contact_after_paint()\n"
        "window.show()\n"
        "window.list_view.viewport().repaint()\n"
        "print('BEFORE', sorted(m for m in sys.modules if m.startswith('sqlalchemy'))[:3])\n"
        "print('SORTED', window.model.columns[window.model.sort_column()].key,"
        " window.model.descending)\n"
        "started = time.monotonic()\n"
        "while window.form.contact_id is None and time.monotonic() - started < 60:\n"
        "    app.processEvents()\n"
        "print('AFTER', 'sqlalchemy' in sys.modules, window.form.contact_id is not None)\n"
        "import os; os._exit(0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert "BEFORE []" in result.stdout, result.stdout + result.stderr
    assert "AFTER True True" in result.stdout, result.stdout + result.stderr
    expected = f"SORTED {saved_sort} True" if saved_sort else "SORTED name False"
    assert expected in result.stdout, result.stdout
