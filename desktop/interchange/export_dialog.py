"""File ▸ Export…: which contacts (everyone, the list as it is, the selection, a category, a
group, a saved lookup) and how (CSV, safe for spreadsheets or plain, with or without a BOM; or
vCard 3.0 / 4.0). The file is chosen after it, and the work done by `ExportFlows`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.interchange.exporting import ExportOptions

# Which contacts: the kinds of choice, in the dialog's order.
EVERYONE, LISTED, SELECTED, CATEGORY, GROUP, LOOKUP = (
    "everyone",
    "listed",
    "selected",
    "category",
    "group",
    "lookup",
)
FORMATS = (  # label, format, vCard version
    ("&CSV (spreadsheets, other programs)", "csv", ""),
    ("vCard &3.0", "vcard", "3.0"),
    ("vCard &4.0", "vcard", "4.0"),
)


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose: `which` contacts (one of the kinds above; `name` is the category's,
    group's or saved lookup's) and how to write them."""

    which: str
    options: ExportOptions
    name: str = ""


@dataclass(frozen=True)
class ExportLists:
    """What the dialog offers: how many contacts each choice holds now, and the names."""

    everyone: int
    listed: int
    selected: int
    categories: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    lookups: tuple[str, ...] = ()


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, lists: ExportLists) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Contacts")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(self._which_box(lists))
        layout.addWidget(self._format_box())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.format_group.idToggled.connect(lambda *_a: self._format_changed())
        self._format_changed()

    def _which_box(self, lists: ExportLists) -> QGroupBox:
        box = QGroupBox("Which contacts")
        grid = QGridLayout(box)
        self.which_group = QButtonGroup(self)
        self.which_buttons: dict[str, QRadioButton] = {}
        self.name_combos: dict[str, QComboBox] = {}
        counted = (
            (EVERYONE, f"&All contacts ({lists.everyone:,})", lists.everyone),
            (LISTED, f"The contacts now in the l&ist ({lists.listed:,})", lists.listed),
            (SELECTED, f"The &selected contacts ({lists.selected:,})", lists.selected),
        )
        for row, (which, label, count) in enumerate(counted):
            button = self._which_button(which, label, row, grid)
            button.setEnabled(count > 0)
        named = (
            (CATEGORY, "In the ca&tegory", lists.categories),
            (GROUP, "In the &group", lists.groups),
            (LOOKUP, "Found by the saved &lookup", lists.lookups),
        )
        for row, (which, label, names) in enumerate(named, start=len(counted)):
            button = self._which_button(which, label, row, grid)
            combo = QComboBox()
            combo.setObjectName(f"{which}Combo")
            combo.addItems(list(names))
            combo.setEnabled(bool(names))
            button.setEnabled(bool(names))
            # Choosing a name chooses its line.
            combo.activated.connect(lambda _i, b=button: b.setChecked(True))
            grid.addWidget(combo, row, 1)
            self.name_combos[which] = combo
        self.which_buttons[SELECTED if lists.selected > 1 else EVERYONE].setChecked(True)
        grid.setColumnStretch(1, 1)
        return box

    def _which_button(self, which: str, label: str, row: int, grid: QGridLayout) -> QRadioButton:
        button = QRadioButton(label)
        button.setObjectName(f"{which}Radio")
        self.which_group.addButton(button)
        self.which_buttons[which] = button
        grid.addWidget(button, row, 0)
        return button

    def _format_box(self) -> QGroupBox:
        box = QGroupBox("Format")
        layout = QVBoxLayout(box)
        self.format_group = QButtonGroup(self)
        self.format_buttons: list[QRadioButton] = []
        for n, (label, _format, _version) in enumerate(FORMATS):
            button = QRadioButton(label)
            self.format_group.addButton(button, n)
            self.format_buttons.append(button)
            layout.addWidget(button)
        self.format_buttons[0].setChecked(True)
        self.safe_check = QCheckBox("Safe for s&preadsheets")
        self.safe_check.setChecked(True)
        self.safe_note = QLabel(
            "Cells a spreadsheet would run as a formula (starting with = + - @, such as a phone "
            "number +47 …) get a ' in front. Untick it for a plain file to import into another "
            "program."
        )
        self.safe_note.setWordWrap(True)
        self.bom_check = QCheckBox("UTF-8 with &BOM (Excel)")
        self.bom_check.setChecked(True)
        for widget in (self.safe_check, self.safe_note, self.bom_check):
            layout.addWidget(widget)
        self.safe_note.setContentsMargins(24, 0, 0, 6)
        return box

    def _format_changed(self) -> None:
        is_csv = self.format_group.checkedId() == 0
        for widget in (self.safe_check, self.safe_note, self.bom_check):
            widget.setEnabled(is_csv)

    @classmethod
    def ask(cls, parent: QWidget | None, **options: Any) -> tuple[ExportChoice | None, bool]:
        """Show the dialog (options as for the constructor); what was chosen, and whether the
        user went on."""
        dialog = cls(parent, **options)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.choice() if accepted else None), accepted

    def choice(self) -> ExportChoice:
        which = next(w for w, b in self.which_buttons.items() if b.isChecked())
        combo = self.name_combos.get(which)
        _label, file_format, version = FORMATS[max(self.format_group.checkedId(), 0)]
        options = ExportOptions(
            format=file_format,
            vcard_version=version or "3.0",
            safe=self.safe_check.isChecked(),
            excel_bom=self.bom_check.isChecked(),
        )
        return ExportChoice(which, options, combo.currentText() if combo is not None else "")
