"""Accounts import, export and template on SQLite and PostgreSQL: all rows or none."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from cashier.domain.account_import import header_cells
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.domain.table_rows import ImportRefused
from cashier.domain.tariffs import parse_tariff_toml
from cashier.services.account_files import (
    export_accounts,
    import_accounts,
    read_account_file,
    write_account_template,
)
from cashier.services.demo import DEMO_TARIFF
from cashier.services.tabular import TableFileError

HEADER = (
    "户号,户名,电话,小区,楼号,单元,室号,用户类别,低保,供热面积,层高,计费方式,状态,开通日期,往年欠费"
)
ROWS = [
    "A-0001,张三,13900001111,幸福小区,3,2,502,居民,否,89.56,,面积,供热,,1234.50",
    "A-0002,李四,,幸福小区,3,2,503,居民,是,65.30,,面积,报停,,",
    "S-0001,李记便利店,0310-1234567,幸福小区,1,,商铺1,非居民,否,150.00,3.90,面积,供热,2026-01-01,",
]
TODAY = dt.date(2025, 12, 1)


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def load_season(make_uow) -> None:
    with make_uow() as uow:
        uow.seasons.add(parse_tariff_toml(DEMO_TARIFF), loaded_by="0000")
        uow.commit()


def stored(engine) -> dict[str, tuple]:
    """What the database holds per account number, read with plain SQL."""
    query = text(
        "SELECT a.account_no, a.name, a.phone, a.estate, a.building, a.unit, a.room,"
        " f.category, f.low_income, f.heated_area_centi, f.ceiling_height_centi, f.billing,"
        " f.connected_on, f.valid_from, f.recorded_by,"
        " (SELECT s.status FROM account_statuses s WHERE s.account_id = a.id),"
        " (SELECT o.amount_fen FROM opening_arrears o WHERE o.account_id = a.id)"
        " FROM accounts a JOIN account_facts f ON f.account_id = a.id ORDER BY a.account_no"
    )
    with engine.connect() as conn:
        return {row[0]: _plain(row[1:]) for row in conn.execute(query)}


def _plain(values) -> tuple:
    """Dates as ISO text and flags as bool, the same from SQLite's text and PostgreSQL."""
    values = [str(v) if isinstance(v, dt.date) else v for v in values]
    values[7] = bool(values[7])
    return tuple(values)


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_stores_every_fact(engine, make_uow, tmp_path, encoding):
    load_season(make_uow)
    path = write_csv(tmp_path / "accounts.csv", [HEADER, *ROWS], encoding)
    summary = import_accounts(make_uow(), LOCAL_OPERATOR, path, on=TODAY)
    assert (summary.accounts, summary.suspended, summary.arrears_accounts) == (3, 1, 1)
    assert (summary.arrears_fen, summary.season, summary.dry_run) == (123_450, "2025-2026", False)
    season_start = "2025-11-15"
    assert stored(engine) == {
        "A-0001": (
            "张三", "13900001111", "幸福小区", "3", "2", "502", "residential", False, 8956, None,
            "area", None, season_start, "0000", None, 123_450,
        ),
        "A-0002": (
            "李四", "", "幸福小区", "3", "2", "503", "residential", True, 6530, None, "area",
            None, season_start, "0000", "suspended", None,
        ),
        "S-0001": (
            "李记便利店", "0310-1234567", "幸福小区", "1", "", "商铺1", "non_residential",
            False, 15000, 390, "area", "2026-01-01", season_start, "0000", None, None,
        ),
    }


def test_xlsx_with_numbers_and_date_cells_is_read_exactly(engine, make_uow, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["account_no", "name", "estate", "building", "room", "category",
                  "heated_area", "ceiling_height", "connected_on", "opening_arrears"])
    sheet.append(["0012", "张三", "幸福小区", 3, 502, "居民", 89.56, None,
                  dt.datetime(2026, 1, 1), 1999.99])
    sheet.append(["0013", "李四", "幸福小区", 3, 503, "居民", 120, 3.3, None, 0.1])
    workbook.save(tmp_path / "accounts.xlsx")
    import_accounts(make_uow(), LOCAL_OPERATOR, tmp_path / "accounts.xlsx", on=TODAY)
    rows = stored(engine)
    assert rows["0012"][3:10] == ("3", "", "502", "residential", False, 8956, None)
    assert rows["0012"][11] == "2026-01-01"
    assert rows["0012"][-1] == 199_999
    assert rows["0013"][8:10] == (12000, 330)
    assert rows["0013"][-1] == 10
    assert rows["0012"][12] == TODAY.isoformat()  # no season: facts valid from the import day


