"""A small real SQLite database for the Service page's tests and screenshots (fictional data).

The example season 2025-2026 and the same tariff for 2026-2027, accounts in 幸福小区 and 和平小区,
and records placed relative to ``now``: an overdue complaint, a cold-room complaint due soon,
an answered complaint owing its follow-up, an application, a measurement pair that earned a
refund, a cold device reading, a finished outage and one still going without a notice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from support.service_world import EXAMPLE_TARIFF, account, signature

from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.measurements import NewMeasurement, RoomReading
from cashier.domain.outages import NewOutage
from cashier.domain.service_cases import NewCase
from cashier.services.billing import open_season
from cashier.services.context import AppContext
from cashier.services.measurements import record_measurement
from cashier.services.outages import record_outage
from cashier.services.service_cases import add_case_step, record_case
from cashier.services.tariffs import load_tariffs
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory

DESK_LEAD = Actor(id=None, staff_no="2001", name="赵六",
                  roles=frozenset({"supervisor", "repair"}))  # fmt: skip
SEASON_2026 = (
    EXAMPLE_TARIFF.replace('code = "2025-2026"', 'code = "2026-2027"')
    .replace("start = 2025-11-15", "start = 2026-11-15")
    .replace("end = 2026-03-15", "end = 2027-03-15")
    .replace("due_date = 2025-12-31", "due_date = 2026-12-31")
    .replace("from = 2025-10-11", "from = 2026-10-11")
    .replace("to = 2025-10-31", "to = 2026-10-31")
)
ACCOUNTS = [
    account("100001", "80.00", building="2", room="501"),
    account("100002", "90.00", building="2", room="502"),
    account("100003", "96.50", building="3", room="301"),
    account("200001", "120.00", estate="和平小区", building="5", room="101"),
]


def build_service_database(folder: Path, now: dt.datetime) -> AppContext:
    """A database in ``folder`` with the records above around ``now`` (inside 2026-2027)."""
    engine = make_engine(f"sqlite:///{folder / 'service-ui.db'}")
    create_schema(engine)
    uow = uow_factory(engine)
    load_tariffs(uow(), LOCAL_OPERATOR, EXAMPLE_TARIFF)
    load_tariffs(uow(), LOCAL_OPERATOR, SEASON_2026)
    with uow() as work:
        work.accounts.add_many(ACCOUNTS, valid_from=dt.date(2025, 1, 1), recorded_by="0000")
        work.commit()
    open_season(uow(), LOCAL_OPERATOR, "2026-2027", billed_on=dt.date(2026, 11, 15))
    with uow() as work:
        ids = work.outages.account_ids_by_number([a.account_no for a in ACCOUNTS])
    _cases(uow, ids, now)
    _measurements(uow, ids, now)
    _outages(uow, ids, now)
    return AppContext(
        uow_factory=uow,
        actor=DESK_LEAD,
        database_label=f"SQLite: {folder / 'service-ui.db'}",
        counter_code="A01",
        company_name="幸福热力有限公司",
        service_phone="0000-0000000",
        demo=False,
    )


def _cases(uow, ids: dict[str, int], now: dt.datetime) -> None:
    hours = dt.timedelta(hours=1)
    cases = [
        NewCase("complaint", now - 120 * hours, "phone", "billing", "收费金额与面积不符，要求核实",
                ids["100003"]),
        NewCase("complaint", now - 20 * hours, "hotline", "indoor_temperature",
                "卧室只有16度，老人在家", ids["100001"]),
        NewCase("report", now - 30 * hours, "online", "conduct", "收费员未出示证件",
                contact_name="匿名", contact_phone="13800000000"),
        NewCase("application", now - 26 * hours, "visit", "connect", "新房装修完毕，申请开通供热",
                contact_name="李四", contact_phone="13900002222"),
        NewCase("complaint", now - 100 * hours, "phone", "repair", "暖气片漏水", ids["100002"]),
    ]  # fmt: skip
    for case in cases:
        record_case(uow(), DESK_LEAD, case, now=case.received_at)
    add_case_step(uow(), DESK_LEAD, "TS2026-00002", "handling", "已派测温员上门",
                  at=now - 18 * hours, now=now - 18 * hours)  # fmt: skip
    add_case_step(uow(), DESK_LEAD, "TS2026-00003", "reply", "已维修，更换阀门",
                  at=now - 90 * hours, now=now - 90 * hours)  # fmt: skip


def _measure(uow, account_id: int, at: dt.datetime, rooms, *, device: bool = False) -> None:
    readings = tuple(RoomReading(r, Decimal(a), Decimal(t)) for r, a, t in rooms)
    signed = {} if device else {"measurer_signature": signature(),
                                "household_signature": signature(90)}  # fmt: skip
    m = NewMeasurement(account_id, at, readings, "测温仪 T-01" if device else "赵六",
                       source="device" if device else "onsite", **signed)  # fmt: skip
    record_measurement(uow(), DESK_LEAD, m, now=at)


def _measurements(uow, ids: dict[str, int], now: dt.datetime) -> None:
    days = dt.timedelta(days=1)
    cold = [("主卧", "15.00", "16.5"), ("客厅", "35.00", "16.8")]
    warm = [("主卧", "15.00", "18.4"), ("客厅", "35.00", "19.0")]
    _measure(uow, ids["100001"], now - 9 * days, cold)
    _measure(uow, ids["100001"], now - 2 * days, warm)
    _measure(uow, ids["100003"], now - days, [("卧室", "18.00", "15.2")], device=True)


def _outages(uow, ids: dict[str, int], now: dt.datetime) -> None:
    hours = dt.timedelta(hours=1)
    done = NewOutage(now - 80 * hours, now - 50 * hours, "一次网管线爆裂抢修", "幸福小区2号楼",
                     (ids["100001"], ids["100002"]), notice_at=now - 78 * hours)  # fmt: skip
    record_outage(uow(), DESK_LEAD, done, now=now - 50 * hours)
    going = NewOutage(now - 14 * hours, None, "换热站循环泵故障", "和平小区5号楼",
                      (ids["200001"],))  # fmt: skip
    record_outage(uow(), DESK_LEAD, going, now=now - 14 * hours)
