"""A printer's label calibration: how far it shifts the page and how much it scales it, as
measured on the calibration page (which this dialog prints too)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from db.mailing.calibration import MAX_OFFSET_MM, SCALE_RANGE, PrinterCalibration
from desktop.widgets.dialog_buttons import accept_buttons

HELP = (
    "Print the calibration page on plain paper, measure where cross A lands, and enter how "
    "far off it is: a positive X moves everything right, a positive Y moves it down."
)


class CalibrationDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        printers: Sequence[str],
        stored: Callable[[str], PrinterCalibration],
        print_page: Callable[[PrinterCalibration], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CalibrationDialog")
        self.setWindowTitle("Printer Calibration for Labels")
        self._stored = stored
        self.printer_combo = QComboBox()
        self.printer_combo.setEditable(True)
        self.printer_combo.addItems(list(printers))
        self.x_spin = self._offset_spin()
        self.y_spin = self._offset_spin()
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setDecimals(3)
        self.scale_spin.setSingleStep(0.001)
        self.scale_spin.setRange(*SCALE_RANGE)
        self.page_button = QPushButton("Print the &Calibration Page…")
        self.page_button.clicked.connect(lambda: print_page(self.calibration()))
        explanation = QLabel(HELP)
        explanation.setWordWrap(True)
        layout = QFormLayout(self)
        layout.addRow(explanation)
        layout.addRow("&Printer", self.printer_combo)
        layout.addRow("&X offset (right)", self.x_spin)
        layout.addRow("&Y offset (down)", self.y_spin)
        layout.addRow("&Scale", self.scale_spin)
        layout.addRow(self.page_button)
        layout.addRow(accept_buttons(self))
        self.printer_combo.currentTextChanged.connect(self._show_stored)
        self._show_stored(self.printer_combo.currentText())
        self.setMinimumWidth(460)

    @staticmethod
    def _offset_spin() -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setDecimals(1)
        spin.setSingleStep(0.1)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setSuffix(" mm")
        return spin

    def _show_stored(self, printer: str) -> None:
        kept = self._stored(printer)
        self.x_spin.setValue(kept.x_offset_mm)
        self.y_spin.setValue(kept.y_offset_mm)
        self.scale_spin.setValue(kept.scale)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        printers: Sequence[str],
        stored: Callable[[str], PrinterCalibration],
        print_page: Callable[[PrinterCalibration], None],
    ) -> tuple[tuple[str, PrinterCalibration], bool]:
        dialog = cls(parent, printers, stored, print_page)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.printer_combo.currentText().strip(), dialog.calibration()), accepted

    def calibration(self) -> PrinterCalibration:
        return PrinterCalibration(self.x_spin.value(), self.y_spin.value(), self.scale_spin.value())
