"""Reading vCards: every mapping to Cardfile's fields, each work-around for vobject's faults and
for what real clients write, encodings, and bad cards among good ones."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

import pytest

from db.interchange.incoming import Incoming, Rejected, UnreadableFileError
from db.interchange.vcard_read import read_vcard_text, read_vcards
from db.records import Address, Email, Phone

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(40))
GIF = b"GIF89a" + bytes(range(40))


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(("BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD")) + "\r\n"


def read_one(text: str) -> Incoming:
    results = list(read_vcard_text(text))
    assert len(results) == 1
    result = results[0]
    assert isinstance(result, Incoming), result
    return result


# --- names ---------------------------------------------------------------------------------


def test_structured_name_is_trusted_over_the_formatted_name() -> None:
    got = read_one(card("FN:Someone Else", "N:Doe;John;Richter\\, James;Mr.;Sr."))
    fields = got.fields
    assert (fields.prefix, fields.first_name, fields.middle_name) == (
        "Mr.",
        "John",
        "Richter, James",
    )
    assert (fields.last_name, fields.suffix) == ("Doe", "Sr.")
    assert got.where == "card 1"


def test_a_comma_list_in_a_name_part_becomes_words() -> None:
    assert read_one(card("N:Doe;John;Richter,James;;")).fields.middle_name == "Richter James"


def test_formatted_name_is_split_by_nameparser_when_there_is_no_usable_n() -> None:
    fields = read_one(card("N:;;;;", "FN:Dr. Juan Q. Xavier de la Vega III")).fields
    assert fields.prefix == "Dr."
    assert (fields.first_name, fields.middle_name) == ("Juan", "Q. Xavier")
    assert (fields.last_name, fields.suffix) == ("de la Vega", "III")


def test_formatted_name_that_is_the_company_or_an_address_is_not_a_person() -> None:
    company = read_one(card("FN:Acme Widgets", "ORG:Acme Widgets")).fields
    assert (company.first_name, company.last_name, company.company) == ("", "", "Acme Widgets")
    mail = read_one(card("FN:kari@example.org", "EMAIL:kari@example.org")).fields
    assert (mail.first_name, mail.last_name) == ("", "")


# --- the comma truncation of vobject 0.9.9 (py-vobject/vobject issue 55) -------------------


def test_regression_unescaped_commas_do_not_cut_single_valued_text() -> None:
    got = read_one(
        card(
            "FN:John Smith, Jr.",
            "NOTE:a, b",
            "TITLE:Head of Sales, East",
            "URL:http://example.org/a,b",
        )
    )
    assert got.fields.notes == "a, b"
    assert got.fields.title == "Head of Sales, East"
    assert got.fields.web_site == "http://example.org/a,b"
    assert (got.fields.first_name, got.fields.last_name, got.fields.suffix) == (
        "John",
        "Smith",
        "Jr.",
    )


def test_escapes_are_undone_in_text() -> None:
    got = read_one(
        card("FN:x", 'NOTE:one\\ntwo\\, three\\; four \\\\ \\"q\\"', "URL:http\\://x.org")
    )
    assert got.fields.notes == 'one\ntwo, three; four \\ "q"'
    assert got.fields.web_site == "http://x.org"


# --- organisation, phones, e-mails, addresses ---------------------------------------------


def test_org_gives_company_then_department_and_title() -> None:
    fields = read_one(card("FN:A B", "ORG:Company\\, The;Sales;Room 4", "TITLE:Boss")).fields
    assert (fields.company, fields.department, fields.title) == ("Company, The", "Sales", "Boss")


def test_phone_types_become_kinds() -> None:
    fields = read_one(
        card(
            "FN:A B",
            "TEL;TYPE=WORK,VOICE:1",
            "TEL;TYPE=CELL:2",
            "TEL;TYPE=HOME:3",
            "TEL;TYPE=HOME;TYPE=FAX:4",
            "TEL;TYPE=PAGER:5",
            "TEL:6",
            "TEL;TYPE=iPhone:7",
        )
    ).fields
    kinds = [(p.number, p.kind) for p in fields.phones]
    assert kinds == [
        ("1", "work"),
        ("2", "mobile"),
        ("3", "home"),
        ("4", "fax"),
        ("5", "other"),
        ("6", "other"),
        ("7", "mobile"),
    ]


def test_version_2_1_bare_types_and_extensions() -> None:
    fields = read_one(
        card("N:B;A", "TEL;WORK;VOICE:(111) 555-1212 ext. 42", "TEL;CELL:0311", version="2.1")
    ).fields
    assert fields.phones == (Phone("(111) 555-1212", "work", "42"), Phone("0311", "mobile"))


def test_version_4_tel_uris() -> None:
    got = read_one(
        card(
            "FN:A B", "TEL;VALUE=uri;TYPE=home:tel:+1-555-1234;ext=7", "TEL:sip:a@b", version="4.0"
        )
    )
    assert got.fields.phones == (Phone("+1-555-1234", "home", "7"),)
    assert any("sip:a@b" in w for w in got.warnings)


def test_emails_with_types_and_the_first_preferred_is_primary() -> None:
    fields = read_one(
        card(
            "FN:A B",
            "EMAIL;TYPE=INTERNET:a@x.org",
            "EMAIL;TYPE=INTERNET,HOME,PREF:b@x.org",
            "EMAIL;TYPE=WORK;TYPE=pref:c@x.org",
            'EMAIL:"Omega" <omega@x.org>',
        )
    ).fields
    assert fields.emails == (
        Email("a@x.org", "other", False),
        Email("b@x.org", "home", True),
        Email("c@x.org", "work", False),
        Email("omega@x.org", "other", False),
    )


def test_email_preference_in_version_4() -> None:
    fields = read_one(card("FN:A B", "EMAIL:a@x.org", "EMAIL;PREF=1:b@x.org", version="4.0")).fields
    assert [e.is_primary for e in fields.emails] == [False, True]


def test_addresses_kinds_and_the_preferred_one_is_for_mail() -> None:
    fields = read_one(
        card(
            "FN:A B",
            "ADR;TYPE=WORK:;Suite 400;1 Main St;Austin;TX;78701;USA",
            "ADR;TYPE=HOME,PREF:123;;2 Elm Rd;Bodø;;8000;Norway",
            "ADR:;;;;;;",
        )
    ).fields
    assert fields.addresses == (
        Address("1 Main St\nSuite 400", "Austin", "TX", "78701", "USA", "work", False),
        Address("2 Elm Rd\nPO Box 123", "Bodø", "", "8000", "Norway", "home", True),
    )


def test_without_pref_the_first_address_is_for_mail() -> None:
    fields = read_one(card("FN:A B", "ADR:;;1 A St;;;;", "ADR;TYPE=HOME:;;2 B St;;;;")).fields
    assert [a.is_mailing for a in fields.addresses] == [True, False]
    assert fields.addresses[0].kind == "other"


# --- birthday, web site, notes, categories, user fields ------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1980-03-22", date(1980, 3, 22)),
        ("BDAY;VALUE=DATE:19800322", date(1980, 3, 22)),
        ("BDAY:1980-03-22T00:00:00Z", date(1980, 3, 22)),
        ("BDAY:--0312", date(1604, 3, 12)),
        ("BDAY:--03-12", date(1604, 3, 12)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-12", date(1604, 3, 12)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", date(1604, 2, 29)),
    ],
)
def test_birthday_forms(line: str, expected: date) -> None:
    assert read_one(card("FN:A B", line)).fields.birthday == expected


def test_a_birthday_that_is_no_date_is_left_out_with_a_warning() -> None:
    got = read_one(card("FN:A B", "BDAY:1980-02-30", "TEL:1"))
    assert got.fields.birthday is None
    assert any("birthday" in w and "1980-02-30" in w for w in got.warnings)
    assert got.fields.phones == (Phone("1", "other"),)


def test_first_url_notes_joined_and_categories() -> None:
    got = read_one(
        card(
            "FN:A B",
            "URL:http://one.example",
            "URL:http://two.example",
            "NOTE:first",
            "NOTE:second",
            "CATEGORIES:VIP,Customers\\, old",
            "CATEGORIES:vip,Press",
        )
    )
    assert got.fields.web_site == "http://one.example"
    assert got.fields.notes == "first\nsecond"
    assert got.categories == ("VIP", "Customers, old", "Press")


def test_cardfile_user_fields_and_extra_fields() -> None:
    got = read_one(
        card(
            "FN:A B",
            "X-CARDFILE-FIELD:Account \\;#;12\\;34\\, 5",
            "X-CARDFILE-FIELD:Region;North",
            "X-CARDFILE-STATUS:Hot lead",
            "X-CARDFILE-DO-NOT-CALL:1",
            "X-PHONETIC-FIRST-NAME:Jon",
        )
    )
    assert got.custom == (("Account ;#", "12;34, 5"), ("Region", "North"))
    assert got.fields.status == "Hot lead"
    assert got.fields.do_not_call is True
    assert got.fields.do_not_mail is False


def test_over_long_values_are_cut_with_a_warning() -> None:
    got = read_one(card("FN:A B", "TITLE:" + "x" * 250, "NOTE:" + "y" * 500))
    assert got.fields.title == "x" * 200
    assert got.fields.notes == "y" * 500
    assert any("Title cut to 200" in w for w in got.warnings)


# --- photos ------------------------------------------------------------------------------


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@pytest.mark.parametrize(
    ("line", "data", "mime", "version"),
    [
        (f"PHOTO;ENCODING=BASE64;TYPE=JPEG:{b64(JPEG)}", JPEG, "image/jpeg", "2.1"),
        (f"PHOTO;BASE64:{b64(GIF)}", GIF, "image/gif", "2.1"),
        (f"PHOTO;ENCODING=b;TYPE=PNG:{b64(PNG)}", PNG, "image/png", "3.0"),
        (f"PHOTO:data:image/png;base64,{b64(PNG)}", PNG, "image/png", "4.0"),
    ],
)
def test_inline_photos(line: str, data: bytes, mime: str, version: str) -> None:
    photo = read_one(card("N:B;A", line, version=version)).photo
    assert photo is not None
    assert (photo.data, photo.mime) == (data, mime)


def test_folded_and_unindented_base64_of_version_2_1() -> None:
    data = b64(JPEG)
    text = card(
        "N:B;A", "PHOTO;ENCODING=BASE64;TYPE=JPEG:", data[:20], data[20:], "", version="2.1"
    )
    photo = read_one(text).photo
    assert photo is not None
    assert photo.data == JPEG


def test_a_photo_link_is_ignored_with_a_warning() -> None:
    got = read_one(card("FN:A B", "PHOTO;VALUE=uri:http://example.org/me.jpg"))
    assert got.photo is None
    assert any("link" in w for w in got.warnings)


def test_a_malformed_photo_is_left_out_and_the_card_kept() -> None:
    got = read_one(
        card("N:B;A", "PHOTO;ENCODING=BASE64;TYPE=JPEG:qgEPAAIAAAAH:ASDF==", "TEL:1", version="2.1")
    )
    assert got.photo is None
    assert got.fields.last_name == "B"
    assert got.fields.phones == (Phone("1", "other"),)
    assert got.warnings[0].startswith("photo left out: line 4: ")


def test_a_photo_line_that_cannot_be_parsed_is_dropped_on_the_retry() -> None:
    got = read_one(card("N:B;A", 'PHOTO;TYPE="JPEG', "TEL:1"))
    assert got.photo is None
    assert got.fields.phones == (Phone("1", "other"),)
    assert "photo left out" in got.warnings[0]


def test_a_photo_that_is_no_picture_is_left_out() -> None:
    got = read_one(card("N:B;A", f"PHOTO;ENCODING=b;TYPE=BMP:{b64(b'BM' + bytes(30))}"))
    assert got.photo is None
    assert "not a PNG, JPEG or GIF" in got.warnings[0]


# --- bad cards among good ones -------------------------------------------------------------


def test_a_bad_card_among_good_ones_is_rejected_alone() -> None:
    text = card("N:One;A") + card("N:Two;B", "this line is no vCard line") + card("N:Three;C")
    results = list(read_vcard_text(text))
    assert [type(r) for r in results] == [Incoming, Rejected, Incoming]
    rejected = results[1]
    assert isinstance(rejected, Rejected)
    assert rejected.where == "card 2"
    assert "line 8" in rejected.reason
    assert "this line is no vCard line" in rejected.raw[0]
    assert rejected.raw[0].startswith("BEGIN:VCARD")
    assert [r.where for r in results] == ["card 1", "card 2", "card 3"]
    first = results[0]
    assert isinstance(first, Incoming)
    assert first.raw == ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:One;A\r\nEND:VCARD\r\n",)


def test_a_card_with_nothing_to_know_it_by_is_rejected() -> None:
    results = list(read_vcard_text(card("NOTE:just a note", "X-FOO:bar")))
    assert len(results) == 1
    assert str(results[0]) == "card 1: no name, company, e-mail or phone"


def test_a_card_with_only_an_e_mail_is_filed_under_it_as_outlook_does() -> None:
    got = read_one(card("EMAIL:kari@example.org", "TEL:1"))
    assert got.fields.emails == (Email("kari@example.org", "other"),)
    assert (got.fields.first_name, got.fields.last_name) == ("", "")
    assert got.fields.company == "kari@example.org"
    assert any("filed under kari@example.org" in w for w in got.warnings)
    only_phone = read_one(card("TEL:+47 22 33 44 55"))
    assert only_phone.fields.company == "+47 22 33 44 55"


def test_a_card_cut_short_at_the_end_of_the_file_is_read_with_a_warning() -> None:
    text = card("N:One;A") + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Two;B\r\n"
    results = list(read_vcard_text(text))
    second = results[1]
    assert isinstance(second, Incoming)
    assert second.fields.last_name == "Two"
    assert any("END:VCARD" in w for w in second.warnings)


def test_text_without_a_card_cannot_be_read() -> None:
    with pytest.raises(UnreadableFileError, match="no vCard"):
        read_vcard_text("hello\r\n")


# --- the repairs for what real clients write -----------------------------------------------


def test_a_profile_line_is_dropped() -> None:
    got = read_one(card("PROFILE:VCard", "N:Doe;John"))
    assert got.fields.last_name == "Doe"


def test_cr_cr_lf_line_ends_of_ios() -> None:
    data = b64(JPEG)
    text = card("N:Doe;John", f"PHOTO;ENCODING=b;TYPE=JPEG:{data[:30]}", f" {data[30:]}")
    got = read_one(text.replace("\r\n", "\r\r\n"))
    assert got.fields.last_name == "Doe"
    assert got.photo is not None
    assert got.photo.data == JPEG


def test_quoted_printable_soft_line_breaks_and_a_line_that_starts_with_a_hash() -> None:
    got = read_one(
        card(
            "N:Doe;John",
            "# a comment line, dropped",
            "NOTE;ENCODING=QUOTED-PRINTABLE:This is an (sharp ->=",
            "#<- sharp) example=0D=0ASecond line=",
            " and more",
            version="2.1",
        )
    )
    assert got.fields.notes == "This is an (sharp ->#<- sharp) example\nSecond line and more"


def test_address_continued_by_backslashes() -> None:
    got = read_one(
        card(
            "N:bogus",
            "ADR;HOME:;;Hermann v. Brevern\\",
            "9999999\\",
            "Packstation 999;Hamburg;;99999;Deutschland",
            version="2.1",
        )
    )
    assert got.fields.addresses[0].street == "Hermann v. Brevern\n9999999\nPackstation 999"
    assert got.fields.addresses[0].city == "Hamburg"


def test_a_nested_card_stays_inside_its_card() -> None:
    text = card("N:parent", "AGENT:", "BEGIN:VCARD", "N:nested", "END:VCARD", "TEL:1")
    got = read_one(text)
    assert (got.fields.first_name, got.fields.last_name) == ("", "parent")
    assert got.fields.phones == (Phone("1", "other"),)
    assert any("nested" in w for w in got.warnings)


# --- encodings ---------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "cards.vcf"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le"])
def test_unicode_files(tmp_path: Path, codec: str) -> None:
    text = card("N:Ærlig;Åse", "NOTE:naïve — ✓")
    if codec == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(codec)
    (got,) = read_vcards(write(tmp_path, data))
    assert isinstance(got, Incoming)
    assert (got.fields.first_name, got.fields.last_name) == ("Åse", "Ærlig")
    assert got.fields.notes == "naïve — ✓"


def test_shift_jis_lines_named_by_their_charset(tmp_path: Path) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:"
        + "安藤;ロイド".encode("cp932")
        + b"\r\nNOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=83=82\r\n"
        + b"ORG:"
        + "Café".encode()
        + b"\r\nEND:VCARD\r\n"
    )
    (got,) = read_vcards(write(tmp_path, data))
    assert isinstance(got, Incoming)
    assert (got.fields.last_name, got.fields.first_name) == ("安藤", "ロイド")
    assert got.fields.notes == "メモ"
    assert got.fields.company == "Café"


def test_a_line_in_no_unicode_is_read_as_windows_1252(tmp_path: Path) -> None:
    data = card("N:M\x00ller;J").replace("\x00", "ü").encode("cp1252")
    (got,) = read_vcards(write(tmp_path, data))
    assert isinstance(got, Incoming)
    assert got.fields.last_name == "Müller"


@pytest.mark.parametrize("charset", ["NOPE", "\x00UTF-8", "UTF-16"])
def test_quoted_printable_in_a_charset_that_does_not_fit_falls_back(charset: str) -> None:
    line = f"N;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J"
    got = read_one(card(line, version="2.1"))
    assert got.fields.last_name == "Müller"


def test_a_binary_file_cannot_be_read(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableFileError, match=r"cards\.vcf.*binary"):
        read_vcards(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match=r"missing\.vcf"):
        read_vcards(tmp_path / "missing.vcf")


def test_a_line_labelled_latin_1_but_written_in_utf_8(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:" + "Ødegård;Åse".encode()
    data += b"\r\nORG;CHARSET=ISO-8859-1:" + "Café".encode("latin-1") + b"\r\nEND:VCARD\r\n"
    (got,) = read_vcards(write(tmp_path, data))
    assert isinstance(got, Incoming)
    assert (got.fields.last_name, got.fields.first_name) == ("Ødegård", "Åse")
    assert got.fields.company == "Café"
