"""The store interface for corrections of opening arrears (`uow.arrears_adjustments`)."""

from __future__ import annotations

from typing import Protocol

from cashier.domain.arrears import ArrearsAdjustment


class ArrearsAdjustmentRepository(Protocol):
    """Corrections of opening arrears (调整往年欠费): appended, never edited."""

    def for_account(self, account_id: int) -> list[ArrearsAdjustment]:
        """The account's adjustments, oldest first."""

    def add(self, account_id: int, adjustment: ArrearsAdjustment) -> None:
        """Append one adjustment (recorded now unless it carries `recorded_at`)."""
