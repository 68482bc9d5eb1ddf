"""Panels docked at the window's sides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


def add_dock(
    window: QMainWindow,
    title: str,
    name: str,
    widget: QWidget,
    area: Qt.DockWidgetArea | QDockWidget,
) -> QDockWidget:
    """Dock `widget` on `window` under `title` at a side, or below another dock; `name` keeps
    its place between runs."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    if isinstance(area, QDockWidget):
        window.addDockWidget(window.dockWidgetArea(area), dock)
        window.splitDockWidget(area, dock, Qt.Orientation.Vertical)
    else:
        window.addDockWidget(area, dock)
    return dock
