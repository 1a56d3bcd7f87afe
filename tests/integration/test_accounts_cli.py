"""`cashier accounts import|export|template` and `cashier readings import` on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from openpyxl import load_workbook
from sqlalchemy import text

from cashier.cli import main
from cashier.store import migrate
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema

HEADER = "户号,户名,小区,楼号,室号,用户类别,供热面积,计费方式,往年欠费"
ROWS = [
    "A-1,张三,幸福小区,1,101,居民,89.56,面积,100.00",
    "A-2,李四,幸福小区,1,102,居民,90.00,计量,",
]
TARIFF = """
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
  settlement = "refund_and_topup"
"""


@pytest.fixture
def cli(db_url, tmp_path, capsys):
    """Runs `cashier --db URL ...` in-process; returns (exit status, stdout, stderr)."""
    engine = make_engine(db_url)
    create_schema(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", db_url, *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    def count(table: str) -> int:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()

    run.count = count
    run.path = tmp_path
    yield run
    engine.dispose()


def write(cli, name: str, lines: list[str], encoding: str = "utf-8") -> str:
    path: Path = cli.path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return str(path)


def test_import_reports_what_it_stored(cli):
    path = write(cli, "a.csv", [HEADER, *ROWS], "gb18030")
    status, out, err = cli("accounts", "import", path, "--date", "2025-10-01")
    assert (status, err) == (0, "")
    assert "已导入：2 户" in out and "往年欠费 1 户 ¥100.00" in out
    assert (cli.count("accounts"), cli.count("opening_arrears")) == (2, 1)
    status, out, _ = cli("statement", "A-1", "--date", "2025-12-01", "--json")
    assert status == 0
    assert json.loads(out) == {
        "account_no": "A-1", "date": "2025-12-01", "channel": "cash",
        "seasons": [{"season": "opening", "principal": "100.00", "late_fee": "0.00",
                     "discount": "0.00", "due": "100.00"}],
        "credit": "0.00", "total_due": "100.00",
    }


def test_a_bad_row_exits_1_names_row_and_column_and_writes_nothing(cli):
    rows = [HEADER, ROWS[0], "A-2,李四,幸福小区,1,102,居民,0.001,面积,", ROWS[0]]
    status, out, err = cli("accounts", "import", write(cli, "a.csv", rows))
    assert status == 1
    lines = err.splitlines()
    assert lines[0].startswith("错误：导入被拒绝，未写入任何数据，共 3 处错误")
    assert lines[1].startswith("第3行，供热面积：") and "(row 3, heated_area: " in lines[1]
    assert lines[2:] == [
        "第4行，户号：户号重复（与第2行重复） (row 4, account_no: duplicate (same as row 2))",
        "第4行，室号：地址重复：幸福小区1号楼101已在第2行 (row 4, room: duplicate address, "
        "already at row 2)",
    ]
    assert cli.count("accounts") == 0


def test_dry_run_writes_nothing(cli):
    status, out, _ = cli("accounts", "import", write(cli, "a.csv", [HEADER, *ROWS]), "--dry-run")
    assert status == 0 and "检查通过，未写入" in out
    assert cli.count("accounts") == 0


def test_export_and_template_files(cli):
    cli("accounts", "import", write(cli, "a.csv", [HEADER, *ROWS]))
    out_csv, out_xlsx = cli.path / "out.csv", cli.path / "out.xlsx"
    status, out, _ = cli("accounts", "export", str(out_csv))
    assert (status, out) == (0, f"已导出 2 户到 {out_csv} / exported 2 accounts\n")
    lines = out_csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("户号,户名,电话,小区,楼号,单元,室号,用户类别,低保,供热面积")
    assert lines[1] == "A-1,张三,,幸福小区,1,,101,居民,否,89.56,,面积,供热,,100.00,,,"
    assert cli("accounts", "export", str(out_xlsx))[0] == 0
    assert [c.value for c in load_workbook(out_xlsx).active[3]][:3] == ["A-2", "李四", None]
    template = cli.path / "template.xlsx"
    assert cli("accounts", "template", str(template))[0] == 0
    assert load_workbook(template).sheetnames == ["数据", "填写说明"]


def test_unsupported_file_exits_1(cli):
    status, _, err = cli("accounts", "import", str(cli.path / "a.xls"))
    assert status == 1 and "不支持的文件类型" in err and "unsupported file type" in err


def test_readings_import_posts_the_settlement(cli):
    tariff = cli.path / "season.toml"
    tariff.write_text(TARIFF, encoding="utf-8")
    assert cli("tariffs", "load", str(tariff))[0] == 0
    assert cli("accounts", "import", write(cli, "a.csv", [HEADER, *ROWS]))[0] == 0
    assert cli("season", "open", "2025-2026", "--date", "2025-10-01")[0] == 0
    readings = write(cli, "r.csv", ["户号,采暖期,用量,抄表日期", "A-2,2025-2026,5000,2026-03-16"])
    status, out, err = cli("readings", "import", readings, "--date", "2026-03-20")
    assert (status, err) == (0, "")
    assert "抄表 1 条，计量结算 1 笔，合计 -¥675.00" in out
    bills = cli.path / "bills.csv"
    assert cli("bills", "export", "--season", "2025-2026", str(bills))[0] == 0
    row = bills.read_text(encoding="utf-8-sig").splitlines()[2]
    assert row == "A-2,李四,2025-2026,2250.00,,,,,-675.00,1575.00"
    again = cli("readings", "import", readings)
    assert again[0] == 1 and "第2行，采暖期：该户本采暖期已有抄表记录" in again[2]


def test_every_option_is_documented():
    for args in (["accounts", "import"], ["readings", "import"]):
        with pytest.raises(SystemExit):
            main([*args, "--help"])
