"""Worked examples 11, 13 and 14 of heat-fees.md through the command line, exact to the fen.

On SQLite and PostgreSQL. Example 11's payment of 2025-12-15 goes in through a collection file
(`payments import`: a payment is dated by the file's 日期); `cashier pay` books a payment on
today's date and has no option to date it, so the counter's payment goes through the payment
service with a Station whose clock reads 2025-12-15. Example 13's outages go in through
`outages import`. Example 14's refund needs a measurement signed by both sides, which only the
measurement service takes (a device log imported with `measurements import` is unsigned and
earns nothing, by design); its amount is read back through `bills export`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from support.billing_seed import migrated_database
from support.service_world import EXAMPLE_TARIFF, MEASURER, local, signature
from support.tariff_files import DINGZHOU

from cashier.cli import main
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.measurements import NewMeasurement, RoomReading
from cashier.domain.tender import TenderPart
from cashier.services.measurements import record_measurement
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.shifts import open_shift
from cashier.services.station import Station
from cashier.store.engine import make_engine
from cashier.store.uow import uow_factory

HEADER = (
    "户号,户名,电话,小区,楼号,单元,室号,用户类别,低保,供热面积,层高,计费方式,状态,开通日期,往年欠费"
)
BILLS_HEADER = "户号,户名,采暖期,采暖费,层高加收,基本热费,停热减收,室温退费,计量结算,应收合计"
OUTAGE_HEADER = "停热编号,开始时间,恢复时间,原因,通知时间,小区,楼号,单元,户号"
DEVICE_HEADER = "户号,测温时间,房间,面积,温度,设备,备注"

# heat-fees.md, "Statement for example 11 on 2025-12-25", with the account number left open.
EXAMPLE_11_STATEMENT = (
    '{"account_no": "…", "date": "2025-12-25", "channel": "cash", "seasons": [{"season": '
    '"2025-2026", "principal": "1014.00", "late_fee": "20.28", "discount": "0.00", "due": '
    '"1034.28"}], "credit": "0.00", "total_due": "1034.28"}'
)


@pytest.fixture
def cli(db_url, tmp_path, capsys):
    """Runs `cashier --db URL ...` in-process; returns (exit status, stdout, stderr)."""
    migrated_database(db_url)
    engine = make_engine(db_url)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", db_url, *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    run.path = tmp_path
    run.make_uow = uow_factory(engine)
    yield run
    engine.dispose()


def _file(cli, name: str, lines: list[str]) -> str:
    path: Path = cli.path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _prepare(cli, tariff: str, rows: list[str]) -> None:
    assert cli("tariffs", "load", _file(cli, "season.toml", [tariff]))[0] == 0
    accounts = _file(cli, "accounts.csv", [HEADER, *rows])
    status, _, err = cli("accounts", "import", accounts, "--date", "2025-10-01")
    assert status == 0, err
    status, out, err = cli("season", "open", "2025-2026", "--date", "2025-10-01")
    assert status == 0 and "开征完成" in out, err


def _bills(cli) -> dict[str, dict[str, str]]:
    """`bills export` as {户号: {column: cell}}."""
    target = cli.path / "bills.csv"
    status, _, err = cli("bills", "export", "--season", "2025-2026", str(target))
    assert status == 0, err
    rows = list(csv.reader(target.read_bytes().decode("utf-8-sig").splitlines()))
    assert ",".join(rows[0]) == BILLS_HEADER
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def _statement(cli, account: str, on: str) -> str:
    status, out, err = cli("statement", account, "--date", on, "--channel", "cash", "--json")
    assert status == 0, err
    return out.strip()


def _as_example_11(statement: str) -> dict:
    owed = json.loads(statement)
    return owed | {"account_no": "…"}


# --- example 11: partial payment, then late fee -----------------------------------------------


def test_example_11_collected_payment_dated_by_the_file(cli):
    _prepare(cli, DINGZHOU, ["E11-A,张三,,幸福小区,1,1,101,居民,否,100,,面积,供热,,"])
    rows = ["户号,金额,渠道,流水号,日期", "E11-A,1000.00,代收,B0001,2025-12-15"]
    paid = _file(cli, "bank.csv", rows)
    status, out, err = cli("payments", "import", paid)
    assert status == 0 and "入账 1 笔 ¥1,000.00" in out, err
    on_the_day = json.loads(_statement(cli, "E11-A", "2025-12-15"))["seasons"][0]
    assert (on_the_day["principal"], on_the_day["late_fee"]) == ("1014.00", "0.00")
    statement = _statement(cli, "E11-A", "2025-12-25")
    assert json.loads(statement)["account_no"] == "E11-A"
    assert _as_example_11(statement) == json.loads(EXAMPLE_11_STATEMENT)


def test_example_11_counter_payment_on_a_fixed_clock(cli):
    _prepare(cli, DINGZHOU, ["E11-B,李四,,幸福小区,1,1,102,居民,否,100,,面积,供热,,"])
    counter = Station("A01", clock=lambda: local(2025, 12, 15, 10, 30))
    open_shift(
        cli.make_uow(), LOCAL_OPERATOR, counter, opening_float_fen=0, client_uuid=str(uuid.uuid4())
    )
    request = PaymentRequest(str(uuid.uuid4()), "E11-B", (TenderPart("cash", 100_000),))
    posted = post_payment(cli.make_uow(), LOCAL_OPERATOR, counter, request)
    assert posted.entry.amount_fen == 100_000
    status, out, _ = cli("payments", "list", "E11-B")
    assert status == 0 and "2025-12-15" in out and "1,000.00" in out
    assert _as_example_11(_statement(cli, "E11-B", "2025-12-25")) == json.loads(
        EXAMPLE_11_STATEMENT
    )


# --- example 13: outage credit ----------------------------------------------------------------


def test_example_13_outage_credit_in_the_bills_export(cli):
    _prepare(
        cli,
        EXAMPLE_TARIFF,
        [
            "E13-A,张三,,幸福小区,2,1,201,居民,否,90.00,,面积,供热,,",
            "E13-B,李四,,幸福小区,3,1,301,居民,否,90.00,,面积,供热,,",
        ],
    )
    outages = _file(
        cli,
        "停热.csv",
        [
            OUTAGE_HEADER,
            ",2025-12-10 08:00,2025-12-11 14:00,一次网管线爆裂,,,,,E13-A",
            "S,2025-12-20 08:00,2025-12-21 04:00,换热站检修,,,,,E13-A",
            "S,,,,,,,,E13-B",
        ],
    )
    status, out, err = cli("outages", "import", outages)
    assert status == 0, err
    assert "停热 2 次，涉及 2 户" in out and "停热减收 -¥16.36" in out
    bills = _bills(cli)
    assert (bills["E13-A"]["采暖费"], bills["E13-A"]["停热减收"]) == ("1980.00", "-16.36")
    assert bills["E13-A"]["应收合计"] == "1963.64"
    # E13-B only had the 20-hour outage: no credit, the whole heating fee is owed.
    assert bills["E13-B"]["停热减收"] == ""
    assert bills["E13-B"]["应收合计"] == "1980.00"
    # the credit is dated the day the outage file is imported (today): today's principal
    status, out, err = cli("statement", "E13-A", "--json")
    assert status == 0, err
    assert json.loads(out)["seasons"][0]["principal"] == "1963.64"


# --- example 14: temperature refund -----------------------------------------------------------


def _signed(account_id: int, when: dt.datetime, reading: str) -> NewMeasurement:
    room = RoomReading("卧室、客厅", Decimal("50.00"), Decimal(reading))
    return NewMeasurement(
        account_id, when, (room,), "李四",
        measurer_signature=signature(), household_signature=signature(200),
    )  # fmt: skip


def test_example_14_refund_only_from_a_signed_measurement(cli):
    _prepare(cli, EXAMPLE_TARIFF, ["E14,张三,,幸福小区,4,1,401,居民,否,80.00,,面积,供热,,"])
    log = _file(
        cli,
        "测温.csv",
        [
            DEVICE_HEADER,
            "E14,2025-12-01 10:00,卧室、客厅,50.00,16.5,测温仪 T-01,",
            "E14,2025-12-08 15:30,卧室、客厅,50.00,18.3,测温仪 T-01,",
        ],
    )
    status, out, err = cli("measurements", "import", log)
    assert status == 0 and "测温记录 2 条" in out, err
    unsigned = _bills(cli)["E14"]
    assert (unsigned["室温退费"], unsigned["应收合计"]) == ("", "1760.00")

    with cli.make_uow() as uow:
        account_id = uow.outages.account_ids_by_number(["E14"])["E14"]
    cold = local(2025, 12, 1, 10, 0)
    record_measurement(cli.make_uow(), MEASURER, _signed(account_id, cold, "16.5"), now=cold)
    warm = local(2025, 12, 8, 15, 30)
    record_measurement(cli.make_uow(), MEASURER, _signed(account_id, warm, "18.3"), now=warm)
    signed = _bills(cli)["E14"]
    assert (signed["采暖费"], signed["室温退费"]) == ("1760.00", "-25.45")
    assert signed["应收合计"] == "1734.55"
