"""Every vCard file of `../shared/data/vcards` (exports of Android, BlackBerry, Evolution, Gmail,
iPhone, Apple, Outlook, Thunderbird, FullContact, Android's own test cards) reads without an
exception, each card imported or rejected with its reason; field values checked against the
files and against ez-vcard's SampleVCardsTest.java."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.interchange.incoming import Incoming, Read, Rejected, UnreadableFileError
from db.interchange.vcard_read import read_vcard_text, read_vcards
from db.records import Address, Email, Phone

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
VCARDS = DATA / "vcards"
FILES = sorted(VCARDS.rglob("*.vcf")) if VCARDS.is_dir() else []

pytestmark = pytest.mark.skipif(
    not VCARDS.is_dir(), reason=f"the shared test data is not here ({VCARDS} is absent)"
)


def read(name: str) -> list[Read]:
    (path,) = [p for p in FILES if p.relative_to(VCARDS).as_posix() == name]
    return list(read_vcards(path))


def only(name: str) -> Incoming:
    cards = read(name)
    assert len(cards) == 1
    card = cards[0]
    assert isinstance(card, Incoming), card
    return card


def test_all_the_files_are_there() -> None:
    assert len(FILES) >= 55


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(VCARDS).as_posix())
def test_every_card_of_every_file_is_read_or_rejected_with_a_reason(path: Path) -> None:
    cards = list(read_vcards(path))
    assert cards
    for number, card in enumerate(cards, start=1):
        assert card.where == f"card {number}"
        if isinstance(card, Rejected):
            assert card.reason
            assert card.raw[0].upper().startswith("BEGIN:VCARD")
        else:
            assert isinstance(card, Incoming)


def test_gmail_full_name_keeps_its_comma() -> None:
    card = only("ez-vcard/John_Doe_GMAIL.vcf")
    fields = card.fields
    assert fields.full_name == "Mr. John Richter, James Doe Sr."
    assert fields.middle_name == "Richter, James"
    assert fields.phones == (Phone("905-555-1234", "mobile"), Phone("905-666-1234", "home"))
    assert fields.emails == (Email("john.doe@ibm.com", "home"),)
    assert fields.addresses == (
        Address(
            "Crescent moon drive\n555-asd\nNice Area, Albaney, New York 12345\n"
            "United States of America",
            kind="home",
            is_mailing=True,
        ),
    )
    assert (fields.company, fields.title) == ("IBM", "Money Counter")
    assert fields.birthday == date(1980, 3, 22)
    assert fields.web_site == "http://www.ibm.com"
    assert fields.notes.startswith(
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY'
    )
    assert fields.notes.endswith("DAMAGE.\nFavotire Color: Blue")


def test_iphone_phones_addresses_and_photo() -> None:
    card = only("ez-vcard/John_Doe_IPHONE.vcf")
    fields = card.fields
    assert fields.full_name == "Mr. John Richter James Doe Sr."
    assert (fields.company, fields.department, fields.title) == (
        "IBM",
        "Accounting",
        "Money Counter",
    )
    assert fields.phones == (
        Phone("905-555-1234", "mobile"),
        Phone("905-666-1234", "home"),
        Phone("905-777-1234", "work"),
        Phone("905-888-1234", "fax"),
        Phone("905-999-1234", "fax"),
        Phone("905-111-1234", "other"),
        Phone("905-222-1234", "other"),
    )
    assert fields.emails == (Email("john.doe@ibm.com", "other", is_primary=True),)
    assert fields.addresses == (
        Address(
            "Silicon Alley 5",
            "New York",
            "New York",
            "12345",
            "United States of America",
            "home",
            is_mailing=True,
        ),
        Address("Street4\nBuilding 6\nFloor 8", "New York", "", "12345", "USA", "work"),
    )
    assert fields.web_site == "http://www.ibm.com"
    assert fields.birthday == date(2012, 6, 6)
    assert card.photo is not None
    assert (card.photo.mime, len(card.photo.data)) == ("image/jpeg", 32531)


def test_outlook_phones_and_addresses() -> None:
    card = only("ez-vcard/John_Doe_MS_OUTLOOK.vcf")
    fields = card.fields
    assert fields.full_name == "Mr. John Richter James Doe Sr."
    assert (fields.company, fields.department) == ("IBM", "Accounting")
    assert fields.phones == (Phone("(905) 555-1234", "work"), Phone("(905) 666-1234", "home"))
    assert fields.addresses == (
        Address(
            "Cresent moon drive",
            "Albaney",
            "New York",
            "12345",
            "United States of America",
            "work",
            is_mailing=True,
        ),
        Address(
            "Silicon Alley 5", "New York", "New York", "12345", "United States of America", "home"
        ),
    )
    assert fields.emails == (Email("john.doe@ibm.cm", "other", is_primary=True),)
    assert fields.birthday == date(1980, 3, 22)
    assert fields.web_site == "http://www.ibm.com"
    assert card.photo is not None
    assert card.photo.mime == "image/jpeg"


def test_outlook_2003_quoted_printable_note_and_company_with_a_comma() -> None:
    fields = only("ez-vcard/outlook-2003.vcf").fields
    assert fields.full_name == "Mr. John Doe III"
    assert (fields.company, fields.department) == ("Company, The", "TheDepartment")
    assert fields.notes == "This is the note field!!\nSecond line\n\nThird line is empty\n"
    assert fields.addresses[0].street == "123 Main St\nTheOffice"
    assert fields.addresses[0].city == "Austin"


def test_android_damaged_photo_is_kept_as_far_as_it_goes() -> None:
    cards = read("ez-vcard/John_Doe_ANDROID.vcf")
    assert len(cards) == 6
    first = cards[0]  # only an e-mail: filed under it, as Outlook does
    assert isinstance(first, Incoming)
    assert first.fields.company == "john.doe@company.com"
    assert first.categories == ("My Contacts",)
    fifth = cards[4]
    assert isinstance(fifth, Incoming)
    assert fifth.photo is not None
    assert len(fifth.photo.data) == 876  # as ez-vcard reads it
    assert fifth.fields.last_name == "Ñ Ñ"


@pytest.mark.parametrize(
    ("name", "last", "first", "middle"),
    [
        ("aosp-opt-vcard/v21_japanese_1.vcf", "安藤ロイド", "", ""),
        ("aosp-opt-vcard/v21_japanese_2.vcf", "安藤", "ロイド1", ""),
        ("aosp-opt-vcard/v21_japanese_3.vcf", "伊能", "圭一", "伊予"),
        ("aosp-opt-vcard/v30_japanese.vcf", "伊能", "圭一", "伊予"),
    ],
)
def test_japanese_shift_jis_names(name: str, last: str, first: str, middle: str) -> None:
    fields = only(name).fields
    assert (fields.last_name, fields.first_name, fields.middle_name) == (last, first, middle)


def test_japanese_quoted_printable_address_and_note() -> None:
    fields = only("aosp-opt-vcard/v21_japanese_2.vcf").fields
    assert fields.addresses == (
        Address(
            "東京都渋谷区桜丘町26-1セルリアンタワー6階",
            postal_code="150-8512",
            kind="home",
            is_mailing=True,
        ),
    )
    assert fields.notes == "メモ"


def test_japanese_file_of_several_cards() -> None:
    cards = read("aosp-opt-vcard/v21_multiple_entry.vcf")
    assert [c.fields.last_name for c in cards if isinstance(c, Incoming)] == [
        "安藤ロイド3",
        "安藤ロイド4",
        "安藤ロイド5",
    ]


def test_nested_cards_stay_inside_their_card() -> None:
    card = only("aosp-opt-vcard/v21_nest.vcf")
    assert card.fields.last_name == "parent"
    assert card.fields.phones == (Phone("1", "other"),)
    assert any("nested" in w for w in card.warnings)


def test_malformed_photo_loses_the_photo_not_the_contact() -> None:
    card = only("aosp-opt-vcard/v21_malformed_photo.vcf")
    assert card.fields.last_name == "name"
    assert card.photo is None
    assert any("photo left out" in w for w in card.warnings)


def test_photo_without_its_blank_line_and_the_rest_of_a_2_1_card() -> None:
    assert only("aosp-opt-vcard/v21_base64_no_2_crlf.vcf").photo is not None
    card = only("aosp-opt-vcard/v21_complicated.vcf")
    assert card.photo is not None
    assert card.fields.notes == (
        "The following note is the example from RFC 2045.\n"
        "Now's the time for all folk to come to the aid of their country."
    )
    assert (card.fields.company, card.fields.department) == (
        "Gump Shrimp Co.",
        "Sales Dept.;Manager",
    )


def test_comment_lines_and_backslash_continued_address() -> None:
    note = only("aosp-opt-vcard/v21_invalid_comment_line.vcf").fields.notes
    assert note == "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."
    addresses = only("aosp-opt-vcard/v21_adr_multiple_line.vcf").fields.addresses
    assert addresses[1].street == "Hermann v. Brevern\n9999999\nPackstation 999"


def test_cards_with_nothing_to_know_them_by_are_rejected_with_their_text() -> None:
    (card,) = read("aosp-opt-vcard/v21_android_custom_prop.vcf")
    assert isinstance(card, Rejected)
    assert card.reason == "no name, company, e-mail or phone"
    assert "X-ANDROID-CUSTOM:custom_mime1" in card.raw[0]


@st.composite
def damaged_file(draw: st.DrawFn) -> str:
    path = draw(st.sampled_from(FILES))
    text = path.read_bytes().decode("utf-8", "replace")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(["", ":", ";", "\\", "=", "\r\n", "BEGIN:VCARD\r\n", "==="]))
            + text[at + draw(st.integers(0, 30)) :]
        )
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=damaged_file())
def test_damaged_real_files(text: str) -> None:
    try:
        results = list(read_vcard_text(text))
    except UnreadableFileError:
        return
    assert all(isinstance(r, Incoming | Rejected) for r in results)
