"""Writing an export file whole or not at all: the file is written under a temporary name beside
the target and renamed over it once complete, so a failure (a full disk, a cancel, bad data)
leaves no half file and leaves an earlier file of that name as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_atomically(out: Path) -> Iterator[Path]:
    """A temporary path beside `out` to write to; on leaving without an error it replaces `out`
    (flushed to the disk first), on an error it is removed and `out` is left alone.

    A file that is replaced keeps its permissions; a new one is readable by its owner only
    (contacts are personal data)."""
    out = Path(out)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    part = Path(name)
    try:
        yield part
        with contextlib.suppress(OSError):  # (a file on a share may refuse chmod)
            part.chmod(out.stat().st_mode & 0o7777 if out.exists() else 0o600)
        with part.open("rb+") as written:
            os.fsync(written.fileno())
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
