"""Open items, late-fee segments, discounts, allocation, voids and statements (rules 7-9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from heatfee_samples import BILLED_ON, billed_item, category, late_fee_tariff, residential

from cashier.domain.fees import DatedLine, bill_lines, correction_lines, outage_credit
from cashier.domain.ledger import (
    CREDIT_CHANNEL,
    Payment,
    Void,
    add_charges,
    allocate,
    apply_allocation,
    item_state,
    opening_item,
    replay,
    waive_late_fee,
)
from cashier.domain.statement import statement, statement_to_json_dict
from cashier.domain.tariffs import EarlyDiscount

ONLINE = EarlyDiscount(date(2025, 10, 11), date(2025, 10, 31), D("0.005"), ("wechat", "alipay"))
DINGZHOU = late_fee_tariff("19", due=date(2025, 11, 15), discounts=(ONLINE,))


def dingzhou_item(**facts):
    """100 m² × 19 = 1900.00, due 2025-11-15, 2‰ a day, 0.5% online in 10-11..10-31."""
    return billed_item(residential("100", **facts), DINGZHOU)


def pay(items, amount, on, channel="cash"):
    allocation = allocate(items, amount, on, channel)
    return allocation, apply_allocation(items, allocation)


def parts(allocation):
    return [(p.season, p.late_fee_paid, p.principal_paid, p.discount) for p in allocation.items]


# --- late fees ---------------------------------------------------------------------------------


def test_no_late_fee_until_the_day_after_the_due_date():
    item = dingzhou_item()
    assert item_state(item, date(2025, 11, 15)).late_fee == 0
    assert item_state(item, date(2025, 11, 16)).late_fee == 380  # 1900 × 0.002 × 1


def test_each_payment_fixes_the_late_fee_and_starts_a_segment():
    _, items = pay([dingzhou_item()], 100000, date(2025, 12, 15))
    second, items = pay(items, 50000, date(2025, 12, 25))
    # 1014.00 × 0.002 × 10 = 20.28 fixed on 12-25 and paid first; 479.72 to principal.
    assert [(p.late_fee_fixed, p.late_fee_paid, p.principal_paid) for p in second.items] == [
        (2028, 2028, 47972)
    ]
    state = item_state(items[0], date(2026, 1, 4))
    # 534.28 × 0.002 × 10 = 10.6856 -> 10.69, rounded once per segment.
    assert (state.principal, state.late_fee_fixed, state.late_fee_accrued) == (53428, 0, 1069)
    assert state.late_fee_charged == 11400 + 2028


def test_an_adjustment_is_a_segment_boundary():
    tariff = late_fee_tariff("25", due=date(2025, 12, 31))
    facts = residential("100")
    item = billed_item(facts, tariff)
    remeasured = bill_lines(residential("80"), tariff)
    fix = correction_lines(bill_lines(facts, tariff), remeasured, "面积复测", date(2026, 1, 10))
    item = add_charges(item, fix)
    state = item_state(item, date(2026, 1, 20))
    # 2500 × 0.002 × 10 = 50.00 fixed on 01-10, then 2000 × 0.002 × 10 = 40.00 accrued.
    assert (state.principal, state.late_fee_fixed, state.late_fee_accrued) == (200000, 5000, 4000)


def test_cap_counts_late_fee_already_fixed_and_paid():
    item = billed_item(residential("100"), late_fee_tariff("25", date(2025, 12, 31), cap="0.05"))
    allocation, items = pay([item], 10000, date(2026, 2, 20))
    # 2500 × 0.002 × 51 = 255.00 is capped at 2500 × 0.05 = 125.00; 100.00 of it is paid.
    assert parts(allocation) == [("2025-2026", 10000, 0, 0)]
    state = item_state(items[0], date(2026, 6, 1))
    assert (state.late_fee, state.late_fee_charged, state.principal) == (2500, 12500, 250000)


def test_waiver_reduces_the_late_fee_owed():
    item = dingzhou_item()
    waived = waive_late_fee(item, 5000, date(2025, 12, 15), "主管审批：困难户")
    st = statement([waived], 0, date(2025, 12, 15), "cash")
    assert st.seasons[0].late_fee_fen == 11400 - 5000
    assert waived.charges[-1].line.kind == "late_fee_waiver"
    with pytest.raises(ValueError):
        waive_late_fee(item, 11401, date(2025, 12, 15), "过多")
    with pytest.raises(ValueError):
        waive_late_fee(item, 100, date(2025, 12, 15), " ")


# --- allocation --------------------------------------------------------------------------------


def test_opening_arrears_come_first_and_never_accrue_late_fee():
    items = [dingzhou_item(), opening_item(50000, date(2025, 9, 1))]
    allocation, _ = pay(items, 60000, date(2026, 1, 20))
    # opening 500.00 in full; then the season's late fee (1900 × 0.002 × 66 = 250.80) first.
    assert parts(allocation) == [("opening", 0, 50000, 0), ("2025-2026", 10000, 0, 0)]
    assert item_state(items[1], date(2030, 1, 1)).late_fee == 0


def test_money_beyond_everything_due_becomes_credit():
    allocation, items = pay([dingzhou_item()], 200000, date(2025, 11, 1))
    assert (allocation.paid_fen, allocation.credit_fen) == (190000, 10000)
    st = statement(items, allocation.credit_fen, date(2025, 11, 2), "cash")
    assert (st.seasons, st.credit_fen, st.total_due_fen) == ((), 10000, 0)


def test_allocation_refuses_bad_input():
    item = dingzhou_item()
    with pytest.raises(ValueError):
        allocate([item], 0, date(2025, 11, 1), "cash")
    with pytest.raises(ValueError):
        allocate([item], 100, date(2025, 11, 1), "paypal")
    _, items = pay([item], 100, date(2025, 11, 10))
    with pytest.raises(ValueError):
        allocate(items, 100, date(2025, 11, 9), "cash")


# --- early discount ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "channel", "facts"),
    [
        (date(2025, 10, 20), "cash", {}),
        (date(2025, 11, 1), "wechat", {}),
        (date(2025, 10, 20), "wechat", {"status": "suspended"}),
    ],
)
def test_no_discount_outside_window_channel_or_for_suspended(on, channel, facts):
    item = dingzhou_item(**facts)
    due = item_state(item, on).principal
    allocation = allocate([item], due, on, channel)
    assert allocation.discount_fen == 0
    assert statement([item], 0, on, channel).seasons[0].discount_fen == 0


def test_non_residential_gets_no_discount():
    facts = residential("100", category="non_residential")
    tariff = replace(DINGZHOU, tariffs={"non_residential": category("38")})
    item = billed_item(facts, tariff)
    st = statement([item], 0, date(2025, 10, 20), "wechat")
    assert (st.seasons[0].discount_fen, st.total_due_fen) == (0, 380000)


def test_discount_only_when_the_whole_principal_is_settled_at_once():
    on = date(2025, 10, 20)
    short, items = pay([dingzhou_item()], 189049, on, "wechat")
    assert parts(short) == [("2025-2026", 0, 189049, 0)]
    rest, _ = pay(items, 951, date(2025, 10, 21), "wechat")
    assert rest.discount_fen == 0


def test_no_discount_while_an_older_item_is_unpaid():
    on = date(2025, 10, 20)
    items = [opening_item(10000, date(2025, 9, 1)), dingzhou_item()]
    st = statement(items, 0, on, "wechat")
    assert [s.discount_fen for s in st.seasons] == [0, 0]
    allocation, _ = pay(items, st.total_due_fen, on, "wechat")
    assert allocation.discount_fen == 0 and allocation.credit_fen == 0
    _, cleared = pay(items, 10000, on, "cash")
    assert statement(cleared, 0, on, "wechat").seasons[0].discount_fen == 950


# --- replay and voids --------------------------------------------------------------------------


def test_void_reverses_the_late_fee_the_payment_fixed():
    item = dingzhou_item()
    paid = Payment("p1", date(2025, 12, 15), 100000, "cash")
    ledger = replay([item], [paid], [Void("p1", date(2025, 12, 20))])
    st = statement(ledger.items, ledger.credit_fen, date(2025, 12, 25), "cash")
    # as if never paid: 1900 × 0.002 × 40 = 152.00
    assert (st.seasons[0].principal_fen, st.seasons[0].late_fee_fen) == (190000, 15200)
    assert ledger == replay([item], [])


def test_void_changes_how_later_payments_split():
    item = dingzhou_item()
    first = Payment("p1", date(2025, 12, 15), 100000, "cash")
    second = Payment("p2", date(2025, 12, 20), 50000, "cash")
    ledger = replay([item], [first, second], [Void("p1", date(2025, 12, 21))])
    # without p1: 1900 × 0.002 × 35 = 133.00 late fee, then 367.00 principal
    assert parts(ledger.allocations["p2"]) == [("2025-2026", 13300, 36700, 0)]
    before_void = replay([item], [first, second], [Void("p1", date(2025, 12, 21))],
                         as_of=date(2025, 12, 20))
    assert set(before_void.allocations) == {"p1", "p2"}


def test_replay_matches_step_by_step_allocation():
    item = dingzhou_item()
    ledger = replay([item], [Payment("p1", date(2025, 12, 15), 100000, "cash")])
    _, items = pay([item], 100000, date(2025, 12, 15))
    assert ledger.items == tuple(items)


def test_prepaid_credit_is_consumed_by_the_next_bill():
    ledger = replay([dingzhou_item()], [Payment("p1", date(2025, 9, 1), 300000, "wechat")])
    assert ledger.allocations["p1"].credit_fen == 300000
    assert ledger.credit_fen == 110000
    [consumed] = ledger.items[0].allocations
    assert (consumed.on, consumed.principal_paid) == (BILLED_ON, 190000)
    assert item_state(ledger.items[0], date(2026, 5, 1)).principal == 0
    assert CREDIT_CHANNEL not in DINGZHOU.discounts[0].channels


def test_a_credit_after_full_payment_moves_to_the_credit_balance():
    facts = residential("100")
    outage = outage_credit(facts, DINGZHOU, 30)  # -1900/121 = -15.70
    item = add_charges(dingzhou_item(), [DatedLine(date(2026, 1, 10), outage, "停热")])
    ledger = replay([item], [Payment("p1", date(2025, 11, 1), 190000, "cash")])
    assert ledger.credit_fen == 1570
    assert item_state(ledger.items[0], date(2026, 1, 10)).principal == 0


# --- statement ---------------------------------------------------------------------------------


def test_statement_lists_opening_arrears_first_and_nets_credit():
    items = [dingzhou_item(), opening_item(12345, date(2025, 9, 1))]
    st = statement(items, 2345, date(2025, 11, 1), "cash")
    document = statement_to_json_dict(st, "HP-0001")
    assert [s["season"] for s in document["seasons"]] == ["opening", "2025-2026"]
    assert document["seasons"][0]["due"] == "123.45"
    assert (document["credit"], document["total_due"]) == ("23.45", "2000.00")


def test_statement_due_settles_everything_with_its_discount():
    item = dingzhou_item()
    on = date(2025, 10, 25)
    st = statement([item], 0, on, "alipay")
    assert st.seasons[0].discount_fen == 950
    allocation, items = pay([item], st.total_due_fen, on, "alipay")
    assert allocation.credit_fen == 0
    assert not item_state(items[0], on).open


def test_replay_refuses_duplicate_payment_ids():
    twice = [Payment("p1", date(2025, 11, 1), 100, "cash")] * 2
    with pytest.raises(ValueError):
        replay([dingzhou_item()], twice)
