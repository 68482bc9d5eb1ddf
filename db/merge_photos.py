"""Photos in a merge: the survivor keeps its own photo, or takes the first absorbed contact's
when it has none; every photo is kept in the merge's record, so that its undo gives each
contact back the photo it had."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import ContactPhotoRow

Json = dict[str, Any]


def photos_of(session: Session, contact_ids: Sequence[int]) -> dict[str, Json]:
    """Each of these contacts' photo, by contact id (as text, for JSON)."""
    rows = session.scalars(
        select(ContactPhotoRow).where(ContactPhotoRow.contact_id.in_(contact_ids))
    )
    return {
        str(r.contact_id): {"mime": r.mime, "data": base64.b64encode(r.data).decode("ascii")}
        for r in rows
    }


def _add(session: Session, contact_id: int, photo: Json) -> None:
    data = base64.b64decode(photo["data"])
    session.add(ContactPhotoRow(contact_id=contact_id, mime=photo["mime"], data=data))


def keep_a_photo(
    session: Session, survivor_id: int, order: Sequence[int], photos: Mapping[str, Json]
) -> None:
    """Give the survivor the first photo among `order` (itself first) when it has none."""
    if str(survivor_id) in photos:
        return
    first = next((photos[str(c)] for c in order if str(c) in photos), None)
    if first is not None:
        _add(session, survivor_id, first)


def put_photos_back(
    session: Session, contact_ids: Sequence[int], photos: Mapping[str, Json]
) -> None:
    """Each of these contacts gets back the photo it had (or none)."""
    session.execute(delete(ContactPhotoRow).where(ContactPhotoRow.contact_id.in_(contact_ids)))
    session.flush()
    for contact_id in contact_ids:
        if str(contact_id) in photos:
            _add(session, contact_id, photos[str(contact_id)])
