"""Coverage-guided fuzzing with atheris (`make bench` only): one target for a number of runs.

    fuzz_target.py csv|vcard|template RUNS

Each input goes to the importer (or the letter template renderer) as a user's file would; the
only exceptions allowed are the ones that say in words what is wrong (UnreadableFileError, the
renderer's TemplateProblemError). Anything else is a crash: atheris stops and prints it, and
this script exits non-zero. libFuzzer ends the process itself and says "Done N runs".
"""

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from db.interchange.csv_rows import read_csv
    from db.interchange.incoming import UnreadableFileError
    from db.interchange.vcard_read import read_vcard_text
    from db.mailing.merge_fields import MergeValues, TemplateProblemError, compile_letter

FOLDER = Path(tempfile.mkdtemp(prefix="cardfile-fuzz-"))
VALUES = MergeValues(
    contact={"first_name": "Kari", "last_name": "Nordmann"},
    fields={"Account": "A-1"},
    address_block=("Kari Nordmann", "Storgata 1", "0155 Oslo"),
    today="23 November 2026",
)


def csv_target(data: bytes) -> None:
    path = FOLDER / "input.csv"
    path.write_bytes(data)
    try:
        for _record in read_csv(path).records:
            pass
    except UnreadableFileError:
        pass


def vcard_target(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        for _record in read_vcard_text("BEGIN:VCARD\r\nVERSION:3.0\r\n" + text):
            pass
    except UnreadableFileError:
        pass


def template_target(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    with contextlib.suppress(TemplateProblemError):
        compile_letter(f"<p>{text}</p>", ["Account"]).render(VALUES)


TARGETS = {"csv": csv_target, "vcard": vcard_target, "template": template_target}


def main() -> None:
    target, runs = sys.argv[1], int(sys.argv[2])
    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=4096"], TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
