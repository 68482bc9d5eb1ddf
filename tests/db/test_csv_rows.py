"""CSV rows to Incoming records: several values per cell, numbered groups, checks per row,
rejected rows written out, and Cardfile's own layout read back as it was written."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from db.field_types import MAX_TEXT as MAX_USER_TEXT
from db.interchange.csv_mapping import positional_mapping
from db.interchange.csv_rows import read_csv, write_rejected
from db.interchange.csv_targets import Target, field
from db.interchange.incoming import Incoming, Read, Rejected, birthday_without_year
from db.records import Address, ContactFields, Email, Phone
from db.validation import MAX_TEXT
from tests.db.factories import full_person


def write(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    path = folder / "in.csv"
    path.write_bytes(text.encode(encoding))
    return path


def read(folder: Path, text: str, **options: str) -> list[Read]:
    return list(read_csv(write(folder, text), **options).records)


def only(records: list[Read]) -> Incoming:
    assert len(records) == 1, records
    record = records[0]
    assert isinstance(record, Incoming), str(record)
    return record


def rejected(records: list[Read]) -> Rejected:
    assert len(records) == 1, records
    record = records[0]
    assert isinstance(record, Rejected), record
    return record


def test_google_values_joined_by_colons_become_several(tmp_path: Path) -> None:
    text = (
        "First Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
        "Ada,* myContacts ::: Friends ::: Work,* Home,a@example.org ::: b@example.com,"
        "Mobile ::: Work,+44 20 7946 0958 ::: +44 20 7946 0000\n"
    )
    record = only(read(tmp_path, text))
    assert record.categories == ("Friends", "Work")
    assert record.fields.emails == (
        Email("a@example.org", "home", is_primary=True),
        Email("b@example.com", "home"),
    )
    assert record.fields.phones == (
        Phone("+44 20 7946 0958", "mobile"),
        Phone("+44 20 7946 0000", "work"),
    )


def test_numbered_groups_become_several_items(tmp_path: Path) -> None:
    text = (
        "First Name,E-mail Address,E-mail 2 Address,Phone 3 - Label,Phone 3 - Value,"
        "Address 2 - Label,Address 2 - Street,Address 2 - Extended Address,Address 2 - City,"
        "Address 2 - PO Box\n"
        'Ada,a@example.org,b@example.org,Home,555 0101,Work,"1 Road",Floor 2,Leeds,12\n'
    )
    fields = only(read(tmp_path, text)).fields
    assert [e.address for e in fields.emails] == ["a@example.org", "b@example.org"]
    assert fields.emails[0].is_primary
    assert fields.phones == (Phone("555 0101", "home"),)
    assert fields.addresses == (
        Address("1 Road\nFloor 2\nPO Box 12", "Leeds", kind="work", is_mailing=True),
    )


def test_outlook_categories_are_split_at_semicolons_and_its_empty_dates_are_empty(
    tmp_path: Path,
) -> None:
    text = (
        '"First Name","Birthday","Anniversary","Categories"\r\n'
        '"Jürgen","0/0/00","00/00/0000","Kunden;VIP"\r\n'
    )
    record = only(read(tmp_path, text, encoding="cp1252"))
    assert record.categories == ("Kunden", "VIP")
    assert record.fields.birthday is None
    assert record.custom == ()  # no user field "Anniversary" holding 0/0/00


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1980-03-22", date(1980, 3, 22)),
        ("--03-22", birthday_without_year(3, 22)),
        ("3/22/1980", date(1980, 3, 22)),
        ("22.03.1980", date(1980, 3, 22)),
        ("0/0/00", None),
    ],
)
def test_each_date_form(tmp_path: Path, cell: str, expected: date | None) -> None:
    record = only(read(tmp_path, f"Name,Birthday\nAda,{cell}\n"))
    assert record.fields.birthday == expected


def test_the_day_month_order_is_guessed_from_a_date_that_settles_it(tmp_path: Path) -> None:
    text = "Name,Birthday\nAda,03/04/1980\nBob,1/2/1970\nCy,25/12/1990\n"
    found = read_csv(write(tmp_path, text))
    assert found.date_order.order == "DMY"
    assert "line 4" in found.date_order.reason
    births = [r.fields.birthday for r in found.records if isinstance(r, Incoming)]
    assert births == [date(1980, 4, 3), date(1970, 2, 1), date(1990, 12, 25)]


def test_ambiguous_dates_follow_the_systems_order_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    path = write(tmp_path, "Name,Birthday\nAda,03/04/1980\n")
    found = read_csv(path)
    assert found.date_order.order == "MDY"
    assert "this computer's order" in found.date_order.reason
    assert only(list(found.records)).fields.birthday == date(1980, 3, 4)
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert only(list(read_csv(path).records)).fields.birthday == date(1980, 4, 3)


def test_a_chosen_order_is_used(tmp_path: Path) -> None:
    records = read(tmp_path, "Name,Birthday\nAda,03/04/1980\n", date_order="DMY")
    assert only(records).fields.birthday == date(1980, 4, 3)


def test_an_impossible_date_rejects_the_row_naming_line_and_field(tmp_path: Path) -> None:
    text = "Name,Birthday\nAda,22/03/1980\nBob,31/02/1990\n"
    records = read(tmp_path, text)
    assert isinstance(records[0], Incoming)
    problem = records[1]
    assert isinstance(problem, Rejected)
    assert (problem.where, problem.field) == ("line 3", "Birthday")
    assert "31/02/1990" in problem.reason
    assert problem.raw == ("Bob", "31/02/1990")


def test_spreadsheet_damaged_phone_numbers_are_rejected_not_repaired(tmp_path: Path) -> None:
    text = "Vorname;Telefon\r\nBjörn;4,93012E+11\r\nAnna;6.28123E+12\r\nCarl;+49 30 123\r\n"
    records = read(tmp_path, text, encoding="cp1252")
    assert [str(r) for r in records[:2]] == [
        "line 2: Telefon: '4,93012E+11' was turned into a number by a spreadsheet: "
        "its last digits are lost (fix it in the source file)",
        "line 3: Telefon: '6.28123E+12' was turned into a number by a spreadsheet: "
        "its last digits are lost (fix it in the source file)",
    ]
    carl = records[2]
    assert isinstance(carl, Incoming)
    assert carl.fields.phones == (Phone("+49 30 123", "work"),)  # kept as written


def test_a_bad_email_rejects_the_row_with_line_column_and_reason(tmp_path: Path) -> None:
    problem = rejected(read(tmp_path, "Name,Email\nAda,ada(at)example.org\n"))
    assert problem.where == "line 2"
    assert problem.field == "Email"
    assert "'ada(at)example.org' is not an e-mail address" in problem.reason


def test_an_over_long_value_rejects_the_row_naming_the_field(tmp_path: Path) -> None:
    long_company = "C" * (MAX_TEXT + 1)
    problem = rejected(read(tmp_path, f"Name,Company\nAda,{long_company}\n"))
    assert (problem.where, problem.field) == ("line 2", "Company")
    assert f"longer than {MAX_TEXT}" in problem.reason
    long_note = "n" * (MAX_TEXT * 10)
    assert only(read(tmp_path, f"Name,Notes\nAda,{long_note}\n")).fields.notes == long_note
    too_long_custom = "u" * (MAX_USER_TEXT + 1)
    problem = rejected(read(tmp_path, f"Name,Shoe size\nAda,{too_long_custom}\n"))
    assert problem.field == "Shoe size"


def test_a_number_or_address_given_twice_is_one(tmp_path: Path) -> None:
    text = "Name,Business Phone,Primary Phone,E-mail Address,E-mail 2 Address\n"
    text += "Ada,555 0101,555 0101,ada@example.org,ADA@example.org\n"
    fields = only(read(tmp_path, text)).fields
    assert fields.phones == (Phone("555 0101", "work"),)
    assert fields.emails == (Email("ada@example.org", "work", is_primary=True),)


def test_a_record_keeps_its_cells_for_a_file_of_rejected_rows(tmp_path: Path) -> None:
    assert only(read(tmp_path, "Name,City\nAda, Leeds \n")).raw == ("Ada", " Leeds ")


def test_rows_without_anyone_are_rejected_and_empty_rows_skipped(tmp_path: Path) -> None:
    text = "First Name,Email,City\n,,\n  , ,\n,,Leeds\nAda,,\n"
    records = read(tmp_path, text)
    assert [str(r) for r in records[:1]] == ["line 4: no name, company, e-mail or phone"]
    assert isinstance(records[1], Incoming)
    assert len(records) == 2


def test_a_row_with_more_cells_than_the_header_is_rejected(tmp_path: Path) -> None:
    records = read(tmp_path, "Name,Notes\nAda,a,b\nBob,b,\n")
    assert isinstance(records[0], Rejected)
    assert "3 cells but the header 2 columns" in records[0].reason
    assert isinstance(records[1], Incoming)  # an empty extra cell is harmless


def test_unknown_columns_become_user_fields_or_are_left_out(tmp_path: Path) -> None:
    text = "First Name,Shoe size,Umsatz\nAda,38,\n"
    assert only(read(tmp_path, text)).custom == (("Shoe size", "38"),)
    assert only(read(tmp_path, text, unknown="ignore")).custom == ()


def test_a_file_without_a_header_is_read_by_position(tmp_path: Path) -> None:
    path = write(tmp_path, "Dr. John Q. Public Jr.,Acme,john@example.com\n")
    targets = [Target("full_name"), field("company"), Target("email", part="address", item="1")]
    found = read_csv(path, positional_mapping(3, targets))
    fields = only(list(found.records)).fields
    assert (fields.prefix, fields.first_name, fields.middle_name) == ("Dr.", "John", "Q.")
    assert (fields.last_name, fields.suffix, fields.company) == ("Public", "Jr.", "Acme")
    assert fields.emails == (Email("john@example.com", "work", is_primary=True),)
    assert found.file.header == ()


def test_a_display_name_is_split_only_when_first_and_last_are_empty(tmp_path: Path) -> None:
    text = "First Name,Last Name,Display Name\nAda,,Countess Lovelace\n,,Grace Hopper\n"
    ada, grace = read(tmp_path, text)
    assert isinstance(ada, Incoming)
    assert isinstance(grace, Incoming)
    assert (ada.fields.first_name, ada.fields.last_name) == ("Ada", "")
    assert (grace.fields.first_name, grace.fields.last_name) == ("Grace", "Hopper")


def test_thunderbirds_birthday_parts(tmp_path: Path) -> None:
    text = "Display Name,Birth Year,Birth Month,Birth Day\nA B,1980,1,15\nC D,,12,10\nE F,1,13,1\n"
    first, second, third = read(tmp_path, text)
    assert isinstance(first, Incoming)
    assert isinstance(second, Incoming)
    assert first.fields.birthday == date(1980, 1, 15)
    assert second.fields.birthday == birthday_without_year(12, 10)
    assert isinstance(third, Rejected)
    assert third.field == "Birth Year"


def test_a_second_column_for_the_same_field_is_kept_as_a_user_field(tmp_path: Path) -> None:
    text = "Name,Website 1 - Value,Website 2 - Value\nAda,https://a.example,https://b.example\n"
    record = only(read(tmp_path, text))
    assert record.fields.web_site == "https://a.example"
    assert record.custom == (("Website 2 - Value", "https://b.example"),)


def test_googles_labelled_custom_fields(tmp_path: Path) -> None:
    text = (
        "Name,Event 1 - Label,Event 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value\n"
        "Ada,Anniversary,2010-06-01,,blue\n"
    )
    record = only(read(tmp_path, text))
    assert record.custom == (("Anniversary", "2010-06-01"), ("Custom Field 1 - Value", "blue"))


def test_a_flag_that_is_not_yes_or_no_is_rejected(tmp_path: Path) -> None:
    records = read(tmp_path, "Name,Do Not Call\nAda,Yes\nBob,maybe\n")
    assert isinstance(records[0], Incoming)
    assert records[0].fields.do_not_call is True
    assert str(records[1]) == "line 3: Do Not Call: 'maybe' is not yes or no"


def test_rejected_rows_are_written_for_excel_with_their_problem(tmp_path: Path) -> None:
    text = "Name,Email,Birthday\nAda,bad@,\nBob,bob@example.com,31/02/1990\nCy,c@example.com,\n"
    found = read_csv(write(tmp_path, text))
    problems = [r for r in found.records if isinstance(r, Rejected)]
    out = tmp_path / "rejected.csv"
    assert write_rejected(problems, found.file.header, out) == 2
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as written:
        table = list(csv.reader(written))
    assert table[0] == ["Name", "Email", "Birthday", "Problem"]
    assert table[1][:3] == ["Ada", "bad@", ""]
    assert table[1][3].startswith("line 2: Email: 'bad@' is not an e-mail address")
    assert table[2][:3] == ["Bob", "bob@example.com", "31/02/1990"]
    assert table[2][3].startswith("line 3: Birthday:")


# Cardfile's own layout, as its export writes it (see the export's documentation).

CARDFILE_FIXED = [
    ("ID", None),
    ("Prefix", "prefix"),
    ("First Name", "first_name"),
    ("Middle Name", "middle_name"),
    ("Last Name", "last_name"),
    ("Suffix", "suffix"),
    ("Salutation", "salutation"),
    ("Company", "company"),
    ("Department", "department"),
    ("Job Title", "title"),
    ("Web Site", "web_site"),
    ("Birthday", "birthday"),
    ("Status", "status"),
    ("Referred By", "referred_by"),
    ("Last Result", "last_result"),
    ("Do Not Call", "do_not_call"),
    ("Do Not Mail", "do_not_mail"),
    ("Do Not E-mail", "do_not_email"),
    ("Mail Returned", "mail_returned"),
    ("E-mail Bounced", "email_bounced"),
    ("Notes", "notes"),
]
ADDRESS_PARTS = ("Street", "City", "Region", "Postal Code", "Country")


def cardfile_file(path: Path, contacts: list[Incoming]) -> None:
    """A file written by the rules of Cardfile's CSV export."""
    emails = max(len(c.fields.emails) for c in contacts)
    phones = max(len(c.fields.phones) for c in contacts)
    addresses = max(len(c.fields.addresses) for c in contacts)
    user_fields = list(dict.fromkeys(name for c in contacts for name, _ in c.custom))
    header = [name for name, _ in CARDFILE_FIXED] + ["Categories"]
    for n in range(1, emails + 1):
        header += [f"E-mail {n} - Label", f"E-mail {n} - Value"]
    for n in range(1, phones + 1):
        header += [f"Phone {n} - {p}" for p in ("Label", "Value", "Extension")]
    for n in range(1, addresses + 1):
        header += [f"Address {n} - {p}" for p in ("Label", *ADDRESS_PARTS)]
    taken = {h.lower() for h in header}
    header += [f"{u} (user field)" if u.lower() in taken else u for u in user_fields]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for number, contact in enumerate(contacts, start=1):
            writer.writerow(cardfile_row(number, contact, emails, phones, addresses, user_fields))


