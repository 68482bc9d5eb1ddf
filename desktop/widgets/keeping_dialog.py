"""File ▸ Automatic Backups: how many of the daily backups are kept, and where they are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QSpinBox, QWidget

from desktop.widgets.dialog_buttons import accept_buttons


class KeepingDialog(QDialog):
    def __init__(self, parent: QWidget | None, kept: tuple[int, int], folder: Path) -> None:
        from db.automatic_backups import KEEP_LIMITS

        super().__init__(parent)
        self.setObjectName("keepingDialog")
        self.setWindowTitle("Automatic Backups")
        self.setMinimumWidth(520)
        about = QLabel(
            "Cardfile backs the database up on the first open of each day, and before an "
            "import, an automatic merge, a restore or an upgrade. Those made before a change "
            f"are always kept. The backups are in {folder}."
        )
        about.setWordWrap(True)
        self.daily = QSpinBox()
        self.daily.setObjectName("keepDaily")
        self.daily.setRange(*KEEP_LIMITS[0])
        self.daily.setValue(kept[0])
        self.daily.setSuffix(" days")
        self.weekly = QSpinBox()
        self.weekly.setObjectName("keepWeekly")
        self.weekly.setRange(*KEEP_LIMITS[1])
        self.weekly.setValue(kept[1])
        self.weekly.setSuffix(" weeks")
        form = QFormLayout(self)
        form.addRow(about)
        form.addRow("Keep the daily backups of the last", self.daily)
        form.addRow("and before them one for each of", self.weekly)
        form.addRow(accept_buttons(self))


def ask_keeping(parent: QWidget, kept: tuple[int, int], folder: Path) -> tuple[int, int] | None:
    dialog = KeepingDialog(parent, kept, folder)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.daily.value(), dialog.weekly.value()
