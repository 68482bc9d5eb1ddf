"""The contact form beside the list: every field of one contact, edited in place.

The form holds no rules: it shows a `Contact`, gives back the `ContactFields` typed into it, and
shows the `FieldError`s that `db` found. The main window decides what to do with them.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.field_types import CustomField, Value
from db.records import (
    ADDRESS_KINDS,
    EMAIL_KINDS,
    PHONE_KINDS,
    Address,
    Contact,
    ContactFields,
    Email,
    FieldError,
    HistoryEntry,
    Phone,
    birthday_text,
)
from db.validation import LABELS, InvalidContactError, parse_date
from desktop.contacts.category_chips import CategoryChips
from desktop.contacts.history_view import HistoryView
from desktop.contacts.rows_editor import Column, RowsEditor
from desktop.customfields.user_fields_tab import UserFieldsTab

TEXT_FIELDS = (
    "prefix", "first_name", "middle_name", "last_name", "suffix", "salutation",
    "company", "title", "department", "referred_by", "last_result", "web_site",
)  # fmt: skip
PHOTO_SIZE = 64  # pixels: beside the name, as a phone's contact card shows it
FLAG_FIELDS = ("do_not_call", "do_not_mail", "do_not_email", "mail_returned", "email_bounced")
PHONE_COLUMNS = (
    Column("Kind", "choice", PHONE_KINDS),
    Column("Number", stretch=True),
    Column("Ext."),
)
EMAIL_COLUMNS = (
    Column("Kind", "choice", EMAIL_KINDS),
    Column("Address", stretch=True),
    Column("Primary", "check"),
)
ADDRESS_COLUMNS = (
    Column("Kind", "choice", ADDRESS_KINDS),
    Column("Street", stretch=True),
    Column("Postal code"),
    Column("City"),
    Column("Region"),
    Column("Country"),
    Column("For mail", "check"),
)
TAB_CONTACT, TAB_ADDRESSES, TAB_HISTORY, TAB_USER_FIELDS, TAB_FOLLOW_UPS = range(5)


class ContactForm(QWidget):
    dirtyChanged = Signal(bool)
    saveRequested = Signal()
    revertRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contact: Contact | None = None
        self._dirty = False
        self._loading = False
        self.texts: dict[str, QLineEdit] = {}
        self.flags: dict[str, QCheckBox] = {}

        self.title_label = QLabel()
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.subtitle_label = QLabel()
        self.subtitle_label.setStyleSheet("color: palette(mid);")
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the changes to this contact (Ctrl+S)")
        self.save_button.clicked.connect(self.saveRequested)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Throw away the changes since the last save")
        self.revert_button.clicked.connect(self.revertRequested)
        self.error_label = QLabel()
        self.error_label.setObjectName("errors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "QLabel#errors { color: #8b0000; background: #fdecea; border: 1px solid #f5c2c0;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.error_label.hide()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._contact_tab(), "&Contact")
        self.tabs.addTab(self._addresses_tab(), "&Addresses")
        self.tabs.addTab(self._history_tab(), "Notes && &History")
        self.user_fields = UserFieldsTab()
        self.user_fields.edited.connect(self._mark_dirty)
        self.tabs.addTab(self.user_fields, "&User fields")
        self.tabs.addTab(
            self._placeholder("Follow-ups scheduled for this contact will appear here."),
            "&Follow-ups",
        )

        header = QHBoxLayout()
        self.photo_label = _photo_label()
        header.addWidget(self.photo_label)
        names = QVBoxLayout()
        names.addWidget(self.title_label)
        names.addWidget(self.subtitle_label)
        self.chips = CategoryChips()
        header.addLayout(names, 1)
        header.addWidget(self.revert_button)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.chips)  # a row of its own: the header is too narrow for many
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        self.load(None)
        self.setEnabled(False)

    # Building the tabs.

    def _text(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._mark_dirty)
        self.texts[name] = edit
        return edit

    def _contact_tab(self) -> QWidget:
        names = QFormLayout()
        for name in ("prefix", "first_name", "middle_name", "last_name", "suffix", "salutation"):
            names.addRow(LABELS[name], self._text(name))
        work = QFormLayout()
        for name in ("company", "title", "department", "web_site"):
            work.addRow(LABELS[name], self._text(name))
        self.status_combo = QComboBox()
        self.status_combo.setEditable(True)
        self.status_combo.setObjectName("status")
        self.status_combo.currentTextChanged.connect(self._mark_dirty)
        work.addRow(LABELS["status"], self.status_combo)
        work.addRow(LABELS["referred_by"], self._text("referred_by"))
        work.addRow(LABELS["last_result"], self._text("last_result"))
        self.birthday_edit = self._text("birthday", "YYYY-MM-DD, or --MM-DD without the year")
        work.addRow(LABELS["birthday"], self.birthday_edit)
        flags = QGroupBox("Flags")
        flag_layout = QGridLayout(flags)
        for n, name in enumerate(FLAG_FIELDS):
            box = QCheckBox(LABELS[name])
            box.setObjectName(name)
            box.toggled.connect(self._mark_dirty)
            self.flags[name] = box
            flag_layout.addWidget(box, n // 3, n % 3)
        self.phones = RowsEditor(PHONE_COLUMNS, "phone")
        self.phones.changed.connect(self._mark_dirty)
        self.emails = RowsEditor(EMAIL_COLUMNS, "e-mail")
        self.emails.changed.connect(self._mark_dirty)
        columns = QHBoxLayout()
        columns.addLayout(names, 1)
        columns.addSpacing(12)
        columns.addLayout(work, 1)
        lists = QHBoxLayout()
        lists.addWidget(_titled("Phones", self.phones), 1)
        lists.addWidget(_titled("E-mail addresses", self.emails), 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(columns)
        layout.addWidget(flags)
        layout.addLayout(lists, 1)
        return tab

    def _addresses_tab(self) -> QWidget:
        self.addresses = RowsEditor(ADDRESS_COLUMNS, "address")
        self.addresses.changed.connect(self._mark_dirty)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        hint = QLabel("The address ticked “For mail” is the one letters and labels use.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.addresses, 1)
        return tab

    def _history_tab(self) -> QWidget:
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("notes")
        self.notes_edit.setPlaceholderText("Notes about this contact")
        self.notes_edit.textChanged.connect(self._mark_dirty)
        self.history = HistoryView()
        self.history_table = self.history.table
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(_titled("Notes", self.notes_edit), 1)
        layout.addWidget(_titled("History", self.history), 2)
        return tab

    def _placeholder(self, text: str) -> QWidget:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        return label

    # What the window asks of the form.

    def set_follow_ups_tab(self, widget: QWidget) -> None:
        """Put the contact's follow-ups (a widget of the follow-ups feature) on their tab."""
        self.tabs.removeTab(TAB_FOLLOW_UPS)
        self.tabs.insertTab(TAB_FOLLOW_UPS, widget, "&Follow-ups")

    @property
    def contact_id(self) -> int | None:
        return self._contact.id if self._contact else None

    @property
    def is_new(self) -> bool:
        return self._contact is None and self.isEnabled()

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def display_name(self) -> str:
        if self._contact:
            return self._contact.fields.display_name
        return "the new contact"

    def set_statuses(self, statuses: list[str]) -> None:
        current = self.status_combo.currentText()
        self._loading = True
        try:
            self.status_combo.clear()
            self.status_combo.addItems(["", *statuses])
            self.status_combo.setCurrentText(current)
        finally:
            self._loading = False

    def show_photo(self, data: bytes | None) -> None:
        """The contact's photo beside the name (from an imported vCard), or none."""
        image = QPixmap()
        if data and image.loadFromData(data):
            self.photo_label.setPixmap(
                image.scaled(
                    PHOTO_SIZE,
                    PHOTO_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.photo_label.show()
        else:
            self.photo_label.clear()
            self.photo_label.hide()

    def load(self, contact: Contact | None, history: list[HistoryEntry] | None = None) -> None:
        """Show `contact`, or a blank form for a new one when None."""
        self.show_photo(None)
        self._contact = contact
        fields = contact.fields if contact else ContactFields()
        self._loading = True
        try:
            for name, edit in self.texts.items():
                if name == "birthday":
                    edit.setText(birthday_text(fields.birthday))
                else:
                    edit.setText(getattr(fields, name))
            self.status_combo.setCurrentText(fields.status)
            for name, box in self.flags.items():
                box.setChecked(getattr(fields, name))
            self.notes_edit.setPlainText(fields.notes)
            self.phones.set_rows([(p.kind, p.number, p.extension) for p in fields.phones])
            self.emails.set_rows([(e.kind, e.address, e.is_primary) for e in fields.emails])
            self.addresses.set_rows(
                [
                    (a.kind, a.street, a.postal_code, a.city, a.region, a.country, a.is_mailing)
                    for a in fields.addresses
                ]
            )
            self._show_history(history or [])
            self.user_fields.show_values({})  # until the window gives this contact's values
        finally:
            self._loading = False
        self._set_title(contact)
        self.show_errors([])
        self._set_dirty(False)
        self.setEnabled(True)

    def load_user_fields(self, fields: list[CustomField], values: dict[int, Value]) -> None:
        """Show the user fields and this contact's values in them (after `load`)."""
        self.user_fields.show_fields(fields, values)

    def refit_user_fields(self, fields: list[CustomField]) -> None:
        """The user fields were changed (added, deleted, retyped) during an unsaved edit: show
        the new set, keeping what was typed in the fields that are still there."""
        typed = {i: v for i, v in self.read_user_values().items() if v is not None}
        self.user_fields.show_fields(fields, {f.id: typed[f.id] for f in fields if f.id in typed})

    def read_user_values(self) -> dict[int, Value | None]:
        """The user-field values as typed, by field id, for `db.custom_values`."""
        return self.user_fields.read_values()

    def clear(self) -> None:
        """Nothing selected: an empty, disabled form."""
        self.load(None)
        self.title_label.setText("No contact selected")
        self.subtitle_label.setText("")
        self.setEnabled(False)

    def read_fields(self) -> tuple[ContactFields, list[FieldError]]:
        """What is typed in the form, and what of it cannot be read (a birthday that is no date)."""
        texts: dict[str, Any] = {name: self.texts[name].text() for name in TEXT_FIELDS}
        flags: dict[str, Any] = {name: box.isChecked() for name, box in self.flags.items()}
        unreadable: list[FieldError] = []
        try:
            birthday = parse_date(self.texts["birthday"].text(), LABELS["birthday"], no_year=True)
        except InvalidContactError as exc:
            birthday = None
            unreadable.extend(exc.errors)
        fields = ContactFields(
            **texts,
            **flags,
            birthday=birthday,
            status=self.status_combo.currentText().strip(),
            notes=self.notes_edit.toPlainText(),
            phones=tuple(
                Phone(number=str(number), kind=str(kind), extension=str(ext))
                for kind, number, ext in self.phones.rows()
            ),
            emails=tuple(
                Email(address=str(address), kind=str(kind), is_primary=bool(primary))
                for kind, address, primary in self.emails.rows()
            ),
            addresses=tuple(
                Address(
                    kind=str(kind),
                    street=str(street),
                    postal_code=str(code),
                    city=str(city),
                    region=str(region),
                    country=str(country),
                    is_mailing=bool(mailing),
                )
                for kind, street, code, city, region, country, mailing in self.addresses.rows()
            ),
        )
        return fields, unreadable

    def show_errors(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        """List every error above the tabs; outline the user fields named in them."""
        self.user_fields.show_errors(errors)
        if not errors:
            self.error_label.hide()
            self.error_label.setText("")
            return
        lines = "".join(
            f"<li><b>{html.escape(e.field)}</b>: {html.escape(e.message, quote=False)}</li>"
            for e in errors
        )
        self.error_label.setText(f"Not saved. Please correct:<ul>{lines}</ul>")
        self.error_label.show()

    def errors_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    # Internals.

    def _set_title(self, contact: Contact | None) -> None:
        if contact is None:
            self.title_label.setText("New contact")
            self.subtitle_label.setText("Type the details, then Save (Ctrl+S).")
            return
        fields = contact.fields
        self.title_label.setText(fields.display_name)
        work = " · ".join(p for p in (fields.title, fields.company) if p)
        edited = f"Edited {contact.edited_at:%Y-%m-%d %H:%M}"
        self.subtitle_label.setText(" — ".join(p for p in (work, edited) if p))

    def _show_history(self, entries: list[HistoryEntry]) -> None:
        self.history.show_entries(entries)

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading and self.isEnabled():
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty or self._contact is None)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)


def _titled(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(widget)
    return box


def _photo_label() -> QLabel:
    label = QLabel()
    label.setObjectName("contactPhoto")
    label.hide()
    return label
