"""Coverage-guided fuzzing (atheris, libFuzzer) of the CSV and vCard importers and the letter
template renderer: so many inputs each, none may crash (`make bench` only; the suite's own
hypothesis fuzz tests are shorter). The figure is the inputs tried per target."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.benchmarks.benchlib import QUICK, ROOT, SCRIPTS, Figures, child_env

RUNS = 5_000 if QUICK else 50_000


@pytest.mark.parametrize("target", ["csv", "vcard", "template"])
def test_fuzz(target: str) -> None:
    pytest.importorskip("atheris", reason="atheris (the bench extra) is not installed")
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / "fuzz_target.py"), target, str(RUNS)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    found = re.search(r"Done (\d+) runs in (\d+) second", done.stderr)
    assert found, done.stderr[-2000:]
    figures = Figures()
    figures.add(f"fuzz.{target}.inputs", None, float(found.group(1)), seconds=int(found.group(2)))
    figures.add(f"fuzz.{target}.crashes", None, 0.0)
    figures.check()
