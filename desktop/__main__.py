"""Entry point of `cardfile` and `python -m desktop`: a window, or a sub-command."""

from __future__ import annotations

import sys

from desktop.cli import main as cli_main


def main() -> None:
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
