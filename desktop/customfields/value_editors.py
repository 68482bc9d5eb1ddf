"""One editor per type of user field, each showing a stored value and giving back what the user
typed (as typed: `db.field_types.parse_value` reads it when the contact is saved)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from db.field_types import MAX_TEXT, CustomField, Value, display

PLACEHOLDERS = {"url": "https://…", "phone": "+47 …", "number": "0", "currency": "0.00"}
NO_DATE = " "  # what a date field with no date shows (Qt shows it at the minimum date)


class ValueEditor:
    """The widget for one field, and how to put a value in it and read it back."""

    def __init__(self, field: CustomField, widget: QWidget, box: QWidget | None = None) -> None:
        self.field = field
        self.widget = widget  # what holds the value; named `userField_<id>` for tests
        self.box = box or widget  # what goes in the form (the widget, or it and its buttons)
        widget.setObjectName(f"userField_{field.id}")

    def set_value(self, value: Value | None) -> None:
        raise NotImplementedError

    def read(self) -> Value | None:
        raise NotImplementedError

    def kept_as_is(self) -> bool:
        """True when the editor still shows a stored value that it could not give back as typed
        (a choice no longer on the list): saving should leave that value alone."""
        return False


class LineValueEditor(ValueEditor):
    """Text, web addresses, phone numbers, numbers and amounts: one line of text."""

    def __init__(self, field: CustomField, edited: Callable[[], None]) -> None:
        self.edit = QLineEdit()
        self.edit.setMaxLength(MAX_TEXT)
        self.edit.setPlaceholderText(PLACEHOLDERS.get(field.kind, ""))
        if field.kind in ("number", "currency"):
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.edit.setMaximumWidth(180)
        self.edit.textEdited.connect(lambda _text: edited())
        super().__init__(field, self.edit)

    def set_value(self, value: Value | None) -> None:
        self.edit.setText(display(self.field.kind, value))
        self.edit.setCursorPosition(0)

    def read(self) -> Value | None:
        return self.edit.text()


class BlankableDateEdit(QDateEdit):
    """A date picker that can hold no date: its minimum date stands for none and shows blank.
    Its calendar opens on today's month, not on the minimum's, when there is no date."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setSpecialValueText(NO_DATE)
        self.clear_date()

    def clear_date(self) -> None:
        self.setDate(self.minimumDate())

    def day(self) -> date | None:
        if self.date() == self.minimumDate():
            return None
        picked = self.date()
        return date(picked.year(), picked.month(), picked.day())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self._open_on_today()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        self._open_on_today()

    def _open_on_today(self) -> None:
        calendar = self.calendarWidget()
        if self.day() is None and calendar is not None and calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())


class DateValueEditor(ValueEditor):
    def __init__(self, field: CustomField, edited: Callable[[], None]) -> None:
        self.edit = BlankableDateEdit()
        self.edit.dateChanged.connect(lambda _day: edited())
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("No date")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.edit.clear_date)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.clear_button)
        row.addStretch()
        super().__init__(field, self.edit, box)

    def set_value(self, value: Value | None) -> None:
        if isinstance(value, date):
            self.edit.setDate(QDate(value.year, value.month, value.day))
        else:
            self.edit.clear_date()

    def read(self) -> Value | None:
        return self.edit.day()


class YesNoValueEditor(ValueEditor):
    def __init__(self, field: CustomField, edited: Callable[[], None]) -> None:
        self.check = QCheckBox()
        self.check.toggled.connect(lambda _on: edited())
        super().__init__(field, self.check)

    def set_value(self, value: Value | None) -> None:
        self.check.setChecked(bool(value))

    def read(self) -> Value | None:
        return self.check.isChecked()


class ChoiceValueEditor(ValueEditor):
    """The field's choices, after an empty one. A stored value that is no longer a choice is
    still shown (marked so) and kept unless the user picks another."""

    def __init__(self, field: CustomField, edited: Callable[[], None]) -> None:
        self.combo = QComboBox()
        self.combo.setEditable(False)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentIndexChanged.connect(lambda _index: edited())
        super().__init__(field, self.combo)
        self._orphan: str | None = None

    def set_value(self, value: Value | None) -> None:
        text = "" if value is None else str(value)
        self.combo.clear()
        self.combo.addItem("", "")
        for choice in self.field.choices:
            self.combo.addItem(choice, choice)
        self._orphan = text if text and text not in self.field.choices else None
        if self._orphan is not None:
            self.combo.addItem(f"{self._orphan} (no longer a choice)", self._orphan)
        self.combo.setCurrentIndex(max(0, self.combo.findData(text)))

    def read(self) -> Value | None:
        return str(self.combo.currentData() or "")

    def kept_as_is(self) -> bool:
        return self._orphan is not None and self.combo.currentData() == self._orphan


def make_editor(field: CustomField, edited: Callable[[], None]) -> ValueEditor:
    """The editor for `field`'s type; `edited` is called on every change to its value."""
    if field.kind == "date":
        return DateValueEditor(field, edited)
    if field.kind == "yes_no":
        return YesNoValueEditor(field, edited)
    if field.kind == "choice":
        return ChoiceValueEditor(field, edited)
    return LineValueEditor(field, edited)
