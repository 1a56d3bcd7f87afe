"""The fourteen worked examples of shared/domain/heat-fees.md, each to the exact fen."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from heatfee_samples import (
    billed_item,
    category,
    late_fee_tariff,
    residential,
    season_tariff,
)

import cashier.domain as domain_package
from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import (
    bill_lines,
    metered_settlement,
    outage_credit,
    temperature_refund,
)
from cashier.domain.ledger import allocate, apply_allocation, item_state
from cashier.domain.statement import statement, statement_to_json_dict
from cashier.domain.tariffs import CeilingRule, EarlyDiscount, MeteredRule

LANGFANG = season_tariff(
    category("22", low_income_price=D("15.5")), category("38")
)


def amounts(lines):
    return [(line.kind, line.amount_fen) for line in lines]


def test_1_langfang_residential():
    lines = bill_lines(residential("89.56"), LANGFANG)
    assert amounts(lines) == [("heating", 197032)]
    assert lines[0].label_zh == "采暖费"
    assert lines[0].detail == "89.56㎡×22.00"


def test_2_langfang_non_residential():
    facts = BillingFacts("non_residential", False, D("120.00"))
    assert amounts(bill_lines(facts, LANGFANG)) == [("heating", 456000)]


def test_3_langfang_low_income():
    facts = residential("65.30", low_income=True)
    assert amounts(bill_lines(facts, LANGFANG)) == [("heating", 101215)]


def test_4_langfang_suspended_and_low_income_suspended():
    suspended = residential("100", status="suspended")
    assert amounts(bill_lines(suspended, LANGFANG)) == [("suspension", 44000)]
    low_income = residential("100", status="suspended", low_income=True)
    lines = bill_lines(low_income, LANGFANG)
    assert amounts(lines) == [("suspension", 0)]
    assert lines[0].label_zh == "基本热费"


def test_5_sanhe_metered_settlement_refund():
    rule = MeteredRule(D("0.30"), D("0.18"), "kWh", "refund_and_topup")
    sanhe = season_tariff(category("25", low_income_price=D(17), metered=rule))
    facts = residential("90", billing="metered")
    prepaid = sum(line.amount_fen for line in bill_lines(facts, sanhe))
    assert prepaid == 225000
    line = metered_settlement(facts, sanhe, D(5000), prepaid)
    assert (line.kind, line.amount_fen) == ("metered_settlement", -67500)


def test_6_dingzhou_early_discount():
    window = EarlyDiscount(date(2025, 10, 11), date(2025, 10, 31), D("0.005"), ("wechat", "alipay"))
    tariff = late_fee_tariff("19", discounts=(window,))
    item = billed_item(residential("100"), tariff)
    on = date(2025, 10, 20)
    assert statement([item], 0, on, "wechat").total_due_fen == 189050
    allocation = allocate([item], 189050, on, "wechat")
    assert allocation.discount_fen == 950
    assert allocation.credit_fen == 0
    [paid] = apply_allocation([item], allocation)
    assert item_state(paid, on).principal == 0


def test_7_dingzhou_late_fee():
    item = billed_item(residential("100"), late_fee_tariff("19", due=date(2025, 11, 15)))
    st = statement([item], 0, date(2025, 12, 15), "cash")
    assert (st.seasons[0].late_fee_fen, st.total_due_fen) == (11400, 201400)
    allocation = allocate([item], 201400, date(2025, 12, 15), "cash")
    assert [(p.late_fee_paid, p.principal_paid) for p in allocation.items] == [(11400, 190000)]
    assert allocation.credit_fen == 0


def test_8_tianjin_late_fee():
    item = billed_item(residential("100"), late_fee_tariff("25", due=date(2025, 12, 31)))
    st = statement([item], 0, date(2026, 1, 20), "cash")
    assert (st.seasons[0].late_fee_fen, st.total_due_fen) == (10000, 260000)


def test_9_changchun_ceiling():
    rule = CeilingRule(D("3.0"), D("0.3"), D("0.05"), D("0.50"))
    tariff = season_tariff(non_residential=category("31", ceiling=rule))
    facts = BillingFacts("non_residential", False, D("150"), ceiling_height=D("3.9"))
    lines = bill_lines(facts, tariff)
    assert amounts(lines) == [("heating", 465000), ("ceiling", 69750)]
    assert sum(line.amount_fen for line in lines) == 534750


def test_10_mid_season_connection():
    facts = residential("90", connected_on=date(2026, 1, 1))
    lines = bill_lines(facts, LANGFANG)
    assert amounts(lines) == [("heating", 121091)]
    assert lines[0].detail.endswith("×74/121天")


def _example_11():
    item = billed_item(residential("100"), late_fee_tariff("19", due=date(2025, 11, 15)))
    allocation = allocate([item], 100000, date(2025, 12, 15), "cash")
    return allocation, apply_allocation([item], allocation)


def test_11_partial_payment_with_late_fee():
    allocation, items = _example_11()
    [part] = allocation.items
    assert (part.late_fee_fixed, part.late_fee_paid, part.principal_paid) == (11400, 11400, 88600)
    st = statement(items, 0, date(2025, 12, 25), "cash")
    [season] = st.seasons
    assert (season.principal_fen, season.late_fee_fen, season.due_fen) == (101400, 2028, 103428)


def test_11_statement_json_on_2025_12_25():
    _, items = _example_11()
    st = statement(items, 0, date(2025, 12, 25), "cash")
    assert statement_to_json_dict(st, "A-0001") == {
        "account_no": "A-0001",
        "date": "2025-12-25",
        "channel": "cash",
        "seasons": [
            {
                "season": "2025-2026",
                "principal": "1014.00",
                "late_fee": "20.28",
                "discount": "0.00",
                "due": "1034.28",
            }
        ],
        "credit": "0.00",
        "total_due": "1034.28",
    }


def test_12_late_fee_cap():
    capped = billed_item(residential("100"), late_fee_tariff("25", date(2025, 12, 31), cap="0.3"))
    uncapped = billed_item(residential("100"), late_fee_tariff("25", date(2025, 12, 31)))
    on = date(2026, 7, 19)
    assert statement([uncapped], 0, on, "cash").seasons[0].late_fee_fen == 100000
    st = statement([capped], 0, on, "cash")
    assert (st.seasons[0].late_fee_fen, st.total_due_fen) == (75000, 325000)


def test_13_outage_credit():
    facts = residential("90")
    line = outage_credit(facts, LANGFANG, 30)
    assert (line.kind, line.amount_fen) == ("outage_credit", -1636)
    assert outage_credit(facts, LANGFANG, 20) is None


def test_14_temperature_refund_beijing_bands():
    line = temperature_refund(residential("80"), LANGFANG, D("16.5"), D(50), 7)
    assert (line.kind, line.amount_fen) == ("temperature_refund", -2545)


@pytest.mark.parametrize(
    "module", ["tariffs", "_fields", "accounts", "fees", "ledger", "statement"]
)
def test_no_float_in_the_engine(module):
    source = (Path(domain_package.__file__).parent / f"{module}.py").read_text("utf-8")
    assert not re.search(r"\bfloat\b", source)
