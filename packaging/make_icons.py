"""Render Cardfile's icon set from resources/icons/cardfile.svg (run again after changing it).

    .venv/bin/python packaging/make_icons.py

Writes resources/icons/cardfile-N.png at every size the desktops ask for, rendered with Qt's
QSvgRenderer, and from them packaging/windows/cardfile.ico and packaging/macos/cardfile.icns with
Pillow (`pip install -e ".[package]"`). The results are committed: a build needs no renderer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_contents import ICON_SIZES  # noqa: E402 (found beside this script)

SVG = ROOT / "resources" / "icons" / "cardfile.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows reads from an .ico


def png_path(size: int) -> Path:
    return ROOT / "resources" / "icons" / f"cardfile-{size}.png"


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not an SVG that Qt can draw")
    written = []
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        path = png_path(size)
        if not image.save(str(path)):
            raise SystemExit(f"make_icons: could not write {path}")
        written.append(path)
    return written


def write_ico_and_icns() -> list[Path]:
    try:
        from PIL import Image
    except ImportError:
        print("make_icons: Pillow is missing, so no .ico or .icns (pip install pillow)")
        return []
    ico = ROOT / "packaging" / "windows" / "cardfile.ico"
    icns = ROOT / "packaging" / "macos" / "cardfile.icns"
    ico.parent.mkdir(parents=True, exist_ok=True)
    icns.parent.mkdir(parents=True, exist_ok=True)
    images = {size: Image.open(png_path(size)).convert("RGBA") for size in ICON_SIZES}
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != max(ICO_SIZES)],
    )
    # The .icns takes the sizes macOS uses (16 to 512) from the images given, exactly.
    images[512].save(
        icns, format="ICNS", append_images=[images[size] for size in (16, 32, 64, 128, 256)]
    )
    return [ico, icns]


def main() -> None:
    for path in [*render_pngs(), *write_ico_and_icns()]:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
