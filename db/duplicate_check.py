"""Is this one contact (about to be saved, or imported) a likely duplicate of one already there?

The few contacts that could be (the same e-mail or phone, a last or first name starting the
same) are found through indexes, and scored against it as a scan would score them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from db.duplicate_profiles import (
    SEPARATOR,
    Profiles,
    city_key,
    company_key,
    folded_name,
    house_number,
    postcode_key,
    read_profiles,
    shares,
    street_key,
    values_of,
)
from db.duplicate_records import WARN_SCORE
from db.duplicate_scoring import Shared, score_pairs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.records import ContactFields

CANDIDATES = 400  # at most, per way of finding them
NAME_START = 4


@dataclass(frozen=True)
class LikelyDuplicate:
    contact_id: int
    name: str
    company: str
    score: float


def _emails(fields: ContactFields) -> str:
    from db.validation import normalise_email

    found = set()
    for email in fields.emails:
        try:
            found.add(normalise_email(email.address))
        except ValueError:
            continue
    return SEPARATOR.join(sorted(found))


def _phones(fields: ContactFields, region: str) -> str:
    from db.phones import PhoneNumberError, to_e164

    found = set()
    for phone in fields.phones:
        try:
            e164 = phone.e164 or to_e164(phone.number, region)
        except PhoneNumberError:
            continue
        if e164:
            found.add(e164)
    return SEPARATOR.join(sorted(found))


def append_profile(
    profiles: Profiles,
    fields: ContactFields,
    region: str,
    normalized_emails: Sequence[str] | None = None,
) -> None:
    """The unsaved contact as the last profile. `normalized_emails`: its e-mails' normalised
    forms when they are known already ("" for one that is not an address), not worked out again."""
    address = next((a for a in fields.addresses if a.is_mailing), None) or next(
        iter(fields.addresses), None
    )
    profiles.ids.append(0)
    profiles.first.append(folded_name(fields.first_name))
    profiles.last.append(folded_name(fields.last_name))
    profiles.company.append(company_key(fields.company))
    profiles.birthday.append(fields.birthday.isoformat() if fields.birthday else "")
    if normalized_emails is None:
        profiles.emails.append(_emails(fields))
    else:
        profiles.emails.append(SEPARATOR.join(sorted(set(normalized_emails) - {""})))
    profiles.phones.append(_phones(fields, region))
    profiles.postcode.append(postcode_key(address.postal_code) if address else "")
    profiles.city.append(city_key(address.city) if address else "")
    profiles.street.append(street_key(address.street) if address else "")
    profiles.house.append(house_number(address.street) if address else "")


def _candidates(session: Session, profile: Profiles, n: int) -> set[int]:
    from db.search import raw_rows

    found: set[int] = set()

    def add(sql: str, params: dict[str, object]) -> None:
        found.update(r[0] for r in raw_rows(session, f"{sql} LIMIT {CANDIDATES}", params))

    for address in values_of(profile.emails[n]):
        add("SELECT contact_id FROM emails WHERE normalized = :v", {"v": address})
    for phone in values_of(profile.phones[n]):
        add("SELECT contact_id FROM phones WHERE e164 = :v", {"v": phone})
    for name in {profile.last[n], profile.first[n]} - {""}:
        start = name[:NAME_START]
        add(
            "SELECT id FROM contacts WHERE deleted_at IS NULL "
            "AND sort_name >= :lo AND sort_name < :hi",
            {"lo": start, "hi": start + "\uffff"},
        )
    return found


def likely_duplicates(
    session: Session,
    fields: ContactFields,
    *,
    exclude_id: int | None = None,
    min_score: float = WARN_SCORE,
    limit: int = 3,
) -> list[LikelyDuplicate]:
    """The live contacts that `fields` is likely a duplicate of, most alike first. The bar is
    lower than the review queue's: this only asks a question, before saving."""
    from db import search
    from db.store_settings import default_region

    region = default_region(session)
    probe = Profiles()
    append_profile(probe, fields, region)
    ids = _candidates(session, probe, 0) - {exclude_id or 0}
    if not ids:
        return []
    profiles = read_profiles(session, sorted(ids))
    if not profiles.ids:
        return []
    append_profile(profiles, fields, region)
    new = len(profiles) - 1
    others = np.arange(new, dtype=np.int64)
    mine = np.full(new, new, dtype=np.int64)
    shared = Shared(
        email=np.array([shares(profiles.emails[i], profiles.emails[new]) for i in others]),
        phone=np.array([shares(profiles.phones[i], profiles.phones[new]) for i in others]),
    )
    scores = score_pairs(profiles, others, mine, shared)
    best = [int(i) for i in np.argsort(-scores) if scores[i] >= min_score][:limit]
    rows = search.list_rows(session, [profiles.ids[i] for i in best])
    return [
        LikelyDuplicate(
            profiles.ids[i],
            rows[profiles.ids[i]].name,
            rows[profiles.ids[i]].company,
            round(float(scores[i]), 4),
        )
        for i in best
    ]
