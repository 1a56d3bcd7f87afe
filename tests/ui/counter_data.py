"""A real SQLite database for the Counter page's tests and screenshots: the books of
tests/support/payment_books.py (one season, accounts T-0001..T-0004, all fictional) and two
operators who sign in with a password, cashier 0007 王某 and supervisor 0009 李四 (after the
administrator 0001 every database starts with)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from cashier.domain.actor import LOCAL_OPERATOR
from cashier.services import users
from cashier.services.context import AppContext
from cashier.services.station import Station
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory
from tests.support.payment_books import seed_books, station_at

PASSWORD = "幸福小区2025"
CASHIER_NO = "0007"
SUPERVISOR_NO = "0009"
NOV_10 = dt.date(2025, 11, 10)
"""Before the due date: no late fee, the bill in full."""
DEC_15 = dt.date(2025, 12, 15)
"""A month late: a late fee on top."""


def counter_context(folder: Path, **options) -> AppContext:
    """A context on a new database in `folder` with cashier 0007 signed in. `options` are
    further AppContext fields (printer, receipt_columns ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{folder / 'counter.db'}")
    create_schema(engine)
    factory = uow_factory(engine)
    seed_books(factory)
    for staff_no, name, roles in (
        ("0001", "管理员", ["admin"]),
        (CASHIER_NO, "王某", ["cashier"]),
        (SUPERVISOR_NO, "李四", ["supervisor"]),
    ):
        users.add_user(
            factory(), LOCAL_OPERATOR, staff_no=staff_no, name=name, roles=roles,
            password=PASSWORD, must_change_password=False,
        )
    cashier = users.sign_in(factory(), CASHIER_NO, PASSWORD)
    context = AppContext(
        uow_factory=factory,
        actor=cashier,
        database_label=f"SQLite: {folder / 'counter.db'}",
        counter_code="A01",
        company_name="幸福热力有限公司",
        service_phone="0000-0000000",
        demo=False,
    )
    return replace(context, **options)


def station_on(day: dt.date, hour: int = 9) -> Station:
    """Counter A01 with a clock standing at `hour`:00 Beijing time on `day`."""
    return station_at(day, "A01", hour)
