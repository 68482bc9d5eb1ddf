"""The cycle collector paused for a bulk operation and resumed after, even on an error."""

from __future__ import annotations

import gc

import pytest

from db.cycle_collector import collector_paused


def test_paused_inside_and_resumed_after_even_on_an_error() -> None:
    seen: list[bool] = []

    def fail_inside() -> None:
        with collector_paused():
            seen.append(gc.isenabled())
            raise KeyError

    assert gc.isenabled()
    with pytest.raises(KeyError):
        fail_inside()
    assert seen == [False]
    assert gc.isenabled()


def test_left_off_when_something_else_had_paused_it() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
