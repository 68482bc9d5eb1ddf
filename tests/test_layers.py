"""The one rule between the layers: `db/`, the command line and the PDF renderers import no Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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
