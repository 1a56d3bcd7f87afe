"""`cashier repairs ...` end to end on a migrated database, and `cashier verify` naming an
altered repair bill."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import Workbook
from sqlalchemy import text
from support.repair_world import (
    EXAMPLE_PRICES,
    RECEIVED,
    TECHNICIAN,
    add_accounts,
    minutes_after,
    phone_order,
    reach_site,
    signature,
    valve_lines,
)

from cashier.cli import main
from cashier.services.repair_bills import save_bill, sign_bill
from cashier.store.engine import make_engine
from cashier.store.guards import drop_guards
from cashier.store.uow import uow_factory


@pytest.fixture
def migrated(db_url):
    """A database built by the migrations, with one account; (url, engine, uow factory)."""
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    engine = make_engine(db_url)
    make_uow = uow_factory(engine)
    add_accounts(make_uow, "HP-0001")
    yield db_url, engine, make_uow
    engine.dispose()


def _signed_order(make_uow) -> str:
    number = phone_order(make_uow, at=RECEIVED).number
    reach_site(make_uow, number, RECEIVED)
    view = save_bill(make_uow(), TECHNICIAN, number, valve_lines(), now=minutes_after(40))
    sign_bill(
        make_uow(),
        TECHNICIAN,
        number,
        signature(),
        digest=view.latest.digest,
        signer_name="张三",
        now=minutes_after(41),
    )
    return number


def test_prices_load_and_show_by_date(migrated, capsys, tmp_path):
    url, _, _ = migrated
    assert main(["--db", url, "repairs", "prices", "load", str(EXAMPLE_PRICES)]) == 0
    assert "已载入 10 行" in capsys.readouterr().out
    assert main(["--db", url, "repairs", "prices", "load", str(EXAMPLE_PRICES)]) == 0
    assert "0 行，10 行已存在" in capsys.readouterr().out
    assert main(["--db", url, "repairs", "prices", "show", "--date", "2026-01-01"]) == 0
    shown = capsys.readouterr().out
    assert "铜球阀 DN20\t¥48.00/个\t自 2026-01-01" in shown and "WX03\t管道焊接\t¥45.50/处" in shown
    table = tmp_path / "prices.csv"
    table.write_text(
        "类别,编码,名称,规格,单位,单价,收费依据,执行日期\n"
        "材料,CL09,三通,DN20,个,6.6.0,,2026-02-01\n",
        encoding="utf-8",
    )
    assert main(["--db", url, "repairs", "prices", "load", str(table)]) == 1
    assert "第2行“单价”" in capsys.readouterr().err


def test_list_pdf_and_slip_of_a_signed_bill(migrated, capsys, tmp_path):
    url, _, make_uow = migrated
    assert main(["--db", url, "repairs", "prices", "load", str(EXAMPLE_PRICES)]) == 0
    number = _signed_order(make_uow)
    capsys.readouterr()
    assert main(["--db", url, "repairs", "list", "--state", "all", "--search", "HP-0001"]) == 0
    listed = capsys.readouterr().out
    assert number in listed and "迟到" not in listed and "共 1 张维修单" in listed
    assert main(["--db", url, "repairs", "slip", number]) == 0
    slip = capsys.readouterr().out
    assert "维修收费清单" in slip and "柒拾陆元整" in slip
    assert max(len(line.encode("gb18030")) for line in slip.splitlines()) <= 32
    out = tmp_path / "bill.pdf"
    assert main(["--db", url, "repairs", "pdf", number, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        extracted = subprocess.run(["pdftotext", str(out), "-"], capture_output=True).stdout
        assert number in extracted.decode()
    assert main(["--db", url, "repairs", "pdf", number, "--damage", "--out", str(out)]) == 1
    assert "没有损坏确认单" in capsys.readouterr().err


def test_cashier_verify_names_a_bill_altered_after_signing(migrated, capsys):
    url, engine, make_uow = migrated
    assert main(["--db", url, "repairs", "prices", "load", str(EXAMPLE_PRICES)]) == 0
    number = _signed_order(make_uow)
    capsys.readouterr()
    assert main(["--db", url, "verify"]) == 0
    assert "维修收费清单与客户签字" in capsys.readouterr().out
    with engine.begin() as conn:
        drop_guards(conn, ["repair_bill_lines"])
        conn.execute(text("UPDATE repair_bill_lines SET quantity_centi = 50 WHERE code = 'WX01'"))
    assert main(["--db", url, "verify"]) == 1
    out = capsys.readouterr().out
    assert f"维修单 {number} 第1版收费清单的内容与其摘要不符" in out


def test_prices_load_from_an_excel_workbook(migrated, capsys, tmp_path):
    url, _, make_uow = migrated
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["类别", "编码", "名称", "规格", "单位", "单价", "收费依据", "执行日期"])
    sheet.append(
        [
            "维修项目",
            "WX01",
            "更换散热器阀门",
            None,
            "个",
            30,
            "幸发改价格〔2025〕18号",
            dt.date(2025, 11, 1),
        ]
    )
    sheet.append(["材料", "CL01", "铜球阀", "DN20", "个", 45.5, None, dt.date(2025, 11, 1)])
    path = tmp_path / "prices.xlsx"
    workbook.save(path)
    assert main(["--db", url, "repairs", "prices", "load", str(path)]) == 0
    assert "已载入 2 行" in capsys.readouterr().out
    with make_uow() as uow:
        rows = {(row.code, row.price_fen, row.valid_from) for row in uow.repair_prices.rows()}
    assert rows == {("WX01", 3000, dt.date(2025, 11, 1)), ("CL01", 4550, dt.date(2025, 11, 1))}
