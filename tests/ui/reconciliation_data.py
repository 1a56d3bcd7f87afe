"""A real SQLite database for the Reconciliation tests and screenshots: the Counter page's
books (tests/ui/counter_data.py) plus accountant 0010 孙某 and collector 0011 钱某, and a
month of fictional takings at A01 so the chart has something to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from counter_data import PASSWORD, counter_context

from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.cash_count import BlindCount, CardSlip
from cashier.domain.tender import TenderPart
from cashier.services import users
from cashier.services.context import AppContext
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.shift_close import close_counted_shift
from cashier.services.shifts import open_shift
from tests.support.payment_books import new_uuid, station_at
from tests.support.reconciliation_books import cash_count

ACCOUNTANT_NO, COLLECTOR_NO = "0010", "0011"
NOV_20 = dt.date(2025, 11, 20)
METHOD_CYCLE = ("cash", "wechat", "alipay", "bank_card", "bank_transfer")


def recon_context(folder: Path, **options) -> AppContext:
    """The Counter page's context plus an accountant and a collector (not signed in)."""
    context = counter_context(folder, **options)
    for staff_no, name, roles in (
        (ACCOUNTANT_NO, "孙某", ["accountant"]),
        (COLLECTOR_NO, "钱某", ["collector"]),
    ):
        users.add_user(context.uow_factory(), LOCAL_OPERATOR, staff_no=staff_no, name=name,
                       roles=roles, password=PASSWORD, must_change_password=False)
    return context


def signed_in(context: AppContext, staff_no: str) -> AppContext:
    """The same context with another operator signed in."""
    return replace(context, actor=users.sign_in(context.uow_factory(), staff_no, PASSWORD))


def _pay(context, actor, station, account: str, *parts: TenderPart) -> None:
    request = PaymentRequest(new_uuid(), account, parts, allow_credit=True)
    post_payment(context.uow_factory(), actor, station, request)


def month_of_takings(context: AppContext, last: dt.date = NOV_20, days: int = 30) -> None:
    """A01's cashier takes a few payments a day in turn by every method and closes the shift
    with an exact count, every day up to the day before `last`."""
    cashier = context.actor
    accounts = ("T-0001", "T-0002", "T-0003", "T-0004")
    for offset in range(days - 1, 0, -1):
        day = last - dt.timedelta(days=offset)
        station = station_at(day, "A01", hour=9)
        open_shift(context.uow_factory(), cashier, station, opening_float_fen=50000,
                   client_uuid=new_uuid())
        cash = card = 0
        for n in range(3):
            method = METHOD_CYCLE[(offset + n) % len(METHOD_CYCLE)]
            fen = 8000 + 3700 * ((offset * 7 + n * 3) % 11)
            reference = "" if method == "cash" else f"R{day:%m%d}{n}"
            _pay(context, cashier, station, accounts[n], TenderPart(method, fen, reference))
            cash += fen if method == "cash" else 0
            card += fen if method == "bank_card" else 0
        slips = (CardSlip(card, "T1"),) if card else ()
        count = BlindCount(cash_count(50000 + cash).pieces, slips)
        close_counted_shift(context.uow_factory(), cashier, station, count=count,
                            client_uuid=new_uuid())
