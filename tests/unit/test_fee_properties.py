"""Properties of the heat-fee engine that must hold for any tariff, account and payments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from heatfee_samples import (
    SEASON,
    billed_item,
    category,
    late_fee_tariff,
    next_season,
    season_tariff,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import bill_lines
from cashier.domain.ledger import (
    Payment,
    Void,
    allocate,
    apply_allocation,
    item_state,
    opening_item,
    replay,
)
from cashier.domain.money import decimal_from_fen, fen_from_decimal
from cashier.domain.statement import statement
from cashier.domain.tariffs import CHANNELS, CeilingRule, EarlyDiscount


def decimals(low: str, high: str) -> st.SearchStrategy[D]:
    return st.decimals(D(low), D(high), places=2)


areas = decimals("0.01", "5000")
prices = decimals("0.01", "100")
ratios = decimals("0", "1")
days_after_billing = st.integers(0, 400)
FIRST_DAY = date(2025, 10, 1)
ONLINE = EarlyDiscount(date(2025, 10, 11), date(2025, 10, 31), D("0.005"), ("wechat", "alipay"))


@st.composite
def tariffs(draw):
    ceiling = draw(st.none() | st.just(CeilingRule(D(3), D("0.3"), D("0.05"), D("0.5"))))
    res = category(
        str(draw(prices)),
        low_income_price=draw(st.none() | prices),
        suspended_ratio=draw(ratios),
        low_income_suspended_ratio=draw(ratios),
        ceiling=ceiling,
    )
    return season_tariff(res)


@st.composite
def facts(draw, **fixed):
    values = {
        "category": "residential",
        "low_income": draw(st.booleans()),
        "heated_area": draw(areas),
        "ceiling_height": draw(st.none() | decimals("2.00", "8.00")),
    }
    values.update(fixed)
    return BillingFacts(**values)


def total(lines):
    return sum(line.amount_fen for line in lines)


@given(tariffs(), facts())
def test_suspended_pays_no_more_than_heating(tariff, account):
    suspended = BillingFacts(**{**account.__dict__, "status": "suspended"})
    assert 0 <= total(bill_lines(suspended, tariff)) <= total(bill_lines(account, tariff))


@given(tariffs(), facts(), st.integers(0, 140), st.integers(0, 140))
def test_heating_fee_never_falls_when_heated_days_grow(tariff, account, a, b):
    earlier, later = sorted((SEASON.start + timedelta(a), SEASON.start + timedelta(b)))
    longer = BillingFacts(**{**account.__dict__, "connected_on": earlier})
    shorter = BillingFacts(**{**account.__dict__, "connected_on": later})
    assert total(bill_lines(longer, tariff)) >= total(bill_lines(shorter, tariff))


@given(tariffs(), facts(), st.booleans())
def test_bill_total_is_the_sum_of_its_rounded_lines(tariff, account, suspended):
    if suspended:
        account = BillingFacts(**{**account.__dict__, "status": "suspended"})
    lines = bill_lines(account, tariff)
    assert lines and all(isinstance(line.amount_fen, int) for line in lines)
    item = billed_item(account, tariff)
    assert statement([item], 0, SEASON.start, "cash").total_due_fen == total(lines)


@st.composite
def scenarios(draw):
    """An account with up to two seasons and opening arrears, and dated payments."""
    cap = draw(st.none() | decimals("0.05", "1"))
    tariff = late_fee_tariff(str(draw(prices)), cap=None if cap is None else str(cap),
                             discounts=(ONLINE,))
    account = BillingFacts("residential", False, draw(areas))
    items = [billed_item(account, tariff)]
    if draw(st.booleans()):
        items.append(billed_item(account, next_season(tariff), on=date(2026, 10, 1)))
    if draw(st.booleans()):
        items.append(opening_item(draw(st.integers(1, 10**6)), FIRST_DAY))
    payments = draw(st.lists(payment_strategy(), max_size=6))
    payments.sort(key=lambda p: p.on)
    return items, [Payment(f"p{i}", p.on, p.amount_fen, p.channel) for i, p in enumerate(payments)]


def payment_strategy():
    return st.builds(
        Payment,
        payment_id=st.just(""),
        on=days_after_billing.map(lambda n: FIRST_DAY + timedelta(n)),
        amount_fen=st.integers(1, 10**7),
        channel=st.sampled_from(CHANNELS),
    )


@given(scenarios(), st.integers(1, 10**7), days_after_billing, st.sampled_from(CHANNELS))
def test_allocation_never_pays_more_than_due(scenario, amount, day, channel):
    items, payments = scenario
    on = FIRST_DAY + timedelta(day)
    ledger = replay(items, payments, as_of=on)
    allocation = allocate(ledger.items, amount, on, channel)
    states = {item.season: item_state(item, on) for item in ledger.items}
    for part in allocation.items:
        state = states[part.season]
        assert 0 <= part.late_fee_paid <= state.late_fee
        assert 0 <= part.principal_paid + part.discount <= max(0, state.principal)
    assert allocation.paid_fen + allocation.credit_fen == amount
    if allocation.credit_fen:
        after = apply_allocation(ledger.items, allocation)
        assert not any(item_state(item, on).open for item in after)


@given(scenarios(), days_after_billing)
def test_late_fee_never_exceeds_the_cap(scenario, day):
    items, payments = scenario
    on = FIRST_DAY + timedelta(day)
    ledger = replay(items, payments, as_of=on)
    for item in ledger.items:
        state = item_state(item, on)
        if item.late_fee is not None and item.late_fee.cap_ratio is not None:
            cap = fen_from_decimal(decimal_from_fen(state.charged) * item.late_fee.cap_ratio)
            assert state.late_fee_charged + state.late_fee_accrued <= cap


@given(scenarios(), st.data())
def test_replay_with_a_voided_payment_equals_replay_without_it(scenario, data):
    items, payments = scenario
    if not payments:
        return
    voided = data.draw(st.sampled_from(payments))
    kept = [p for p in payments if p is not voided]
    with_void = replay(items, payments, [Void(voided.payment_id, voided.on + timedelta(1))])
    assert with_void == replay(items, kept)


@settings(max_examples=50)
@given(scenarios())
def test_replay_conserves_money(scenario):
    items, payments = scenario
    ledger = replay(items, payments)
    parts = [part for item in ledger.items for part in item.allocations]
    applied = sum(part.late_fee_paid + part.principal_paid for part in parts)
    assert applied + ledger.credit_fen == sum(p.amount_fen for p in payments)


@given(scenarios(), days_after_billing, st.sampled_from(CHANNELS))
def test_paying_the_statement_total_settles_the_account(scenario, day, channel):
    items, payments = scenario
    on = FIRST_DAY + timedelta(day)
    ledger = replay(items, payments, as_of=on)
    st_ = statement(ledger.items, ledger.credit_fen, on, channel)
    if st_.total_due_fen == 0:
        return
    allocation = allocate(ledger.items, st_.total_due_fen, on, channel)
    after = apply_allocation(ledger.items, allocation)
    assert not any(item_state(item, on).open for item in after)
    assert allocation.discount_fen == sum(s.discount_fen for s in st_.seasons)
