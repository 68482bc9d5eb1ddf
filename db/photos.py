"""A contact's photo (from an imported vCard): at most one per contact."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.interchange.incoming import Photo
from db.models import ContactPhotoRow


def contact_photo(session: Session, contact_id: int) -> Photo | None:
    row = session.scalar(select(ContactPhotoRow).where(ContactPhotoRow.contact_id == contact_id))
    return Photo(row.data, row.mime) if row else None
