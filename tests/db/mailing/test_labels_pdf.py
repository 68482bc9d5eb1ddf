"""Label PDFs read back with pypdf: every line of every label lies inside its label's rectangle
on 5160 and L7160, from the chosen start label, with the printer's calibration applied; text
too big is shrunk before it is ever cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from db.mailing.calibration import NO_CALIBRATION, PrinterCalibration
from db.mailing.label_sheets import LabelSheet, sheet_named
from db.mailing.labels_pdf import LabelOptions, write_calibration_pdf, write_labels_pdf
from db.mailing.recipient_records import Recipient
from db.mailing.text_fit import fit_text
from tests.db.mailing.pdf_reading import PlacedText, page_sizes, placed_text

MM = 72 / 25.4


def people(count: int) -> list[Recipient]:
    return [
        Recipient(
            n,
            f"Person {n}",
            (f"Person {n:03d}", "Acme Logistics AS"),
            (f"Storgata {n}", "0150 Oslo"),
            "NO",
        )
        for n in range(count)
    ]


def assert_inside(
    found: list[PlacedText],
    sheet: LabelSheet,
    first_label: int,
    calibration: PrinterCalibration = NO_CALIBRATION,
) -> int:
    """Every line of person n lies inside label (first_label + n) as the printer will put it;
    returns how many lines were checked."""
    checked = 0
    owner = None
    for line in found:
        if line.text.startswith("Person"):
            owner = int(line.text.split()[1])
        assert owner is not None
        index = first_label + owner
        assert line.page == index // sheet.per_sheet
        left, top = sheet.label_box(index)
        s, dx, dy = calibration.scale, calibration.x_offset_mm * MM, calibration.y_offset_mm * MM
        box_left, box_right = dx + s * left, dx + s * (left + sheet.label_width)
        box_top = sheet.page_height - (dy + s * top)
        box_bottom = sheet.page_height - (dy + s * (top + sheet.label_height))
        ascent, descent = getAscentDescent("Helvetica", line.size)
        assert box_left < line.x
        assert line.x + stringWidth(line.text, "Helvetica", line.size) < box_right
        assert line.y + ascent < box_top
        assert line.y + descent > box_bottom
        checked += 1
    return checked


@pytest.mark.parametrize("name", ["Avery 5160", "Avery L7160"])
def test_every_line_lies_inside_its_label(tmp_path: Path, name: str) -> None:
    sheet = sheet_named(name)
    recipients = people(sheet.per_sheet + 5)
    written = write_labels_pdf(recipients, sheet, tmp_path / "labels.pdf")
    assert (written.labels, written.pages, written.warnings) == (len(recipients), 2, ())
    assert page_sizes(written.path) == [(sheet.page_width, sheet.page_height)] * 2
    assert assert_inside(placed_text(written.path), sheet, 0) == 4 * len(recipients)


@pytest.mark.parametrize(("name", "start"), [("5160", 7), ("L7160", 5), ("L7160", 21)])
def test_printing_starts_at_the_chosen_label(tmp_path: Path, name: str, start: int) -> None:
    sheet = sheet_named(name)
    recipients = people(3)
    written = write_labels_pdf(recipients, sheet, tmp_path / "l.pdf", LabelOptions(start=start))
    assert written.pages == (1 if start + 2 <= sheet.per_sheet else 2)
    assert assert_inside(placed_text(written.path), sheet, start - 1) == 12


def test_the_calibration_moves_and_scales_every_label(tmp_path: Path) -> None:
    sheet = sheet_named("L7160")
    calibration = PrinterCalibration(x_offset_mm=1.5, y_offset_mm=-2.0, scale=0.98)
    recipients = people(21)
    plain = placed_text(write_labels_pdf(recipients, sheet, tmp_path / "a.pdf").path)
    options = LabelOptions(start=1, calibration=calibration)
    moved = placed_text(write_labels_pdf(recipients, sheet, tmp_path / "b.pdf", options).path)
    assert assert_inside(moved, sheet, 0, calibration) == 84
    for before, after in zip(plain, moved, strict=True):
        assert after.x == pytest.approx(1.5 * MM + 0.98 * before.x, abs=0.01)
        from_top = sheet.page_height - before.y
        assert after.y == pytest.approx(sheet.page_height - (-2 * MM + 0.98 * from_top), abs=0.01)


def test_a_long_block_is_shrunk_rather_than_cut(tmp_path: Path) -> None:
    long = Recipient(
        1,
        "Hohenzollern, Maximilian",
        ("Dr. Maximilian Alexander von Hohenzollern", "Nordisk Logistikk og Transport AS"),
        ("Industriveien 12, Bygg C", "Postboks 1234 Sentrum", "0150 Oslo"),
    )
    sheet = sheet_named("5160")
    written = write_labels_pdf([long], sheet, tmp_path / "l.pdf")
    found = placed_text(written.path)
    assert [line.text for line in found] == list(long.block)  # nothing cut
    assert 6.0 <= found[0].size < 11.0  # but smaller than a short block's
    assert written.warnings == ()


def test_only_text_too_long_at_the_smallest_size_is_cut_and_named(tmp_path: Path) -> None:
    endless = Recipient(7, "Long, Name", ("A" * 120,), tuple(f"Line {n}" for n in range(12)))
    written = write_labels_pdf([endless], sheet_named("5160"), tmp_path / "l.pdf")
    assert [w.contact_id for w in written.warnings] == [7]
    assert "Long, Name" in str(written.warnings[0])
    texts = [line.text for line in placed_text(written.path)]
    assert texts[0].endswith("…")
    assert texts[-1].endswith("…")  # the lines that did not fit are marked as left out


def test_fit_steps_down_half_points() -> None:
    fitted = fit_text(["x" * 40], stringWidth("x" * 40, "Helvetica", 8.2), 100, largest=10)
    assert (fitted.size, fitted.cut) == (8.0, False)


def test_outlines_are_drawn_only_when_asked(tmp_path: Path) -> None:
    sheet = sheet_named("5160")

    def strokes(path: Path) -> int:
        """Lines stroked on the first page, in its own content and the forms it draws."""
        reader = PdfReader(path)
        page = reader.pages[0]
        forms = page["/Resources"].get("/XObject", {})
        drawn = ContentStream(page.get_contents(), reader).operations
        assert all(args[0] in forms for args, op in drawn if op == b"Do")
        streams = [ContentStream(page.get_contents(), reader)] + [
            ContentStream(forms[name].get_object(), reader) for name in forms
        ]
        return sum(1 for stream in streams for _operands, op in stream.operations if op == b"S")

    plain = write_labels_pdf(people(2), sheet, tmp_path / "a.pdf").path
    outlined = write_labels_pdf(people(2), sheet, tmp_path / "b.pdf", LabelOptions(outline=True))
    assert strokes(plain) == 0
    assert strokes(outlined.path) >= sheet.per_sheet


def test_a_start_off_the_sheet_is_refused_and_nothing_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="between 1 and 30 on Avery 5160, not 31"):
        write_labels_pdf(people(1), sheet_named("5160"), tmp_path / "l.pdf", LabelOptions(31))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_drawing_leaves_no_file(tmp_path: Path) -> None:
    broken = Recipient(1, "x", (None,), ())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write_labels_pdf([broken], sheet_named("5160"), tmp_path / "l.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_calibration_page_says_what_to_measure(tmp_path: Path) -> None:
    sheet = sheet_named("5160")
    path = write_calibration_pdf(sheet, tmp_path / "c.pdf")
    text = " ".join(line.text for line in placed_text(path))
    assert "Measure the distance" in text
    assert "ACTUAL SIZE" in text
    assert "B across should be 165.1 mm" in text  # 8.5 in less two inches
    assert page_sizes(path) == [(612.0, 792.0)]
