"""What goes into the PyInstaller bundle: read by `cardfile.spec` and checked by the tests.

Kept apart from the spec (which only PyInstaller can run) so that a cheap test can check that the
version source and every bundled data path exist. No PyInstaller import here.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.cardfile.Cardfile"  # the same as desktop.app.APP_ID (a test checks)
APP_NAME = "Cardfile"
EXECUTABLE = "cardfile"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# Qt modules Cardfile uses; the rest of PySide6 stays out of the bundle.
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtSvg",  # the window icon and the About box's drawing
    "QtPrintSupport",  # printing letters and labels
    "QtPdf",  # the mail-merge preview (QPdfView)
    "QtPdfWidgets",
)
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
)
# Qt libraries and plug-ins PyInstaller collects with the modules above that Cardfile does without:
# the virtual keyboard (an input plug-in that brings QML and Qt Quick, some 17 MB) and the
# platforms for embedded devices with no window system. Matched on the file's name, so that the
# same patterns serve libQt6Quick.so.6, Qt6Quick.dll and QtQuick.framework.
LEFT_OUT_BINARIES = re.compile(
    r"^(lib)?(Qt6?(Quick|Qml|VirtualKeyboard)|qtvirtualkeyboardplugin"
    r"|q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)\b|Qt6EglFs|qeglfs-)",
    re.IGNORECASE,
)
# Python modules nothing in the application imports, kept out even if a library mentions them.
UNUSED_PYTHON_MODULES = ("tkinter", "_tkinter", "pytest", "IPython", "matplotlib", "pandas")

# Imported only by files that Alembic loads by path (env.py and the revisions), or by name.
HIDDEN_IMPORTS = (
    "db.migrations",
    "db.models",
    "alembic.op",
    "alembic.context",
    "alembic.ddl.sqlite",
    "sqlalchemy.dialects.sqlite",
    "desktop.app",
    "desktop.main_window",
    "desktop.screenshots",
    *(f"PySide6.{module}" for module in QT_MODULES),
)


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The version in pyproject.toml: the one source of the version number."""
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def data_files() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every data file the application reads at run
    time: Alembic's migrations (loaded from files, not imported) and the `resources` package."""
    migrations = ROOT / "db" / "migrations"
    pairs = [(str(migrations / "env.py"), "db/migrations")]
    pairs += [(str(path), "db/migrations") for path in sorted(migrations.glob("*.mako"))]
    pairs += [(str(path), "db/migrations") for path in sorted(migrations.glob("*.ini"))]
    pairs += [
        (str(path), "db/migrations/versions")
        for path in sorted((migrations / "versions").glob("*.py"))
    ]
    resources = ROOT / "resources"
    for path in sorted(resources.rglob("*")):
        relative = path.relative_to(resources)
        shipped = path.suffix in {".png", ".svg", ".json", ".txt", ".xml"}
        if path.is_file() and shipped and relative.parts[0] != "screenshots":  # README only
            pairs.append((str(path), str(Path("resources") / relative.parent)))
    return pairs


def keep_binary(name_in_bundle: str) -> bool:
    """False for the Qt libraries and plug-ins in LEFT_OUT_BINARIES."""
    parts = name_in_bundle.replace("\\", "/").split("/")
    file_name = next((part for part in reversed(parts) if part), "")
    return LEFT_OUT_BINARIES.match(file_name) is None and "egldeviceintegrations" not in parts


def icon_file(platform: str = sys.platform) -> str | None:
    """The executable's icon: an .ico on Windows, an .icns on macOS (none is needed on Linux,
    where the .desktop file names the icon)."""
    if platform.startswith("win"):
        return str(ROOT / "packaging" / "windows" / "cardfile.ico")
    if platform == "darwin":
        return str(ROOT / "packaging" / "macos" / "cardfile.icns")
    return None
