"""Python's cycle collector paused for the length of a bulk operation (a duplicate scan, an
export, an import): these make and drop millions of small records that hold no reference cycles
and are freed by their counts, and the collector's passes over them (one every 700 new objects)
cost a fifth of the time. Resumed after, even on an error, unless something else had paused it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
