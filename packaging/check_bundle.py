"""`make package-check`: validate the desktop files, then try the frozen build as a user would.

    .venv/bin/python packaging/check_bundle.py [dist/cardfile]

Runs desktop-file-validate and appstreamcli on packaging/linux/; starts the bundle with
`--version` (it must say pyproject.toml's version), fills a demo database with `demo`, renders
`--screenshots` offscreen (every file a non-empty PNG, the About box among them), and times the
start-up to the first painted window. Prints the bundle size and the times; exits 1 on a failure.
Everything it writes goes to a temporary folder, never to the user's data or settings.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_contents import APP_ID, EXECUTABLE, ROOT, project_version

LINUX = ROOT / "packaging" / "linux"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RUNS = 5
FIRST_PAINT_LINE = "cardfile: first paint"  # desktop.app.FIRST_PAINT_LINE (a test checks)
MUST_RENDER = ("main-window.png", "about.png")


class CheckFailedError(Exception):
    pass


def run(command: list[str], env: dict[str, str], timeout: float = 300) -> str:
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise CheckFailedError(
            f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def validate_desktop_files() -> None:
    desktop = LINUX / f"{APP_ID}.desktop"
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    env = dict(os.environ)
    print(f"desktop-file-validate {desktop.name}")
    print(run(["desktop-file-validate", str(desktop)], env) or "  passed, nothing to report")
    print(f"appstreamcli validate {metainfo.name}")
    online = subprocess.run(
        ["appstreamcli", "validate", str(metainfo)], capture_output=True, text=True, check=False
    )
    if online.returncode == 0:
        print(online.stdout)
        return
    # With no network the URL and screenshot checks fail; everything else must still pass.
    print("  (failed with the network checks; again with --no-net:)")
    print("  " + online.stdout.replace("\n", "\n  "))
    print(run(["appstreamcli", "validate", "--no-net", str(metainfo)], env))


def bundle_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def check_version(executable: Path, env: dict[str, str]) -> list[float]:
    expected = f"Cardfile {project_version()}"
    times = []
    for _ in range(RUNS + 1):  # the first run warms the file cache
        started = time.perf_counter()
        said = run([str(executable), "--version"], env).strip()
        times.append(time.perf_counter() - started)
        if said != expected:
            raise CheckFailedError(f"--version said {said!r}, pyproject.toml says {expected!r}")
    print(f"--version: {said!r}, as pyproject.toml says")
    return times[1:]


def check_screenshots(executable: Path, database: Path, folder: Path, env: dict[str, str]) -> int:
    env = {key: value for key, value in env.items() if key != "QT_QPA_PLATFORM"}
    printed = run([str(executable), "--db", str(database), "--screenshots", str(folder)], env)
    saved = [Path(line) for line in printed.splitlines() if line.endswith(".png")]
    for name in MUST_RENDER:
        if folder / name not in saved:
            raise CheckFailedError(f"--screenshots did not render {name}; it printed:\n{printed}")
    for path in saved:
        data = path.read_bytes() if path.exists() else b""
        if len(data) <= len(PNG_MAGIC) or not data.startswith(PNG_MAGIC):
            raise CheckFailedError(f"{path} is missing, empty or not a PNG")
    print(f"--screenshots: {len(saved)} PNG files, none empty, the About box among them")
    return len(saved)


def time_to_first_paint(executable: Path, database: Path, env: dict[str, str]) -> float:
    """From starting the process to the window saying its contact list has painted."""
    env = {**env, "CARDFILE_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    with subprocess.Popen(
        [str(executable), "--db", str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == FIRST_PAINT_LINE:
                painted = time.perf_counter() - started
                break
        else:
            painted = -1.0
        _, errors = process.communicate(timeout=120)
    if painted < 0 or process.returncode != 0:
        raise CheckFailedError(
            f"the window did not report its first paint (exit {process.returncode}):\n{errors}"
        )
    return painted


def check(bundle: Path) -> None:
    executable = bundle / (f"{EXECUTABLE}.exe" if sys.platform == "win32" else EXECUTABLE)
    if not executable.exists():
        raise CheckFailedError(f"no {executable}: build it first with `make package`")
    validate_desktop_files()
    with tempfile.TemporaryDirectory(prefix="cardfile-check-") as scratch:
        home = Path(scratch)
        env = {**os.environ}
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[variable] = str(home / variable.lower())
        version_times = check_version(executable, env)
        database = home / "demo.sqlite"
        print(run([str(executable), "--db", str(database), "demo", "--contacts", "200"], env))
        shots = check_screenshots(executable, database, home / "screenshots", env)
        time_to_first_paint(executable, database, env)  # warm-up
        paint_times = [time_to_first_paint(executable, database, env) for _ in range(RUNS)]
    size = bundle_size(bundle)
    print()
    print(f"bundle: {bundle}  {size / 1e6:.1f} MB in {sum(1 for _ in bundle.rglob('*')):,} files")
    print(
        f"start-up to --version printed: median {statistics.median(version_times) * 1000:.0f} ms"
        f" of {RUNS} runs"
    )
    print(
        f"start-up to the window's first paint (200 contacts, offscreen): median "
        f"{statistics.median(paint_times) * 1000:.0f} ms of {RUNS} runs "
        f"(min {min(paint_times) * 1000:.0f}, max {max(paint_times) * 1000:.0f})"
    )
    print(f"screenshots rendered: {shots}")
    print("package-check passed")


def main() -> None:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / EXECUTABLE
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None:
            raise SystemExit(f"check_bundle: {tool} is missing (make package-check installs it)")
    try:
        check(bundle.resolve())
    except (CheckFailedError, OSError, subprocess.TimeoutExpired) as exc:
        raise SystemExit(f"check_bundle: FAILED: {exc}") from None


if __name__ == "__main__":
    main()
