"""A database error forced at each statement of the posting transaction in turn (and at its
commit) leaves no half-posted payment: no entry, the counter unmoved, the account unchanged,
the journal intact, and the same request posts cleanly afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from cashier.domain.tender import TenderPart
from cashier.services.journal_verify import check_journals
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.receipt_records import account_payments
from cashier.services.statements import account_statement
from tests.support.payment_books import CASHIER, cash, new_uuid, seed_books, start_shift, station_at

DEC_15 = dt.date(2025, 12, 15)


class Injected(Exception):
    """The error forced into the transaction."""


class Faults:
    """Counts statements (and commits) on an engine and raises at the chosen one."""

    def __init__(self, engine) -> None:
        self.count = 0
        self.fail_at: int | None = None
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._statement)

    def _statement(self, *_args, **_kwargs) -> None:
        self.count += 1
        if self.count == self.fail_at:
            raise Injected(f"injected at statement {self.count}")

    def arm(self, at: int | None) -> None:
        self.count, self.fail_at = 0, at


def _state(make_uow):
    with make_uow() as uow:
        counter = uow.journal.counter("A01")
    statement = account_statement(make_uow(), "T-0001", DEC_15, "cash").statement
    return counter, statement, account_payments(make_uow(), "T-0001")


def test_an_error_at_any_statement_leaves_nothing_half_posted(make_uow, engine):
    seed_books(make_uow)
    station = station_at(DEC_15)
    start_shift(make_uow, station)
    faults = Faults(engine)
    request = PaymentRequest(
        new_uuid(),
        "T-0001",
        (cash(50000), TenderPart("alipay", 60000, "2025121522001")),
        cash_tendered_fen=50000,
    )
    statements = _count_statements(make_uow, faults, station)
    before = _state(make_uow)
    assert statements >= 10
    for at in range(1, statements + 1):
        faults.arm(at)
        with pytest.raises(Injected):
            post_payment(make_uow(), CASHIER, station, request)
        faults.arm(None)
        assert _state(make_uow) == before, f"half-posted after an error at statement {at}"
        assert check_journals(make_uow()).ok
    faults.arm(None)
    result = post_payment(make_uow(), CASHIER, station, request)
    assert not result.duplicate and result.receipt_no == "A01-00000003"
    assert len(account_payments(make_uow(), "T-0001")) == 1
    assert check_journals(make_uow()).ok


def _count_statements(make_uow, faults: Faults, station) -> int:
    """Statements (and the commit) of one posting, measured on another account."""
    faults.arm(None)
    post_payment(make_uow(), CASHIER, station, PaymentRequest(new_uuid(), "T-0002", (cash(100),)))
    return faults.count
