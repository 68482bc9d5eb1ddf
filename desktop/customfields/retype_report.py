"""Before a field changes type: the values that would not fit the new type, contact by contact,
and the choice to go ahead (removing them, each noted in its contact's history) or not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from db.custom_fields import RetypeReport


class RetypeReportDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, field_name: str, kind_label: str, report: RetypeReport
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Change the type of “{field_name}”")
        self.resize(640, 420)
        lost = report.lost_count
        values = "value does" if lost == 1 else "values do"
        self.summary_label = QLabel(
            f"<p><b>{lost:,} {values} not fit “{kind_label}”</b> and would be removed if "
            f"“{field_name}” changes type. Each removed value is written into its contact's "
            f"history.</p><p>{_kept(report.converted)}</p>"
        )
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(len(report.lost), 3)
        self.table.setHorizontalHeaderLabels(("Contact", "Value", "Why it does not fit"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, gone in enumerate(report.lost):
            for column, text in enumerate((gone.contact_name, gone.value, gone.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        more = lost - len(report.lost)
        self.more_label = QLabel(f"… and {more:,} more." if more > 0 else "")
        self.more_label.setVisible(more > 0)
        buttons = QDialogButtonBox()
        self.remove_button = buttons.addButton(
            "Change type and &remove these values", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)  # losing data is never the default
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_label)
        layout.addWidget(buttons)

    @classmethod
    def ask(
        cls, parent: QWidget | None, field_name: str, kind_label: str, report: RetypeReport
    ) -> bool:
        """True when the user chose to change the type and remove the values listed."""
        return cls(parent, field_name, kind_label, report).exec() == QDialog.DialogCode.Accepted


def _kept(converted: int) -> str:
    if converted == 0:
        return "No other value is in the field."
    if converted == 1:
        return "The 1 other value converts and is kept."
    return f"The {converted:,} other values convert and are kept."
