"""The lock file that keeps a database to one window."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.lock import STALE_AFTER, DatabaseLock, DatabaseLockedError, lock_path, read_holder


def _write_holder(path: Path, pid: int, host: str | None = None) -> None:
    holder = {"pid": pid, "host": host or socket.gethostname(), "started": time.time()}
    path.write_text(json.dumps(holder), encoding="utf-8")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_says_who_holds_it_and_is_released(db_path: Path) -> None:
    lock = DatabaseLock.acquire(db_path)
    holder = read_holder(lock_path(db_path))
    assert holder is not None
    assert (holder.pid, holder.host) == (os.getpid(), socket.gethostname())
    assert lock_path(db_path).name == "contacts.sqlite.lock"
    lock.release()
    assert not lock_path(db_path).exists()
    DatabaseLock.acquire(db_path).release()  # free again


def test_a_live_lock_is_refused(db_path: Path) -> None:
    lock = DatabaseLock.acquire(db_path)
    try:
        with pytest.raises(
            DatabaseLockedError,
            match=rf"already open in another Cardfile window \(pid {os.getpid()}\)",
        ):
            DatabaseLock.acquire(db_path)
    finally:
        lock.release()


def test_a_lock_held_by_another_running_process_is_refused(db_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_holder(lock_path(db_path), other.pid)
        with pytest.raises(DatabaseLockedError) as refused:
            DatabaseLock.acquire(db_path)
        assert refused.value.holder.pid == other.pid
        assert lock_path(db_path).exists()
    finally:
        other.kill()
        other.wait()


def test_a_lock_whose_process_is_gone_is_taken_over(db_path: Path) -> None:
    _write_holder(lock_path(db_path), _dead_pid())
    lock = DatabaseLock.acquire(db_path)
    holder = read_holder(lock_path(db_path))
    assert holder is not None
    assert holder.pid == os.getpid()
    lock.release()


def test_a_very_old_lock_from_another_host_is_taken_over(db_path: Path) -> None:
    path = lock_path(db_path)
    _write_holder(path, 1, host="elsewhere.example")
    with pytest.raises(DatabaseLockedError, match=r"on elsewhere\.example"):
        DatabaseLock.acquire(db_path)
    old = time.time() - STALE_AFTER - 60
    os.utime(path, (old, old))
    DatabaseLock.acquire(db_path).release()


def test_an_unreadable_lock_and_our_own_leftover_are_taken_over(db_path: Path) -> None:
    lock_path(db_path).write_text("not json", encoding="utf-8")
    DatabaseLock.acquire(db_path).release()
    _write_holder(lock_path(db_path), os.getpid())  # left by this process, no longer held
    DatabaseLock.acquire(db_path).release()


def test_releasing_leaves_a_lock_taken_over_by_another_alone(db_path: Path) -> None:
    lock = DatabaseLock.acquire(db_path)
    _write_holder(lock_path(db_path), os.getpid() + 1)  # as if taken over meanwhile
    lock.release()
    assert lock_path(db_path).exists()
