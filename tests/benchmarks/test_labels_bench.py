"""10,000 address labels (Avery 5160, 30 to a sheet) to a PDF: under 2 s (issue 6). Also, as
figures: choosing 10,000 recipients from the demo database (reasons, address blocks), and the
same labels with outlines."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from db import search
from db.mailing.label_sheets import sheet_named
from db.mailing.labels_pdf import LabelOptions, write_labels_pdf
from db.mailing.recipient_records import MailingSources
from db.mailing.recipients import choose_recipients
from db.store import open_store
from tests.benchmarks.benchlib import BUILD, HUNDRED_THOUSAND, Figures

LABELS = 10_000
BUDGET_S = 2.0


def test_ten_thousand_labels(demo_databases: Callable[[int], Path]) -> None:
    store = open_store(demo_databases(HUNDRED_THOUSAND))
    figures = Figures()
    try:
        with store.session() as session:
            ids = tuple(search.matching_ids(session, ""))[: LABELS * 2]
            started = time.perf_counter()
            chosen = choose_recipients(session, MailingSources(contact_ids=ids))
            figures.add("labels.choose_recipients_s", len(ids), time.perf_counter() - started)
    finally:
        store.close()
    recipients = chosen.recipients[:LABELS]
    assert len(recipients) == LABELS
    sheet = sheet_named("Avery 5160")
    out = BUILD / "labels-bench.pdf"
    BUILD.mkdir(parents=True, exist_ok=True)
    try:
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            written = write_labels_pdf(recipients, sheet, out)
            samples.append(time.perf_counter() - started)
        assert written.pages == LABELS // sheet.per_sheet + 1
        figures.add("labels.pdf_s", LABELS, min(samples), BUDGET_S, median=sorted(samples)[1])
        figures.add("labels.pdf_mb", LABELS, out.stat().st_size / 1024 / 1024)
        assert len(PdfReader(out).pages) == written.pages
        started = time.perf_counter()
        write_labels_pdf(recipients, sheet, out, LabelOptions(outline=True))
        figures.add("labels.pdf_outlined_s", LABELS, time.perf_counter() - started)
    finally:
        out.unlink(missing_ok=True)
    figures.check()
