"""One typed registry of the application's settings, over QSettings.

Each key is declared once, with its default; its type is the default's type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


WINDOW_GEOMETRY = Setting("main_window/geometry", b"")
WINDOW_STATE = Setting("main_window/state", b"")
SPLITTER_STATE = Setting("main_window/splitter", b"")
LIST_COLUMNS = Setting(
    "contact_list/columns", ["name", "company", "phone", "email", "city", "status"]
)
LIST_COLUMN_WIDTHS: Setting[list[str]] = Setting("contact_list/widths", [])  # "key=pixels"
LIST_SORT: Setting[list[str]] = Setting("contact_list/sort", [])  # [sort key], or none: by name
LIST_SORT_DESCENDING = Setting("contact_list/descending", False)
DETAIL_TAB = Setting("contact_form/tab", 0)
RECENT_DATABASES: Setting[list[str]] = Setting("files/recent", [])
LAST_DATABASE = Setting("files/last", "")
LOG_NEXT_KIND = Setting("log/next_kind", "call")
LOG_QUICK_CHOICE = Setting("log/quick_choice", "next week")


class Settings:
    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    def get(self, setting: Setting[T]) -> T:
        raw = self.qsettings.value(setting.key)
        if raw is None:
            return setting.default
        return cast(T, _convert(raw, setting.default))

    def set(self, setting: Setting[T], value: T) -> None:
        stored: Any = QByteArray(value) if isinstance(value, bytes) else value
        self.qsettings.setValue(setting.key, stored)

    def forget_database(self, path: str) -> None:
        self.set(RECENT_DATABASES, [p for p in self.get(RECENT_DATABASES) if p != path])

    def remember_database(self, path: str) -> None:
        """Put `path` first among the recent databases and make it the one opened next time."""
        recent = [p for p in self.get(RECENT_DATABASES) if p != path]
        self.set(RECENT_DATABASES, [path, *recent][:MAX_RECENT])
        self.set(LAST_DATABASE, path)


def _to_bytes(raw: Any) -> bytes:
    return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)


def _to_bool(raw: Any) -> bool:
    return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")


def _to_list(raw: Any) -> list[str]:
    # An INI file gives a one-item list back as a plain string.
    return [raw] if isinstance(raw, str) else [str(item) for item in raw]


# Checked in this order: bool before int, since a bool is an int.
_CONVERTERS: tuple[tuple[type, Any], ...] = (
    (bytes, _to_bytes),
    (bool, _to_bool),
    (int, int),
    (list, _to_list),
)


def _convert(raw: Any, default: Any) -> Any:
    """QSettings gives strings back from INI files: turn them into the default's type."""
    convert = next((c for kind, c in _CONVERTERS if isinstance(default, kind)), str)
    try:
        return convert(raw)
    except (TypeError, ValueError):
        return default
