"""Running a write on the store: one user action is one transaction, a refused write is told to
the user in words (nothing was changed, what they typed stays on screen), and afterwards every
view hears what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from db.store import Store
from desktop.store_events import ChangeSet, StoreEvents
from desktop.widgets import prompts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    value: T


class Operations:
    def __init__(self, parent: QWidget, events: StoreEvents, store: Callable[[], Store]) -> None:
        self._parent = parent
        self._events = events
        self._store = store

    def write(
        self, what: str, action: Callable[[Session], T], change: ChangeSet | None = None
    ) -> Done[T] | None:
        """Run `action` in one transaction and announce `change`; None when the database
        refused (the user has been told). Bad input (InvalidContactError) is the caller's."""
        from sqlalchemy.exc import SQLAlchemyError

        from db.followup_records import FollowUpClosedError
        from db.validation import InvalidContactError

        if self._store().read_only:
            prompts.show_error(
                self._parent,
                "Read-only",
                f"Cardfile could not {what}: this database is open read-only, because another "
                "Cardfile window has it open. Nothing was changed. Make the change in that "
                "window, or close it and open the database again here.",
            )
            return None
        try:
            with self._store().session() as session:
                value = action(session)
        except FollowUpClosedError as gone:  # done or removed meanwhile: say so, then refresh
            prompts.show_error(self._parent, "Already done", f"Cardfile could not {what}. {gone}.")
            self._events.announce(ChangeSet(followups=True))
            return None
        except InvalidContactError:
            raise  # bad input: the caller shows it beside the fields
        except (LookupError, ValueError) as refused:  # e.g. a contact deleted meanwhile
            prompts.show_error(self._parent, "Not done", f"Cardfile could not {what}: {refused}.")
            self._events.announce(ChangeSet(list_changed=True))
            return None
        except SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            prompts.show_error(
                self._parent,
                "Not saved",
                f"Cardfile could not {what}: {in_words(str(reason))}\n\n"
                "Nothing was changed, and what you typed is still on screen. "
                "Try again once that is put right.",
            )
            return None
        if change is not None:
            self._events.announce(change)
        return Done(value)

    def read(self, action: Callable[[Session], T]) -> T:
        with self._store().session() as session:
            return action(session)

    def announce(self, change: ChangeSet) -> None:
        """Tell every view what changed (when it is known only after the write)."""
        self._events.announce(change)


# What SQLite says when the file cannot be written, and what it means for the user.
_CAUSES = (
    ("readonly", "the database file is read-only (its permissions, or a write-protected drive)"),
    ("full", "the disk is full"),
    ("disk i/o error", "the database file cannot be reached (was its drive removed?)"),
    ("unable to open", "the database file cannot be reached (was its drive removed?)"),
    ("locked", "another program is writing to the database just now"),
)


def in_words(reason: str) -> str:
    """SQLite's reason for refusing a write, with what it means, for a message box."""
    meaning = next((words for key, words in _CAUSES if key in reason.lower()), "")
    said = f"the database said “{reason}”."
    return f"{meaning}; {said}" if meaning else said
