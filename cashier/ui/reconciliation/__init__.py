"""The Reconciliation area (对账): shift close with the blind count and the Z report, collector
hand-overs, the day close, settlement statements, and the page listing the day."""

from __future__ import annotations

from cashier.services.permissions import can
from cashier.ui.main_window import MainWindow
from cashier.ui.reconciliation.page import ReconciliationPage
from cashier.ui.reconciliation.shift_close_dialog import ShiftCloseDialog, open_shift_close_dialog

PAGE_KEY = "reconciliation"
PAGE_ACTIONS = ("reconcile", "receive_handover", "close_day")
"""Who sees the page: accountants, and whoever receives collectors' hand-overs."""


def install_reconciliation_page(window: MainWindow) -> ReconciliationPage:
    """Put the Reconciliation page in the main window's 对账 entry (hidden from operators
    who may do none of PAGE_ACTIONS); returns it."""
    page = ReconciliationPage(window.context, window)
    window.add_page(PAGE_KEY, page)
    allowed = any(can(window.context.actor, action) for action in PAGE_ACTIONS)
    window.set_page_allowed(PAGE_KEY, allowed)
    return page


__all__ = [
    "PAGE_KEY",
    "ReconciliationPage",
    "ShiftCloseDialog",
    "install_reconciliation_page",
    "open_shift_close_dialog",
]
