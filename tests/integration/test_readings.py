"""Metered readings on both databases: example 5 exact, refund only, and every refusal."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import text

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.errors import UserError
from cashier.domain.registration import Address, NewAccount
from cashier.domain.table_rows import ImportRefused
from cashier.services.accounts import close_account, register_account
from cashier.services.billing import open_season
from cashier.services.readings import enter_reading, import_readings
from cashier.services.tariffs import load_tariffs

SANHE = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-12-31

[tariff.residential]
area_price = 25.00
suspended_ratio = 0.20
  [tariff.residential.metered]
  base_ratio = 0.30
  unit_price = 0.18
  unit = "kWh"
  settlement = "{settlement}"
"""
POSTED_ON = dt.date(2026, 3, 20)


def account(number: str, room: str, billing: str = "metered") -> NewAccount:
    facts = BillingFacts("residential", False, D("90.00"), billing=billing)
    return NewAccount(number, "张三", "", Address("幸福小区", "1", "1", room), facts)


@pytest.fixture
def season(make_uow):
    def make(settlement: str = "refund_and_topup"):
        load_tariffs(make_uow(), LOCAL_OPERATOR, SANHE.format(settlement=settlement))
        for number, room, billing in [("M-1", "101", "metered"), ("M-2", "102", "metered"),
                                      ("P-1", "103", "area")]:
            register_account(make_uow(), LOCAL_OPERATOR, account(number, room, billing))
        open_season(make_uow(), LOCAL_OPERATOR, "2025-2026", billed_on=dt.date(2025, 10, 1))
        return make_uow

    return make


def readings_file(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["户号,采暖期,用量,抄表日期", *rows]) + "\n", encoding="utf-8")
    return path


def settlement_lines(engine) -> list[tuple]:
    query = text(
        "SELECT a.account_no, l.kind, l.amount_fen, l.posted_on, l.reason FROM bill_lines l"
        " JOIN bills b ON b.id = l.bill_id JOIN accounts a ON a.id = b.account_id"
        " WHERE l.kind = 'metered_settlement' ORDER BY a.account_no"
    )
    with engine.connect() as conn:
        return [(n, k, a, str(p), r) for n, k, a, p, r in conn.execute(query)]


def reading_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM meter_readings")).scalar()


def test_worked_example_5_and_a_top_up(engine, season, tmp_path):
    make_uow = season()
    path = readings_file(
        tmp_path / "r.csv", ["M-1,2025-2026,5000,2026-03-16", "M-2,2025-2026,9000.5,2026-03-16"]
    )
    summary = import_readings(make_uow(), LOCAL_OPERATOR, path, on=POSTED_ON)
    # M-1: base 25 × 90 × 30% = 675.00, energy 0.18 × 5000 = 900.00, prepaid 2250.00
    # M-2: energy 0.18 × 9000.5 = 1620.09; 675.00 + 1620.09 − 2250.00 = 45.09 (少补)
    assert settlement_lines(engine) == [
        ("M-1", "metered_settlement", -67_500, "2026-03-20", "抄表结算"),
        ("M-2", "metered_settlement", 4_509, "2026-03-20", "抄表结算"),
    ]
    assert (summary.readings, summary.settlements, summary.settlement_fen) == (2, 2, -62_991)


def test_refund_only_drops_the_top_up_but_keeps_the_reading(engine, season, tmp_path):
    make_uow = season("refund_only")
    path = readings_file(
        tmp_path / "r.csv", ["M-1,2025-2026,5000,2026-03-16", "M-2,2025-2026,9000.5,2026-03-16"]
    )
    summary = import_readings(make_uow(), LOCAL_OPERATOR, path, on=POSTED_ON)
    assert [row[:3] for row in settlement_lines(engine)] == [
        ("M-1", "metered_settlement", -67_500)
    ]
    assert (summary.readings, summary.settlements, reading_count(engine)) == (2, 1, 2)


def test_every_bad_row_is_named_and_nothing_is_written(engine, season, tmp_path):
    make_uow = season()
    register_account(make_uow(), LOCAL_OPERATOR, account("M-9", "109"))  # after season open
    enter_reading(make_uow(), LOCAL_OPERATOR, "M-2", "2025-2026", D("1"), dt.date(2026, 3, 16))
    rows = [
        "M-1,2025-2026,5000,2026-03-16",
        "X-1,2025-2026,5000,2026-03-16",
        "M-1,2024-2025,5000,2026-03-16",
        "P-1,2025-2026,5000,2026-03-16",
        "M-9,2025-2026,5000,2026-03-16",
        "M-2,2025-2026,5000,2026-03-16",
        "M-1,2025-2026,4000,2026-03-17",
        "M-1,2025-2026,-1,2025-11-01",
    ]
    with pytest.raises(ImportRefused) as caught:
        import_readings(make_uow(), LOCAL_OPERATOR, readings_file(tmp_path / "r.csv", rows))
    assert [str(e) for e in caught.value.errors] == [
        "第3行，户号：户号 X-1 不存在",
        "第4行，采暖期：采暖期 2024-2025 不存在",
        "第5行，户号：该户不是计量收费",
        "第6行，采暖期：该户本采暖期尚未开征",
        "第7行，采暖期：该户本采暖期已有抄表记录",
        "第8行，户号：与第2行重复",
        "第9行，用量：应不小于0",
    ]
    assert reading_count(engine) == 1
    assert len(settlement_lines(engine)) == 1


def test_dry_run_and_reading_before_the_season(engine, season, tmp_path):
    make_uow = season()
    good = readings_file(tmp_path / "r.csv", ["M-1,2025-2026,5000,2026-03-16"])
    assert import_readings(make_uow(), LOCAL_OPERATOR, good, dry_run=True).settlements == 1
    assert reading_count(engine) == 0
    early = readings_file(tmp_path / "e.csv", ["M-1,2025-2026,5000,2025-11-14"])
    with pytest.raises(ImportRefused, match="第2行，抄表日期：早于采暖期开始日"):
        import_readings(make_uow(), LOCAL_OPERATOR, early)


def test_reading_of_a_closed_account_is_refused(season):
    make_uow = season()
    register_account(make_uow(), LOCAL_OPERATOR, account("M-8", "108"))
    close_account(make_uow(), LOCAL_OPERATOR, "M-8", reason="拆迁")
    with pytest.raises(UserError, match="已销户"):
        enter_reading(make_uow(), LOCAL_OPERATOR, "M-8", "2025-2026", D("1"), dt.date(2026, 3, 16))


@pytest.mark.parametrize("typed", ["-1", "1.2345", "NaN", "1E+12"])
def test_a_reading_typed_in_is_checked_like_the_file_column(engine, season, typed):
    make_uow = season()
    with pytest.raises(UserError, match="用量"):
        enter_reading(make_uow(), LOCAL_OPERATOR, "M-1", "2025-2026", D(typed), POSTED_ON)
    assert reading_count(engine) == 0


def test_an_import_is_audited_with_its_file_and_count(engine, season, tmp_path):
    make_uow = season()
    good = readings_file(tmp_path / "r.csv", ["M-1,2025-2026,5000,2026-03-16"])
    import_readings(make_uow(), LOCAL_OPERATOR, good, dry_run=True)
    import_readings(make_uow(), LOCAL_OPERATOR, good)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT details FROM audit_log WHERE event = 'import'")).all()
    details = [d if isinstance(d, dict) else json.loads(d) for (d,) in rows]
    assert details == [{"file": "r.csv", "readings": 1}]