def test_one_bad_row_among_good_ones_writes_nothing_and_names_row_and_column(
    engine, make_uow, tmp_path
):
    load_season(make_uow)
    bad = "A-0003,王五,,幸福小区,3,2,504,居民,否,0,,面积,供热,,"
    path = write_csv(tmp_path / "accounts.csv", [HEADER, ROWS[0], bad, ROWS[1]])
    with pytest.raises(ImportRefused) as caught:
        import_accounts(make_uow(), LOCAL_OPERATOR, path, on=TODAY)
    assert [str(e) for e in caught.value.errors] == ["第3行，供热面积：应大于0"]
    assert [e.english for e in caught.value.errors] == ["row 3, heated_area: must be > 0"]
    for table in ("accounts", "account_facts", "account_statuses", "opening_arrears"):
        assert count(engine, table) == 0


def test_duplicates_in_the_file_and_against_the_database(engine, make_uow, tmp_path):
    load_season(make_uow)
    import_accounts(make_uow(), LOCAL_OPERATOR, write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]]))
    second = [
        HEADER,
        ROWS[1],
        "A-0001,张三,,和平家园,1,1,101,居民,否,80.00,,,,,",
        "B-0001,赵六,,幸福小区,3,2,502,居民,否,80.00,,,,,",
        "B-0002,钱七,,和平家园,1,1,102,居民,否,80.00,,,,,",
        "B-0002,钱七,,和平家园,1,1,103,居民,否,80.00,,,,,",
        "B-0003,孙八,,幸福小区,3,2,503,居民,否,80.00,,,,,",
    ]
    with pytest.raises(ImportRefused) as caught:
        import_accounts(make_uow(), LOCAL_OPERATOR, write_csv(tmp_path / "b.csv", second))
    assert [str(e) for e in caught.value.errors] == [
        "第3行，户号：户号重复（数据库中已有此户号）",
        "第4行，室号：地址重复：幸福小区3号楼2单元502已在户号A-0001",
        "第6行，户号：户号重复（与第5行重复）",
        "第7行，室号：地址重复：幸福小区3号楼2单元503已在第2行",
    ]
    assert sorted(stored(engine)) == ["A-0001"]


def test_dry_run_checks_everything_and_writes_nothing(engine, make_uow, tmp_path):
    load_season(make_uow)
    path = write_csv(tmp_path / "accounts.csv", [HEADER, *ROWS])
    summary = import_accounts(make_uow(), LOCAL_OPERATOR, path, dry_run=True)
    assert (summary.accounts, summary.suspended, summary.dry_run) == (3, 1, True)
    assert count(engine, "accounts") == 0
    bad = write_csv(tmp_path / "bad.csv", [HEADER, ROWS[0], ROWS[0]])
    with pytest.raises(ImportRefused):
        import_accounts(make_uow(), LOCAL_OPERATOR, bad, dry_run=True)


def test_suspension_needs_a_season(engine, make_uow, tmp_path):
    path = write_csv(tmp_path / "accounts.csv", [HEADER, *ROWS])
    with pytest.raises(ImportRefused) as caught:
        import_accounts(make_uow(), LOCAL_OPERATOR, path)
    assert [str(e) for e in caught.value.errors] == ["第3行，状态：尚未载入采暖期，不能报停"]
    assert count(engine, "accounts") == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_imports_back_as_the_same_accounts(engine, make_uow, tmp_path, suffix):
    load_season(make_uow)
    source = write_csv(tmp_path / "accounts.csv", [HEADER, *ROWS])
    import_accounts(make_uow(), LOCAL_OPERATOR, source, on=TODAY)
    exported = tmp_path / f"export{suffix}"
    assert export_accounts(make_uow(), LOCAL_OPERATOR, exported) == 3
    original, errors = read_account_file(source)
    again, errors_again = read_account_file(exported)
    assert errors == errors_again == []
    assert [a for _, a in again] == [a for _, a in original]
    if suffix == ".csv":
        assert exported.read_bytes().startswith(b"\xef\xbb\xbf" + "户号,户名".encode())
    else:
        cell = load_workbook(exported).active["J2"].value
        assert cell == 89.56  # a number Excel can sum, not text


