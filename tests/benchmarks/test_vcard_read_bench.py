"""Reading (not storing) a 50 MB vCard file: it is streamed a card at a time, so the traced
memory's peak stays far below the file's size (asserted: under a tenth of it), whatever the size;
the time is a figure. The file (made once under build/) is phone-like: 3.0 cards with names,
work details and addresses, every 8th with an 18 kB JPEG photo folded at 75 characters, every
50th a 2.1 card in quoted-printable."""

from __future__ import annotations

import base64
import random
import time
import tracemalloc
from pathlib import Path

from db.interchange.incoming import Incoming
from db.interchange.vcard_read import read_vcards
from tests.benchmarks.benchlib import BUILD, Figures

FILE_BYTES = 50_000_000


def phone_file(size: int) -> Path:
    """The benchmark's vCard file of about `size` bytes, made when missing."""
    path = BUILD / f"vcard-bench-{size // 1_000_000}mb.vcf"
    if path.exists():
        return path
    rnd = random.Random(1)
    photo = base64.b64encode(b"\xff\xd8\xff\xe0" + rnd.randbytes(18_000)).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    BUILD.mkdir(parents=True, exist_ok=True)
    making = path.with_suffix(".making")
    written = n = 0
    with making.open("w", encoding="utf-8", newline="") as out:
        while written < size:
            n += 1
            if n % 50 == 0:
                lines = [
                    "VERSION:2.1",
                    f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98ye{n};Kari;;;",
                    "NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=",
                    "line two",
                ]
            else:
                lines = ["VERSION:3.0", f"N:Müller{n};Jürgen;;Dr.;", f"FN:Dr. Jürgen Müller{n}"]
            lines += [
                f"ORG:Firma {n % 3001} GmbH;Einkauf",
                f"TEL;TYPE=WORK,VOICE:+49 30 {1_000_000 + n}",
                f"EMAIL;TYPE=INTERNET:person{n}@firma.example",
                f"ADR;TYPE=WORK:;;{n % 200} Hauptstraße;Berlin;;10115;Germany",
            ]
            if n % 8 == 0:
                lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + folded)
            text = "\r\n".join(("BEGIN:VCARD", *lines, "END:VCARD")) + "\r\n"
            out.write(text)
            written += len(text.encode())
    making.replace(path)
    return path


def test_a_big_vcard_file_is_read_in_bounded_memory() -> None:
    path = phone_file(FILE_BYTES)
    size = path.stat().st_size
    figures = Figures()
    started, cpu_started = time.perf_counter(), time.process_time()
    cards = sum(1 for record in read_vcards(path) if isinstance(record, Incoming))
    seconds = time.perf_counter() - started
    figures.add("vcard_read.file_mb", cards, size / 1_000_000)
    figures.add("vcard_read.seconds", cards, seconds)
    figures.add("vcard_read.cpu_s", cards, time.process_time() - cpu_started)
    figures.add("vcard_read.mb_per_s", cards, size / 1_000_000 / seconds)
    tracemalloc.start()  # traced memory slows the reading: measured apart
    try:
        read = sum(1 for _record in read_vcards(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == cards  # every card came in
    figures.add("vcard_read.traced_peak_mb", cards, peak / 1_000_000, size / 10 / 1_000_000)
    figures.check()
