"""The column mapping of a CSV import: for each column, where its cells go. Guessed from the
header (presets and aliases), shown in the import wizard, and changed there one column at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from db.interchange.csv_layouts import Layout, lowered, recognise, target_text
from db.interchange.csv_targets import IGNORE, Target, custom, parse_target

UNKNOWN_CHOICES = ("custom", "ignore")
USER_FIELD_SUFFIX = " (user field)"  # Cardfile's export: a user field named like a header


@dataclass(frozen=True)
class Mapping:
    """Per column (by position) its name and its target. `layout` is the recognised layout's
    name ("Outlook (desktop)"), "" when none was; `has_header` is False for a file whose first
    row is data (ACT! can export without field names): columns are then "Column 1", ..."""

    columns: tuple[str, ...]
    targets: tuple[Target, ...]
    has_header: bool = True
    layout: str = ""

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.targets):
            raise ValueError("a mapping needs one target per column")

    def replace_target(self, column: int, target: Target) -> Mapping:
        """This mapping with column `column` (counting from 0) going to `target`. A phone or an
        e-mail that is one whole column (`item` "@") becomes that column's own item."""
        if target.item == "@":
            target = replace(target, item=f"@{column}")
        targets = list(self.targets)
        targets[column] = target
        return replace(self, targets=tuple(targets))

    def target_of(self, name: str) -> Target | None:
        """The target of the first column called `name` (any case), None when there is none."""
        key = lowered(name)
        for column, target in zip(self.columns, self.targets, strict=True):
            if lowered(column) == key:
                return target
        return None

    def describe(self) -> list[tuple[str, str]]:
        """(column, target in words) for every column, for the wizard and the log."""
        return [(c, t.describe()) for c, t in zip(self.columns, self.targets, strict=True)]


def guess_mapping(header: Sequence[str], unknown: str = "custom") -> Mapping:
    """The mapping the presets give `header`. A column they do not know becomes a user field
    named after it (`unknown="custom"`) or is left out (`unknown="ignore"`); a column without a
    name is left out."""
    if unknown not in UNKNOWN_CHOICES:
        raise ValueError(f"unknown must be one of {UNKNOWN_CHOICES}, not {unknown!r}")
    columns = tuple(header)
    layout = recognise(columns)
    others = {lowered(c) for c in columns}
    targets = tuple(
        _target(name, position, layout, others, unknown) for position, name in enumerate(columns)
    )
    return Mapping(columns, targets, True, layout.name if layout else "")


def positional_mapping(width: int, targets: Sequence[Target] = ()) -> Mapping:
    """A mapping for a file without a header: `width` columns "Column 1", ..., each going to
    the given target (by position) or, past them, left out until the user chooses."""
    columns = tuple(f"Column {n}" for n in range(1, width + 1))
    chosen = tuple(targets[:width]) + (IGNORE,) * max(0, width - len(targets))
    return Mapping(columns, chosen, has_header=False)


def _target(
    name: str, position: int, layout: Layout | None, others: set[str], unknown: str
) -> Target:
    clean = name.replace("\ufeff", "").strip()
    if not clean:
        return IGNORE
    if clean.lower().endswith(USER_FIELD_SUFFIX):
        return custom(clean[: -len(USER_FIELD_SUFFIX)].strip())
    text = target_text(clean, layout, others)
    if text is None:
        return custom(clean) if unknown == "custom" else IGNORE
    if text == "custom":
        return custom(clean)
    return parse_target(text, position)
