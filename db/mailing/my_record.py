"""My record: the sender's own details (name, title, company, address, phone, e-mail and the
signature text), kept in the database as JSON so that the window and the command line agree.
Envelopes take their return address from it; letters their sender and signature."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from sqlalchemy.orm import Session

from db.mailing.address_block import address_lines, country_code
from db.records import Address
from db.store_settings import default_region, get_setting, set_setting

MY_RECORD_KEY = "mailing.my_record"


@dataclass(frozen=True)
class MyRecord:
    name: str = ""
    title: str = ""
    company: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    signature: str = ""

    @property
    def address(self) -> Address:
        return Address(self.street, self.city, self.region, self.postal_code, self.country)

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name).strip() for f in fields(self))


def get_my_record(session: Session) -> MyRecord:
    """The sender's details as saved (all empty before the user has filled them in)."""
    stored = get_setting(session, MY_RECORD_KEY)
    try:
        values = json.loads(stored) if stored else {}
    except json.JSONDecodeError:
        values = {}  # a damaged value reads as not filled in; saving again replaces it
    if not isinstance(values, dict):
        values = {}
    known = {f.name for f in fields(MyRecord)}
    return MyRecord(**{k: str(v) for k, v in values.items() if k in known})


def set_my_record(session: Session, record: MyRecord) -> None:
    cleaned = {k: v.strip() for k, v in asdict(record).items()}
    cleaned["signature"] = record.signature.strip("\n")
    set_setting(session, MY_RECORD_KEY, json.dumps(cleaned, ensure_ascii=False))


def home_country(session: Session) -> str:
    """The sender's country (ISO code): My record's, else the database's default region."""
    mine = country_code(get_my_record(session).country)
    return mine or default_region(session).upper()


def return_address(record: MyRecord, home: str) -> tuple[str, ...]:
    """The sender's block for an envelope: name, company, address (country only when abroad)."""
    lines = [line for line in (record.name.strip(), record.company.strip()) if line]
    if not record.address.is_empty():
        lines.extend(address_lines(record.address, home))
    return tuple(lines)
