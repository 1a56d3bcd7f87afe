"""Bank/agent collection files: all or nothing, suspense, skipped serials, dated by 日期."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cashier.domain.errors import PermissionDenied
from cashier.domain.table_rows import ImportRefused
from cashier.services.agent_import import assign_suspense, import_agent_payments, suspense_items
from cashier.services.receipt_records import account_payments
from cashier.services.statements import account_statement
from tests.support.payment_books import ACCOUNTANT, CASHIER, seed_books, station_at

HEADER = "户号,金额,渠道,流水号,日期"
ROWS = [
    "T-0001,1900.00,代收,S-0001,2025-11-10",
    "X-404,100.00,银行转账,S-0002,2025-11-10",
    "T-0002,200.00,wechat,S-0003,2025-12-15",
]
TODAY = dt.date(2026, 1, 5)


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    return make_uow


def _file(tmp_path: Path, rows: list[str], name: str = "bank.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def _import(make_uow, path: Path, **options):
    return import_agent_payments(make_uow(), ACCOUNTANT, path, station=station_at(TODAY, "AGENT"),
                                 **options)


def test_rows_are_posted_dated_by_the_file_or_booked_to_suspense(books, tmp_path):
    summary = _import(books, _file(tmp_path, ROWS))
    assert (summary.posted, summary.suspense, summary.skipped) == (2, 1, 0)
    assert (summary.posted_fen, summary.suspense_fen) == (210000, 10000)
    [row] = account_payments(books(), "T-0002")
    assert row.receipt_no == "AGENT-00000002" and row.business_date == TODAY
    statement = account_statement(books(), "T-0002", dt.date(2025, 12, 25), "cash").statement
    late_fee_fixed = 10210  # 1,701.64 x 2‰ x 30 days, fixed by the payment of 12-15
    principal = 170164 - (20000 - late_fee_fixed)
    assert statement.seasons[0].principal_fen == principal
    assert statement.seasons[0].late_fee_fen == 3207  # principal x 2‰ x 10 days
    assert account_statement(books(), "T-0001", TODAY, "cash").statement.total_due_fen == 0
    [item] = suspense_items(books(), ACCOUNTANT)
    assert (item.account_no, item.amount_fen, item.serial) == ("X-404", 10000, "S-0002")


def test_a_serial_imported_before_is_skipped_never_posted_twice(books, tmp_path):
    _import(books, _file(tmp_path, ROWS))
    again = _import(books, _file(tmp_path, [*ROWS, "T-0004,50.00,代收,S-0004,2025-12-01"]))
    assert (again.posted, again.suspense, again.skipped) == (1, 0, 3)
    assert len(account_payments(books(), "T-0001")) == 1
    assert len(suspense_items(books(), ACCOUNTANT)) == 1


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("T-0003,12.345,代收,S-9,2025-11-10", "第4行，金额"),
        ("T-0003,0,代收,S-9,2025-11-10", "第4行，金额"),
        ("T-0003,10.00,现金,S-9,2025-11-10", "第4行，渠道"),
        ("T-0003,10.00,代收,S-0001,2025-11-10", "第4行，流水号：与第2行流水号重复"),
        ("T-0003,10.00,代收,S-9,2026-02-30", "第4行，日期"),
        ("T-0003,10.00,代收,S-9,2026-01-06", "日期不能晚于今天"),
        ("T-0003,10.00,代收,,2025-11-10", "第4行，流水号：必填"),
    ],
)
def test_one_bad_row_refuses_the_whole_file(books, tmp_path, bad_row, message):
    path = _file(tmp_path, [ROWS[0], ROWS[1], bad_row])
    with pytest.raises(ImportRefused) as refused:
        _import(books, path)
    assert message in str(refused.value)
    assert account_payments(books(), "T-0001") == []
    assert suspense_items(books(), ACCOUNTANT) == []


def test_dry_run_writes_nothing_and_cashiers_may_not_import(books, tmp_path):
    path = _file(tmp_path, ROWS)
    summary = _import(books, path, dry_run=True)
    assert summary.dry_run and summary.posted == 2
    assert account_payments(books(), "T-0001") == []
    with pytest.raises(PermissionDenied):
        import_agent_payments(books(), CASHIER, path)


def test_suspense_is_assigned_once_to_an_account(books, tmp_path):
    _import(books, _file(tmp_path, ROWS))
    [item] = suspense_items(books(), ACCOUNTANT)
    station = station_at(TODAY, "AGENT")
    receipt_no = assign_suspense(books(), ACCOUNTANT, item.id, "T-0003", station=station)
    assert receipt_no == "AGENT-00000003"
    assert suspense_items(books(), ACCOUNTANT) == []
    [row] = account_payments(books(), "T-0003")
    assert (row.receipt_no, row.amount_fen, row.methods) == (receipt_no, 10000, "银行转账 100.00")
    with pytest.raises(Exception, match="不存在或已处理"):
        assign_suspense(books(), ACCOUNTANT, item.id, "T-0003", station=station)
    again = _import(books, _file(tmp_path, ROWS))
    assert (again.posted, again.suspense, again.skipped) == (0, 0, 3)