def test_template_has_the_header_and_imports_as_nothing(engine, make_uow, tmp_path):
    for name in ("template.csv", "template.xlsx"):
        write_account_template(tmp_path / name)
        assert import_accounts(make_uow(), LOCAL_OPERATOR, tmp_path / name).accounts == 0
    csv_header = (tmp_path / "template.csv").read_text(encoding="utf-8-sig").strip()
    assert csv_header.split(",") == header_cells()
    book = load_workbook(tmp_path / "template.xlsx")
    assert [c.value for c in book.worksheets[0][1]] == header_cells()
    notes = {row[0]: row[2] for row in book["填写说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["供热面积"].startswith("必填")


def test_unreadable_files_are_refused_with_a_reason(make_uow, tmp_path):
    old = tmp_path / "accounts.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TableFileError, match="xlsx"):
        import_accounts(make_uow(), LOCAL_OPERATOR, old)
    broken = tmp_path / "accounts.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(TableFileError, match="无法打开"):
        import_accounts(make_uow(), LOCAL_OPERATOR, broken)
    with pytest.raises(TableFileError, match="找不到"):
        import_accounts(make_uow(), LOCAL_OPERATOR, tmp_path / "missing.csv")
    empty = write_csv(tmp_path / "empty.csv", [""])
    with pytest.raises(ImportRefused, match="文件是空的"):
        import_accounts(make_uow(), LOCAL_OPERATOR, empty)


def test_facts_are_stored_in_hundredths_exactly(engine, make_uow, tmp_path):
    rows = [HEADER] + [
        f"N-{i},张三,,幸福小区,{i},1,101,居民,否,{area},,,,," for i, area in enumerate(
            ["0.01", "0.07", "0.29", "1.15", "4.35", "999999.99"]
        )
    ]
    import_accounts(make_uow(), LOCAL_OPERATOR, write_csv(tmp_path / "a.csv", rows))
    areas = sorted(row[8] for row in stored(engine).values())
    assert areas == sorted(int(D(a) * 100) for a in ["0.01", "0.07", "0.29", "1.15", "4.35",
                                                      "999999.99"])


def test_a_taken_address_is_found_in_a_large_file_too(engine, make_uow, tmp_path):
    import_accounts(make_uow(), LOCAL_OPERATOR, write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]]))
    rows = [f"B-{i},王五,,和平家园{i % 7},{i},1,101,居民,否,80.00,,,,," for i in range(80)]
    rows[57] = "B-57,王五,,幸福小区,3,2,502,居民,否,80.00,,,,,"
    with pytest.raises(ImportRefused) as caught:
        import_accounts(make_uow(), LOCAL_OPERATOR, write_csv(tmp_path / "b.csv", [HEADER, *rows]))
    assert [str(e) for e in caught.value.errors] == [
        "第59行，室号：地址重复：幸福小区3号楼2单元502已在户号A-0001"
    ]


def _import_audits(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT details FROM audit_log WHERE event = 'import'"))
        return [d if isinstance(d, dict) else json.loads(d) for (d,) in rows]


def test_an_import_is_audited_once_and_a_refused_or_dry_run_one_not_at_all(
    engine, make_uow, tmp_path
):
    load_season(make_uow)
    path = write_csv(tmp_path / "accounts.csv", [HEADER, *ROWS])
    import_accounts(make_uow(), LOCAL_OPERATOR, path, dry_run=True)
    bad = write_csv(tmp_path / "bad.csv", [HEADER, ROWS[0], ROWS[0]])
    with pytest.raises(ImportRefused):
        import_accounts(make_uow(), LOCAL_OPERATOR, bad)
    assert _import_audits(engine) == []
    import_accounts(make_uow(), LOCAL_OPERATOR, path)
    assert _import_audits(engine) == [{"file": "accounts.csv", "accounts": 3}]
