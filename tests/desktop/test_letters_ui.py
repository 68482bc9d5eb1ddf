"""Write ▸ Letter… driven like a user: pick the follow-up template for a category, preview,
save the PDF (one page per letter, the merged names in it) and find the history in the
database; the template editor: bold a word, insert a field, save, and the letter renders it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from db.followups import open_followups
from db.mailing.merge_fields import compile_letter
from db.mailing.rich_text import paragraphs_from_html
from db.mailing.templates import get_template, letter_templates, user_field_names
from db.store import Store
from desktop.mailing.letter_dialog import LetterDialog
from desktop.mailing.pdf_preview import PdfPreviewDialog
from desktop.mailing.template_editor import TemplateEditorDialog
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.db.mailing.test_merge_fields import values
from tests.desktop.test_mailing_ui import mailed, people, save_to  # noqa: F401 (a fixture)
from tests.desktop.window_support import answer_modal


@pytest.fixture
def letter_window(
    make_window: Callable[[Store], MainWindow],
    store: Store,
    people: dict[str, int],  # noqa: F811
) -> MainWindow:
    return make_window(store)


def choose_customers(dialog: LetterDialog) -> None:
    chooser = dialog.chooser
    chooser.current_check.setChecked(False)
    chooser.category_combo.setCurrentText("Customers")
    chooser.category_check.setChecked(True)
    chooser.recount()


def test_follow_up_letters_to_a_category_saved_with_history(
    letter_window: MainWindow,
    store: Store,
    people: dict[str, int],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "letters.pdf"
    save_to(monkeypatch, out)
    seen: dict[str, object] = {}

    def choose(dialog: LetterDialog) -> None:
        choose_customers(dialog)
        seen["templates"] = [
            dialog.piece_combo.itemText(n) for n in range(dialog.piece_combo.count())
        ]
        seen["summary"] = dialog.chooser.summary_label.text()
        dialog.piece_combo.setCurrentIndex(dialog.piece_combo.findData("Follow-up letter"))
        dialog.follow_up_check.setChecked(True)
        dialog.follow_up_spin.setValue(7)
        dialog.preview_button.click()

    def save(preview: PdfPreviewDialog) -> None:
        seen["note"] = preview.note_label.text()
        preview.save_button.click()

    answer_modal(LetterDialog, choose)
    answer_modal(PdfPreviewDialog, save)
    letter_window.commands.write_letter.trigger()

    assert seen["templates"] == ["Follow-up letter", "Special offer"]
    assert seen["summary"] == "4 will get one; 3 left out:"  # no address is no obstacle
    assert str(seen["note"]).startswith("4 pages. 4 letters; 3 left out.")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert len(pages) == 4
    assert "Dear Anna," in pages[1]
    assert "Dear Bjørn," in pages[3]
    assert mailed(store, people["anna"]) == ["Letter: Follow-up letter"]
    assert mailed(store, people["nowhere"]) == ["Letter: Follow-up letter"]
    assert mailed(store, people["quiet"]) == []
    with store.session() as session:
        assert [f.kind for f in open_followups(session, people["bjorn"])] == ["call"]


def test_the_editor_bolds_a_word_inserts_a_field_and_the_letter_renders_them(
    letter_window: MainWindow, store: Store
) -> None:
    seen: dict[str, object] = {}

    def edit(editor: TemplateEditorDialog) -> None:
        editor.name_edit.setText("Welcome")
        editor.editor.setPlainText("Welcome aboard, ")
        cursor = editor.editor.textCursor()
        cursor.setPosition(0)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
        editor.editor.setTextCursor(cursor)
        editor.bold_action.trigger()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.editor.setTextCursor(cursor)
        editor.bold_action.setChecked(False)
        (contact_menu,) = [a.menu() for a in editor.insert_menu.actions() if a.text() == "Contact"]
        (first_name,) = [a for a in contact_menu.actions() if a.text() == "First name"]
        first_name.trigger()
        editor.editor.textCursor().insertText(" {{ contact.frist_name }}")
        editor.save_button.click()  # refused: the misspelt field is named
        seen["problem"] = editor.error_label.text()
        seen["still open"] = editor.isVisible()
        cursor = editor.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        for _ in range(len(" {{ contact.frist_name }}")):
            cursor.deletePreviousChar()
        editor.page_combo.setCurrentIndex(editor.page_combo.findData("A4"))
        editor.save_button.click()

    def make(dialog: LetterDialog) -> None:
        answer_modal(TemplateEditorDialog, edit)
        dialog.new_button.click()
        seen["chosen"] = dialog.current_template()

    answer_modal(LetterDialog, make)
    letter_window.commands.write_letter.trigger()

    assert "unknown field “contact.frist_name”" in str(seen["problem"])
    assert seen["still open"]
    assert seen["chosen"] == "Welcome"
    with store.session() as session:
        welcome = get_template(session, "Welcome")
        fields = user_field_names(session)
    assert welcome.page_size == "A4"
    (paragraph,) = compile_letter(welcome.body, fields).render(values(first_name="Anna"))
    assert paragraph.markup == "<b>Welcome</b> aboard, Anna"


def test_qt_rich_text_reaches_the_letter_with_its_formatting(qtbot: QtBot) -> None:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    cursor = edit.textCursor()
    big = QTextCharFormat()
    big.setFontUnderline(True)
    big.setFontPointSize(16)
    cursor.insertText("Plain ", QTextCharFormat())
    cursor.insertText("big", big)
    right = QTextBlockFormat()
    right.setAlignment(Qt.AlignmentFlag.AlignRight)
    cursor.insertBlock(right)
    italic = QTextCharFormat()
    italic.setFontItalic(True)
    cursor.insertText("right & <italic>", italic)
    cursor.insertBlock(QTextBlockFormat())
    cursor.insertBlock(QTextBlockFormat())
    cursor.insertText('{{ field["Account number"] }}', QTextCharFormat())
    first, second, empty, last = paragraphs_from_html(edit.toHtml())
    assert (first.align, first.markup) == ("left", 'Plain <font size="16"><u>big</u></font>')
    assert first.size == 16.0
    assert (second.align, second.markup) == ("right", "<i>right &amp; &lt;italic&gt;</i>")
    assert empty.is_empty
    (merged,) = compile_letter(last.markup, ["Account number"]).render(values())
    assert merged.markup == "AC-1"


def test_delete_a_template_from_the_letter_dialog(
    letter_window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    seen: dict[str, list[str]] = {}

    def delete(dialog: LetterDialog) -> None:
        dialog.piece_combo.setCurrentIndex(dialog.piece_combo.findData("Special offer"))
        dialog.delete_button.click()
        seen["left"] = [dialog.piece_combo.itemText(n) for n in range(dialog.piece_combo.count())]

    answer_modal(LetterDialog, delete)
    letter_window.commands.write_letter.trigger()
    assert seen["left"] == ["Follow-up letter"]
    with store.session() as session:
        assert [t.name for t in letter_templates(session)] == ["Follow-up letter"]
