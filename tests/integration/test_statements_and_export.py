"""Statements and the bills export from stored bills, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import insert, text
from support.billing_seed import SeedAccount, seed_accounts
from support.tariff_files import DINGZHOU, LANGFANG, TIANJIN

from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.billing import EXPORT_HEADER
from cashier.domain.fees import BillLine, DatedLine
from cashier.services.billing import UnknownSeason, export_bills, open_season
from cashier.services.statements import UnknownAccount, UnknownChannel, account_statement
from cashier.services.tariffs import load_tariffs
from cashier.store.models import OpeningArrearsRecord

BILLED_ON = dt.date(2025, 10, 1)


def _billed(engine, make_uow, toml, accounts):
    load_tariffs(make_uow(), LOCAL_OPERATOR, toml)
    seed_accounts(engine, accounts, season="2025-2026")
    open_season(make_uow(), LOCAL_OPERATOR, "2025-2026", billed_on=BILLED_ON)


def _json(make_uow, account_no, on, channel="cash"):
    return account_statement(make_uow(), account_no, on, channel).to_json_dict()


def test_example_6_early_discount_only_for_an_allowed_channel(engine, make_uow):
    _billed(engine, make_uow, DINGZHOU, [SeedAccount("DZ-1", area="100")])
    online = _json(make_uow, "DZ-1", dt.date(2025, 10, 20), "wechat")
    assert online["seasons"] == [
        {"season": "2025-2026", "principal": "1900.00", "late_fee": "0.00",
         "discount": "9.50", "due": "1890.50"}
    ]
    assert online["total_due"] == "1890.50"
    assert _json(make_uow, "DZ-1", dt.date(2025, 10, 20), "cash")["total_due"] == "1900.00"


def test_example_7_late_fee_in_the_formats_md_document(engine, make_uow):
    _billed(engine, make_uow, DINGZHOU, [SeedAccount("A-0001", area="100")])
    assert _json(make_uow, "A-0001", dt.date(2025, 12, 15)) == {
        "account_no": "A-0001",
        "date": "2025-12-15",
        "channel": "cash",
        "seasons": [
            {"season": "2025-2026", "principal": "1900.00", "late_fee": "114.00",
             "discount": "0.00", "due": "2014.00"}
        ],
        "credit": "0.00",
        "total_due": "2014.00",
    }


@pytest.mark.parametrize(
    ("on", "late_fee", "due"),
    [(dt.date(2026, 1, 20), "100.00", "2600.00"), (dt.date(2026, 7, 19), "750.00", "3250.00")],
)
def test_examples_8_and_12_late_fee_and_its_cap(engine, make_uow, on, late_fee, due):
    _billed(engine, make_uow, TIANJIN, [SeedAccount("TJ-1", area="100")])
    season = _json(make_uow, "TJ-1", on)["seasons"][0]
    assert (season["late_fee"], season["due"]) == (late_fee, due)


def test_nothing_is_owed_before_the_bill_date(engine, make_uow):
    _billed(engine, make_uow, DINGZHOU, [SeedAccount("DZ-2", area="100")])
    early = _json(make_uow, "DZ-2", dt.date(2025, 9, 30))
    assert (early["seasons"], early["total_due"]) == ([], "0.00")


def test_opening_arrears_come_first_without_late_fee(engine, make_uow):
    _billed(engine, make_uow, DINGZHOU, [SeedAccount("OA-1", area="100")])
    with engine.begin() as conn:
        account = conn.scalar(text("SELECT id FROM accounts WHERE account_no = 'OA-1'"))
        conn.execute(
            insert(OpeningArrearsRecord.__table__),
            {"account_id": account, "amount_fen": 35_000, "booked_on": dt.date(2025, 9, 1),
             "source": "旧系统", "recorded_at": dt.datetime.now(dt.UTC), "recorded_by": "0000"},
        )
    owed = _json(make_uow, "OA-1", dt.date(2025, 12, 15), "wechat")
    assert [(s["season"], s["late_fee"], s["due"]) for s in owed["seasons"]] == [
        ("opening", "0.00", "350.00"),
        ("2025-2026", "114.00", "2014.00"),
    ]
    assert owed["total_due"] == "2364.00"


def test_a_credit_line_counts_from_its_date(engine, make_uow):
    _billed(engine, make_uow, LANGFANG, [SeedAccount("CR-1", area="90")])
    credit = BillLine("outage_credit", "停热减收", -1_636, "停热30小时，计1天")
    with make_uow() as uow:
        account = uow.ledger.account("CR-1")[0]
        uow.bills.add_lines(account, "2025-2026", [DatedLine(dt.date(2025, 12, 3), credit, "抢修")],
                            recorded_by="0000")
        uow.commit()
    assert _json(make_uow, "CR-1", dt.date(2025, 12, 2))["total_due"] == "1980.00"
    assert _json(make_uow, "CR-1", dt.date(2025, 12, 3))["total_due"] == "1963.64"


def test_unknown_account_and_channel_are_refused(engine, make_uow):
    with pytest.raises(UnknownAccount, match="NOPE"):
        account_statement(make_uow(), "NOPE", dt.date(2025, 12, 1), "cash")
    with pytest.raises(UnknownChannel, match="bitcoin"):
        account_statement(make_uow(), "NOPE", dt.date(2025, 12, 1), "bitcoin")


def test_bills_export_rows(engine, make_uow):
    _billed(
        engine,
        make_uow,
        LANGFANG,
        [
            SeedAccount("X-1", name="张三", area="89.56"),
            SeedAccount("X-2", name="李四", area="100", status="suspended"),
            SeedAccount("X-3", name="王五", area="90"),
        ],
    )
    fix = BillLine("adjustment", "调整（采暖费）", -22_000, "1980.00→1760.00", corrects="heating")
    with make_uow() as uow:
        account = uow.ledger.account("X-3")[0]
        uow.bills.add_lines(account, "2025-2026", [DatedLine(dt.date(2025, 12, 1), fix, "复测")],
                            recorded_by="0000", approved_by="0001")
        uow.commit()
    out = io.StringIO()
    assert export_bills(make_uow(), "2025-2026", out, batch_size=2) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [
        list(EXPORT_HEADER),
        ["X-1", "张三", "2025-2026", "1970.32", "", "", "", "", "", "1970.32"],
        ["X-2", "李四", "2025-2026", "", "", "440.00", "", "", "", "440.00"],
        ["X-3", "王五", "2025-2026", "1760.00", "", "", "", "", "", "1760.00"],
    ]


def test_export_of_an_unknown_season_is_refused(make_uow):
    with pytest.raises(UnknownSeason):
        export_bills(make_uow(), "1999-2000", io.StringIO())
