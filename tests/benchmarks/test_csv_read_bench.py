"""Reading (not storing) an Outlook-layout CSV: 100,000 rows well under 5 s, and 1,000,000 rows as
a figure (the file is streamed: the traced memory's peak is a figure too).

The files are made once under build/ (cp1252, every cell quoted, CRLF, as Outlook writes them):
phones, e-mails, a business address, a birthday in US order, `0/0/00` anniversaries, categories,
and a note over two lines in one row of ten.
"""

from __future__ import annotations

import csv
import json
import random
import time
import tracemalloc
from pathlib import Path

import pytest

from db.interchange.csv_layouts import LAYOUTS_FILE, presets
from db.interchange.csv_rows import read_csv
from db.interchange.incoming import Incoming
from resources import resource_path
from tests.benchmarks.benchlib import BUILD, HUNDRED_THOUSAND, SIZES, Figures

BUDGET_S = 5.0
OUTLOOK = "Outlook (desktop)"
FIRST = ("Jürgen", "Zoë", "Ada", "Björn", "Émilie", "Rory", "Grace", "Søren")
LAST = ("Müller", "Ødegård", "Lovelace", "Groß", "Côté", "Williams", "Hopper", "Kierkegaard")


def outlook_columns() -> list[str]:
    data = json.loads(resource_path(*LAYOUTS_FILE).read_text(encoding="utf-8"))
    (layout,) = [entry for entry in data["layouts"] if entry["name"] == OUTLOOK]
    return list(layout["columns"])


def outlook_file(rows: int) -> Path:
    """The benchmark's Outlook-layout file of `rows` rows, made when missing."""
    path = BUILD / f"csv-bench-outlook-{rows}.csv"
    if path.exists():
        return path
    columns = outlook_columns()
    rnd = random.Random(1)
    BUILD.mkdir(parents=True, exist_ok=True)
    making = path.with_suffix(".making")
    with making.open("w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(columns)
        empty = dict.fromkeys(columns, "")
        for n in range(rows):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            row = dict(empty)
            row.update(
                {
                    "First Name": first,
                    "Last Name": f"{last}{n % 997}",
                    "Company": f"Firma {n % 3001} GmbH",
                    "Job Title": "Einkauf",
                    "Business Street": f"{n % 200} Hauptstraße",
                    "Business City": "Berlin",
                    "Business Postal Code": f"{10000 + n % 8999}",
                    "Business Country/Region": "Germany",
                    "Business Phone": f"+49 30 {1_000_000 + n}",
                    "Mobile Phone": f"+49 170 {2_000_000 + n}" if n % 3 else "",
                    "E-mail Address": f"person{n}@firma{n % 3001}.example",
                    "E-mail Type": "SMTP",
                    "E-mail Display Name": f"{first} {last} (person{n}@firma.example)",
                    "Birthday": f"{1 + n % 12}/{1 + n % 28}/{1940 + n % 60}" if n % 4 else "0/0/00",
                    "Anniversary": "0/0/00",
                    "Categories": "Kunden;VIP" if n % 5 == 0 else "Kunden",
                    "Notes": "Line one\r\nLine two" if n % 10 == 0 else "",
                    "Priority": "Normal",
                    "Sensitivity": "Normal",
                    "Private": "False",
                }
            )
            writer.writerow([row[c] for c in columns])
    making.replace(path)
    return path


@pytest.mark.parametrize("size", SIZES)
def test_read_an_outlook_csv(size: int) -> None:
    assert presets()  # the presets are loaded before the clock starts, as in the wizard
    path = outlook_file(size)
    figures = Figures()
    started, cpu_started = time.perf_counter(), time.process_time()
    read = read_csv(path)
    records = sum(1 for record in read.records if isinstance(record, Incoming))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # what it costs on a machine others share
    assert read.layout == OUTLOOK
    assert records == size
    budget = BUDGET_S if size == HUNDRED_THOUSAND else None
    figures.add("csv_read.outlook_s", size, seconds, budget)
    figures.add("csv_read.outlook_cpu_s", size, cpu_seconds)
    figures.add("csv_read.rows_per_s", size, size / seconds)
    figures.add("csv_read.file_mb", size, path.stat().st_size / 1_000_000)
    if size == HUNDRED_THOUSAND:  # traced memory slows the reading: measured apart
        tracemalloc.start()
        for _ in read_csv(path).records:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        figures.add("csv_read.traced_peak_mb", size, peak / 1_000_000)
    figures.check()
