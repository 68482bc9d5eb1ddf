"""The first two steps of the import wizard: the file (and how to read it), and for a CSV
file the column mapping, with the first rows beside each column."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from desktop.widgets import prompts

if TYPE_CHECKING:
    from db.interchange.csv_mapping import Mapping
    from db.interchange.csv_targets import Target
    from desktop.interchange.import_wizard import ImportWizard

ENCODINGS = (
    ("Worked out from the file", None),
    ("UTF-8", "utf-8"),
    ("UTF-16 (Windows \u201cUnicode\u201d)", "utf-16"),
    ("Western European (Windows-1252)", "cp1252"),
    ("Western European (ISO 8859-1)", "iso-8859-1"),
    ("Central European (Windows-1250)", "cp1250"),
    ("Cyrillic (Windows-1251)", "cp1251"),
    ("Japanese (Shift_JIS)", "shift_jis"),
    ("Mac Roman", "mac_roman"),
)
DATE_ORDERS = (
    ("Worked out from the file", None),
    ("Month/day/year (3/22/1980)", "MDY"),
    ("Day/month/year (22.03.1980)", "DMY"),
    ("Year-month-day (1980-03-22)", "YMD"),
)
PREVIEW_ROWS = 3
KINDS = "Contacts (*.csv *.txt *.tab *.vcf *.vcard);;All files (*)"


class FilePage(QWizardPage):
    """Which file, and how to read it; what was found out about it is shown below."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Import contacts")
        self.setSubTitle(
            "Choose a CSV file (from Outlook, Google, Thunderbird, a spreadsheet) or a vCard "
            "file (from a phone, Apple Contacts, Gmail). Nothing is stored until the last step."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.editingFinished.connect(self.look)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.encoding_combo = _combo("importEncoding", ENCODINGS)
        self.order_combo = _combo("importDateOrder", DATE_ORDERS)
        self.header_box = QCheckBox("The first row holds the column names")
        self.header_box.setChecked(True)
        self.unknown_box = QCheckBox("Make a user field for each column Cardfile does not know")
        self.unknown_box.setChecked(True)
        for widget in (self.encoding_combo, self.order_combo):
            widget.currentIndexChanged.connect(self.look)
        for box in (self.header_box, self.unknown_box):
            box.toggled.connect(self.look)
        self.found_label = QLabel()
        self.found_label.setObjectName("importFound")
        self.found_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("File:", row)
        form.addRow("Encoding:", self.encoding_combo)
        form.addRow("Dates:", self.order_combo)
        form.addRow("", self.header_box)
        form.addRow("", self.unknown_box)
        form.addRow(self.found_label)

    def _browse(self) -> None:
        start = Path(self.path_edit.text()).parent if self.path_edit.text() else Path.home()
        chosen = prompts.choose_open_path(self, "Import contacts", start, KINDS)
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self.look()

    def look(self) -> None:
        """Read the file's facts (and guess its mapping) with the choices made; say what was
        found, or what is wrong."""
        text = self.path_edit.text().strip()
        if text:
            self.owner.read_file(
                Path(text),
                encoding=self.encoding_combo.currentData(),
                date_order=self.order_combo.currentData(),
                has_header=self.header_box.isChecked(),
                unknown="custom" if self.unknown_box.isChecked() else "ignore",
            )
        self.found_label.setText(self.owner.found_text)
        is_csv = self.owner.source is not None and self.owner.source.format == "csv"
        for widget in (self.encoding_combo, self.order_combo, self.header_box, self.unknown_box):
            widget.setEnabled(is_csv or self.owner.source is None)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner.source is not None


class MappingPage(QWizardPage):
    """Per column of the CSV file: its name, its first values, and where it goes."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Match the columns to Cardfile's fields")
        self.setSubTitle(
            "Cardfile has guessed where each column goes. Change any that are wrong; "
            "columns set to “Not imported” are left out."
        )
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(["Column in the file", "First values", "Goes to"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.layout_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.layout_label)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        from db.interchange.csv_targets import custom, target_choices

        mapping = self.owner.mapping
        if mapping is None:
            return
        layout = mapping.layout or "not one Cardfile knows: check each column"
        self.layout_label.setText(f"Layout of the file: {layout}.")
        choices = target_choices()
        samples = self.owner.sample_rows
        self.table.setRowCount(len(mapping.columns))
        for row, (column, target) in enumerate(zip(mapping.columns, mapping.targets, strict=True)):
            values = [r[row] for r in samples if row < len(r) and r[row].strip()]
            self.table.setItem(row, 0, _cell(column))
            self.table.setItem(row, 1, _cell("  ·  ".join(v.replace("\n", " ") for v in values)))
            offered = list(choices)
            if target not in offered:
                offered.insert(1, target)
            name = column.strip() or f"Column {row + 1}"
            if custom(name) not in offered:
                offered.append(custom(name))
            combo = QComboBox()
            for choice in offered:
                combo.addItem(choice.describe(), choice)
            combo.setCurrentIndex(offered.index(target))
            combo.currentIndexChanged.connect(
                lambda _i, r=row, c=combo: self._chosen(r, c.currentData())
            )
            self.table.setCellWidget(row, 2, combo)

    def _chosen(self, row: int, target: Target) -> None:
        mapping: Mapping | None = self.owner.mapping
        if mapping is not None:
            self.owner.set_mapping(mapping.replace_target(row, target))

    def combo(self, column: str) -> QComboBox:
        """The "goes to" choice of the column called `column` (for tests)."""
        assert self.owner.mapping is not None
        widget = self.table.cellWidget(self.owner.mapping.columns.index(column), 2)
        assert isinstance(widget, QComboBox)
        return widget


def _combo(name: str, choices: tuple[tuple[str, str | None], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