def cardfile_row(
    number: int, contact: Incoming, emails: int, phones: int, addresses: int, user: list[str]
) -> list[str]:
    f = contact.fields
    row = [str(number)]
    for _, name in CARDFILE_FIXED[1:]:
        value = getattr(f, name)
        if isinstance(value, bool):
            row.append("Yes" if value else "")
        elif isinstance(value, date):
            row.append(value.isoformat() if value.year != 1604 else value.strftime("--%m-%d"))
        else:
            row.append(value or "")
    row.append(" ::: ".join(contact.categories))
    for n in range(emails):
        e = f.emails[n] if n < len(f.emails) else None
        row += [e.kind, e.address] if e else ["", ""]
    for n in range(phones):
        p = f.phones[n] if n < len(f.phones) else None
        row += [p.kind, p.number, p.extension] if p else ["", "", ""]
    for n in range(addresses):
        a = f.addresses[n] if n < len(f.addresses) else None
        parts = [a.street, a.city, a.region, a.postal_code, a.country] if a else [""] * 5
        row += [a.kind if a else "", *parts]
    values = dict(contact.custom)
    return row + [values.get(name, "") for name in user]


def test_cardfiles_own_export_reads_back_to_the_same_records(tmp_path: Path) -> None:
    typed = full_person()
    contacts = [
        Incoming(
            replace(
                typed,
                middle_name="King",
                suffix="PhD",
                company="Analytical Engines; Ltd",
                department="Maths",
                web_site="https://ada.example",
                birthday=date(1815, 12, 10),
                referred_by="Babbage",
                last_result="Called",
                do_not_call=True,
                email_bounced=True,
                notes='First line\nsecond, with a comma and "quotes"',
                emails=tuple(replace(e, is_primary=n == 0) for n, e in enumerate(typed.emails)),
                addresses=(
                    Address("Storgata 1\nFloor 2", "Tromsø", "", "9008", "NO", "work", True),
                    *typed.addresses[1:],
                ),
            ),
            "line 2",
            categories=("Friends", "VIP; gold"),
            custom=(("Shoe size", "38"), ("Notes", "a user field called Notes")),
        ),
        Incoming(
            ContactFields(
                company="Bare Company",
                birthday=birthday_without_year(2, 29),
                do_not_mail=True,
                mail_returned=True,
                do_not_email=True,
                phones=(Phone("555 0101", "fax"),),
            ),
            "line 5",  # the first contact's notes and street take two lines each
        ),
    ]
    path = tmp_path / "cardfile.csv"
    cardfile_file(path, contacts)
    found = read_csv(path)
    assert found.layout == "Cardfile"
    records = list(found.records)
    assert [replace(r, raw=()) for r in records] == contacts
    assert records[1].raw[:8] == ("2", "", "", "", "", "", "", "Bare Company")
