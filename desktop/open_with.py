"""`cardfile FILE.vcf`: a desktop's "Open with Cardfile" opens the window and imports the file.

The command-line half (`split_file_to_open`) imports no Qt; `import_when_shown` runs in the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

VCARD_SUFFIXES = (".vcf", ".vcard")
OPTIONS_WITH_A_VALUE = ("--db", "--screenshots")


def split_file_to_open(arguments: Sequence[str]) -> tuple[list[str], Path | None]:
    """The arguments without a vCard file given last to the window (as `Exec=cardfile %f` in
    the .desktop file passes it), and that file; a sub-command's own arguments are left alone."""
    rest = list(arguments)
    if not rest or not rest[-1].lower().endswith(VCARD_SUFFIXES) or rest[-1].startswith("-"):
        return rest, None
    before = rest[:-1]
    index = 0
    while index < len(before):
        token = before[index]
        if not token.startswith("-"):
            return rest, None  # a sub-command (or its arguments): the file is theirs
        if token in OPTIONS_WITH_A_VALUE:
            if index + 1 == len(before):
                return rest, None  # the file is this option's value (`--db x.vcf`)
            index += 1
        index += 1
    return before, Path(rest[-1])


def import_when_shown(window: QMainWindow, path: Path) -> None:
    """Once the window is up: its import of the file if it has one, else a word that it cannot."""
    from PySide6.QtCore import QTimer

    from desktop.widgets import prompts

    def start() -> None:
        importer = getattr(window, "import_file", None)
        if callable(importer):
            importer(path)
        else:
            prompts.show_message(
                window,
                "Import not available",
                f"This version of Cardfile cannot import vCard files yet, so {path.name} "
                "was not imported. Nothing has been changed.",
            )

    QTimer.singleShot(0, start)
