"""numpy's OpenBLAS kept to one thread: Cardfile does no linear algebra, and a thread per core
spinning at import costs every process of a big import CPU that its work needs."""

from __future__ import annotations

import os
import subprocess
import sys


def _threads_after_import(environment: dict[str, str]) -> str:
    code = "import db, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_importing_db_keeps_openblas_to_one_thread() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _threads_after_import(environment) == "1"


def test_a_setting_of_the_users_own_is_kept() -> None:
    assert _threads_after_import({**os.environ, "OPENBLAS_NUM_THREADS": "3"}) == "3"
