"""A cheap, static check of the PyInstaller build: what the spec reads exists. (The build itself,
and starting it, is `make package-check`.)"""

from __future__ import annotations

import importlib.util
import re
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path
from types import ModuleType

import pytest

from desktop.app import APP_ID, FIRST_PAINT_LINE
from desktop.app_icon import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"cardfile_{name}", PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle() -> ModuleType:
    return load("bundle_contents")


def test_the_version_comes_from_pyproject(bundle: ModuleType) -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        assert bundle.project_version() == tomllib.load(file)["project"]["version"]
    spec = (PACKAGING / "cardfile.spec").read_text(encoding="utf-8")
    assert "VERSION = bundle.project_version()" in spec
    assert "datas=bundle.data_files()" in spec
    assert 'copy_metadata("cardfile")' in spec  # what `cardfile --version` reads when frozen
    assert '"desktop" / "__main__.py"' in spec  # desktop.__main__:main, the `cardfile` command


def test_every_bundled_file_exists(bundle: ModuleType) -> None:
    pairs = bundle.data_files()
    for source, _folder in pairs:
        assert Path(source).is_file(), source
    shipped = {(Path(source).relative_to(ROOT).as_posix(), folder) for source, folder in pairs}
    migrations = ROOT / "db" / "migrations"
    assert ("db/migrations/env.py", "db/migrations") in shipped
    assert ("db/migrations/script.py.mako", "db/migrations") in shipped
    for revision in (migrations / "versions").glob("0*.py"):
        assert (f"db/migrations/versions/{revision.name}", "db/migrations/versions") in shipped
    for size in ICON_SIZES:
        assert (f"resources/icons/cardfile-{size}.png", "resources/icons") in shipped
    assert ("resources/icons/cardfile.svg", "resources/icons") in shipped
    assert ("resources/matching/nicknames.txt", "resources/matching") in shipped
    assert not [name for name, _ in shipped if "screenshots" in name or "__pycache__" in name]


def test_hidden_imports_exist_and_unused_qt_is_left_out(bundle: ModuleType) -> None:
    for module in bundle.HIDDEN_IMPORTS:
        assert importlib.util.find_spec(module) is not None, module
    assert {"QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia"} <= set(
        bundle.UNUSED_QT_MODULES
    )
    assert not set(bundle.QT_MODULES) & set(bundle.UNUSED_QT_MODULES)
    assert {"QtPdf", "QtPdfWidgets", "QtPrintSupport"} <= set(bundle.QT_MODULES)
    plugins = "PySide6/Qt/plugins"
    for kept in (
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/libqoffscreen.so",
        f"{plugins}/platforms/libqwayland.so",
        f"{plugins}/platforms/qwindows.dll",
        f"{plugins}/printsupport/libcupsprintersupport.so",
        f"{plugins}/imageformats/libqpdf.so",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
        "PySide6/Qt6Widgets.dll",
    ):
        assert bundle.keep_binary(kept), kept
    for dropped in (
        f"{plugins}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        f"{plugins}/platforms/libqeglfs.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6\\Qt6Quick.dll",
    ):
        assert not bundle.keep_binary(dropped), dropped


def test_windows_and_macos_icons_are_committed(bundle: ModuleType) -> None:
    assert bundle.icon_file("linux") is None
    ico, icns = Path(bundle.icon_file("win32")), Path(bundle.icon_file("darwin"))
    assert ico.read_bytes()[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert icns.read_bytes()[:4] == b"icns"


def test_the_desktop_files_name_one_app_id(bundle: ModuleType) -> None:
    assert bundle.APP_ID == APP_ID
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == APP_ID
    assert desktop["Exec"] == "cardfile %f"  # the .vcf chosen in "Open with" comes last
    assert set(desktop["MimeType"].strip(";").split(";")) == {"text/vcard", "text/x-vcard"}
    assert desktop["Categories"] == "Office;ContactManagement;Qt;"
    metainfo = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    releases = [r.get("version") for r in metainfo.iter("release")]
    assert releases[0] == bundle.project_version()  # the release notes name this version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(releases[0])}\]", changelog, re.MULTILINE)


def test_the_bundle_check_waits_for_the_line_the_window_prints() -> None:
    assert load("check_bundle").FIRST_PAINT_LINE == FIRST_PAINT_LINE
