"""A stand-in for `db.interchange.vcard_write` (written in the vcard branch), for the export tests
until both are merged: it records what it was handed and writes a minimal card per contact."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from typing import TextIO

import pytest

from db.interchange.incoming import Incoming


class StandInWriter:
    def __init__(self) -> None:
        self.versions: list[str] = []

    def write_vcards(
        self, rows: Iterable[tuple[int, Incoming]], out: TextIO, version: str = "3.0"
    ) -> int:
        self.versions.append(version)
        written = 0
        for contact_id, contact in rows:
            out.write(f"BEGIN:VCARD\r\nUID:{contact_id}\r\nFN:{contact.fields.full_name}\r\n")
            out.write("END:VCARD\r\n")
            written += 1
        return written


def install_stand_in(monkeypatch: pytest.MonkeyPatch) -> StandInWriter:
    writer = StandInWriter()
    module = types.ModuleType("db.interchange.vcard_write")
    module.write_vcards = writer.write_vcards  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "db.interchange.vcard_write", module)
    return writer
