"""An incoming contact that matches a stored one, applied to it: either filling in only what the
stored contact lacks, or updating it with every value the file gives (the file wins). Lists
(phones, e-mails, addresses, categories) are combined without repeats, never cut.

Every replaced value goes into the history (as any edit's does), and the contact as it was is
kept in the import's record so that undoing the import puts it back.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from db.contacts import add_history, get_contact, update_contact
from db.folding import digits_only, fold
from db.merge_rows import snapshot
from db.models import ContactCategoryRow, ContactPhotoRow, FollowUpRow, HistoryRow
from db.records import SCALAR_FIELDS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.interchange.import_checks import Checked
    from db.interchange.import_writes import Names
    from db.records import Address, ContactFields


def combined_fields(stored: ContactFields, incoming: ContactFields, *, fill: bool) -> ContactFields:
    """`stored` with what `incoming` adds: with `fill`, only into empty fields; else the file's
    non-empty values win. Flags are only ever set, never cleared."""
    changes: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        mine, theirs = getattr(stored, name), getattr(incoming, name)
        if isinstance(mine, bool):
            changes[name] = mine or theirs
        elif theirs not in ("", None) and (not fill or mine in ("", None)):
            changes[name] = theirs
    have_phones = {p.e164 or digits_only(p.number) for p in stored.phones}
    have_emails = {e.address.casefold() for e in stored.emails}
    have_places = {_place(a) for a in stored.addresses}
    phones = [p for p in incoming.phones if (p.e164 or digits_only(p.number)) not in have_phones]
    emails = [replace(e, is_primary=False) for e in incoming.emails]
    emails = [e for e in emails if e.address.casefold() not in have_emails]
    places = [replace(a, is_mailing=False) for a in incoming.addresses]
    places = [a for a in places if _place(a) not in have_places]
    return replace(
        stored,
        **changes,
        phones=(*stored.phones, *phones),
        emails=(*stored.emails, *emails),
        addresses=(*stored.addresses, *places),
    )


def _place(address: Address) -> tuple[str, str, str]:
    return fold(address.street), fold(address.postal_code), fold(address.city)


def _photo_json(row: ContactPhotoRow | None) -> dict[str, str] | None:
    if row is None:
        return None
    return {"mime": row.mime, "data": base64.b64encode(row.data).decode("ascii")}


def tag_history(session: Session, contact_id: int, after_id: int, batch_id: int) -> list[int]:
    """Mark the contact's history entries after `after_id` as written by import `batch_id`
    (an undo tells them from what the user added since); returns all the contact's entries."""
    rows = session.scalars(select(HistoryRow).where(HistoryRow.contact_id == contact_id)).all()
    for row in rows:
        if row.id > after_id:
            detail = json.loads(row.detail) if row.detail else {}
            row.detail = json.dumps({**detail, "import_batch": batch_id})
    return sorted(r.id for r in rows)


def apply_match(
    session: Session,
    names: Names,
    contact_id: int,
    record: Checked,
    *,
    fill: bool,
    label: str,
    batch_id: int,
) -> str | None:
    """Apply `record` to the stored contact; the contact as it was (JSON, for the undo), or
    None when the file had nothing that it lacks (then nothing is written)."""
    from db.custom_values import contact_values, set_contact_values

    taken = snapshot(session, contact_id)
    had_photo = session.scalar(
        select(ContactPhotoRow).where(ContactPhotoRow.contact_id == contact_id)
    )
    before: dict[str, Any] = {"contact": taken, "photo": _photo_json(had_photo)}
    stored = get_contact(session, contact_id).fields
    fields = combined_fields(stored, record.fields, fill=fill)
    current = contact_values(session, contact_id)
    values = {}
    for name, value in record.values:
        field_id, _column = names.field(name)
        if current.get(field_id) != value and (not fill or field_id not in current):
            values[field_id] = value
    categories = {names.category(c) for c in record.incoming.categories} - {None}
    had = {r["category_id"] for r in taken["contact_categories"]}
    new_categories = sorted(c for c in categories if c is not None and c not in had)
    photo = record.incoming.photo
    new_photo = photo is not None and (
        had_photo is None
        or (not fill and (photo.mime, photo.data) != (had_photo.mime, had_photo.data))
    )
    if fields == stored and not values and not new_categories and not new_photo:
        return None
    last = session.scalar(select(func.max(HistoryRow.id))) or 0
    if fields != stored:
        update_contact(session, contact_id, fields)
    if values:
        set_contact_values(session, contact_id, values)
    for category_id in new_categories:
        session.add(ContactCategoryRow(contact_id=contact_id, category_id=category_id))
    if new_photo and photo is not None:
        session.query(ContactPhotoRow).filter_by(contact_id=contact_id).delete()
        session.add(ContactPhotoRow(contact_id=contact_id, mime=photo.mime, data=photo.data))
    add_history(session, contact_id, "edit", label)
    session.flush()
    before["history_ids"] = tag_history(session, contact_id, last, batch_id)
    before["followup_ids"] = list(
        session.scalars(select(FollowUpRow.id).where(FollowUpRow.contact_id == contact_id))
    )
    return json.dumps(before)
