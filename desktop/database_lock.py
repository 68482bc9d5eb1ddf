"""The window's hold on its database: the lock file (one window per database, or read-only
beside another) and a cheap poll that picks up changes made elsewhere, e.g. by the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from db.lock import DatabaseLock, DatabaseLockedError, lock_path
from db.store import Store, StoreError, open_store
from desktop.store_events import ChangeSet
from desktop.widgets import prompts

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

POLL_MS = 3000
REFRESH_EVERY = 100  # polls between refreshes of the lock file's time (five minutes)
ELSEWHERE = ChangeSet(list_changed=True, followups=True, categories=True, lists=True)


def open_locked(
    parent: QWidget | None, path: Path, *, create: bool
) -> tuple[Store, DatabaseLock | None] | None:
    """Open the database at `path` holding its lock; when another window holds it, ask whether
    to open it read-only. None when the user cancels; StoreError when it cannot be opened."""
    if not create and not path.exists():
        return open_store(path, create=False), None  # raises StoreError: says it is gone
    try:
        if create:
            path.expanduser().parent.mkdir(parents=True, exist_ok=True)
        lock: DatabaseLock | None = DatabaseLock.acquire(path)
    except DatabaseLockedError as held:
        if not prompts.confirm(
            parent,
            "Database already open",
            f"{held}\n\nOpen it read-only here? You can look, but not change anything.",
            "Open Read-Only",
        ):
            return None
        lock = None
    except OSError as exc:
        raise StoreError(f"{path} could not be locked for this window: {exc}.") from exc
    try:
        store = open_store(path, create=create, read_only=lock is None)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return store, lock


def title_name(store: Store) -> str:
    return f"{store.path.name} (read-only)" if store.read_only else store.path.name


class DatabaseHold(QObject):
    """Holds the window's lock, and polls the database for changes made by other connections."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._lock: DatabaseLock | None = None
        self._pending: DatabaseLock | None = None
        self._polls = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def hold(self, lock: DatabaseLock | None) -> None:
        """Hold `lock` (None: read-only, nothing held) instead of the one held before."""
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock = lock

    def open(self, path: Path, *, create: bool) -> Store | None:
        """The store for the window to switch to (its lock waits for `switched`); None when
        the user cancelled."""
        if self._lock is not None and self._lock.path == lock_path(path):
            # This window holds it already (opened again, or just restored): keep that lock.
            self._pending = self._lock
            return open_store(path, create=create)
        opened = open_locked(self._window, path, create=create)
        if opened is None:
            return None
        store, self._pending = opened
        return store

    def switched(self) -> None:
        """The window now shows the store `open` gave: let go of the old database."""
        self.hold(self._pending)
        self._pending = None

    def release(self) -> None:
        self.timer.stop()
        self.hold(None)

    def poll(self) -> bool:
        """Announce a change when another connection has written since the last poll."""
        self._polls += 1
        if self._lock is not None and self._polls % REFRESH_EVERY == 0:
            self._lock.refresh()
        try:
            changed = self._window.store.changed_elsewhere()
        except sqlite3.Error:
            return False  # busy or gone: try again at the next poll
        if changed:
            self._window.events.announce(ELSEWHERE)
        return changed
