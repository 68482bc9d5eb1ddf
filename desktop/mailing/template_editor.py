"""The letter template editor: rich text (bold, italic, underline, alignment, font size,
paragraphs) with an Insert field menu of every merge field, and the page: size, margins,
letterhead and how today's date is written. Save checks the template (unknown fields named)
and stays open until it is right."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.mailing.merge_fields import DATE_FORMATS, MergeField
from db.mailing.rich_text import BASE_SIZE
from db.mailing.templates import PAGE_SIZES, LetterTemplate

FONT_SIZES = (8, 9, 10, 11, 12, 14, 16, 18, 20, 24, 28)
ALIGNMENTS = (
    ("Align &Left", Qt.AlignmentFlag.AlignLeft),
    ("&Centre", Qt.AlignmentFlag.AlignHCenter),
    ("Align &Right", Qt.AlignmentFlag.AlignRight),
    ("&Justify", Qt.AlignmentFlag.AlignJustify),
)
Saver = Callable[[LetterTemplate], str | None]  # saves; or says why it cannot


class TemplateEditorDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        template: LetterTemplate,
        fields: Sequence[MergeField],
        save: Saver,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TemplateEditorDialog")
        self.setWindowTitle(
            f"Letter Template — {template.name}" if template.name else "New Letter Template"
        )
        self.template = template
        self.saved: LetterTemplate | None = None
        self._save = save
        self.name_edit = QLineEdit(template.name)
        self.editor = QTextEdit()
        self.editor.setAcceptRichText(True)
        font = QFont(self.editor.font())
        font.setPointSizeF(BASE_SIZE)
        self.editor.document().setDefaultFont(font)
        # a paragraph is a line, as in the letter (Qt gives plain <p> a blank line around it)
        self.editor.document().setDefaultStyleSheet("p { margin-top: 0; margin-bottom: 0; }")
        self.editor.setHtml(template.body)
        self.editor.setMinimumSize(560, 360)
        self.toolbar = QToolBar()
        self._make_format_actions()
        self.insert_button = QToolButton()
        self.insert_button.setText("Insert &field")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = self._fields_menu(fields)
        self.insert_button.setMenu(self.insert_menu)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.insert_button)
        self.error_label = QLabel()
        self.error_label.setObjectName("templateProblem")
        self.error_label.setStyleSheet("color: #8b0000;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        name_row = QFormLayout()
        name_row.addRow("&Name", self.name_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(name_row)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self._page_group())
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.editor.currentCharFormatChanged.connect(self._show_format)
        self.editor.cursorPositionChanged.connect(self._show_alignment)
        self._show_format(self.editor.currentCharFormat())
        self._show_alignment()
        self.resize(760, 820)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        template: LetterTemplate,
        fields: Sequence[MergeField],
        save: Saver,
    ) -> LetterTemplate | None:
        """The template as saved, or None when the user cancelled."""
        dialog = cls(parent, template, fields, save)
        dialog.exec()
        return dialog.saved

    # The toolbar.

    def _make_format_actions(self) -> None:
        self.bold_action = self._toggle("&Bold", QKeySequence.StandardKey.Bold, self._set_bold)
        self.italic_action = self._toggle(
            "&Italic", QKeySequence.StandardKey.Italic, self._set_italic
        )
        self.underline_action = self._toggle(
            "&Underline", QKeySequence.StandardKey.Underline, self._set_underline
        )
        self.toolbar.addSeparator()
        group = QActionGroup(self)
        self.align_actions: dict[Qt.AlignmentFlag, QAction] = {}
        for text, flag in ALIGNMENTS:
            action = self.toolbar.addAction(text.replace("&", ""))
            action.setCheckable(True)
            action.setToolTip(text.replace("&", ""))
            group.addAction(action)
            action.triggered.connect(lambda _on=False, f=flag: self.editor.setAlignment(f))
            self.align_actions[flag] = action
        self.toolbar.addSeparator()
        self.size_combo = QComboBox()
        self.size_combo.setToolTip("Font size (points)")
        for size in FONT_SIZES:
            self.size_combo.addItem(f"{size} pt", float(size))
        self.size_combo.activated.connect(
            lambda index: self.set_size(float(self.size_combo.itemData(index)))
        )
        self.toolbar.addWidget(self.size_combo)

    def _toggle(
        self, text: str, keys: QKeySequence.StandardKey, slot: Callable[[bool], None]
    ) -> QAction:
        action = self.toolbar.addAction(text.replace("&", ""))
        action.setCheckable(True)
        action.setShortcut(keys)
        action.toggled.connect(slot)
        return action

    def _merge(self, change: Callable[[QTextCharFormat], None]) -> None:
        style = QTextCharFormat()
        change(style)
        self.editor.mergeCurrentCharFormat(style)

    def _set_bold(self, on: bool) -> None:
        weight = QFont.Weight.Bold if on else QFont.Weight.Normal
        self._merge(lambda style: style.setFontWeight(weight))

    def _set_italic(self, on: bool) -> None:
        self._merge(lambda style: style.setFontItalic(on))

    def _set_underline(self, on: bool) -> None:
        self._merge(lambda style: style.setFontUnderline(on))

    def set_size(self, points: float) -> None:
        self._merge(lambda style: style.setFontPointSize(points))
        self.editor.setFocus()

    def _show_format(self, style: QTextCharFormat) -> None:
        for action, on in (
            (self.bold_action, style.fontWeight() >= QFont.Weight.DemiBold),
            (self.italic_action, style.fontItalic()),
            (self.underline_action, style.fontUnderline()),
        ):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        size = style.fontPointSize() or BASE_SIZE
        self.size_combo.setCurrentIndex(max(0, self.size_combo.findData(float(round(size)))))

    def _show_alignment(self) -> None:
        current = self.editor.alignment()
        others = (Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignRight)
        shown = next((flag for flag in others if current & flag), Qt.AlignmentFlag.AlignLeft)
        if current & Qt.AlignmentFlag.AlignJustify == Qt.AlignmentFlag.AlignJustify:
            shown = Qt.AlignmentFlag.AlignJustify
        self.align_actions[shown].setChecked(True)

    def _fields_menu(self, fields: Sequence[MergeField]) -> QMenu:
        menu = QMenu(self)
        submenus: dict[str, QMenu] = {}
        for field in fields:
            if field.group not in submenus:
                submenus[field.group] = menu.addMenu(field.group)
            action = submenus[field.group].addAction(field.label)
            action.setData(field.token)
            action.setToolTip(field.token)
            action.triggered.connect(lambda _on=False, token=field.token: self.insert_field(token))
        return menu

    def insert_field(self, token: str) -> None:
        self.editor.textCursor().insertText(token)
        self.editor.setFocus()

    # The page.

    def _page_group(self) -> QGroupBox:
        self.page_combo = QComboBox()
        for size in PAGE_SIZES:
            shown = (
                "US Letter (#10 window envelope)"
                if size == "Letter"
                else "A4 (DIN 5008 window envelope)"
            )
            self.page_combo.addItem(shown, size)
        self.page_combo.setCurrentIndex(max(0, self.page_combo.findData(self.template.page_size)))
        self.margin_spins: list[QDoubleSpinBox] = []
        margins = QGridLayout()
        for column, (side, value) in enumerate(
            zip(("Top", "Right", "Bottom", "Left"), self.template.margins, strict=True)
        ):
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 80.0)
            spin.setSuffix(" mm")
            spin.setDecimals(1)
            spin.setValue(value)
            spin.setAccessibleName(f"{side} margin")
            margins.addWidget(QLabel(side), 0, column)
            margins.addWidget(spin, 1, column)
            self.margin_spins.append(spin)
        self.letterhead_edit = QPlainTextEdit(self.template.letterhead)
        self.letterhead_edit.setPlaceholderText(
            "Optional: your company's name and address, one line each"
        )
        self.letterhead_edit.setMaximumHeight(64)
        self.date_combo = QComboBox()
        for key, (example, _pattern) in DATE_FORMATS.items():
            self.date_combo.addItem(example, key)
        self.date_combo.setCurrentIndex(max(0, self.date_combo.findData(self.template.date_format)))
        form = QFormLayout()
        form.addRow("&Page", self.page_combo)
        row = QHBoxLayout()
        row.addLayout(margins)
        row.addStretch(1)
        form.addRow("Margins", row)
        form.addRow("&Letterhead", self.letterhead_edit)
        form.addRow("&Date as", self.date_combo)
        group = QGroupBox("Page")
        group.setLayout(form)
        return group

    # Saving.

    def edited(self) -> LetterTemplate:
        """The template as the dialog shows it now."""
        top, right, bottom, left = (spin.value() for spin in self.margin_spins)
        return replace(
            self.template,
            name=self.name_edit.text().strip(),
            body=self.editor.toHtml(),
            page_size=str(self.page_combo.currentData()),
            margin_top=top,
            margin_right=right,
            margin_bottom=bottom,
            margin_left=left,
            letterhead=self.letterhead_edit.toPlainText().strip(),
            date_format=str(self.date_combo.currentData()),
        )

    def accept(self) -> None:
        template = self.edited()
        problem = self._save(template)
        if problem:
            self.error_label.setText(f"Not saved: {problem}")
            self.error_label.show()
            return
        self.saved = template
        super().accept()
