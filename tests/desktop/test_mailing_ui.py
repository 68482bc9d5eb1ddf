"""Write ▸ Labels… and Envelopes… driven like a user: choose who, preview, save the PDF; the
history is then in the database. Printing lays each page on the paper at actual size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from db import contacts
from db.followups import open_followups
from db.mailing.label_sheets import envelope_named, sheet_named
from db.mailing.labels_pdf import write_labels_pdf
from db.mailing.my_record import get_my_record
from db.mailing.recipient_records import Recipient
from db.store import Store
from desktop.mailing.mailing_choice import ENVELOPES, LABELS
from desktop.mailing.mailing_dialog import MailingDialog
from desktop.mailing.my_record_dialog import MyRecordDialog
from desktop.mailing.pdf_preview import PdfPreviewDialog
from desktop.mailing.pdf_printing import print_pdf
from desktop.main_window import MainWindow
from desktop.widgets import prompts
from tests.db.mailing.mailing_people import make_people
from tests.desktop.conftest import Answers
from tests.desktop.window_support import answer_modal


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    with store.session() as session:
        return make_people(session)


@pytest.fixture
def mail_window(
    make_window: Callable[[Store], MainWindow], store: Store, people: dict[str, int]
) -> MainWindow:
    return make_window(store)


def mailed(store: Store, contact_id: int) -> list[str]:
    with store.session() as session:
        return [e.text for e in contacts.history(session, contact_id) if e.kind == "letter"]


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(prompts, "choose_save_path", lambda *_args: path)


def test_labels_from_a_category_to_a_saved_pdf_with_history(
    mail_window: MainWindow,
    store: Store,
    people: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "labels.pdf"
    save_to(monkeypatch, out)
    seen: dict[str, str] = {}

    def choose(dialog: MailingDialog) -> None:
        chooser = dialog.chooser
        chooser.current_check.setChecked(False)
        chooser.category_combo.setCurrentText("Customers")
        chooser.category_check.setChecked(True)
        chooser.household_check.setChecked(True)
        chooser.recount()
        seen["summary"] = chooser.summary_label.text()
        seen["left out"] = "; ".join(
            f"{chooser.left_out_tree.topLevelItem(n).text(0)}: "
            f"{chooser.left_out_tree.topLevelItem(n).text(1)}"
            for n in range(chooser.left_out_tree.topLevelItemCount())
        )
        dialog.piece_combo.setCurrentIndex(dialog.piece_combo.findData("Avery L7160"))
        dialog.start_spin.setValue(5)
        dialog.follow_up_check.setChecked(True)
        dialog.follow_up_spin.setValue(10)
        dialog.preview_button.click()

    def save(preview: PdfPreviewDialog) -> None:
        seen["note"] = preview.note_label.text()
        preview.save_button.click()

    answer_modal(MailingDialog, choose)
    answer_modal(PdfPreviewDialog, save)
    mail_window.mailing.write(LABELS)

    assert seen["summary"] == "2 will get one; 5 left out:"
    assert "Person, Quiet: do not mail" in seen["left out"]
    assert "Away, Moved: mail returned" in seen["left out"]
    assert "Address, No: no postal address" in seen["left out"]
    assert "Deleted, Gone: deleted (in the Trash)" in seen["left out"]
    assert "Hansen, Per: same household as Hansen, Anna" in seen["left out"]
    assert seen["note"].startswith("1 page. 2 recipients; 5 left out.")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(sheet_named("L7160").page_width)
    text = reader.pages[0].extract_text()
    assert "Anna Hansen" in text
    assert "Bjørn Ødegård" in text
    assert mailed(store, people["anna"]) == ["Label: Avery L7160"]
    assert mailed(store, people["bjorn"]) == ["Label: Avery L7160"]
    assert mailed(store, people["per"]) == []
    assert mailed(store, people["quiet"]) == []
    with store.session() as session:
        assert [f.kind for f in open_followups(session, people["anna"])] == ["call"]


def test_envelopes_without_anyone_to_mail_cannot_be_previewed(
    mail_window: MainWindow, people: dict[str, int]
) -> None:
    seen: list[bool] = []

    def look(dialog: MailingDialog) -> None:
        dialog.chooser.current_check.setChecked(False)
        dialog.chooser.recount()
        seen.append(dialog.preview_button.isEnabled())
        seen.append(dialog.error_label.text() == "Choose who gets mail.")

    answer_modal(MailingDialog, look)
    assert mail_window.mailing.ask(ENVELOPES) is None
    assert seen == [False, True]


def test_a_failed_save_is_told_and_records_nothing(
    mail_window: MainWindow,
    store: Store,
    people: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Answers,
) -> None:
    from db.mailing.recipient_records import MailingSources
    from desktop.mailing.mailing_choice import MailingChoice

    save_to(monkeypatch, tmp_path / "missing" / "e.pdf")
    choice = MailingChoice(ENVELOPES, MailingSources(contact_ids=(people["anna"],)), "DL")
    preview = mail_window.mailing.make_preview(choice)
    assert preview is not None
    assert preview.save_pdf() is None
    assert answers.errors
    assert answers.errors[0].startswith("Not saved: Cardfile could not save")
    assert mailed(store, people["anna"]) == []


def test_my_record_is_kept_in_the_database(mail_window: MainWindow, store: Store) -> None:
    def fill(dialog: MyRecordDialog) -> None:
        dialog.edits["name"].setText("Kari Nordmann")
        dialog.edits["country"].setText("Norway")
        dialog.signature_edit.setPlainText("Best regards,\nKari")
        dialog.accept()

    answer_modal(MyRecordDialog, fill)
    assert mail_window.mailing.edit_my_record()
    with store.session() as session:
        mine = get_my_record(session)
    assert (mine.name, mine.country, mine.signature) == (
        "Kari Nordmann",
        "Norway",
        "Best regards,\nKari",
    )


def drawn_images(path: Path) -> list[tuple[float, float, float, float]]:
    """Where each image is drawn on its page: left, bottom, width, height (from the matrices)."""
    from pypdf.generic import ContentStream

    reader = PdfReader(path)
    found = []
    for page in reader.pages:
        stack, matrix = [], [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(matrix)
            elif operator == b"Q":
                matrix = stack.pop()
            elif operator == b"cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                m = matrix
                matrix = [
                    a * m[0] + b * m[2],
                    a * m[1] + b * m[3],
                    c * m[0] + d * m[2],
                    c * m[1] + d * m[3],
                    e * m[0] + f * m[2] + m[4],
                    e * m[1] + f * m[3] + m[5],
                ]
            elif operator == b"Do":
                a, _b, _c, d, e, f = matrix  # the unit square, mapped onto the page
                found.append((min(e, e + a), min(f, f + d), abs(a), abs(d)))
    return found


@pytest.mark.parametrize("landscape", [False, True])
def test_printing_lays_each_page_on_the_paper_at_actual_size(
    qtbot: object, tmp_path: Path, landscape: bool
) -> None:
    source = tmp_path / "source.pdf"
    people = [
        Recipient(n, f"P{n}", (f"Person {n}",), ("Storgata 1", "0150 Oslo")) for n in range(35)
    ]
    if landscape:
        from db.mailing.envelopes_pdf import write_envelopes_pdf
        from db.mailing.my_record import MyRecord

        size = envelope_named("#10")
        write_envelopes_pdf(people[:2], size, source, MyRecord(), "NO")
        expected = [(size.width, size.height)] * 2
    else:
        sheet = sheet_named("5160")
        write_labels_pdf(people, sheet, source)
        expected = [(sheet.page_width, sheet.page_height)] * 2
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert print_pdf(source, printer) == 2
    pages = PdfReader(printed).pages
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages]
    for (width, height), (want_width, want_height) in zip(sizes, expected, strict=True):
        assert width == pytest.approx(want_width, abs=0.5)  # Qt rounds the paper to whole points
        assert height == pytest.approx(want_height, abs=0.5)
    for (left, bottom, width, height), (want_width, want_height), (_w, paper_height) in zip(
        drawn_images(printed), expected, sizes, strict=True
    ):  # each page laid on the paper corner to corner: not shrunk to a printable area
        assert (width, height) == pytest.approx((want_width, want_height), abs=0.1)
        assert left == pytest.approx(0, abs=0.01)
        assert bottom + height == pytest.approx(paper_height, abs=0.01)  # from the top edge


def test_a_printers_calibration_is_kept_and_applied_to_its_print(
    mail_window: MainWindow, store: Store, people: dict[str, int]
) -> None:
    from db.mailing.calibration import get_calibration
    from db.mailing.recipient_records import MailingSources
    from desktop.mailing.calibration_dialog import CalibrationDialog
    from desktop.mailing.mailing_choice import MailingChoice
    from tests.db.mailing.pdf_reading import placed_text

    def measure(dialog: CalibrationDialog) -> None:
        dialog.printer_combo.setEditText("Office Laser")
        dialog.x_spin.setValue(1.5)
        dialog.y_spin.setValue(-2.0)
        dialog.accept()

    answer_modal(CalibrationDialog, measure)
    assert mail_window.mailing.calibrate("Avery 5160")
    with store.session() as session:
        kept = get_calibration(session, "Office Laser")
    assert (kept.x_offset_mm, kept.y_offset_mm, kept.scale) == (1.5, -2.0, 1.0)

    choice = MailingChoice(LABELS, MailingSources(contact_ids=(people["anna"],)), "Avery 5160")
    preview = mail_window.mailing.make_preview(choice)
    assert preview is not None
    assert preview.for_printer is not None
    shown = placed_text(preview.pdf)[0]
    printed = placed_text(preview.for_printer("Office Laser"))[0]
    mm = 72 / 25.4
    assert printed.x - shown.x == pytest.approx(1.5 * mm, abs=0.01)
    assert printed.y - shown.y == pytest.approx(2.0 * mm, abs=0.01)  # up: -2 mm down
    assert placed_text(preview.for_printer("Other"))[0].x == pytest.approx(shown.x)
