"""One window per database: a lock file beside it (`<db>.lock`) says who has it open.

The file holds the holder's pid, host and start time. A window takes it when it opens a database
and removes it when it closes or opens another. A lock whose holder is gone (its pid no longer
runs on this host, or it has not been refreshed for `STALE_AFTER`) is taken over silently. The
command line does not take the lock: it works beside an open window (SQLite keeps them apart).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

# A window refreshes its lock while it runs; one untouched this long belongs to nobody.
STALE_AFTER = 24 * 60 * 60

# Locks this process holds (resolved lock paths): a second window in the same process is refused.
_held: set[Path] = set()


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: float


class DatabaseLockedError(Exception):
    """Another live Cardfile window has the database open."""

    def __init__(self, path: Path, holder: Holder) -> None:
        where = "" if holder.host == _host() else f" on {holder.host}"
        super().__init__(
            f"{path.name} is already open in another Cardfile window (pid {holder.pid}{where})."
        )
        self.holder = holder


def lock_path(database: Path) -> Path:
    database = database.expanduser().resolve()
    return database.with_name(f"{database.name}.lock")


class DatabaseLock:
    """The lock on one database, held until `release()`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def acquire(cls, database: Path) -> DatabaseLock:
        """Take the lock on `database`; DatabaseLockedError when a live window holds it."""
        path = lock_path(database)
        for _attempt in range(3):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = read_holder(path)
                if holder is not None and _is_live(path, holder):
                    raise DatabaseLockedError(database, holder) from None
                path.unlink(missing_ok=True)  # stale (or unreadable): take it over
                continue
            me = Holder(os.getpid(), _host(), time.time())
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump({"pid": me.pid, "host": me.host, "started": me.started}, file)
            _held.add(path)
            return cls(path)
        raise OSError(f"could not take the lock {path}")

    def refresh(self) -> None:
        """Say the holder still runs (for locks seen from another host)."""
        if self.path in _held:
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        if self.path not in _held:
            return
        _held.discard(self.path)
        holder = read_holder(self.path)
        if holder is not None and holder.pid == os.getpid():
            self.path.unlink(missing_ok=True)


def read_holder(path: Path) -> Holder | None:
    """Who holds the lock file at `path`; None when it is missing or cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), float(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _is_live(path: Path, holder: Holder) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER:
        return False
    if holder.host != _host():
        return True  # cannot look at another host's processes: trust a fresh lock
    if holder.pid == os.getpid():
        return path in _held
    return _pid_running(holder.pid)


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would stop the process there: trust a fresh lock
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, but running
    except OSError:
        return False
    return True


def _host() -> str:
    """This machine's name (socket is a good 4 ms to import: uname first)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()
