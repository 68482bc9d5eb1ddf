"""Regression: PySide6 6.12.0 on Python 3.11 lowers None's reference count on every void call
and the process dies with `Fatal Python error: none_dealloc` after a few thousand. pyproject.toml
pins PySide6 below 6.12 on Python < 3.12; this test fails if a broken build comes back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_leave_none_alone() -> None:
    holder = QObject()
    holder.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for n in range(1000):
        holder.setObjectName(f"name {n}")  # a void method: returns None to Python
        holder.blockSignals(False)
    after = sys.getrefcount(None)
    assert abs(after - before) < 50, (before, after)
