"""What a mailing leaves behind: an entry in each recipient's history ("Label: Avery 5160",
"Envelope: #10", "Letter: Welcome") and, when asked, a follow-up call some days later; all in one
transaction, after the pieces were printed or saved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.orm import Session

from db.clock import Clock, SystemClock, now_utc_naive, today, utc_to_local
from db.contacts import add_history
from db.followup_records import NextAction
from db.followups import schedule
from db.models import CONTACT_KINDS

MAIL_KIND = "letter"  # a history kind that counts as being in touch ("last contacted")
MAX_FOLLOW_UP_DAYS = 366


def letter_text(template_name: str) -> str:
    return f"Letter: {template_name}"


def label_text(sheet_name: str) -> str:
    return f"Label: {sheet_name}"


def envelope_text(size_name: str) -> str:
    return f"Envelope: {size_name}"


def record_mailing(
    session: Session,
    contact_ids: Sequence[int],
    kind: str,
    text: str,
    follow_up_days: int | None = None,
    *,
    clock: Clock | None = None,
) -> int:
    """One history entry per contact, and a follow-up call in `follow_up_days` days for each
    when given; returns how many contacts it recorded. The caller's session is the one
    transaction: nothing is written when any contact fails."""
    clock = clock or SystemClock()
    if kind not in CONTACT_KINDS:
        raise ValueError(f"'{kind}' is not a kind of contact ({', '.join(CONTACT_KINDS)})")
    if follow_up_days is not None and not 0 <= follow_up_days <= MAX_FOLLOW_UP_DAYS:
        raise ValueError(
            f"A follow-up is due in 0 to {MAX_FOLLOW_UP_DAYS} days, not {follow_up_days}"
        )
    moment = utc_to_local(now_utc_naive(clock), clock).replace(tzinfo=None)
    action = None
    if follow_up_days is not None:
        due = today(clock) + timedelta(days=follow_up_days)
        action = NextAction("call", f"Call after the mailing ({text})", due)
    unique = list(dict.fromkeys(contact_ids))
    for contact_id in unique:
        add_history(session, contact_id, kind, text, occurred_at=moment)
        if action is not None:
            schedule(session, contact_id, action, clock)
    return len(unique)
