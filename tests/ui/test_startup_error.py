"""Without a console (the windowed program), a refusal at start-up is shown in a box."""

from __future__ import annotations

import sys

from cashier.cli import main


def test_refusal_without_console_is_shown_in_a_message_box(qtbot, sqlite_url, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "cashier.ui.startup_error.QMessageBox.critical",
        lambda parent, title, text: shown.append((title, text)),
    )
    assert main(["--db", sqlite_url, "demo", "--accounts", "2"]) == 0
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--db", sqlite_url, "demo", "--accounts", "2"]) == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "供热收费收银台" and "空数据库" in text
