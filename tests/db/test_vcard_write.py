"""Writing vCards: what each field becomes in 3.0 and 4.0, and that what is written reads back
to the same record (a hypothesis round trip)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.interchange.incoming import Incoming, Photo, birthday_without_year
from db.interchange.vcard_read import read_vcard_text
from db.interchange.vcard_write import vcard_text, write_vcards
from db.records import PHONE_KINDS, Address, ContactFields, Email, Phone

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def contact(**changes: object) -> Incoming:
    fields = ContactFields(first_name="Kari", last_name="Nordmann")
    return Incoming(replace(fields, **changes), "card 1")  # type: ignore[arg-type]


def lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.split("\r\n")[:-1]


def test_version_lines_and_names() -> None:
    text = vcard_text(contact(prefix="Dr.", company="Acme, Inc."), uid="u-1")
    got = lines(text)
    assert got[0] == "BEGIN:VCARD"
    assert got[1] == "VERSION:3.0"
    assert got[-1] == "END:VCARD"
    assert "N:Nordmann;Kari;;Dr.;" in got
    assert "FN:Dr. Kari Nordmann" in got
    assert "ORG:Acme\\, Inc." in got
    assert "UID:u-1" in got
    assert "VERSION:4.0" in lines(vcard_text(contact(), version="4.0"))


def test_formatted_name_falls_back_to_company_then_e_mail() -> None:
    assert "FN:Acme" in lines(vcard_text(contact(first_name="", last_name="", company="Acme")))
    only_mail = contact(first_name="", last_name="", emails=(Email("a@x.org"),))
    assert "FN:a@x.org" in lines(vcard_text(only_mail))


def test_birthday_without_a_year() -> None:
    no_year = contact(birthday=birthday_without_year(3, 12))
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-12" in lines(vcard_text(no_year))
    assert "BDAY:--0312" in lines(vcard_text(no_year, version="4.0"))
    assert "BDAY:1980-03-22" in lines(vcard_text(contact(birthday=date(1980, 3, 22))))


def test_kinds_and_preference() -> None:
    record = contact(
        phones=(Phone("1", "mobile"), Phone("2", "fax"), Phone("3", "work", "12")),
        emails=(Email("a@x.org", "home", True), Email("b@x.org", "other")),
        addresses=(Address("1 Main St", city="Oslo", kind="work", is_mailing=True),),
    )
    got = lines(vcard_text(record))
    assert "TEL;TYPE=CELL,VOICE:1" in got
    assert "TEL;TYPE=FAX:2" in got
    assert "TEL;TYPE=WORK,VOICE:3 ext. 12" in got
    assert "EMAIL;TYPE=INTERNET,HOME,PREF:a@x.org" in got
    assert "EMAIL;TYPE=INTERNET:b@x.org" in got
    assert "ADR;TYPE=WORK,PREF:;;1 Main St;Oslo;;;" in got
    got4 = lines(vcard_text(record, version="4.0"))
    assert "EMAIL;PREF=1;TYPE=home:a@x.org" in got4
    assert "ADR;PREF=1;TYPE=work:;;1 Main St;Oslo;;;" in got4


def test_categories_user_fields_and_cardfile_fields() -> None:
    record = replace(
        contact(status="Hot", do_not_mail=True),
        categories=("VIP", "A, B"),
        custom=(("Account; #", "12,3"),),
    )
    got = lines(vcard_text(record))
    assert "CATEGORIES:VIP,A\\, B" in got
    assert "X-CARDFILE-FIELD:Account\\; #;12\\,3" in got
    assert "X-CARDFILE-STATUS:Hot" in got
    assert "X-CARDFILE-DO-NOT-MAIL:1" in got
    assert not any(line.startswith("X-CARDFILE-DO-NOT-CALL") for line in got)


def test_photos_are_folded_in_3_0_and_a_data_uri_in_4_0() -> None:
    record = replace(contact(), photo=Photo(PNG, "image/png"))
    got = lines(vcard_text(record))
    assert any(line.startswith("PHOTO;ENCODING=b;TYPE=PNG:iVBOR") for line in got)
    assert all(len(line.encode()) <= 75 for line in got)
    got4 = lines(vcard_text(record, version="4.0"))
    assert any(line.startswith("PHOTO:data:image/png;base64,iVBOR") for line in got4)


def test_long_non_ascii_lines_are_folded_between_characters() -> None:
    text = vcard_text(contact(notes="ø" * 200))
    assert all(len(line.encode()) <= 76 for line in lines(text))
    (back,) = read_vcard_text(text)
    assert isinstance(back, Incoming)
    assert back.fields.notes == "ø" * 200


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match=r"2\.1"):
        vcard_text(contact(), version="2.1")


def test_write_vcards_counts_and_names_each_card() -> None:
    out = io.StringIO()
    count = write_vcards([(7, contact()), (9, contact(first_name="Ola"))], out, version="4.0")
    assert count == 2
    text = out.getvalue()
    assert "UID:cardfile-contact-7" in text
    assert "UID:cardfile-contact-9" in text
    read = list(read_vcard_text(text))
    assert [r.fields.first_name for r in read if isinstance(r, Incoming)] == ["Kari", "Ola"]


# --- the round trip ------------------------------------------------------------------------

# Short fields: one line, no space at either end (the reader trims them), at most 200 long.
_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85")
short = st.text(_CHARS, max_size=30).map(str.strip)
tricky = st.sampled_from(["a, b", "x;y", "back\\slash", "Åse Ødegård", "新しい", 'q"uote', ":"])
short_text = st.one_of(short, tricky)
# Notes and user-field values: several lines (LF; CR LF comes back as LF).
long_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
    max_size=80,
)
number = st.from_regex(r"\+?[0-9][0-9 ()-]{0,14}[0-9]", fullmatch=True)


@st.composite
def incoming(draw: st.DrawFn) -> Incoming:
    names = {k: draw(short_text) for k in ("first_name", "middle_name", "last_name")}
    if any(names.values()):  # a prefix or suffix alone is not a name
        names.update(prefix=draw(short_text), suffix=draw(short_text))
    phones = draw(
        st.lists(
            st.builds(
                Phone,
                number,
                st.sampled_from(PHONE_KINDS),
                st.one_of(st.just(""), st.from_regex(r"[0-9]{1,5}", fullmatch=True)),
            ),
            max_size=3,
        )
    )
    emails = draw(
        st.lists(
            st.builds(
                Email,
                st.from_regex(r"[a-z0-9._]{1,10}@[a-z0-9]{1,8}\.(org|no|com)", fullmatch=True),
                st.sampled_from(("work", "home", "other")),
            ),
            max_size=3,
        )
    )
    if emails and draw(st.booleans()):
        chosen = draw(st.integers(0, len(emails) - 1))
        emails[chosen] = replace(emails[chosen], is_primary=True)
    addresses = draw(
        st.lists(
            st.builds(
                Address,
                st.lists(short_text.filter(bool), max_size=3).map("\n".join),
                short_text,
                short_text,
                short_text,
                short_text,
                st.sampled_from(("work", "home", "other")),
            ).filter(lambda a: not a.is_empty()),
            max_size=3,
        )
    )
    if addresses:  # the reader marks the preferred address, else the first, for mail
        mailing = draw(st.integers(0, len(addresses) - 1))
        addresses = [replace(a, is_mailing=n == mailing) for n, a in enumerate(addresses)]
    birthday = draw(
        st.one_of(
            st.none(),
            st.dates(date(1850, 1, 1), date(2025, 12, 31)),
            st.dates(date(1604, 1, 1), date(1604, 12, 31)),
        )
    )
    fields = ContactFields(
        **names,
        company=draw(short_text),
        department=draw(short_text),
        title=draw(short_text),
        web_site=draw(st.sampled_from(["", "https://example.org/a,b;c", "www.x.no"])),
        birthday=birthday,
        status=draw(short_text),
        salutation=draw(short_text),
        do_not_call=draw(st.booleans()),
        email_bounced=draw(st.booleans()),
        notes=draw(long_text),
        phones=tuple(p for p in phones if p.number.strip() == p.number),
        emails=tuple(emails),
        addresses=tuple(addresses),
    )
    categories = draw(st.lists(short_text.filter(bool), max_size=3, unique_by=str.casefold))
    custom = draw(st.lists(st.tuples(short_text.filter(bool), long_text), max_size=3))
    photo = draw(
        st.one_of(
            st.none(),
            st.builds(
                Photo, st.binary(max_size=200).map(lambda b: PNG[:8] + b), st.just("image/png")
            ),
            st.builds(
                Photo,
                st.binary(max_size=50).map(lambda b: b"\xff\xd8\xff" + b),
                st.just("image/jpeg"),
            ),
        )
    )
    return Incoming(fields, "card 1", tuple(categories), tuple(custom), photo)


def _known_by_something(record: Incoming) -> bool:
    f = record.fields
    return bool(f.first_name or f.middle_name or f.last_name or f.company or f.emails or f.phones)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=incoming())
def test_round_trip(version: str, record: Incoming) -> None:
    text = vcard_text(record, version=version)
    read = list(read_vcard_text(text))
    assert len(read) == 1
    back = read[0]
    if not _known_by_something(record):
        assert str(back) == "card 1: no name, company, e-mail or phone"
        return
    assert isinstance(back, Incoming), back
    assert back.raw == (text,)
    back = replace(back, raw=())
    expected = record
    names = (record.fields.first_name, record.fields.middle_name, record.fields.last_name)
    if not any(names) and not record.fields.company:  # filed under its e-mail or phone
        f = record.fields
        stand_in = f.emails[0].address if f.emails else f.phones[0].number
        expected = replace(expected, fields=replace(f, company=stand_in), warnings=back.warnings)
    assert back == expected, text
