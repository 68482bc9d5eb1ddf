"""Fuzzing the vCard reader: random bytes and damaged cards never raise anything but
UnreadableFileError, and every card that comes out is an Incoming or a Rejected with a reason."""

from __future__ import annotations

import base64
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.interchange.incoming import Incoming, Rejected, UnreadableFileError
from db.interchange.vcard_read import read_vcard_text, read_vcards

JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(range(120))).decode("ascii")

# Cards like the ones real clients write (written for this test, not copied from any file).
SEEDS = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98ye;Kari;;;\r\n"
    "TEL;WORK;VOICE:(111) 555-1212\r\nADR;HOME:;;1 Elm\\\r\nFlat 2;Oslo;;0150;Norway\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\nline two\r\n# a comment\r\n"
    f"PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n {JPEG[:60]}\r\n {JPEG[60:]}\r\n\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nPROFILE:VCard\r\r\nN:Doe;John;Richter,James;Mr.;Sr.\r\r\n"
    "FN:Mr. John Richter, James Doe Sr.\r\r\nitem1.EMAIL;type=INTERNET;type=pref:j@x.org\r\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-12\r\r\nCATEGORIES:a,b\\,c\r\r\n"
    f"PHOTO;ENCODING=b;TYPE=JPEG:{JPEG}\r\r\nEND:VCARD\r\r\n",
    "BEGIN:VCARD\nVERSION:4.0\nFN:Åse\nN:Ødegård;Åse;;;\nTEL;VALUE=uri;TYPE=cell:tel:+47-1;ext=2\n"
    f"PHOTO:data:image/jpeg;base64,{JPEG}\nBDAY:--0229\nX-CARDFILE-FIELD:Region;North\nEND:VCARD\n",
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:parent\r\nBEGIN:VCARD\r\nN:child\r\nEND:VCARD\r\nTEL:1\r\n"
    "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:x\r\nPHOTO;ENCODING=BASE64:qg:AS==\r\nEND:VCARD\r\n",
)

_pieces = st.sampled_from(
    [":", ";", ",", "\\", "=", "\r\n", "\n", " ", "BEGIN:VCARD", "END:VCARD", '"', "=0D=0A", "ü"]
)


@st.composite
def damaged_card(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(("insert", "delete", "cut", "repeat")))
        if action == "insert":
            piece = draw(st.one_of(_pieces, st.text(max_size=5)))
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif action == "cut":
            text = text[:at]
        else:
            text = text[:at] + text[at : at + 40] * 2 + text[at + 40 :]
    return text


def _read_all(text: str) -> None:
    try:
        results = list(read_vcard_text(text))
    except UnreadableFileError:
        return
    for result in results:
        assert isinstance(result, Incoming | Rejected)
        if isinstance(result, Rejected):
            assert result.reason
            assert result.where.startswith("card ")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=damaged_card())
def test_damaged_cards(text: str) -> None:
    _read_all(text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_random_text(text: str) -> None:
    _read_all("BEGIN:VCARD\r\n" + text)
    _read_all(text)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=300), damaged_card().map(lambda t: t.encode("utf-16"))))
def test_random_bytes_in_a_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.vcf"
    path.write_bytes(data)
    try:
        results = list(read_vcards(path))
    except UnreadableFileError as exc:
        message = str(exc)
        results = []
    else:
        message = "fuzz.vcf"
    assert "fuzz.vcf" in message  # the file is named when it cannot be read
    assert all(isinstance(r, Incoming | Rejected) for r in results)
