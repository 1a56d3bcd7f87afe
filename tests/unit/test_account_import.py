"""The accounts file row by row: header, every cell check, duplicates, and the round trip."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.account_import import (
    ACCOUNT_COLUMNS,
    DuplicateCheck,
    account_to_cells,
    header_cells,
    parse_account_row,
)
from cashier.domain.accounts import BillingFacts
from cashier.domain.registration import Address, Contract, NewAccount
from cashier.domain.table_rows import ImportRefused, map_header

FORMATS_MD_HEADER = (
    "户号,户名,电话,小区,楼号,单元,室号,用户类别,低保,供热面积,层高,计费方式,状态,开通日期,往年欠费"
)
HEADER = header_cells()
MAP = map_header(HEADER, ACCOUNT_COLUMNS)
GOOD = {
    "户号": "A-0001",
    "户名": "张三",
    "电话": "139-0000-1111",
    "小区": "幸福小区",
    "楼号": "3",
    "单元": "2",
    "室号": "502",
    "用户类别": "居民",
    "低保": "否",
    "供热面积": "89.56",
    "层高": "",
    "计费方式": "面积",
    "状态": "供热",
    "开通日期": "",
    "往年欠费": "1,234.50",
}


def row(**changes: str) -> list[str]:
    values = GOOD | changes
    return [values.get(name, "") for name in HEADER]


def errors_of(cells: list[str], number: int = 5) -> list[tuple[int, str, str]]:
    account, errors = parse_account_row(number, cells, MAP)
    assert (account is None) == bool(errors)
    return [(e.row, e.column_zh, e.column_en) for e in errors]


def test_header_starts_with_the_formats_md_columns_in_order():
    assert ",".join(HEADER).startswith(FORMATS_MD_HEADER)


def test_header_matches_chinese_or_english_names_in_any_order():
    cells = ["Room", "户号", " heated_area ", "", "户名", "小区", "楼号", "category"]
    header = map_header(cells, ACCOUNT_COLUMNS)
    assert header == {
        "room": 0,
        "account_no": 1,
        "heated_area": 2,
        "name": 4,
        "estate": 5,
        "building": 6,
        "category": 7,
    }


def test_bad_header_names_every_problem_on_row_1():
    with pytest.raises(ImportRefused) as caught:
        map_header(["户号", "户名", "户名", "面积", "小区", "楼号", "室号"], ACCOUNT_COLUMNS)
    messages = [str(e) for e in caught.value.errors]
    assert messages == [
        "第1行，列“户名”：列重复",
        "第1行，列“面积”：未知的列",
        "第1行，列“用户类别”：缺少必填列",
        "第1行，列“供热面积”：缺少必填列",
    ]


def test_a_good_row_gives_the_account():
    account, errors = parse_account_row(2, row(), MAP)
    assert errors == []
    assert account == NewAccount(
        account_no="A-0001",
        name="张三",
        phone="139-0000-1111",
        address=Address("幸福小区", "3", "2", "502"),
        facts=BillingFacts("residential", False, D("89.56")),
        opening_arrears_fen=123_450,
    )


def test_optional_columns_take_their_defaults_and_english_words_are_accepted():
    cells = row(**{"电话": "", "低保": "", "计费方式": "", "状态": "", "往年欠费": ""})
    account, _ = parse_account_row(2, cells, MAP)
    assert account.facts == BillingFacts("residential", False, D("89.56"))
    assert (account.phone, account.opening_arrears_fen) == ("", 0)
    english = row(
        **{"用户类别": "Non_Residential", "低保": "yes", "计费方式": "metered", "状态": "suspended"}
    )
    facts = parse_account_row(2, english, MAP)[0].facts
    assert (facts.category, facts.low_income, facts.billing, facts.status) == (
        "non_residential",
        True,
        "metered",
        "suspended",
    )


def test_dates_heights_full_width_digits_and_contract():
    header = HEADER
    cells = row(**{"层高": "3.90", "开通日期": "2026-01-01", "供热面积": "８９．５６"})
    cells[header.index("合同编号")] = "HT-2025-001"
    cells[header.index("合同起始日")] = "2025-10-01"
    cells[header.index("合同截止日")] = "2030-09-30"
    account, errors = parse_account_row(2, cells, MAP)
    assert errors == []
    assert account.facts.ceiling_height == D("3.90")
    assert account.facts.heated_area == D("89.56")
    assert account.facts.connected_on == date(2026, 1, 1)
    assert account.contract == Contract("HT-2025-001", date(2025, 10, 1), date(2030, 9, 30))


@pytest.mark.parametrize(
    ("column", "value", "english"),
    [
        ("户号", "A 0001", "account_no"),
        ("户号", "A" * 33, "account_no"),
        ("户号", "", "account_no"),
        ("户名", "", "name"),
        ("电话", "139abc", "phone"),
        ("小区", "", "estate"),
        ("室号", "", "room"),
        ("用户类别", "居民户", "category"),
        ("低保", "Y", "low_income"),
        ("供热面积", "0", "heated_area"),
        ("供热面积", "-5", "heated_area"),
        ("供热面积", "89.567", "heated_area"),
        ("供热面积", "八十九", "heated_area"),
        ("供热面积", "1e3", "heated_area"),
        ("供热面积", "1000000", "heated_area"),
        ("层高", "3.905", "ceiling_height"),
        ("计费方式", "按面积", "billing"),
        ("状态", "停暖", "status"),
        ("开通日期", "2025/11/15", "connected_on"),
        ("开通日期", "2025-02-30", "connected_on"),
        ("往年欠费", "12.345", "opening_arrears"),
        ("往年欠费", "-5", "opening_arrears"),
    ],
)
def test_each_bad_cell_is_named_by_row_and_column(column, value, english):
    assert errors_of(row(**{column: value})) == [(5, column, english)]


def test_every_problem_of_a_row_is_reported_with_a_readable_message():
    account, errors = parse_account_row(7, row(**{"供热面积": "0", "状态": "x"}), MAP)
    assert account is None
    assert [str(e) for e in errors] == [
        "第7行，供热面积：应大于0",
        "第7行，状态：应为 供热/报停",
    ]
    assert [e.english for e in errors] == [
        "row 7, heated_area: must be > 0",
        "row 7, status: must be one of 供热/报停",
    ]


def test_contract_end_before_start_is_refused():
    cells = row()
    cells[HEADER.index("合同起始日")] = "2025-10-01"
    cells[HEADER.index("合同截止日")] = "2025-09-30"
    assert errors_of(cells) == [(5, "合同截止日", "contract_end")]


def test_duplicates_inside_a_file_point_at_the_first_row():
    check = DuplicateCheck()
    first = parse_account_row(2, row(), MAP)[0]
    same_number = parse_account_row(3, row(**{"室号": "503"}), MAP)[0]
    same_address = parse_account_row(4, row(**{"户号": "A-0002"}), MAP)[0]
    other = parse_account_row(5, row(**{"户号": "A-0003", "室号": "601"}), MAP)[0]
    assert check.check(2, first) == []
    assert [str(e) for e in check.check(3, same_number)] == ["第3行，户号：户号重复（与第2行重复）"]
    assert [str(e) for e in check.check(4, same_address)] == [
        "第4行，室号：地址重复：幸福小区3号楼2单元502已在第2行"
    ]
    assert check.check(5, other) == []


def test_refusal_message_lists_every_error_sorted_by_row():
    errors = [
        parse_account_row(9, row(**{"户名": ""}), MAP)[1][0],
        parse_account_row(3, row(**{"供热面积": "x"}), MAP)[1][0],
    ]
    refused = ImportRefused(errors)
    assert str(refused).splitlines()[1:] == [
        "第3行，供热面积：应为大于0且不大于999999.99的数，最多2位小数",
        "第9行，户名：必填",
    ]
    assert refused.english.splitlines()[0] == "import refused, nothing written: 2 error(s)"


texts = st.text(
    alphabet=st.sampled_from("幸福小区和平张三李四ABC123-"), min_size=1, max_size=12
).map(str.strip).filter(bool)
measures = st.decimals(min_value=D("0.01"), max_value=D("999999.99"), places=2)
heights = st.none() | st.decimals(min_value=D("0.01"), max_value=D("99.99"), places=2)
dates = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def accounts(draw) -> NewAccount:
    facts = BillingFacts(
        category=draw(st.sampled_from(["residential", "non_residential"])),
        low_income=draw(st.booleans()),
        heated_area=draw(measures),
        ceiling_height=draw(heights),
        billing=draw(st.sampled_from(["area", "metered"])),
        status=draw(st.sampled_from(["heating", "suspended"])),
        connected_on=draw(dates),
    )
    start = draw(dates)
    end = None if start is None else draw(st.none() | st.dates(min_value=start))
    return NewAccount(
        account_no=draw(st.from_regex(r"[A-Za-z0-9-]{1,32}", fullmatch=True)),
        name=draw(texts),
        phone=draw(st.from_regex(r"[0-9+-]{0,20}", fullmatch=True)),
        address=Address(draw(texts), draw(texts), draw(st.just("") | texts), draw(texts)),
        facts=facts,
        opening_arrears_fen=draw(st.integers(min_value=0, max_value=10**12)),
        contract=Contract(draw(st.just("") | texts), start, end),
    )


@given(accounts())
def test_an_exported_row_imports_as_the_same_account(account):
    cells = ["" if cell is None else str(cell) for cell in account_to_cells(account)]
    parsed, errors = parse_account_row(2, cells, MAP)
    assert errors == []
    assert parsed == account
