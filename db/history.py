"""Changing a contact's history: the entries a user wrote (calls, meetings, notes) can be
corrected or deleted; the ones Cardfile wrote (created, edits, Trash, merges) are the record
that undo relies on, and stay as they are."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.followup_records import LOG_KINDS as USER_KINDS
from db.models import ContactRow, HistoryRow
from db.records import FieldError
from db.validation import InvalidContactError


def _user_entry(session: Session, entry_id: int) -> HistoryRow:
    row = session.get(HistoryRow, entry_id)
    if row is None:
        raise LookupError(f"There is no history entry {entry_id}")
    if row.kind not in USER_KINDS:
        raise ValueError(f"A '{row.kind}' entry is written by Cardfile and cannot be changed")
    return row


def update_history_entry(session: Session, entry_id: int, text: str, result: str) -> int:
    """Correct what an entry says; returns the contact's id. A call or meeting keeps a result,
    and when it is the contact's latest one, the contact's "last result" follows it."""
    row = _user_entry(session, entry_id)
    if row.kind != "note" and not result.strip():
        raise InvalidContactError([FieldError("Result", "a call or meeting needs a result")])
    row.text, row.result = text.strip(), result.strip()
    latest = session.scalars(
        select(HistoryRow)
        .where(HistoryRow.contact_id == row.contact_id, HistoryRow.kind.in_(("call", "meeting")))
        .order_by(HistoryRow.occurred_at.desc(), HistoryRow.id.desc())
        .limit(1)
    ).first()
    if latest is row:
        contact = session.get(ContactRow, row.contact_id)
        if contact is not None:
            contact.last_result = row.result
    return row.contact_id


def delete_history_entry(session: Session, entry_id: int) -> int:
    """Delete an entry the user wrote; returns the contact's id."""
    row = _user_entry(session, entry_id)
    contact_id = row.contact_id
    session.delete(row)
    return contact_id
