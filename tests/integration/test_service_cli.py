"""`cashier outages|measurements|calendar|service` and `cashier verify` on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from support.service_world import DESK, account, build, local

from cashier.cli import main
from cashier.domain.service_cases import NewCase
from cashier.services.service_cases import record_case
from cashier.store import migrate
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory

ACCOUNTS = [
    account("100001", "90.00", building="7", room="301"),
    account("A-1", "90.00", building="1"),
    account("A-2", "80.00", building="2", room="201"),
    account("A-3", "80.00", building="3", room="301"),
    account("B-1", "100.00", estate="和平小区", building="5", unit="2"),
    account("B-2", "100.00", estate="和平小区", building="5", unit="1", room="102"),
]


@pytest.fixture
def cli(db_url, tmp_path, capsys):
    """Runs `cashier --db URL ...` in-process on a stamped database with the example world."""
    engine = make_engine(db_url)
    create_schema(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    make_uow = uow_factory(engine)
    ids = build(make_uow, ACCOUNTS)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", db_url, *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    def count(table: str) -> int:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()

    run.count, run.path, run.engine, run.make_uow, run.ids = (
        count, tmp_path, engine, make_uow, ids
    )  # fmt: skip
    yield run
    engine.dispose()


def _credits(cli) -> dict[str, int]:
    query = text(
        "SELECT a.account_no, SUM(l.amount_fen) FROM bill_lines l JOIN bills b ON b.id = l.bill_id"
        " JOIN accounts a ON a.id = b.account_id WHERE l.kind IN ('outage_credit',"
        " 'temperature_refund', 'adjustment') GROUP BY a.account_no"
    )
    with cli.engine.connect() as conn:
        return {number: int(total) for number, total in conn.execute(query)}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_outage_template_imports_and_credits_the_places_it_names(cli):
    template = cli.path / "停热.csv"
    assert cli("outages", "template", str(template))[0] == 0
    status, out, err = cli("outages", "import", str(template))
    assert status == 0, err
    assert "停热 2 次，涉及 4 户" in out
    # group A (30 h: one day) covers 幸福小区 1、2号楼 and 和平小区 5号楼2单元 (not B-2 in unit
    # 1, not A-3 in building 3); the 20-hour outage of 100001 credits nothing.
    assert _credits(cli) == {"A-1": -1636, "A-2": -1455, "B-1": -1818}
    assert cli.count("outages") == 2 and cli.count("outage_accounts") == 4


def test_an_outage_file_imported_twice_credits_once(cli):
    template = cli.path / "停热.csv"
    assert cli("outages", "template", str(template))[0] == 0
    assert cli("outages", "import", str(template))[0] == 0
    status, out, err = cli("outages", "import", str(template))
    assert status == 0, err
    assert "停热 0 次，涉及 0 户" in out and "已导入过而跳过 2 次" in out
    assert _credits(cli) == {"A-1": -1636, "A-2": -1455, "B-1": -1818}
    assert cli.count("outages") == 2 and cli.count("outage_accounts") == 4
    later = _write(cli.path / "later.csv", [
        "开始时间,恢复时间,原因,户号",
        "2025-12-20 08:00,2025-12-22 09:00,换热站检修,100001",
    ])  # fmt: skip
    status, _, err = cli("outages", "import", str(later))
    assert status == 1 and "第2行，恢复时间：停热 TR2025-00002 已导入过，恢复时间不同" in err
    assert cli.count("outages") == 2


def test_a_bad_outage_file_writes_nothing_and_lists_every_row(cli):
    path = _write(cli.path / "bad.csv", [
        "停热编号,开始时间,恢复时间,原因,小区,楼号,户号",
        "A,2025-12-10 08:00,2025-12-11 14:00,爆管,幸福小区,1,",
        "A,2025-12-10 09:00,,,幸福小区,9,",
        ",2025-12-32 08:00,,检修,,,100001",
        ",2025-12-20 08:00,,,,,NOPE",
        ",2025-12-20 08:00,,检修,,,",
    ])  # fmt: skip
    status, _, err = cli("outages", "import", str(path))
    assert status == 1
    assert "第3行，开始时间：与第2行不一致" in err
    assert "第4行，开始时间：应为时间 YYYY-MM-DD HH:MM" in err
    assert "第5行，原因：必填" in err
    assert "第6行，小区：请填写户号或小区" in err
    assert cli.count("outages") == 0 and _credits(cli) == {}
    fixed = _write(cli.path / "places.csv", [
        "开始时间,原因,小区,楼号,户号",
        "2025-12-10 08:00,爆管,幸福小区,9,",
        "2025-12-10 08:00,爆管,,,NOPE",
    ])  # fmt: skip
    status, _, err = cli("outages", "import", str(fixed))
    assert status == 1 and "第2行，小区：幸福小区9号楼没有用户" in err
    assert "第3行，户号：户号不存在" in err


def test_restore_and_notice_from_the_command_line(cli):
    path = _write(cli.path / "open.csv", ["开始时间,原因,户号", "2025-12-10 08:00,爆管,A-1"])
    assert cli("outages", "import", str(path))[0] == 0
    assert _credits(cli) == {}
    status, out, _ = cli("outages", "restore", "TR2025-00001", "--at", "2025-12-12 09:00")
    assert status == 0 and "恢复供热" in out
    assert _credits(cli) == {"A-1": -3273}
    assert cli("outages", "notice", "tr2025-00001", "--at", "2025-12-10 19:00")[0] == 0
    status, _, err = cli("outages", "restore", "TR2025-09999", "--at", "2025-12-12 09:00")
    assert status == 1 and "没有编号为 TR2025-09999 的停热记录" in err


def test_measurement_log_import_is_all_or_nothing_and_skips_repeats(cli):
    template = cli.path / "测温.xlsx"
    assert cli("measurements", "template", str(template))[0] == 0
    status, out, err = cli("measurements", "import", str(template))
    assert status == 0, err
    assert "测温记录 1 条" in out
    assert cli.count("measurement_rooms") == 2 and cli.count("signatures") == 0
    status, out, _ = cli("measurements", "import", str(template))
    assert status == 0 and "跳过 1 条" in out and cli.count("temperature_measurements") == 1
    assert _credits(cli) == {}  # device readings are unsigned: no refund
    bad = _write(cli.path / "bad.csv", [
        "户号,测温时间,房间,面积,温度,设备",
        "A-2,2025-12-01 10:00,卧室,70.00,16.5,T-01",
        "A-2,2025-12-01 10:00,客厅,20.00,16.8,T-01",
        "NOPE,2025-12-01 10:00,卧室,10.00,16.5,T-01",
        "A-3,2025-12-01 10:00,卧室,10.00,16.55,T-01",
        "A-3,2025-07-01 10:00,卧室,10.00,26.5,T-01",
    ])  # fmt: skip
    status, _, err = cli("measurements", "import", str(bad))
    assert status == 1
    assert "第2行：所测房间面积合计90.00㎡，超过供热面积80.00㎡" in err
    assert "第4行，户号：户号不存在" in err
    assert "第5行，温度" in err
    assert cli.count("temperature_measurements") == 1
    with_july = _write(cli.path / "july.csv", [
        "户号,测温时间,房间,面积,温度,设备", "A-3,2025-07-01 10:00,卧室,10.00,26.5,T-01"
    ])  # fmt: skip
    status, _, err = cli("measurements", "import", str(with_july))
    assert status == 1 and "第2行：2025-07-01 10:00 不在任何采暖期的供热时间内" in err


def test_calendar_load_show_and_the_overdue_list(cli):
    case = NewCase("application", local(2026, 12, 28, 10), "visit", "connect", "新装", None,
                   "张三", "13800000000")  # fmt: skip
    record_case(cli.make_uow(), DESK, case, now=local(2026, 12, 28, 10))
    status, out, _ = cli("service", "overdue", "--at", "2026-12-29 08:00")
    assert status == 0 and "无法计算期限 no deadline：1" in out and "缺少2027年节假日安排" in out
    path = cli.path / "2027.toml"
    path.write_text(
        'year = 2027\nsource = "测试安排"\nworkdays = []\n'
        '[[holiday]]\nname = "元旦"\nfrom = 2027-01-01\nto = 2027-01-01\n',
        encoding="utf-8",
    )
    status, out, _ = cli("calendar", "load", str(path))
    assert status == 0 and "已载入2027年节假日安排：假日 1 天" in out
    assert "2025、2026、2027" in cli("calendar", "show")[1]
    # 12-29 .. 12-31 are days 1-3, 01-01 is off, 01-04 .. 01-07 are days 4-7
    status, out, _ = cli("service", "overdue", "--at", "2027-01-08 08:00")
    assert "已逾期 overdue：1" in out and "2027-01-08 00:00前" in out
    status, _, err = cli("calendar", "load", str(cli.path / "missing.toml"))
    assert status == 1


def test_verify_exits_1_naming_a_complaint_deleted_with_raw_sql(cli):
    case = NewCase("complaint", local(2025, 12, 2, 9), "phone", "billing", "多收费", cli.ids["A-1"])
    stored = record_case(cli.make_uow(), DESK, case, now=local(2025, 12, 2, 9)).case
    status, out, _ = cli("verify")
    assert status == 0 and "服务记录" in out
    with cli.engine.begin() as conn:
        if cli.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER service_cases_no_delete"))
        else:
            conn.execute(text("ALTER TABLE service_cases DISABLE TRIGGER USER"))
        conn.execute(text("DELETE FROM service_cases WHERE id = :i"), {"i": stored.id})
    status, out, _ = cli("verify")
    assert status == 1
    assert f"投诉举报/申请 {stored.case_no} 已不存在：该记录被删除" in out
