"""Repairs in the domain: prices by date, itemised bills, digests, signature states, orders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from support.repair_world import EXAMPLE_PRICES

from cashier.domain._fields import TariffError
from cashier.domain.money import to_capital
from cashier.domain.repair_bills import (
    BROKEN,
    SIGNED,
    UNSIGNED,
    VOIDED,
    BillContent,
    BillVersion,
    LineRequest,
    SignOff,
    bill_digest,
    line_amount,
    price_lines,
    signature_state,
)
from cashier.domain.repair_orders import (
    ARRIVAL_TARGET,
    NewOrder,
    Order,
    OrderEvent,
    RepairError,
    check_event,
    check_new_order,
)
from cashier.domain.repair_prices import (
    LABOUR,
    MATERIAL,
    PriceListError,
    catalogue_on,
    parse_price_rows,
    parse_price_toml,
)

CHINA = dt.timezone(dt.timedelta(hours=8))
EXAMPLE = parse_price_toml(EXAMPLE_PRICES.read_text("utf-8"))
HEADER = ["类别", "编码", "名称", "规格", "单位", "单价", "收费依据", "执行日期"]


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 12, 1, hour, minute, tzinfo=CHINA)


# --- prices --------------------------------------------------------------------------------


def test_a_bill_takes_each_price_valid_on_its_date():
    december = catalogue_on(EXAMPLE, dt.date(2025, 12, 31)).find(MATERIAL, "CL01")
    january = catalogue_on(EXAMPLE, dt.date(2026, 1, 1)).find(MATERIAL, "CL01")
    assert (december.price_fen, january.price_fen) == (4500, 4800)
    assert catalogue_on(EXAMPLE, dt.date(2025, 10, 31)).rows == {}


def test_items_carry_the_approving_document_and_materials_their_specification():
    catalogue = catalogue_on(EXAMPLE, dt.date(2025, 12, 1))
    valve = catalogue.find(LABOUR, "WX01")
    assert valve.basis.startswith("幸福市发展和改革委员会") and valve.unit == "个"
    assert catalogue.find(MATERIAL, "CL03").spec == "DN25"
    assert [row.code for row in catalogue.of_kind(LABOUR)] == [f"WX0{i}" for i in range(1, 6)]


@pytest.mark.parametrize(
    ("toml", "path"),
    [
        (
            '[[items]]\ncode="A"\nname="x"\nunit="个"\nprice="1"\nvalid_from=2025-11-01',
            "items[0].basis",
        ),
        (
            'valid_from=2025-11-01\nbasis="b"\n[[items]]\ncode="A"\nname="x"\nunit="个"\nprice="1.005"',
            "items[0].price",
        ),
        (
            'valid_from=2025-11-01\n[[materials]]\ncode="M"\nname="x"\nunit="个"\nunit_price="-2"',
            "materials[0].unit_price",
        ),
        (
            'valid_from=2025-11-01\n[[materials]]\ncode="M"\nname="x"\nunit="个"\nprice="2"',
            "materials[0].unit_price",
        ),
    ],
)
def test_a_wrong_price_file_names_the_key(toml, path):
    with pytest.raises(TariffError) as caught:
        parse_price_toml(toml)
    assert caught.value.path == path


def test_a_price_table_is_read_row_by_row_and_errors_name_row_and_column():
    rows = [
        (1, HEADER),
        (
            2,
            [
                "维修项目",
                "WX01",
                "更换阀门",
                "",
                "个",
                "30",
                "幸发改价格〔2025〕18号",
                "2025-11-01",
            ],
        ),
        (3, ["材料", "CL01", "铜球阀", "DN20", "个", "45.00", "", "2025-11-01"]),
    ]
    parsed = parse_price_rows(rows)
    assert [(r.kind, r.code, r.price_fen) for r in parsed] == [
        (LABOUR, "WX01", 3000),
        (MATERIAL, "CL01", 4500),
    ]
    bad = [*rows, (4, ["材料", "CL02", "放气阀", "DN15", "个", "8.5x", "", "2025-11-01"])]
    with pytest.raises(PriceListError, match="第4行“单价”"):
        parse_price_rows(bad)
    no_basis = [(1, HEADER), (2, ["维修项目", "WX01", "阀门", "", "个", "30", "", "2025-11-01"])]
    with pytest.raises(PriceListError, match="第2行“收费依据”"):
        parse_price_rows(no_basis)
    with pytest.raises(PriceListError, match="出现两次"):
        parse_price_rows([*rows, (4, rows[2][1])])
    with pytest.raises(PriceListError, match="缺少列：执行日期"):
        parse_price_rows([(1, HEADER[:-1])])


# --- bills ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "unit_price_fen", "fen"),
    [
        ("0.5", 200, 100),
        ("1.5", 1280, 1920),
        ("0.33", 850, 281),
        ("0.01", 50, 1),
        ("3", 4550, 13650),
    ],
)
def test_each_line_is_rounded_once_half_up(quantity, unit_price_fen, fen):
    assert line_amount(Decimal(quantity), unit_price_fen) == fen


def _bill(version: int = 1, *requests: LineRequest) -> BillContent:
    catalogue = catalogue_on(EXAMPLE, dt.date(2025, 12, 1))
    lines = price_lines(
        requests
        or (
            LineRequest(MATERIAL, "CL02", Decimal("0.33")),
            LineRequest(LABOUR, "WX01", Decimal("1")),
            LineRequest(MATERIAL, "CL03", Decimal("1.5")),
        ),
        catalogue,
    )
    return BillContent(
        "WX2025-00001",
        "HP-0001",
        "张三",
        "幸福小区1号楼1单元101",
        dt.date(2025, 12, 1),
        version,
        lines,
    )


def test_a_bill_has_subtotals_per_kind_a_total_of_rounded_lines_and_the_capital():
    bill = _bill()
    assert [line.code for line in bill.lines] == ["WX01", "CL02", "CL03"]
    assert (bill.labour_fen, bill.material_fen) == (3000, 281 + 1920)
    assert bill.total_fen == 5201 == sum(line.amount_fen for line in bill.lines)
    assert bill.capital == to_capital(5201) == "伍拾贰元零壹分"


def test_unpriced_duplicate_or_bad_lines_are_refused():
    catalogue = catalogue_on(EXAMPLE, dt.date(2025, 12, 1))
    for requests, words in [
        ([LineRequest(LABOUR, "WX99", Decimal(1))], "没有核定价格"),
        ([LineRequest(LABOUR, "WX01", Decimal(1))] * 2, "重复"),
        ([LineRequest(LABOUR, "WX01", Decimal("0.001"))], "最多两位小数"),
        ([LineRequest(LABOUR, "WX01", Decimal(0))], "数量"),
        ([], "至少要有一行"),
    ]:
        with pytest.raises(RepairError, match=words):
            price_lines(requests, catalogue)


def test_the_digest_covers_every_line_total_and_version():
    bill = _bill()
    same = _bill()
    assert bill_digest(bill) == bill_digest(same)
    changed_line = dataclasses.replace(bill.lines[1], amount_fen=bill.lines[1].amount_fen + 1)
    variants = [
        dataclasses.replace(bill, version=2),
        dataclasses.replace(bill, account_no="HP-0002"),
        dataclasses.replace(bill, lines=(bill.lines[0], changed_line, bill.lines[2])),
        dataclasses.replace(bill, lines=bill.lines[:2]),
    ]
    digests = {bill_digest(v) for v in variants}
    assert bill_digest(bill) not in digests and len(digests) == len(variants)


def _version(content: BillContent, digest: str | None = None) -> BillVersion:
    moment = _at(10)
    return BillVersion(1, 1, content, digest or bill_digest(content), moment, "3001", "李四")


def _signoff(digest: str, *, picture_changed: bool = False) -> SignOff:
    check = "b" * 64 if picture_changed else "a" * 64
    return SignOff(1, digest, 1, "a" * 64, check, "张三", _at(10, 5), "3001", "李四")


def test_a_signature_covers_only_the_version_it_was_made_on():
    first = _version(_bill(1))
    assert signature_state(None, None, False) == UNSIGNED
    assert signature_state(first, None, False) == UNSIGNED
    assert signature_state(first, _signoff(first.digest), False) == SIGNED
    second = _version(_bill(2))
    assert signature_state(second, None, earlier_signed=True) == VOIDED
    assert signature_state(second, _signoff(first.digest), False) == BROKEN


def test_a_bill_or_signature_altered_after_signing_is_broken():
    version = _version(_bill(1))
    altered = dataclasses.replace(
        version, content=dataclasses.replace(version.content, customer_name="李四")
    )
    assert signature_state(altered, _signoff(version.digest), False) == BROKEN
    assert signature_state(version, _signoff(version.digest, picture_changed=True), False) == BROKEN


# --- orders --------------------------------------------------------------------------------


def _order(channel: str = "phone", events: tuple[OrderEvent, ...] = ()) -> Order:
    return Order(
        1,
        "WX2025-00001",
        _at(9),
        channel,
        "漏水",
        "household",
        True,
        _at(9),
        "HP-0001",
        "张三",
        "幸福小区",
        "张三",
        "138",
        "3002",
        "王五",
        events,
    )


def test_the_crew_has_thirty_minutes_from_the_call():
    order = _order()
    assert order.arrival_due == _at(9) + ARRIVAL_TARGET
    assert not order.overdue(_at(9, 30)) and order.overdue(_at(9, 31))
    on_time = _order(
        events=(
            OrderEvent("dispatched", _at(9, 5), ("3001 李四",)),
            OrderEvent("arrived", _at(9, 29)),
        )
    )
    late = _order(
        events=(
            OrderEvent("dispatched", _at(9, 5), ("3001 李四",)),
            OrderEvent("arrived", _at(9, 45)),
        )
    )
    assert not on_time.overdue(_at(11)) and not on_time.arrived_late
    assert late.arrived_late and late.arrival_minutes() == 45 and not late.overdue(_at(11))
    reported_on_site = _order("on_site")
    assert reported_on_site.arrived_at == _at(9) and not reported_on_site.overdue(_at(12))


def test_an_order_needs_the_caller_told_whether_it_is_paid():
    order = NewOrder(_at(9), "phone", "漏水", "household", customer_told=False, account_no="HP-1")
    with pytest.raises(RepairError, match="告知用户"):
        check_new_order(order, _at(9, 1))
    told = dataclasses.replace(order, customer_told=True)
    assert check_new_order(told, _at(9, 1)).paid
    company = dataclasses.replace(told, owner="company")
    assert not check_new_order(company, _at(9, 1)).paid
    assert check_new_order(dataclasses.replace(company, household_damage=True), _at(9, 1)).paid
    with pytest.raises(RepairError, match="户号或地址"):
        check_new_order(dataclasses.replace(told, account_no=""), _at(9, 1))
    with pytest.raises(RepairError, match="不能晚于现在"):
        check_new_order(told, _at(8))


def test_order_events_run_forward():
    order = _order()
    with pytest.raises(RepairError, match="请先登记派工"):
        check_event(order, OrderEvent("arrived", _at(9, 20)), _at(10))
    with pytest.raises(RepairError, match="须指定维修人员"):
        check_event(order, OrderEvent("dispatched", _at(9, 5)), _at(10))
    dispatched = _order(events=(OrderEvent("dispatched", _at(9, 10), ("3001 李四",)),))
    with pytest.raises(RepairError, match="不能早于上一步"):
        check_event(dispatched, OrderEvent("arrived", _at(9, 5)), _at(10))
    with pytest.raises(RepairError, match="请先登记到达现场"):
        check_event(dispatched, OrderEvent("finished", _at(9, 50)), _at(10))
    finished = _order(
        events=(
            *dispatched.events,
            OrderEvent("arrived", _at(9, 20)),
            OrderEvent("finished", _at(9, 50)),
        )
    )
    with pytest.raises(RepairError, match="已完工"):
        check_event(finished, OrderEvent("cancelled", _at(9, 55), note="x"), _at(10))
