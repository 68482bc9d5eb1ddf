"""Label sheets and envelope sizes, as data (resources/labels/sheets.json, from gLabels).

Every length is in points (1/72 in), measured from the page's top-left corner, as gLabels and
the label makers' own templates give them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from resources import resource_path

SHEETS_FILE = ("labels", "sheets.json")


@dataclass(frozen=True)
class LabelSheet:
    name: str  # "Avery 5160"
    description: str
    paper: str  # "US Letter", "A4"
    page_width: float
    page_height: float
    label_width: float
    label_height: float
    corner_radius: float
    margin: float  # inside each label, kept free of text
    columns: int
    rows: int
    left: float  # the first label's left edge
    top: float  # the first label's top edge
    pitch_x: float  # from one label's left edge to the next one's
    pitch_y: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def label_box(self, index: int) -> tuple[float, float]:
        """The top-left corner (x from the left, y from the top) of label `index` (0-based,
        across then down) on its sheet."""
        row, column = divmod(index % self.per_sheet, self.columns)
        return self.left + column * self.pitch_x, self.top + row * self.pitch_y


@dataclass(frozen=True)
class EnvelopeSize:
    name: str  # "#10", "DL", "C5"
    description: str
    width: float  # landscape: the long side
    height: float


@cache
def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(resource_path(*SHEETS_FILE).read_text(encoding="utf-8"))
    return loaded


def label_sheets() -> tuple[LabelSheet, ...]:
    return tuple(LabelSheet(**entry) for entry in _data()["sheets"])


def envelope_sizes() -> tuple[EnvelopeSize, ...]:
    return tuple(EnvelopeSize(**entry) for entry in _data()["envelopes"])


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def sheet_named(name: str) -> LabelSheet:
    """The sheet called `name`, without regard to case; the maker may be left out ("5160")."""
    wanted = _key(name)
    for sheet in label_sheets():
        key = _key(sheet.name)
        if wanted in (key, key.split(" ", 1)[-1]):
            return sheet
    known = ", ".join(sheet.name for sheet in label_sheets())
    raise LookupError(f"There is no label sheet called “{name}”; known sheets: {known}")


def envelope_named(name: str) -> EnvelopeSize:
    """The envelope size called `name` ("#10", "10", "DL", "C5"), without regard to case."""
    wanted = _key(name).lstrip("#").removesuffix(" envelope")
    for size in envelope_sizes():
        if wanted == _key(size.name).lstrip("#"):
            return size
    known = ", ".join(size.name for size in envelope_sizes())
    raise LookupError(f"There is no envelope size called “{name}”; known sizes: {known}")
