"""Settings kept in the database itself, so that the window and the command line agree."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import StatusRow, StoreSettingRow
from db.phones import DEFAULT_REGION, is_known_region

DEFAULT_REGION_KEY = "phone.default_region"


def get_setting(session: Session, key: str, default: str = "") -> str:
    value = session.scalar(select(StoreSettingRow.value).where(StoreSettingRow.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.scalar(select(StoreSettingRow).where(StoreSettingRow.key == key))
    if row is None:
        session.add(StoreSettingRow(key=key, value=value))
    else:
        row.value = value


def default_region(session: Session) -> str:
    """The region assumed for phone numbers typed without a country code ('US', 'NO', …)."""
    return get_setting(session, DEFAULT_REGION_KEY, DEFAULT_REGION)


def set_default_region(session: Session, region: str) -> None:
    if not is_known_region(region):
        raise ValueError(f"'{region}' is not a country code that phone numbers know")
    set_setting(session, DEFAULT_REGION_KEY, region.upper())


def statuses(session: Session) -> list[str]:
    """The status choices, in the user's order."""
    return list(
        session.scalars(select(StatusRow.name).order_by(StatusRow.position, StatusRow.name))
    )
