"""Envelopes: landscape at their sizes, the return address top-left, the recipient right of the
middle and below it; the sender's country only on pieces going abroad."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.mailing.envelopes_pdf import write_envelopes_pdf
from db.mailing.label_sheets import envelope_named
from db.mailing.my_record import MyRecord
from db.mailing.recipient_records import Recipient
from tests.db.mailing.pdf_reading import page_sizes, placed_text

ME = MyRecord(
    name="Kari Nordmann",
    company="Nordlys AS",
    street="Kirkegata 5",
    city="Oslo",
    postal_code="0153",
    country="Norway",
)
JANE = Recipient(
    1,
    "Doe, Jane",
    ("Jane Doe", "Acme Inc."),
    ("1600 Amphitheatre Pkwy", "Mountain View, CA 94043", "UNITED STATES"),
    "US",
)
OLA = Recipient(2, "Hansen, Ola", ("Ola Hansen",), ("Storgata 1", "9008 Tromsø"), "NO")


@pytest.mark.parametrize("name", ["#10", "DL", "C5"])
def test_each_envelope_has_both_blocks_in_their_places(tmp_path: Path, name: str) -> None:
    size = envelope_named(name)
    written = write_envelopes_pdf([JANE, OLA], size, tmp_path / "e.pdf", ME, "NO")
    assert written.envelopes == 2
    assert page_sizes(written.path) == [(size.width, size.height)] * 2
    found = placed_text(written.path)
    sender = [t for t in found if t.page == 0 and t.text in ("Kari Nordmann", "Kirkegata 5")]
    assert len(sender) == 2
    for line in sender:  # the top-left quarter
        assert line.x < size.width / 4
        assert line.y > size.height * 0.6
    for line in (t for t in found if t.page == 0 and t.text in JANE.block):
        assert size.width * 0.35 < line.x < size.width * 0.6
        assert line.y < size.height * 0.55


def test_the_return_address_names_the_country_only_abroad(tmp_path: Path) -> None:
    written = write_envelopes_pdf([JANE, OLA], envelope_named("DL"), tmp_path / "e.pdf", ME, "NO")
    pages = [[t.text for t in placed_text(written.path) if t.page == n] for n in (0, 1)]
    assert "NORWAY" in pages[0]  # to the United States
    assert "NORWAY" not in pages[1]  # to Tromsø
    assert pages[1][-3:] == ["Ola Hansen", "Storgata 1", "9008 Tromsø"]


def test_without_my_record_only_the_recipient_is_printed(tmp_path: Path) -> None:
    written = write_envelopes_pdf(
        [OLA], envelope_named("#10"), tmp_path / "e.pdf", MyRecord(), "NO"
    )
    assert [t.text for t in placed_text(written.path)] == list(OLA.block)
