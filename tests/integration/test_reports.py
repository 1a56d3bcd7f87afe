"""Every report over two business days of real postings, on SQLite and PostgreSQL: the figures
(worked out by hand in report_books.py, and checked against the account statements), the PDF
read back with pdftotext (Chinese headings and totals) and the .xlsx read back with openpyxl
(the same totals, real number formats, frozen heading rows)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cashier.domain.actor import Actor
from cashier.domain.errors import PermissionDenied, UserError
from cashier.domain.report_table import cells_of
from cashier.printing.notice_pdf import NoticePdf
from cashier.printing.report_files import ReportFiles
from cashier.printing.report_xlsx import HEADING_ROW
from cashier.services import reports
from cashier.services.statements import account_statement
from tests.integration.report_books import (
    ARREARS,
    AS_OF,
    DAY1,
    DAY1_METHODS,
    DAY1_NET,
    DAY2,
    DAY2_METHODS,
    WAIVER_FEN,
    two_days,
)
from tests.support.payment_books import ADMIN, CASHIER

pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


@pytest.fixture
def books(make_uow):
    two_days(make_uow)
    return make_uow


def _text(path: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def _rows(report, title: str) -> dict:
    return {cells_of(r)[0]: cells_of(r)[1:] for r in report.table(title).rows}


def _yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:,.2f}"


def test_the_daily_ledger_nets_each_method_and_season(books):
    report = reports.daily_ledger_of(books(), ADMIN, DAY1)
    methods = _rows(report, "按缴费方式汇总")
    assert {k: v for k, v in methods.items() if k != "合计"} == DAY1_METHODS
    assert methods["合计"][-1] == DAY1_NET
    seasons = _rows(report, "按采暖期汇总")
    assert seasons == {"往年欠费": (30000,), "2025-2026": (389050,), "预存": (120000,),
                       "合计": (DAY1_NET,)}  # fmt: skip
    detail = report.table("收费明细").rows
    assert len(detail) == 5 + 2  # five entries, the cashier's subtotal, the total
    second = _rows(reports.daily_ledger_of(books(), ADMIN, DAY2), "按缴费方式汇总")
    assert {k: v for k, v in second.items() if k != "合计"} == DAY2_METHODS


@pdftotext
def test_the_daily_ledger_pdf_and_xlsx_carry_the_same_totals(books, tmp_path):
    report = reports.daily_ledger_of(books(), ADMIN, DAY1)
    pdf, xlsx = tmp_path / "daily.pdf", tmp_path / "daily.xlsx"
    reports.write_report(report, pdf, ReportFiles())
    reports.write_report(report, xlsx, ReportFiles())
    text = _text(pdf)
    for heading in ("日记账", "按缴费方式汇总", "按采暖期汇总", "按收费员汇总", "收费明细"):
        assert heading in text
    total_line = next(line for line in text.splitlines() if line.split()[:1] == ["合计"])
    assert total_line.split()[1:] == [_yuan(450000 + 189050 + 20000), _yuan(-120000), _yuan(0),
                                      _yuan(DAY1_NET)]  # fmt: skip
    assert "A01-00000005" in text and "第1页/共1页" in text.replace(" ", "")
    book = openpyxl.load_workbook(xlsx)
    sheet = book["按缴费方式汇总"]
    assert sheet.freeze_panes == f"A{HEADING_ROW + 1}"
    assert [c.value for c in sheet[HEADING_ROW]] == ["缴费方式", "收费", "作废", "退费", "净额"]
    last = [row for row in sheet.iter_rows(min_row=HEADING_ROW + 1) if row[0].value == "合计"][0]
    assert Decimal(str(last[4].value)) == Decimal(DAY1_NET) / 100
    assert last[4].number_format == "#,##0.00" and last[0].font.b
    detail = book["收费明细"]
    receipts = [r[0].value for r in detail.iter_rows(min_row=HEADING_ROW + 1)]
    assert "A01-00000003" in receipts


def test_arrears_agree_with_each_account_statement(books):
    report = reports.arrears_list(books(), ADMIN, AS_OF)
    listed = {cells_of(r)[0]: cells_of(r)[5] for r in report.table("欠费明细").rows}
    assert {k: v for k, v in listed.items() if k.startswith("T-")} == ARREARS
    assert listed["总计"] == sum(ARREARS.values())
    for account in ("T-0001", "T-0002", "T-0003", "T-0004"):
        statement = account_statement(books(), account, AS_OF, "cash").statement
        principal = sum(s.principal_fen for s in statement.seasons)
        assert principal == ARREARS.get(account, 0), account
    ages = _rows(report, "按账龄汇总")
    assert ages["31-90天"] == (1, ARREARS["T-0002"])  # season due 2025-11-15: 35 days
    assert ages["181-365天"] == (1, ARREARS["T-0003"])  # opening arrears booked 2025-01-01


def test_arrears_of_one_building_and_before_the_second_day(books):
    one = reports.arrears_list(books(), ADMIN, AS_OF, estate="幸福小区", building="3")
    assert [cells_of(r)[0] for r in one.table("欠费明细").rows][0] == "T-0003"
    assert cells_of(one.table("欠费明细").rows[-1])[5] == ARREARS["T-0003"]
    before = reports.arrears_list(books(), ADMIN, DAY1)
    owed = {cells_of(r)[0]: cells_of(r)[5] for r in before.table("欠费明细").rows}
    assert owed["T-0002"] == 170164 and owed["T-0003"] == 75000 and "T-0001" not in owed


@pdftotext
def test_arrears_pdf_and_xlsx(books, tmp_path):
    report = reports.arrears_list(books(), ADMIN, AS_OF)
    reports.write_report(report, tmp_path / "a.pdf", ReportFiles())
    reports.write_report(report, tmp_path / "a.xlsx", ReportFiles())
    text = _text(tmp_path / "a.pdf")
    assert "欠费明细" in text and "按账龄汇总" in text and "幸福小区3号楼 小计" in text
    assert _yuan(sum(ARREARS.values())) in text.split("总计")[1]
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["欠费明细"]
    total = [r for r in sheet.iter_rows(min_row=HEADING_ROW + 1) if r[0].value == "总计"][0]
    assert Decimal(str(total[5].value)) * 100 == sum(ARREARS.values())
    first = sheet.cell(HEADING_ROW + 1, 7)  # T-0002
    assert first.value == (AS_OF - dt.date(2025, 11, 15)).days and first.number_format == "#,##0"


def test_collection_rate_by_estate_and_season(books):
    report = reports.collection_rate(books(), ADMIN, AS_OF)
    rows = [cells_of(r) for r in report.table("收费率").rows]
    season = next(r for r in rows if r[:2] == ("幸福小区", "2025-2026"))
    charged = 190000 + 170164 + 95000 + 180000
    unpaid = ARREARS["T-0002"] + 95000
    rate = (Decimal(charged - unpaid) / charged).quantize(Decimal("0.0001"))
    assert season[2:] == (4, 2, Decimal("0.5000"), charged, charged - unpaid, unpaid, rate)
    opening = next(r for r in rows if r[:2] == ("幸福小区", "往年欠费"))
    assert opening[2:4] == (1, 0)
    only = reports.collection_rate(books(), ADMIN, AS_OF, season="2025-2026")
    assert all(cells_of(r)[1] != "往年欠费" for r in only.table("收费率").rows)
    with pytest.raises(UserError, match="没有采暖期"):
        reports.collection_rate(books(), ADMIN, AS_OF, season="2030-2031")


@pdftotext
def test_voids_refunds_and_waivers_with_reasons_and_approvers(books, tmp_path):
    report = reports.reversals_between(books(), ADMIN, DAY1, DAY2)
    voids = [cells_of(r) for r in report.table("作废明细").rows]
    assert voids[0][1:3] == ("A01-00000005", "A01-00000003")
    assert voids[0][6:9] == (-120000, "金额输错", "0009 李四")
    refunds = [cells_of(r) for r in report.table("退费明细").rows]
    assert [r[7] for r in refunds[:-1]] == ["重复缴费", "退预存"] and refunds[-1][6] == -100000
    waivers = [cells_of(r) for r in report.table("滞纳金减免明细").rows]
    assert waivers[0][4:7] == (WAIVER_FEN, "困难户", "0009 李四")
    reports.write_report(report, tmp_path / "r.pdf", ReportFiles())
    text = _text(tmp_path / "r.pdf")
    assert "作废明细" in text and "滞纳金减免明细" in text and "重复缴费" in text
    with pytest.raises(UserError, match="早于"):
        reports.reversals_between(books(), ADMIN, DAY2, DAY1)


@pdftotext
def test_month_summary_adds_the_days(books, tmp_path):
    report = reports.monthly_summary(books(), ADMIN, 2025, 12)
    days = [cells_of(r) for r in report.table("按日汇总").rows]
    assert days[0][0] == DAY2 and days[0][1:4] == (1, 0, 2) and days[-1][-1] == 0
    changes = _rows(report, "应收变动")
    assert changes["滞纳金减免"] == (1, -WAIVER_FEN)
    october = reports.monthly_summary(books(), ADMIN, 2025, 10)
    assert cells_of(october.table("按日汇总").rows[-1])[-1] == DAY1_NET
    reports.write_report(october, tmp_path / "m.pdf", ReportFiles())
    assert "月度收费汇总" in _text(tmp_path / "m.pdf")


def test_vouchers_balance_and_follow_the_chosen_columns(books, tmp_path):
    report = reports.vouchers_between(books(), ADMIN, DAY1, DAY2)
    rows = [cells_of(r) for r in report.tables[0].rows]
    assert sum(r[7] for r in rows) == sum(r[8] for r in rows) == DAY1_NET
    cash = next(r for r in rows if r[0] == DAY1 and r[6] == "库存现金")
    assert cash[7] == DAY1_METHODS["现金"][3]
    with books() as uow:
        uow.settings.put(reports.VOUCHER_SUBJECTS, "cash=1001.01 库存现金-大厅")
        uow.commit()
    custom = reports.vouchers_between(books(), ADMIN, DAY1, DAY1, columns="科目代码,借方金额")
    assert [c.title for c in custom.tables[0].columns] == ["科目代码", "借方金额"]
    assert cells_of(custom.tables[0].rows[0]) == ("1001.01", DAY1_METHODS["现金"][3])
    path = tmp_path / "v.csv"
    reports.write_report(custom, path, ReportFiles())
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "科目代码,借方金额" and lines[1] == "1001.01,3500.00"


@pdftotext
def test_the_price_list_with_its_basis(books, tmp_path):
    with pytest.raises(PermissionDenied):
        reports.price_list(books(), Actor(5, "0005", "孙某", frozenset({"accountant"})),
                           basis="x")  # fmt: skip
    report = reports.price_list(books(), ADMIN, basis="某价管〔2025〕8号")
    reports.write_report(report, tmp_path / "p.pdf", ReportFiles())
    text = _text(tmp_path / "p.pdf")
    assert "收费标准公示" in text and "19.00 元/㎡" in text and "某价管〔2025〕8号" in text
    again = reports.price_list(books(), ADMIN)  # the basis was saved
    assert ("收费依据", "某价管〔2025〕8号") in again.table("采暖期").rows


@pdftotext
def test_arrears_notices_a4_and_receipt_paper(books, tmp_path):
    notices = reports.arrears_notices(books(), CASHIER, AS_OF, pay_within_days=10)
    assert [(n.account_no, n.total_fen) for n in notices] == sorted(ARREARS.items())
    assert notices[0].pay_by == AS_OF + dt.timedelta(days=10)
    for size in ("a4", "58"):
        path = tmp_path / f"n{size}.pdf"
        reports.write_notices(notices, path, NoticePdf(), size=size)
        text = _text(path).replace(" ", "")  # receipt paper is drawn on a grid of columns
        assert text.count("催缴通知单") == 2
        assert _yuan(ARREARS["T-0003"]) in text and "0000-0000000" in text
    with pytest.raises(UserError, match="没有欠费户"):
        reports.write_notices([], tmp_path / "none.pdf", NoticePdf())


def test_reports_need_permission_and_files_need_a_known_suffix(books, tmp_path):
    with pytest.raises(PermissionDenied):
        reports.daily_ledger_of(books(), CASHIER, DAY1)
    report = reports.daily_ledger_of(books(), ADMIN, DAY1)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="不支持的文件类型"):
        reports.write_report(report, out / "daily.docx", ReportFiles())
    with pytest.raises(UserError, match="无法写入"):
        reports.write_report(report, out / "missing" / "daily.pdf", ReportFiles())
    assert list(out.iterdir()) == []


def test_a_cancelled_report_stops_without_a_file(books):
    with pytest.raises(reports.ReportCancelled):
        reports.arrears_list(books(), ADMIN, AS_OF, cancelled=lambda: True)
