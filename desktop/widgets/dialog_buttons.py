"""The buttons under a dialog that asks something: Save (or OK) and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def accept_buttons(dialog: QDialog, *, save: bool = True) -> QDialogButtonBox:
    """Save (or OK) accepts `dialog`, Cancel rejects it; the caller places the box."""
    first = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(first | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
