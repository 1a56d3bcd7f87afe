"""`cashier report ...` on SQLite and PostgreSQL: files written, figures read back, refusals."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import openpyxl
import pytest
from alembic import command

from cashier.cli import build_parser, main
from cashier.printing.report_xlsx import HEADING_ROW
from cashier.store import migrate
from tests.integration.report_books import ARREARS, DAY1_NET, two_days


@pytest.fixture
def cli(db_url, engine, make_uow, tmp_path, monkeypatch, capsys):
    """run(*args) -> (status, stdout, stderr) of `cashier --db URL ...` over report_books."""
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    two_days(make_uow)
    paper = tmp_path / "paper.bin"
    settings = tmp_path / "settings.toml"
    settings.write_text(f'printer_uri = "file:{paper}"\nprinter_profile = "58"\n',
                        encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("CASHIER_CONFIG", str(settings))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.paper = paper
    return run


def test_daily_ledger_to_pdf_and_xlsx(cli, tmp_path):
    pdf, xlsx = tmp_path / "d.pdf", tmp_path / "d.xlsx"
    assert cli("report", "daily", "--date", "2025-10-20", "--out", str(pdf))[0] == 0
    assert cli("report", "daily", "--date", "2025-10-20", "--out", str(xlsx))[0] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert "日记账" in text.decode() and "5,390.50" in text.decode()
    sheet = openpyxl.load_workbook(xlsx)["按缴费方式汇总"]
    total = [r for r in sheet.iter_rows(min_row=HEADING_ROW + 1) if r[0].value == "合计"][0]
    assert Decimal(str(total[-1].value)) * 100 == DAY1_NET


def test_arrears_vouchers_and_notices(cli, tmp_path):
    code, out, err = cli("report", "arrears", "--date", "2025-12-20", "--out",
                         str(tmp_path / "a.xlsx"))  # fmt: skip
    assert code == 0 and "已写入" in out
    rows = openpyxl.load_workbook(tmp_path / "a.xlsx")["欠费明细"].iter_rows(values_only=True)
    listed = {r[0]: Decimal(str(r[5])) * 100 for r in rows if r[0] in ARREARS}
    assert listed == ARREARS
    code, _, _ = cli("report", "vouchers", "--from", "2025-10-01", "--to", "2025-12-31",
                     "--columns", "date,subject_name,debit,credit", "--out",
                     str(tmp_path / "v.csv"))  # fmt: skip
    lines = (tmp_path / "v.csv").read_text(encoding="utf-8-sig").splitlines()
    assert code == 0 and lines[0] == "凭证日期,科目名称,借方金额,贷方金额"
    assert "2025-10-20,库存现金,3500.00,0.00" in lines
    place = ("--estate", "幸福小区", "--building", "3")
    code, out, _ = cli("report", "notices", "--date", "2025-12-20", *place, "--size", "80",
                       "--out", str(tmp_path / "n.pdf"))  # fmt: skip
    assert code == 0 and "1 张催缴通知单" in out
    code, out, _ = cli("report", "notices", "--date", "2025-12-20", "--print")
    assert code == 0 and "已打印 2 张" in out
    assert "催缴通知单".encode("gb18030") in cli.paper.read_bytes()


def test_setup_saves_voucher_accounts_that_the_vouchers_then_use(cli, tmp_path):
    accounts = tmp_path / "accounts.txt"
    accounts.write_text("# 本公司科目\ncash=1001.01 库存现金-大厅\n", encoding="utf-8")
    code, out, _ = cli("report", "setup", "--voucher-accounts", str(accounts),
                       "--voucher-columns", "subject_code,debit")  # fmt: skip
    assert code == 0 and "cash=1001.01 库存现金-大厅" in out
    code, _, _ = cli("report", "vouchers", "--from", "2025-10-20", "--to", "2025-10-20",
                     "--out", str(tmp_path / "v.csv"))  # fmt: skip
    lines = (tmp_path / "v.csv").read_text(encoding="utf-8-sig").splitlines()
    assert code == 0 and lines[:2] == ["科目代码,借方金额", "1001.01,3500.00"]
    accounts.write_text("cash 1001\n", encoding="utf-8")
    code, _, err = cli("report", "setup", "--voucher-accounts", str(accounts))
    assert code == 1 and "凭证科目设置有误" in err


def test_refusals_exit_1_and_bad_options_exit_2(cli, tmp_path, capsys):
    code, _, err = cli("report", "daily", "--date", "2025-10-20", "--out", str(tmp_path / "x.doc"))
    assert code == 1 and "不支持的文件类型" in err
    code, _, err = cli("report", "collection", "--season", "1999-2000", "--out",
                       str(tmp_path / "c.pdf"))  # fmt: skip
    assert code == 1 and "没有采暖期" in err
    code, _, err = cli("report", "vouchers", "--from", "2025-10-01", "--to", "2025-10-31",
                       "--columns", "date,memo", "--out", str(tmp_path / "v.csv"))  # fmt: skip
    assert code == 1 and "未知的凭证列" in err
    with pytest.raises(SystemExit) as stop:
        main(["report", "monthly", "--month", "2025-13", "--out", "m.pdf"])
    assert stop.value.code == 2


def test_every_report_option_is_documented():
    parser = build_parser()
    report = next(a for a in parser._subparsers._group_actions[0].choices.items()
                  if a[0] == "report")[1]  # fmt: skip
    kinds = report._subparsers._group_actions[0].choices
    assert set(kinds) == {"daily", "monthly", "arrears", "collection", "reversals", "prices",
                          "vouchers", "notices", "setup"}  # fmt: skip
    for kind in kinds.values():
        for action in kind._actions:
            assert action.help, f"{kind.prog} {action.option_strings} has no help"
