"""A refusal at start-up shown as a message box, for the windowed program with no console."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

_apps: list[QApplication] = []
"""Keeps a QApplication made here alive while the box is shown."""


def show_startup_error(message: str) -> None:
    """Show `message` (Chinese, from a UserError) in a modal box and return when closed."""
    if QApplication.instance() is None:
        _apps.append(QApplication([]))
    QMessageBox.critical(None, "供热收费收银台", message)
