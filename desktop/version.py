"""The version of Cardfile, read from the installed distribution's metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("cardfile")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
