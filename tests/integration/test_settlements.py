"""Settlement statements imported and matched against a day's payments, resolved with notes,
through the services and the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import openpyxl
import pytest
from alembic import command

from cashier.cli import main
from cashier.domain.settlement_files import ALIPAY_PRESET, BANK_TEMPLATE, WECHAT_PRESET
from cashier.domain.settlement_match import line_key
from cashier.domain.tender import TenderPart
from cashier.services.reversals import refund_payment
from cashier.services.settlements import (
    all_presets,
    import_statement,
    match_day,
    resolve_item,
    save_preset,
)
from cashier.store import migrate
from tests.support.payment_books import (
    ACCOUNTANT,
    CASHIER,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)
from tests.support.settlement_samples import alipay_detail, bank_statement, wechat_bill

NOV_10 = dt.date(2025, 11, 10)
W = "42000000012025111000"
STATEMENT = [
    ("2025-11-10 09:00:20", W + "01", "A01-00000002", "SUCCESS", "200.00"),
    ("2025-11-10 09:03:00", W + "02", "A01-00000003", "SUCCESS", "150.00"),
    ("2025-11-10 09:05:00", W + "03", "A01-00000004", "SUCCESS", "310.00"),
    ("2025-11-10 09:10:00", W + "01", "A01-00000002", "REFUND", "200.00"),
    ("2025-11-10 12:00:00", W + "09", "A01-00000099", "SUCCESS", "88.00"),
]


def _wechat(fen: int, reference: str) -> TenderPart:
    return TenderPart("wechat", fen, reference)


@pytest.fixture
def takings(make_uow):
    """Nov 10, A01: WeChat 200.00 (refunded later), 150.00 with a mistyped order number,
    300.00 (the statement says 310.00), 50.00 missing from the statement, and cash."""
    seed_books(make_uow)
    station = station_at(NOV_10)
    start_shift(make_uow, station)
    first = pay(make_uow, station, "T-0001", _wechat(20000, W + "01"))
    pay(make_uow, station, "T-0002", _wechat(15000, W + "0X"))
    pay(make_uow, station, "T-0003", _wechat(30000, W + "03"))
    pay(make_uow, station, "T-0004", _wechat(5000, W + "04"))
    pay(make_uow, station, "T-0004", cash(1000))
    refund_payment(make_uow(), CASHIER, station, first.receipt_no, reason="重复付款",
                   approval=approval("refund"), client_uuid=new_uuid())
    return make_uow


def test_the_days_wechat_statement_matches_by_reference_then_amount_and_time(takings, tmp_path):
    books = takings
    path = tmp_path / "wechat-20251110.csv"
    path.write_bytes(wechat_bill(STATEMENT))
    summary = import_statement(books(), ACCOUNTANT, path, WECHAT_PRESET)
    assert (summary.day, summary.lines, summary.total_fen) == (NOV_10, 5, 54800)
    day = match_day(books(), ACCOUNTANT, "wechat", NOV_10)
    by = {(m.part.receipt_no, m.by, m.line.amount_fen) for m in day.result.matched}
    assert by == {
        ("A01-00000002", "reference", 20000),
        ("A01-00000007", "reference", -20000),
        ("A01-00000003", "amount_time", 15000),
        ("A01-00000004", "reference", 31000),
    }
    assert [m.part.receipt_no for m in day.result.mismatched] == ["A01-00000004"]
    assert [x.amount_fen for x in day.result.unmatched_lines] == [8800]
    assert [p.receipt_no for p in day.result.unmatched_parts] == ["A01-00000005"]
    assert len(day.unresolved) == 3
    for key in day.unresolved:
        resolve_item(books(), ACCOUNTANT, "wechat", NOV_10, key, "已联系微信支付核实")
    after = match_day(books(), ACCOUNTANT, "wechat", NOV_10)
    assert after.unresolved == [] and after.notes[line_key(day.result.unmatched_lines[0])]


def test_a_statement_is_imported_once(takings, tmp_path):
    path = tmp_path / "wechat.csv"
    path.write_bytes(wechat_bill(STATEMENT))
    import_statement(takings(), ACCOUNTANT, path, WECHAT_PRESET)
    with pytest.raises(Exception, match="已导入过"):
        import_statement(takings(), ACCOUNTANT, path, WECHAT_PRESET)


def test_alipay_gbk_and_a_bank_xlsx_with_a_saved_mapping(takings, tmp_path):
    alipay = tmp_path / "alipay.csv"
    alipay.write_bytes(alipay_detail([("2025-11-10 09:00:00", "2025111022001", "A01-9", "交易",
                                       "12.00")]))
    assert import_statement(takings(), ACCOUNTANT, alipay, ALIPAY_PRESET).total_fen == 1200
    bank = dataclasses.replace(BANK_TEMPLATE, name="工商银行 0000", skip_lines=2)
    save_preset(takings(), ACCOUNTANT, bank)
    assert bank in all_presets(takings(), ACCOUNTANT)
    sheet_file = tmp_path / "bank.xlsx"
    book = openpyxl.Workbook()
    text = bank_statement([("2025-11-10", "10:00:00", "转账", "100.00", "", "B1")])
    for line in text.decode("gb18030").splitlines():
        book.active.append(line.split(","))
    book.save(sheet_file)
    summary = import_statement(takings(), ACCOUNTANT, sheet_file, bank)
    assert (summary.provider, summary.total_fen) == ("bank", 10000)
    unmatched = match_day(takings(), ACCOUNTANT, "bank", NOV_10).result.unmatched_lines
    assert [line.refs for line in unmatched] == [("转账", "B1")]


def test_settlements_from_the_command_line(db_url, engine, takings, tmp_path, monkeypatch, capsys):
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    monkeypatch.setenv("CASHIER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*args: str) -> tuple[int, str]:
        code = main(["--db", db_url, "settlements", *args])
        out, err = capsys.readouterr()
        return code, out + err

    path = tmp_path / "wechat.csv"
    path.write_bytes(wechat_bill(STATEMENT))
    code, out = run("import", str(path), "--preset", "微信支付交易账单")
    assert code == 0 and "5 笔" in out and "¥548.00" in out
    code, out = run("match", "--provider", "wechat", "--date", "2025-11-10")
    assert code == 1 and "已匹配 4 笔，金额不符 1 笔" in out and "part:A01-00000005#0" in out
    for key in ("match:A01-00000004#0", "part:A01-00000005#0"):
        assert run("resolve", "--provider", "wechat", "--date", "2025-11-10", key, "已核实")[0] == 0
    code, out = run("match", "--provider", "wechat", "--date", "2025-11-10")
    line = next(word for word in out.split() if word.startswith("line:"))
    assert code == 1 and "已处理：已核实" in out
    assert run("resolve", "--provider", "wechat", "--date", "2025-11-10", line, "退回")[0] == 0
    assert run("match", "--provider", "wechat", "--date", "2025-11-10")[0] == 0
    code, out = run("presets", "--show", "支付宝业务明细")
    assert code == 0 and '"provider": "alipay"' in out
