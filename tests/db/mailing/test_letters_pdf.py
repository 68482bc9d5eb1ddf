"""Letters to PDF: one letter per recipient from its own page, the merged text per contact, the
address block in the envelope's window with no empty lines, the page size from the template."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.mailing.letter_values import merged_letters
from db.mailing.letters_pdf import Letter, LettersWritten, write_letters_pdf
from db.mailing.merge_fields import CONTACT_FIELDS, MergeValues, compile_letter
from db.mailing.my_record import MyRecord, get_my_record, home_country, set_my_record
from db.mailing.pdf_output import MM
from db.mailing.recipient_records import MailingSources, Recipient
from db.mailing.recipients import choose_recipients
from db.mailing.templates import LetterTemplate, get_template
from db.store import Store
from tests.db.mailing.mailing_people import SENDER, make_people
from tests.db.mailing.pdf_reading import page_sizes, placed_text

DAY = date(2026, 11, 23)


def _write(
    store: Store, template: LetterTemplate | str, out: Path, **chosen: tuple[int, ...]
) -> tuple[dict[str, int], tuple[Recipient, ...], LettersWritten]:
    with store.session() as session:
        ids = make_people(session)
        set_my_record(session, replace(SENDER, phone="22 00 00 00"))
        if isinstance(template, str):
            template = get_template(session, template)
        sources = MailingSources(categories=("Customers",), **chosen)
        recipients = choose_recipients(session, sources, needs_address=False).recipients
        letters = merged_letters(session, template, recipients, DAY)
        written = write_letters_pdf(
            letters, template, out, get_my_record(session), home_country(session)
        )
    return ids, recipients, written


def test_one_page_per_letter_with_each_contacts_merged_text(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    _ids, recipients, written = _write(store, "Follow-up letter", out)
    assert [r.name for r in recipients] == [
        "Address, No",
        "Hansen, Anna",
        "Hansen, Per",
        "Ødegård, Bjørn",
    ]
    assert (written.letters, written.pages) == (4, 4)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    assert "Dear No," in pages[0]
    assert "Dear Anna," in pages[1]
    assert "the plans at Acme AS" in pages[1]
    assert "Dear Bjørn," in pages[3]
    assert "Fjordveien 2" in pages[3]
    assert all("23 November 2026" in page and "Kari Nordmann" in page for page in pages)
    assert "22 00 00 00" in pages[0]  # {{ me.phone }}
    assert page_sizes(out) == [pytest.approx((595.28, 841.89), abs=0.1)] * 4  # A4


def test_the_address_sits_in_the_din_5008_window_without_empty_lines(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "letters.pdf"
    _write(store, "Follow-up letter", out)
    anna = [t for t in placed_text(out) if t.page == 1]
    block = ["Anna Hansen", "Acme AS", "Storgata 1", "0150 Oslo"]
    lines = [t for t in anna if t.text in block]
    assert [t.text for t in lines] == block
    height = 841.89
    for line in lines:
        assert line.x == pytest.approx(25 * MM, abs=0.5)  # 5 mm into the 20 mm field
        from_top = (height - line.y) / MM
        assert 62.7 < from_top < 90  # inside the window, below the return-address zone
    gaps = [a.y - b.y for a, b in pairwise(lines)]
    assert max(gaps) == pytest.approx(min(gaps), abs=0.1)  # evenly spaced: no empty line
    (sender,) = [t for t in anna if "Kirkegata 5" in t.text]
    assert (height - sender.y) / MM < 62.7  # the return line above the address


def test_letter_size_uses_the_number_10_window_and_long_letters_run_on(
    store: Store, tmp_path: Path
) -> None:
    body = "<p>Dear {{ contact.salutation }},</p>" + "<p>More words in a long letter.</p>" * 80
    template = LetterTemplate("Long", body, "Letter", letterhead="Nordic Paper AS\nOslo")
    out = tmp_path / "long.pdf"
    _ids, _recipients, written = _write(store, template, out, contact_ids=())
    assert written.letters == 4
    assert written.pages == 8  # two pages each, every letter from a new page
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert [("Dear " in t) for t in texts] == [True, False] * 4
    assert [("Nordic Paper AS" in t) for t in texts] == [True, False] * 4  # letterhead: page 1
    assert page_sizes(out)[0] == (612.0, 792.0)
    first = [t for t in placed_text(out) if t.page == 0 and t.text == "No Address"]
    assert first[0].x == pytest.approx(72.0, abs=0.5)
    assert 2.0 * 72 < 792 - first[0].y < 3.125 * 72


def test_nothing_is_left_when_the_folder_is_missing(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "letters.pdf"
    with pytest.raises(FileNotFoundError):
        _write(store, "Follow-up letter", out)
    assert not out.parent.exists()


def test_a_letter_beyond_latin_1_with_bold_and_italic(tmp_path: Path) -> None:
    body = "<p><b>Dear</b> <i>{{ contact.first_name }}</i>,</p>"
    template = LetterTemplate("Polish", body, "A4")
    filled = MergeValues(
        dict.fromkeys(CONTACT_FIELDS, "") | {"first_name": "Łukasz"},
        {},
        ("Łukasz Nowak", "ul. Długa 1", "00-001 Warszawa", "POLAND"),
        "today",
    )
    letter = Letter(1, filled.address_block, compile_letter(body).render(filled), "PL")
    out = tmp_path / "pl.pdf"
    write_letters_pdf([letter], template, out, MyRecord(name="Kari"), "NO")
    text = PdfReader(out).pages[0].extract_text()
    assert "Dear Łukasz," in text
    assert "ul. Długa 1" in text
