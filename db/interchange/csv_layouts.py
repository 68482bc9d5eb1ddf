"""The CSV layouts Cardfile knows (resources/interchange/csv_layouts.json): which exporter wrote a
header row, and where each of its columns goes.

A layout is recognised from its header: either by its signature columns (ACT!, HubSpot and
Salesforce export the columns the user chose, Cardfile adds user fields) or by how much of the
header it explains. Google's numbered groups ("E-mail 3 - Value") count whatever their number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from resources import resource_path

LAYOUTS_FILE = ("interchange", "csv_layouts.json")
MIN_SHARE = 0.8  # of a fixed layout's columns in the header, and of the header in the layout
_GROUP_NUMBER = re.compile(
    r"^(e-mail|phone|address|website|event|relation|im|custom field|organization) \d+ - "
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Layout:
    name: str
    columns: frozenset[str]  # normalised (see `normalise`)
    groups: frozenset[str]  # numbered groups, normalised ("e-mail n - value")
    signature: frozenset[str]
    overrides: tuple[tuple[str, str], ...]  # lower-cased header -> target text

    def override(self, lowered: str) -> str | None:
        return dict(self.overrides).get(lowered)

    def score(self, header: set[str]) -> float:
        """How well this layout explains `header` (normalised names); 0 when it is not it."""
        known = self.columns | self.groups
        explained = len(header & known) / max(1, len(header))
        if self.signature:
            return 1 + explained if self.signature <= header else 0.0
        covered = len(header & self.columns) / max(1, len(self.columns))
        return explained * covered if min(explained, covered) >= MIN_SHARE else 0.0


@dataclass(frozen=True)
class Presets:
    layouts: tuple[Layout, ...]
    aliases: dict[str, str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]


def lowered(name: str) -> str:
    """A header name as the presets compare it: lower case, spaces collapsed, BOM removed."""
    return _SPACES.sub(" ", name.replace("\ufeff", "")).strip().lower()


def normalise(name: str) -> str:
    """`lowered`, with a numbered group's number replaced by "n"."""
    return _GROUP_NUMBER.sub(r"\1 n - ", lowered(name))


@cache
def presets() -> Presets:
    with resource_path(*LAYOUTS_FILE).open(encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    layouts = tuple(
        Layout(
            name=entry["name"],
            columns=frozenset(normalise(c) for c in entry["columns"]),
            groups=frozenset(normalise(c) for c in entry.get("groups", ())),
            signature=frozenset(normalise(c) for c in entry.get("signature", ())),
            overrides=tuple((lowered(k), v) for k, v in entry.get("overrides", {}).items()),
        )
        for entry in data["layouts"]
    )
    aliases = {lowered(k): v for k, v in data["aliases"].items()}
    patterns = tuple((re.compile(p), spec) for p, spec in data["patterns"])
    return Presets(layouts, aliases, patterns)


def recognise(header: tuple[str, ...]) -> Layout | None:
    """The known layout that `header` is, or None."""
    names = {normalise(h) for h in header if h.strip()}
    scored = [(layout.score(names), layout) for layout in presets().layouts]
    best_score, best = max(scored, key=lambda pair: pair[0])
    return best if best_score > 0 else None


def target_text(name: str, layout: Layout | None, others: set[str]) -> str | None:
    """The preset's target text for the column `name` (None: not known). `others` are the
    header's lowered names: an Outlook-like "Title" beside "Job Title" is the name's prefix."""
    key = lowered(name)
    if layout is not None and (override := layout.override(key)) is not None:
        return override
    if key == "title" and "job title" in others:
        return "prefix"
    known = presets()
    if key in known.aliases:
        return known.aliases[key]
    for pattern, spec in known.patterns:
        if match := pattern.match(key):
            return spec.format(*match.groups())
    return None
