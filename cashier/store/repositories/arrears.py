"""Corrections of opening arrears (调整往年欠费), appended, never edited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.domain.arrears import ArrearsAdjustment
from cashier.store.models import OpeningArrearsAdjustmentRecord
from cashier.store.registry import repository

_ROW = OpeningArrearsAdjustmentRecord


def adjustments_query(account_id: int):
    """The SELECT of an account's adjustments in the order recorded (shared with the ledger)."""
    return (
        select(_ROW.booked_on, _ROW.amount_fen, _ROW.reason, _ROW.recorded_by,
               _ROW.approved_by, _ROW.recorded_at)
        .where(_ROW.account_id == account_id)
        .order_by(_ROW.id)
    )  # fmt: skip


def adjustment_from_row(row) -> ArrearsAdjustment:
    """An adjustment from a row of :func:`adjustments_query`."""
    return ArrearsAdjustment(
        on=row.booked_on,
        amount_fen=row.amount_fen,
        reason=row.reason,
        recorded_by=row.recorded_by,
        approved_by=row.approved_by,
        recorded_at=row.recorded_at,
    )


@repository("arrears_adjustments")
class SqlArrearsAdjustmentRepository:
    """Reads and appends an account's corrections of its opening arrears."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def for_account(self, account_id: int) -> list[ArrearsAdjustment]:
        """The account's adjustments, oldest first."""
        rows = self._session.execute(adjustments_query(account_id))
        return [adjustment_from_row(row) for row in rows]

    def add(self, account_id: int, adjustment: ArrearsAdjustment) -> None:
        """Append one adjustment (recorded now)."""
        self._session.add(
            _ROW(
                account_id=account_id,
                amount_fen=adjustment.amount_fen,
                booked_on=adjustment.on,
                reason=adjustment.reason,
                recorded_at=adjustment.recorded_at or dt.datetime.now(dt.UTC),
                recorded_by=adjustment.recorded_by,
                approved_by=adjustment.approved_by,
            )
        )
        self._session.flush()
