"""sheets.json holds exactly what the gLabels template files say (when ../shared/data is here)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from db.mailing.label_sheets import envelope_named, label_sheets

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "labels"
UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "": 1.0}

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"the gLabels templates are not here ({DATA})"
)


def points(value: str) -> float:
    found = re.fullmatch(r"\s*([0-9.]+)\s*([a-z]*)\s*", value)
    assert found, value
    return float(found.group(1)) * UNITS[found.group(2)]


def templates() -> dict[str, ET.Element]:
    found: dict[str, ET.Element] = {}
    for name in ("avery-us-templates.xml", "avery-iso-templates.xml"):
        for template in ET.parse(DATA / name).getroot().iter("Template"):
            found[f"{template.get('brand')} {template.get('part')}"] = template
    for name, template in list(found.items()):
        if template.get("equiv"):
            found[name] = found[f"{template.get('brand')} {template.get('equiv')}"]
    return found


def test_every_sheet_matches_its_gLabels_template() -> None:
    known = templates()
    papers = {p.get("id"): p for p in ET.parse(DATA / "paper-sizes.xml").getroot()}
    for sheet in label_sheets():
        template = known[sheet.name]
        rectangle = template.find("Label-rectangle")
        assert rectangle is not None
        layout = rectangle.find("Layout")
        assert layout is not None
        paper = papers[template.get("size")]
        expected = {
            "page_width": paper.get("width"),
            "page_height": paper.get("height"),
            "label_width": rectangle.get("width"),
            "label_height": rectangle.get("height"),
            "corner_radius": rectangle.get("round"),
            "left": layout.get("x0"),
            "top": layout.get("y0"),
            "pitch_x": layout.get("dx"),
            "pitch_y": layout.get("dy"),
        }
        for key, value in expected.items():
            assert getattr(sheet, key) == pytest.approx(points(str(value)), abs=0.001), (
                sheet.name,
                key,
            )
        assert (sheet.columns, sheet.rows) == (int(layout.get("nx", 0)), int(layout.get("ny", 0)))


def test_envelopes_match_the_paper_sizes() -> None:
    papers = {p.get("id"): p for p in ET.parse(DATA / "paper-sizes.xml").getroot()}
    for name, key in (("#10", "number10"), ("DL", "dl"), ("C5", "c5")):
        size = envelope_named(name)
        paper = papers[key]
        assert size.width == pytest.approx(points(str(paper.get("height"))), abs=0.001)
        assert size.height == pytest.approx(points(str(paper.get("width"))), abs=0.001)
