"""Test set-up: Qt offscreen, and no test ever touches the real user folders."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no display here, and keep data and settings in a throw-away place.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="cardfile-tests-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_variable] = str(_SANDBOX / _variable.lower())

from db.store import Store, open_store  # noqa: E402 (the environment must be set first)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "contacts.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()
