"""1,000 one-page letters to a PDF within 1.3× the time bare reportlab Platypus takes to make
the same 1,000 pages in the same run (issue 6). Ours: the template checked, every letter's
fields read from the database and filled in, the address placed in the envelope window, the
PDF written whole. Bare: the already-merged paragraphs and address lines straight into a
SimpleDocTemplate with a PageBreak between letters. Also, as figures: the database read, the
merge alone, and the PDF's size."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from db import search
from db.demo import generate_demo
from db.mailing.letter_values import letter_values, merged_letters
from db.mailing.letters_pdf import LEADING, PAGE_SIZES, Letter, letter_flowables, write_letters_pdf
from db.mailing.my_record import MyRecord, get_my_record, home_country, set_my_record
from db.mailing.pdf_output import MM
from db.mailing.recipient_records import MailingSources
from db.mailing.recipients import choose_recipients
from db.mailing.templates import LetterTemplate, check_template, get_template
from db.store import open_store
from tests.benchmarks.benchlib import BUILD, Figures

LETTERS = 1_000
RATIO_BUDGET = 1.3
ROUNDS = 3
DAY = date(2026, 11, 23)


def bare_platypus(letters: list[Letter], template: LetterTemplate, out: Path) -> int:
    """The same pages with reportlab alone: the address as paragraphs, then the letter."""
    top, right, bottom, left = (m * MM for m in template.margins)
    document = SimpleDocTemplate(
        str(out),
        pagesize=PAGE_SIZES[template.page_size],
        topMargin=top,
        rightMargin=right,
        bottomMargin=bottom,
        leftMargin=left,
        pageCompression=1,
    )
    address = ParagraphStyle("address", fontName="Helvetica", fontSize=11, leading=13)
    story: list[object] = []
    for number, letter in enumerate(letters):
        if number:
            story.append(PageBreak())
        story.extend(Paragraph(line, address) for line in letter.address)
        story.append(Spacer(1, 40 * MM - 11 * LEADING * len(letter.address)))
        story.extend(letter_flowables(letter.paragraphs))
    document.build(story)
    return document.page


def test_a_thousand_letters_within_1_3_times_bare_platypus(tmp_path: Path) -> None:
    store = open_store(tmp_path / "letters-bench.sqlite")
    figures = Figures()
    BUILD.mkdir(parents=True, exist_ok=True)
    ours_pdf, bare_pdf = BUILD / "letters-bench.pdf", BUILD / "letters-bare.pdf"
    try:
        generate_demo(store, int(LETTERS * 1.2))
        with store.session() as session:
            set_my_record(
                session,
                MyRecord(
                    name="Kari Nordmann",
                    company="Nordlys Marine AS",
                    street="Kirkegata 5",
                    city="Oslo",
                    postal_code="0153",
                    country="Norway",
                    phone="+47 22 00 12 34",
                    email="kari@nordlys.example",
                ),
            )
            ids = tuple(search.matching_ids(session, ""))
            chosen = choose_recipients(
                session, MailingSources(contact_ids=ids), needs_address=False
            )
            recipients = chosen.recipients[:LETTERS]
            template = get_template(session, "Follow-up letter")
            sender, home = get_my_record(session), home_country(session)
        assert len(recipients) == LETTERS
        ours, bare, reads, merges = [], [], [], []
        for _ in range(ROUNDS):
            with store.session() as session:
                started = time.perf_counter()
                letter_values(session, recipients, DAY, template.date_format)
                reads.append(time.perf_counter() - started)
                compiled = check_template(session, template)
                values = letter_values(session, recipients, DAY, template.date_format)
                started = time.perf_counter()
                for filled in values:
                    compiled.render(filled)
                merges.append(time.perf_counter() - started)
                started = time.perf_counter()
                letters = merged_letters(session, template, recipients, DAY)
                written = write_letters_pdf(letters, template, ours_pdf, sender, home)
                ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare_pages = bare_platypus(letters, template, bare_pdf)
            bare.append(time.perf_counter() - started)
        assert written.pages == LETTERS  # one page each
        assert bare_pages == LETTERS
        assert len(PdfReader(ours_pdf).pages) == LETTERS
        figures.add("letters.bare_platypus_s", LETTERS, min(bare), median=sorted(bare)[1])
        figures.add(
            "letters.pdf_s",
            LETTERS,
            min(ours),
            median=sorted(ours)[1],
        )
        figures.add("letters.read_fields_s", LETTERS, min(reads))
        figures.add("letters.merge_s", LETTERS, min(merges))
        figures.add("letters.pdf_mb", LETTERS, ours_pdf.stat().st_size / 1024 / 1024)
        figures.add("letters.ratio_to_bare", LETTERS, min(ours) / min(bare), RATIO_BUDGET)
    finally:
        store.close()
        ours_pdf.unlink(missing_ok=True)
        bare_pdf.unlink(missing_ok=True)
    figures.check()
