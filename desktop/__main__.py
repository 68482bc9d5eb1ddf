"""Entry point of `cardfile` and `python -m desktop`: a window, or a sub-command."""

from __future__ import annotations

import multiprocessing
import sys

from desktop.cli import main as cli_main


def main() -> None:
    # A frozen (PyInstaller) Cardfile's worker processes (a big import's, the demo's) start as
    # this program again: this makes them workers, not another Cardfile.
    multiprocessing.freeze_support()
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
