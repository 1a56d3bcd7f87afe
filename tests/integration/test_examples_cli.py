"""The worked examples of heat-fees.md that the command line can express, exact to the fen.

tariffs load -> accounts import -> season open -> readings import -> bills export /
statement --json, on SQLite and PostgreSQL. Examples 11 (a payment), 13 (an outage) and 14 (a
temperature measurement) need inputs the command line does not take yet; the domain tests
cover them.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from support.billing_seed import migrated_database
from support.tariff_files import CHANGCHUN, DINGZHOU, LANGFANG, SANHE, TIANJIN, next_season

from cashier.cli import main

HEADER = (
    "户号,户名,电话,小区,楼号,单元,室号,用户类别,低保,供热面积,层高,计费方式,状态,开通日期,往年欠费"
)


@pytest.fixture
def cli(db_url, tmp_path, capsys):
    """Runs `cashier --db URL ...` in-process; returns (exit status, stdout, stderr)."""
    migrated_database(db_url)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--db", db_url, *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    run.path = tmp_path
    return run


def _file(cli, name: str, text: str) -> str:
    path: Path = cli.path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _prepare(cli, tariff: str, rows: list[str], *, open_on: str = "2025-10-01") -> None:
    assert cli("tariffs", "load", _file(cli, "season.toml", tariff))[0] == 0
    accounts = _file(cli, "accounts.csv", "\n".join([HEADER, *rows]) + "\n")
    status, out, err = cli("accounts", "import", accounts, "--date", "2025-10-01")
    assert status == 0, err
    status, out, err = cli("season", "open", "2025-2026", "--date", open_on)
    assert status == 0, err
    assert "开征完成" in out and "开征 2025-2026" in err


def _export(cli, season: str = "2025-2026") -> list[list[str]]:
    target = cli.path / f"bills-{season}.csv"
    assert cli("bills", "export", "--season", season, str(target))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))[1:]


def _statement(cli, account: str, on: str, channel: str = "cash") -> dict:
    status, out, err = cli("statement", account, "--date", on, "--channel", channel, "--json")
    assert status == 0, err
    return json.loads(out)


def test_langfang_examples_1_2_3_4_and_10(cli):
    _prepare(
        cli,
        LANGFANG,
        [
            "LF-01,张三,,幸福小区,1,1,101,居民,否,89.56,,面积,供热,,",
            "LF-02,李四便利店,,幸福小区,1,1,102,非居民,否,120.00,,面积,供热,,",
            "LF-03,王五,,幸福小区,1,1,103,居民,是,65.30,,面积,供热,,",
            "LF-04,赵六,,幸福小区,1,1,104,居民,否,100,,面积,报停,,",
            "LF-05,钱七,,幸福小区,1,1,105,居民,是,100,,面积,报停,,",
            "LF-10,孙八,,幸福小区,1,1,106,居民,否,90,,面积,供热,2026-01-01,",
        ],
    )
    assert _export(cli) == [
        ["LF-01", "张三", "2025-2026", "1970.32", "", "", "", "", "", "1970.32"],
        ["LF-02", "李四便利店", "2025-2026", "4560.00", "", "", "", "", "", "4560.00"],
        ["LF-03", "王五", "2025-2026", "1012.15", "", "", "", "", "", "1012.15"],
        ["LF-04", "赵六", "2025-2026", "", "", "440.00", "", "", "", "440.00"],
        ["LF-05", "钱七", "2025-2026", "", "", "0.00", "", "", "", "0.00"],
        ["LF-10", "孙八", "2025-2026", "1210.91", "", "", "", "", "", "1210.91"],
    ]


def test_sanhe_example_5_metered_settlement(cli):
    _prepare(cli, SANHE, ["SH-05,张三,,幸福小区,2,1,201,居民,否,90,,计量,供热,,"])
    lines = "户号,采暖期,用量,抄表日期\nSH-05,2025-2026,5000,2026-03-16\n"
    readings = _file(cli, "readings.csv", lines)
    status, _, err = cli("readings", "import", readings)
    assert status == 0, err
    assert _export(cli) == [
        ["SH-05", "张三", "2025-2026", "2250.00", "", "", "", "", "-675.00", "1575.00"]
    ]


def test_changchun_example_9_ceiling_surcharge(cli):
    _prepare(cli, CHANGCHUN, ["CC-09,李四商行,,幸福小区,3,1,1,非居民,否,150,3.90,面积,供热,,"])
    assert _export(cli) == [
        ["CC-09", "李四商行", "2025-2026", "4650.00", "697.50", "", "", "", "", "5347.50"]
    ]


def test_dingzhou_examples_6_and_7_statement_json(cli):
    _prepare(cli, DINGZHOU, ["A-0001,张三,,幸福小区,4,1,101,居民,否,100,,面积,供热,,"])
    online = _statement(cli, "A-0001", "2025-10-20", "wechat")
    assert (online["seasons"][0]["discount"], online["total_due"]) == ("9.50", "1890.50")
    assert _statement(cli, "A-0001", "2025-10-20", "cash")["total_due"] == "1900.00"
    status, out, _ = cli("statement", "A-0001", "--date", "2025-12-15", "--json")
    assert status == 0
    assert out.strip() == (
        '{"account_no": "A-0001", "date": "2025-12-15", "channel": "cash", '
        '"seasons": [{"season": "2025-2026", "principal": "1900.00", "late_fee": "114.00", '
        '"discount": "0.00", "due": "2014.00"}], "credit": "0.00", "total_due": "2014.00"}'
    )


def test_statement_text_for_people(cli):
    _prepare(cli, DINGZHOU, ["TX-01,张三,,幸福小区,4,1,102,居民,否,100,,面积,供热,,120.50"])
    status, out, _ = cli("statement", "TX-01", "--date", "2025-12-15")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "户号 TX-01  张三  2025-12-15  渠道 cash"
    assert lines[2].split() == ["往年欠费", "120.50", "0.00", "0.00", "120.50"]
    assert lines[3].split() == ["2025-2026", "1,900.00", "114.00", "0.00", "2,014.00"]
    assert lines[-1] == "应缴合计 ¥2,134.50"


def test_tianjin_examples_8_and_12_late_fee_and_cap(cli):
    _prepare(cli, TIANJIN, ["TJ-08,张三,,幸福小区,5,1,101,居民,否,100,,面积,供热,,"])
    assert _statement(cli, "TJ-08", "2026-01-20")["total_due"] == "2600.00"
    capped = _statement(cli, "TJ-08", "2026-07-19")["seasons"][0]
    assert (capped["late_fee"], capped["due"]) == ("750.00", "3250.00")


def test_opening_arrears_show_as_their_own_entry(cli):
    _prepare(cli, DINGZHOU, ["OA-01,张三,,幸福小区,6,1,101,居民,否,100,,面积,供热,,350.00"])
    owed = _statement(cli, "OA-01", "2025-12-15")
    assert [(s["season"], s["due"]) for s in owed["seasons"]] == [
        ("opening", "350.00"),
        ("2025-2026", "2014.00"),
    ]
    assert owed["total_due"] == "2364.00"


def test_bills_keep_their_amounts_after_the_tariff_file_changes(cli):
    _prepare(cli, LANGFANG, ["KP-01,张三,,幸福小区,7,1,101,居民,否,89.56,,面积,供热,,"])
    before = _export(cli)
    dearer = LANGFANG.replace("area_price = 22.00", "area_price = 24.00")
    status, _, err = cli("tariffs", "load", _file(cli, "dearer.toml", dearer))
    assert status == 1 and "已开征" in err and "cannot" in err
    following = next_season(dearer)
    assert cli("tariffs", "load", _file(cli, "next.toml", following))[0] == 0
    assert cli("season", "open", "2026-2027", "--date", "2026-10-01")[0] == 0
    assert _export(cli) == before
    assert before[0][3] == "1970.32"
    assert _export(cli, "2026-2027")[0][3] == "2149.44"


def test_season_open_twice_bills_nothing_new(cli):
    _prepare(cli, LANGFANG, ["TW-01,张三,,幸福小区,8,1,101,居民,否,50,,面积,供热,,"])
    status, out, _ = cli("season", "open", "2025-2026")
    assert status == 0 and "本次开征 0 户，此前已开征 1 户" in out
    assert len(_export(cli)) == 1


def test_refusals_exit_1_with_both_languages(cli):
    bad = LANGFANG.replace("suspended_ratio = 0.20\nlow", "suspended_ratio = 2\nlow")
    status, _, err = cli("tariffs", "load", _file(cli, "bad.toml", bad))
    assert status == 1 and "tariff.residential.suspended_ratio" in err
    status, _, err = cli("season", "open", "2031-2032")
    assert status == 1 and "不存在" in err and "does not exist" in err
    status, _, err = cli("statement", "NOBODY", "--json")
    assert status == 1 and "NOBODY" in err
    status, _, err = cli("tariffs", "load", str(cli.path / "missing.toml"))
    assert status == 1 and "找不到文件" in err


def test_demo_opens_its_season(cli):
    status, out, err = cli("demo", "--accounts", "60")
    assert status == 0, err
    assert "已开征 60 户" in out
    rows = _export(cli)
    assert len(rows) == 60
    assert all(Decimal(row[-1]) == sum(Decimal(x) for x in row[3:9] if x) for row in rows)
    assert any(row[5] for row in rows) and any(row[3] for row in rows)
