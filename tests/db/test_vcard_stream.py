"""Big vCard files and big cards: a file is read a card at a time, whatever its size; a card too
long is rejected alone with its number and line; long lines keep their characters and charset."""

from __future__ import annotations

import io
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from db.interchange.incoming import Incoming, Rejected, UnreadableFileError
from db.interchange.vcard_read import read_vcard_text, read_vcards
from db.records import Phone
from tests.db.test_vcard_read import JPEG, b64, card, write


class EndlessCards(io.RawIOBase):
    """A vCard file that never ends: card after card, counting the bytes read from it."""

    def __init__(self) -> None:
        self.served = 0
        self.pending = b""
        self.cards = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self.pending) < len(buffer):
            self.cards += 1
            self.pending += card(f"N:Person{self.cards};A", "TEL:1").encode()
        size = len(buffer)
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        self.served += size
        return size


def test_a_file_of_any_size_is_read_a_card_at_a_time() -> None:
    from db.interchange.vcard_read import read_vcard_file

    endless = EndlessCards()
    reader = read_vcard_file(io.BufferedReader(endless, 65_536), "endless.vcf")
    first = list(islice(reader, 3))
    assert [r.fields.last_name for r in first if isinstance(r, Incoming)] == [
        "Person1",
        "Person2",
        "Person3",
    ]
    assert endless.served < 3_000_000  # the first cards come before the rest is read
    later = list(islice(reader, 2_000))
    assert later[-1].where == "card 2003"
    assert endless.served < 3_000_000  # the same bytes: 2,000 cards are about 120 kB


def giant_cards(giant: str) -> str:
    return (
        card("N:One;A")
        + card("N:Two;B", "NOTE:" + "x" * 50_000)  # one line too long
        + card("N:Three;C")
        + card("N:Four;D", f"PHOTO;ENCODING=b;TYPE=JPEG:{b64(JPEG)}", *[" " + giant] * 40)
        + card("N:Five;E", "AGENT:", "BEGIN:VCARD", "NOTE:" + "y" * 50_000, "END:VCARD", "TEL:5")
        + card("N:Six;F", "AGENT:", "BEGIN:VCARD", "N:nested", "END:VCARD", "TEL:6")
        + card("N:Seven;G", "NOTE:" + "z" * 50_000)[: -len("END:VCARD\r\n")]  # never ends
    )


@pytest.mark.parametrize("chunk", [1_048_576, 997])
@pytest.mark.parametrize("from_file", [True, False])
def test_a_card_too_long_is_rejected_alone_with_its_number_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, from_file: bool
) -> None:
    from db.interchange import vcard_read, vcard_stream

    monkeypatch.setattr(vcard_read, "CARD_LIMIT", 10_000)
    monkeypatch.setattr(vcard_stream, "CHUNK_BYTES", chunk)
    text = giant_cards("QUJD" * 100)
    if from_file:
        results = list(read_vcards(write(tmp_path, text.encode())))
    else:
        results = list(read_vcard_text(text))
    assert [r.where for r in results] == [f"card {n}" for n in range(1, 8)]
    kinds = "".join("I" if isinstance(r, Incoming) else "R" for r in results)
    assert kinds == "IRIRRIR"
    two, four, five, seven = results[1], results[3], results[4], results[6]
    assert str(two) == (
        "card 2: line 8: the card (from line 5) is longer than 10,000 characters: "
        "a photo or field too big to import"
    )
    assert isinstance(four, Rejected)
    # It went over in its photo's folded lines: at the 25th of them (of 400 characters each).
    assert four.reason.startswith("line 42: the card (from line 14) is longer than 10,000")
    assert str(five).startswith("card 5: line 64: the card (from line 59)")  # in its AGENT
    assert all(isinstance(r, Rejected) and r.raw[0].startswith("BEGIN:VCARD") for r in (two, four))
    assert len(two.raw[0]) <= 4096  # not the whole card
    assert str(seven).startswith("card 7: line 80: the card (from line 77)")
    assert str(seven).endswith("the file ends before its END:VCARD line")
    three, six = results[2], results[5]
    assert isinstance(three, Incoming)
    assert three.fields.last_name == "Three"
    assert isinstance(six, Incoming)
    assert six.fields.phones == (Phone("6", "other"),)
    assert any("nested" in w for w in six.warnings)


def test_a_line_longer_than_a_chunk_keeps_its_characters_and_charset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.interchange import vcard_stream

    monkeypatch.setattr(vcard_stream, "CHUNK_BYTES", 7)
    monkeypatch.setattr(vcard_stream, "HEAD_BYTES", 11)
    note = "Å—✓𝄞" * 500
    data = card("N:Ærlig;Åse", "NOTE:" + note, version="2.1").encode()
    data += b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + "安藤;ロイド".encode("cp932")
    data += b"\r\n " + "安藤".encode("cp932") + b"\r\nEND:VCARD\r\n"
    first, second = read_vcards(write(tmp_path, data))
    assert isinstance(first, Incoming)
    assert first.fields.notes == note
    assert isinstance(second, Incoming)
    assert (second.fields.last_name, second.fields.first_name) == ("安藤", "ロイド安藤")


def test_binary_data_further_on_stops_the_reading_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.interchange import vcard_stream

    monkeypatch.setattr(vcard_stream, "HEAD_BYTES", 64)
    path = write(tmp_path, (card("N:One;A") * 3).encode() + b"\x00\x01" + card("N:Two").encode())
    reader = read_vcards(path)
    assert isinstance(next(reader), Incoming)  # read before the binary part is come to
    with pytest.raises(UnreadableFileError, match=r"cards\.vcf: line 13: binary data"):
        list(reader)
