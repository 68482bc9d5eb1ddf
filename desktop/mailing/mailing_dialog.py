"""Write ▸ Labels… and Write ▸ Envelopes… (and, through LetterDialog, Letter…): who gets mail
(with who is left out and why), the sheet or envelope size, where to start on a partly used
sheet, outlines, and a follow-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.mailing.label_sheets import envelope_sizes, label_sheets, sheet_named
from desktop.mailing.mailing_choice import LABELS, TITLES, MailingChoice, choice_problems
from desktop.mailing.recipient_chooser import RecipientChooser

DEFAULT_FOLLOW_UP_DAYS = 7


class MailingDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        kind: str,
        chooser: RecipientChooser,
        piece: str = "",
        calibrate: Callable[[str], object] | None = None,
    ) -> None:
        """`calibrate(sheet name)` runs the printer calibration for labels."""
        super().__init__(parent)
        self.setObjectName("MailingDialog")
        self.kind = kind
        self.chooser = chooser
        title, group, piece_label = TITLES[kind]
        self.setWindowTitle(title)
        self.piece_combo = QComboBox()
        self._fill_pieces(piece)
        self.start_spin = QSpinBox()
        self.start_spin.setMinimum(1)
        self.start_spin.setToolTip(
            "Across, then down: label 4 is the first of the second row on 3-up sheets"
        )
        self.outline_check = QCheckBox("Draw each label's &outline (to test the alignment)")
        self.follow_up_check = QCheckBox("Schedule a &call to each after")
        self.follow_up_spin = QSpinBox()
        self.follow_up_spin.setRange(0, 366)
        self.follow_up_spin.setValue(DEFAULT_FOLLOW_UP_DAYS)
        self.follow_up_spin.setSuffix(" days")
        self.follow_up_spin.setEnabled(False)
        self.follow_up_check.toggled.connect(self.follow_up_spin.setEnabled)
        form = self.form = QFormLayout()
        form.addRow(_whole_label(piece_label, self.piece_combo), self.piece_combo)
        self.calibrate_button = QPushButton("Printer &Calibration…")
        if kind == LABELS:
            form.addRow("S&tart at label", self.start_spin)
            form.addRow(self.outline_check)
            if calibrate is not None:
                self.calibrate_button.clicked.connect(
                    lambda: calibrate(str(self.piece_combo.currentData()))
                )
                form.addRow(self.calibrate_button)
        form.addRow(self._follow_up_row())
        what = QGroupBox(group)
        what.setLayout(form)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #8b0000;")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton("&Preview…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(chooser)
        layout.addWidget(what)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.piece_combo.currentIndexChanged.connect(self._sheet_changed)
        self.chooser.chosenChanged.connect(self._chosen_changed)
        self._sheet_changed()
        self._chosen_changed()
        self.resize(620, 640)

    def _fill_pieces(self, piece: str) -> None:
        if self.kind == LABELS:
            for sheet in label_sheets():
                shown = f"{sheet.name} — {sheet.description}, {sheet.per_sheet} per {sheet.paper}"
                self.piece_combo.addItem(shown, sheet.name)
        else:
            for size in envelope_sizes():
                self.piece_combo.addItem(f"{size.name} ({size.description})", size.name)
        found = self.piece_combo.findData(piece)
        self.piece_combo.setCurrentIndex(max(0, found))

    def _follow_up_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.follow_up_check)
        row.addWidget(self.follow_up_spin)
        row.addStretch(1)
        return row

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        kind: str,
        chooser: RecipientChooser,
        piece: str = "",
        calibrate: Callable[[str], object] | None = None,
    ) -> tuple[MailingChoice, bool]:
        dialog = cls(parent, kind, chooser, piece, calibrate)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice(), accepted

    def choice(self) -> MailingChoice:
        return MailingChoice(
            kind=self.kind,
            sources=self.chooser.sources(),
            piece=str(self.piece_combo.currentData()),
            per_household=self.chooser.per_household(),
            start=self.start_spin.value(),
            outline=self.outline_check.isChecked(),
            follow_up_days=(
                self.follow_up_spin.value() if self.follow_up_check.isChecked() else None
            ),
        )

    def _sheet_changed(self) -> None:
        if self.kind == LABELS:
            sheet = sheet_named(str(self.piece_combo.currentData()))
            self.start_spin.setMaximum(sheet.per_sheet)
            self.start_spin.setSuffix(f" of {sheet.per_sheet}")

    def _chosen_changed(self) -> None:
        problems = choice_problems(self.chooser.sources(), self.chooser.chosen)
        self.preview_button.setEnabled(not problems)
        self.error_label.setText(" ".join(problems))
        self.error_label.setVisible(bool(problems))

    def accept(self) -> None:
        self.chooser.recount()  # the last click may not have been counted yet
        if choice_problems(self.chooser.sources(), self.chooser.chosen):
            return
        super().accept()


def _whole_label(text: str, buddy: QWidget) -> QLabel:
    """A form's label with room for its whole word (a row of buttons without a label below it
    squeezed "Template" to "Templat")."""
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text) + 4)
    return label
