"""Heat-fee rules beyond the worked examples: edges of lines 1-6, credit caps, corrections."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from heatfee_samples import category, residential, season_tariff

from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import (
    BillLine,
    FeeError,
    bill_lines,
    cap_credits,
    correction_lines,
    credit_limit_fen,
    daily_charge,
    metered_settlement,
    outage_credit,
    temperature_refund,
)
from cashier.domain.tariffs import CeilingRule, MeteredRule

CEILING = CeilingRule(D("3.0"), D("0.3"), D("0.05"), D("0.50"))


def sanhe(settlement="refund_and_topup"):
    rule = MeteredRule(D("0.30"), D("0.18"), "kWh", settlement)
    return season_tariff(category("25", metered=rule))


def total(lines):
    return sum(line.amount_fen for line in lines)


# --- lines 1-3 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("height", "expected"),
    # 150 m² × 31 = 4650.00; one step is 5% = 232.50, at most 50% = 2325.00
    [("3.00", None), ("3.01", 23250), ("3.30", 23250), ("3.31", 46500), ("9.00", 232500)],
)
def test_ceiling_steps_round_up_and_stop_at_max_rate(height, expected):
    tariff = season_tariff(non_residential=category("31", ceiling=CEILING))
    facts = BillingFacts("non_residential", False, D("150"), ceiling_height=D(height))
    surcharge = [line.amount_fen for line in bill_lines(facts, tariff) if line.kind == "ceiling"]
    assert surcharge == ([] if expected is None else [expected])


def test_connection_dates_outside_the_season():
    tariff = season_tariff(category("22"))
    before = residential("90", connected_on=date(2025, 10, 1))
    after = residential("90", connected_on=date(2026, 3, 16))
    last_day = residential("90", connected_on=date(2026, 3, 15))
    assert total(bill_lines(before, tariff)) == 198000
    assert total(bill_lines(after, tariff)) == 0
    assert total(bill_lines(last_day, tariff)) == 1636  # 1980 × 1 ÷ 121 = 16.36


def test_low_income_without_a_low_income_price_pays_the_area_price():
    tariff = season_tariff(category("22"), category("38", low_income_price=D(10)))
    assert total(bill_lines(residential("10", low_income=True), tariff)) == 22000
    facts = BillingFacts("non_residential", True, D("10"))
    assert total(bill_lines(facts, tariff)) == 38000


def test_low_income_suspension_uses_its_own_ratio():
    low = category("22", low_income_price=D("15.5"), low_income_suspended_ratio=D("0.1"))
    tariff = season_tariff(low)
    facts = residential("100", low_income=True, status="suspended")
    assert total(bill_lines(facts, tariff)) == 15500  # 100 × 15.5 × 10%


def test_facts_are_validated():
    with pytest.raises(ValueError):
        residential("89.561")
    with pytest.raises(ValueError):
        BillingFacts("industrial", False, D(10))
    with pytest.raises(ValueError):
        residential("10", billing="guess")


# --- metered settlement ------------------------------------------------------------------------


def test_metered_top_up_and_refund_only():
    facts = residential("90", billing="metered")
    topup = metered_settlement(facts, sanhe(), D(20000), 225000)
    assert topup.amount_fen == 67500 + 360000 - 225000
    assert metered_settlement(facts, sanhe("refund_only"), D(20000), 225000) is None
    refund = metered_settlement(facts, sanhe("refund_only"), D(5000), 225000)
    assert refund.amount_fen == -67500


def test_metered_settlement_refuses_area_accounts_and_skips_suspended():
    with pytest.raises(FeeError):
        metered_settlement(residential("90"), sanhe(), D(1), 0)
    with pytest.raises(FeeError):
        metered_settlement(residential("90", billing="metered"), sanhe(), D(-1), 0)
    suspended = residential("90", billing="metered", status="suspended")
    assert metered_settlement(suspended, sanhe(), D(5000), 0) is None


# --- credits -----------------------------------------------------------------------------------


def test_metered_credits_use_the_base_fee():
    facts = residential("90", billing="metered")
    assert daily_charge(facts, sanhe()) * 121 == D("675.00")
    assert outage_credit(facts, sanhe(), 24).amount_fen == -558  # 675 ÷ 121 = 5.578...
    assert credit_limit_fen(facts, sanhe()) == 67500


def test_credits_of_a_late_connection_use_the_full_season_daily_charge():
    tariff = season_tariff(category("22"))
    facts = residential("90", connected_on=date(2026, 1, 1))
    assert outage_credit(facts, tariff, 48).amount_fen == -3273  # 1980 ÷ 121 × 2 = 32.727...


def test_suspended_accounts_get_no_credit():
    tariff = season_tariff(category("22"))
    facts = residential("80", status="suspended")
    assert outage_credit(facts, tariff, 72) is None
    assert temperature_refund(facts, tariff, D(10), D(50), 7) is None
    assert credit_limit_fen(facts, tariff) == 0


def test_temperature_refund_edges():
    tariff = season_tariff(category("22"))
    facts = residential("80")
    assert temperature_refund(facts, tariff, D(18), D(50), 7) is None
    assert temperature_refund(facts, tariff, D(16), D(80), 0) is None
    full = temperature_refund(facts, tariff, D(10), D(80), 121)
    assert full.amount_fen == -176000  # 100% of the whole season on the whole area
    with pytest.raises(FeeError):
        temperature_refund(facts, tariff, D(16), D("80.01"), 1)
    with pytest.raises(FeeError):
        outage_credit(facts, tariff, -1)


def test_cap_credits_trims_then_drops():
    credits = [
        BillLine("outage_credit", "停热减收", -1500, "a"),
        BillLine("outage_credit", "停热减收", -1000, "b"),
    ]
    kept = cap_credits(credits, 2000)
    assert [(c.amount_fen, c.detail) for c in kept] == [(-1500, "a"), (-500, "b（已达上限）")]
    assert [c.amount_fen for c in cap_credits(credits, 2000, already_credited_fen=1800)] == [-200]
    assert cap_credits(credits, 2000, already_credited_fen=2500) == []
    with pytest.raises(ValueError):
        cap_credits([BillLine("adjustment", "调整", 10)], 100)


# --- corrections -------------------------------------------------------------------------------


def test_correction_posts_new_minus_old_per_kind():
    tariff = season_tariff(category("22"))
    old = bill_lines(residential("100"), tariff)
    new = bill_lines(residential("100", status="suspended"), tariff)
    fixes = correction_lines(old, new, "补办报停", date(2026, 1, 5))
    assert [(f.line.corrects, f.line.amount_fen) for f in fixes] == [
        ("heating", -220000),
        ("suspension", 44000),
    ]
    assert all(f.on == date(2026, 1, 5) and f.reason == "补办报停" for f in fixes)
    again = correction_lines(old + [f.line for f in fixes], new, "复核", date(2026, 1, 6))
    assert again == []
    assert correction_lines(old, old, "无变化", date(2026, 1, 5)) == []
    with pytest.raises(ValueError):
        correction_lines(old, new, "", date(2026, 1, 5))
