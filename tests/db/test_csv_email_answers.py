"""The CSV reader's e-mail answers used by the import's checks: exactly what `normalise_email`
gives, so that asking once is the same as asking twice."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from db.contacts import create_contact
from db.interchange.csv_rows import read_csv
from db.interchange.csv_values import check_email
from db.interchange.import_checks import Checked, Checker
from db.interchange.import_records import ImportOptions
from db.interchange.importing import survey_import
from db.interchange.incoming import Incoming
from db.records import Email
from db.store import Store
from db.validation import normalise_email
from tests.db.factories import person

LOCAL = st.text(alphabet="aZ09._-+!#'é", min_size=1, max_size=20)
DOMAINS = ["Example.COM", "müller.de", "MÜLLER.de", "xn--mller-kva.de", "sub.Example.org "]


@settings(max_examples=300, deadline=None)
@given(local=LOCAL, domain=st.sampled_from(DOMAINS))
def test_the_readers_answer_is_normalise_emails(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    try:
        expected = normalise_email(address)
    except ValueError:
        return  # (that both refuse the same is test_csv_dates' test)
    assert check_email(address) == expected


def test_checked_contacts_carry_the_readers_answers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,E-mail 2 Address\n"
        "Kari,Nordmann,Kari.N@Example.ORG,kari@MÜLLER.de\n",
        encoding="utf-8",
    )
    (record,) = read_csv(path).records
    assert isinstance(record, Incoming)
    with store.session() as session:
        checked = Checker(session).check(record)
    assert isinstance(checked, Checked)
    assert checked.normalized_emails == ("kari.n@example.org", "kari@müller.de")


def test_a_stored_contact_is_matched_by_the_readers_answer(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        create_contact(session, person("Kari", "Nordmann", emails=(Email("kari.n@example.org"),)))
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address\nKari,Nordmann,KARI.N@Example.ORG\n", encoding="utf-8"
    )
    with store.session() as session:
        survey = survey_import(session, read_csv(path).records, ImportOptions("skip"))
    assert survey.by_how == {"same e-mail": 1}
