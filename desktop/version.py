"""The version of Cardfile, read from the installed distribution's metadata."""

from __future__ import annotations


def app_version() -> str:
    # (importlib.metadata takes a good 10 ms to import: only when the version is asked for)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cardfile")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
