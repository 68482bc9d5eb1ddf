"""Label sheets and envelope sizes as data: the geometry of the two sheets people use most,
checked against the figures in the data README, and finding a sheet by the name people use."""

from __future__ import annotations

import pytest

from db.mailing.label_sheets import envelope_named, envelope_sizes, label_sheets, sheet_named

INCH = 72.0
MM = 72 / 25.4


def test_avery_5160_has_the_exact_geometry() -> None:
    sheet = sheet_named("Avery 5160")
    assert (sheet.page_width, sheet.page_height) == (8.5 * INCH, 11 * INCH)
    assert (sheet.columns, sheet.rows, sheet.per_sheet) == (3, 10, 30)
    assert (sheet.label_width, sheet.label_height) == (2.625 * INCH, 1 * INCH)
    assert (sheet.left, sheet.top) == (0.15625 * INCH, 0.5 * INCH)
    assert (sheet.pitch_x, sheet.pitch_y) == (2.78125 * INCH, 1 * INCH)
    assert sheet.corner_radius == 0.0625 * INCH


def test_avery_l7160_has_the_exact_geometry() -> None:
    sheet = sheet_named("L7160")
    assert sheet.page_width == pytest.approx(210 * MM, abs=0.01)
    assert sheet.page_height == pytest.approx(297 * MM, abs=0.01)
    assert (sheet.columns, sheet.rows) == (3, 7)
    assert sheet.left / MM == pytest.approx(7.48, abs=0.005)
    assert sheet.top / MM == pytest.approx(15.49, abs=0.005)
    assert sheet.pitch_x / MM == pytest.approx(66.04, abs=0.005)
    assert sheet.pitch_y / MM == pytest.approx(38.10, abs=0.005)
    assert sheet.label_width / MM == pytest.approx(63.99, abs=0.01)  # gLabels' figure
    assert sheet.label_height / MM == pytest.approx(38.1, abs=0.01)


def test_every_promised_sheet_is_there_and_fits_its_paper() -> None:
    names = {sheet.name for sheet in label_sheets()}
    for part in ("5160", "5161", "5162", "5163", "5164"):
        assert f"Avery {part}" in names
        assert sheet_named(part).paper == "US Letter"
    for part in ("L7160", "L7161", "L7162", "L7163", "L7165"):
        assert f"Avery {part}" in names
        assert sheet_named(part).paper == "A4"
    for sheet in label_sheets():
        last_x, last_y = sheet.label_box(sheet.per_sheet - 1)
        assert last_x + sheet.label_width <= sheet.page_width + 0.5, sheet.name
        assert last_y + sheet.label_height <= sheet.page_height + 0.5, sheet.name


def test_labels_go_across_then_down() -> None:
    sheet = sheet_named("5160")
    assert sheet.label_box(0) == (11.25, 36.0)
    assert sheet.label_box(1) == (11.25 + 200.25, 36.0)
    assert sheet.label_box(3) == (11.25, 36.0 + 72.0)
    assert sheet.label_box(30) == sheet.label_box(0)  # the next sheet


@pytest.mark.parametrize("name", ["Avery 5160", "5160", "avery  5160", "AVERY 5160"])
def test_a_sheet_is_found_however_its_name_is_written(name: str) -> None:
    assert sheet_named(name).name == "Avery 5160"


def test_an_unknown_sheet_is_refused_with_the_known_ones() -> None:
    with pytest.raises(LookupError, match=r"no label sheet called “Avery 9999”.*Avery L7163"):
        sheet_named("Avery 9999")


def test_envelopes_are_landscape_at_their_paper_sizes() -> None:
    assert {size.name for size in envelope_sizes()} == {"#10", "DL", "C5"}
    ten = envelope_named("#10")
    assert (ten.width, ten.height) == (9.5 * INCH, 4.125 * INCH)
    dl = envelope_named("dl")
    assert (dl.width / MM, dl.height / MM) == pytest.approx((220, 110), abs=0.01)
    c5 = envelope_named("C5")
    assert (c5.width / MM, c5.height / MM) == pytest.approx((229, 162), abs=0.01)
    assert envelope_named("10").name == "#10"
    with pytest.raises(LookupError, match="known sizes: #10, DL, C5"):
        envelope_named("B4")
