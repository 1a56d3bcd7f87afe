"""Reports in the domain: arrears per season and their ages, ledger totals per method and
season, vouchers, the price list and arrears notices (no database)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.domain.arrears_notice import NO_LINE_START, notice_lines, notice_of, wrap_text
from cashier.domain.journal import (
    PAYMENT,
    REFUND,
    SHIFT_OPEN,
    VOID,
    EntryDetails,
    EntryLine,
    JournalEntry,
)
from cashier.domain.report_arrears import (
    OPENING,
    AccountBalance,
    Charge,
    Household,
    PaidSums,
    account_dues,
    age_bucket,
    collection_cells,
    settled,
)
from cashier.domain.report_daily import daily_ledger_report, method_table
from cashier.domain.report_ledger import daily_ledger, season_split
from cashier.domain.report_prices import price_list_report
from cashier.domain.report_receivables import arrears_report, rate_table, sort_dues
from cashier.domain.report_table import Subtotal, cells_of, percent
from cashier.domain.report_vouchers import (
    VoucherSetupError,
    parse_columns,
    parse_subjects,
    voucher_lines,
)
from cashier.domain.tariffs import parse_tariff_toml
from cashier.domain.tender import TenderPart
from cashier.domain.textwidth import gb_width, wrap
from tests.support.payment_books import TARIFF

DAY = dt.date(2025, 12, 15)
HOME = Household("T-1", "张三", "139", "幸福小区", "3", "2", "502")
S1 = Charge("2024-2025", dt.date(2024, 11, 15), dt.date(2024, 11, 30), 190000)
S2 = Charge("2025-2026", dt.date(2025, 11, 15), dt.date(2025, 11, 30), 200000)


def _dues(paid: dict[str, int], credit: int = 0, charges=(S1, S2)):
    return account_dues(AccountBalance(HOME, tuple(charges), paid, credit), DAY)


def test_each_season_keeps_what_was_paid_to_it():
    dues = _dues({"2024-2025": 190000, "2025-2026": 50000})
    assert [s.unpaid_fen for s in dues.seasons] == [0, 150000]
    assert dues.unpaid_fen == 150000
    assert dues.age_days == (DAY - S2.due).days == 15


def test_prepayment_settles_the_oldest_season_first():
    dues = _dues({}, credit=250000)
    assert [s.unpaid_fen for s in dues.seasons] == [0, 140000]
    assert dues.owed[0].season == "2025-2026"


def test_an_overpaid_season_gives_its_excess_to_older_ones():
    # an adjustment credit lowered 2025-2026 below what was paid for it
    dues = _dues({"2025-2026": 230000}, charges=(S1, S2))
    assert [s.unpaid_fen for s in dues.seasons] == [160000, 0]


def test_opening_arrears_come_first_and_age_from_their_booking():
    opening = Charge(OPENING, dt.date.min, dt.date(2025, 1, 1), 30000)
    dues = _dues({}, credit=30000, charges=(S2, opening))
    assert dues.seasons[0].season == OPENING and dues.seasons[0].unpaid_fen == 0
    dues = _dues({}, credit=0, charges=(S2, opening))
    assert dues.age_days == (DAY - dt.date(2025, 1, 1)).days


@given(
    st.lists(st.integers(-100_000, 500_000), min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(["2021", "2022", "2023", "x"]), st.integers(-9_000, 600_000)),
    st.integers(-50_000, 500_000),
)
@settings(max_examples=300)
def test_an_account_called_settled_owes_nothing(charged, paid, credit):
    charges = tuple(
        Charge(f"20{21 + i}", dt.date(2021 + i, 11, 15), dt.date(2021 + i, 11, 30), fen)
        for i, fen in enumerate(charged)
    )
    balance = AccountBalance(HOME, charges, paid, credit)
    if settled(balance):
        assert account_dues(balance, DAY).unpaid_fen == 0


def test_credit_paid_out_and_then_voided_is_owed_back():
    dues = _dues({"2024-2025": 190000, "2025-2026": 200000}, credit=-5000)
    assert [(s.season, s.unpaid_fen) for s in dues.owed] == [("payout", 5000)]


def test_not_yet_due_is_age_zero():
    early = account_dues(AccountBalance(HOME, (S2,), {}, 0), dt.date(2025, 11, 1))
    assert early.age_days == 0 and age_bucket(early.age_days) == "未到期"


@pytest.mark.parametrize(
    ("days", "label"),
    [(1, "1-30天"), (30, "1-30天"), (31, "31-90天"), (180, "91-180天"), (366, "一年以上")],
)
def test_age_buckets(days, label):
    assert age_bucket(days) == label


def test_paid_sums_follow_voids_and_payouts():
    sums = PaidSums({})
    sums.add([["2025-2026", "principal", 100000], ["2025-2026", "discount", 500],
              ["2025-2026", "late_fee", 900], ["", "credit", 2000]])  # fmt: skip
    sums.add([["2025-2026", "principal", -100000], ["2025-2026", "discount", -500],
              ["", "credit", -2000]])  # fmt: skip
    sums.add([["", "payout", 300]])
    assert sums.paid == {"2025-2026": 0} and sums.credit_fen == -300


@given(
    st.lists(st.integers(0, 500_000), min_size=1, max_size=4),
    st.lists(st.integers(0, 500_000), min_size=4, max_size=4),
    st.integers(-50_000, 500_000),
)
@settings(max_examples=300)
def test_arrears_never_exceed_charges_and_money_is_not_lost(charged, paid, credit):
    charges = tuple(
        Charge(f"20{20 + i}", dt.date(2020 + i, 11, 15), dt.date(2020 + i, 11, 30), fen)
        for i, fen in enumerate(charged)
    )
    paid_map = {c.season: paid[i] for i, c in enumerate(charges)}
    dues = account_dues(AccountBalance(HOME, charges, paid_map, credit), DAY)
    assert all(0 <= s.unpaid_fen <= s.charged_fen for s in dues.seasons)
    balance = sum(charged) - sum(paid_map.values()) - credit
    assert dues.unpaid_fen >= balance  # money beyond the charges is not owed back
    if dues.unpaid_fen > 0:  # anything unpaid means every fen paid was used
        assert dues.unpaid_fen == balance
    if settled(AccountBalance(HOME, charges, paid_map, credit)):
        assert dues.unpaid_fen == 0


def _entry(seq: int, kind: str, parts, lines, *, staff=("0007", "王某"), day=DAY, amount=None,
           reverses=None) -> JournalEntry:  # fmt: skip
    details = EntryDetails(lines=tuple(EntryLine(*x) for x in lines),
                           parts=tuple(TenderPart(*p) for p in parts),
                           extra={"account": {"name": "张三"}})  # fmt: skip
    total = sum(p[1] for p in parts) if amount is None else amount
    moment = dt.datetime.combine(day, dt.time(2, seq % 60), tzinfo=dt.UTC)
    body = details.to_body()
    return JournalEntry(str(uuid.uuid4()), "A01", seq, kind, day, day, moment, "", staff[0],
                        staff[1], 1, "T-1", total, total, None, reverses, body)  # fmt: skip


def _day_entries():
    return [
        _entry(1, SHIFT_OPEN, [], []),
        _entry(2, PAYMENT, [("cash", 100000, "")], [("2025-2026", "principal", 100000)]),
        _entry(3, PAYMENT, [("cash", 50000, ""), ("wechat", 30000, "W1")],
               [(OPENING, "principal", 30000), ("2025-2026", "principal", 40000),
                ("2025-2026", "late_fee", 10000)], staff=("0008", "赵某")),  # fmt: skip
        _entry(4, VOID, [("cash", -100000, "")], [("2025-2026", "principal", -100000)],
               reverses="A01-00000002"),  # fmt: skip
        _entry(5, REFUND, [("wechat", -30000, "W1")], [("", "payout", 30000)],
               staff=("0008", "赵某")),  # fmt: skip
        _entry(6, PAYMENT, [("alipay", 99999, "Z1")], [("2025-2026", "principal", 99999)],
               day=DAY + dt.timedelta(days=1)),  # fmt: skip
    ]


def test_the_daily_ledger_nets_receipts_voids_and_refunds_per_method_and_season():
    ledger = daily_ledger(_day_entries(), DAY)
    assert [r.receipt_no for r in ledger.rows] == [
        "A01-00000002", "A01-00000004", "A01-00000003", "A01-00000005"]  # fmt: skip
    methods = {code: (t.receipts, t.voids, t.refunds, t.net)
               for code, t in ledger.totals.by_method.items()}  # fmt: skip
    assert methods == {"cash": (150000, -100000, 0, 50000), "wechat": (30000, 0, -30000, 0)}
    assert ledger.totals.by_season == {"往年欠费": 30000, "2025-2026": 50000, "预存": -30000}
    assert ledger.totals.total_fen == 50000 == sum(ledger.totals.method_net().values())
    table = method_table(ledger.totals)
    assert cells_of(table.rows[-1]) == ("合计", 180000, -100000, -30000, 50000)


def test_the_daily_report_subtotals_each_cashier():
    report = daily_ledger_report(daily_ledger(_day_entries(), DAY), "幸福热力有限公司")
    detail = report.table("收费明细")
    subtotals = [cells_of(r) for r in detail.rows if isinstance(r, Subtotal)]
    assert [(s[0], s[-1]) for s in subtotals] == [
        ("0007 王某 小计", 0), ("0008 赵某 小计", 50000), ("合计", 50000)]  # fmt: skip


def test_season_split_puts_rounding_and_the_rest_in_their_own_buckets():
    entry = _entry(9, PAYMENT, [("cash", 197030, "")],
                   [("2025-2026", "principal", 197032), ("", "rounding", -2)])  # fmt: skip
    assert season_split(entry) == {"2025-2026": 197032, "抹零": -2}
    odd = _entry(10, PAYMENT, [("cash", 5000, "")], [], amount=5000)
    assert season_split(odd) == {"其他": 5000}


def test_vouchers_balance_per_day_and_method():
    lines = voucher_lines(_day_entries(), parse_subjects("cash=1001.01 库存现金-大厅"))
    assert {(line.on, line.number) for line in lines} == {(DAY, 1), (DAY + dt.timedelta(1), 1)}
    for key in {(line.on, line.number) for line in lines}:
        group = [line for line in lines if (line.on, line.number) == key]
        assert sum(g.debit_fen for g in group) == sum(g.credit_fen for g in group)
    assert lines[0].subject == ("1001.01", "库存现金-大厅") and lines[0].debit_fen == 50000


def test_voucher_columns_and_accounts_are_checked():
    assert parse_columns("凭证日期, subject_code,借方金额") == ("date", "subject_code", "debit")
    with pytest.raises(VoucherSetupError, match="未知的凭证列"):
        parse_columns("date,备注")
    with pytest.raises(VoucherSetupError):
        parse_subjects("cash 1001")


def test_rates_are_rounded_half_up_and_totalled():
    assert percent(2, 3) == Decimal("0.6667") and percent(1, 0) is None
    dues = [_dues({"2024-2025": 190000}), _dues({"2024-2025": 190000, "2025-2026": 200000})]
    cells = collection_cells(dues)
    table = rate_table(cells)
    last = cells_of(table.rows[-1])
    assert last[2:] == (4, 3, Decimal("0.7500"), 780000, 580000, 200000, Decimal("0.7436"))


def test_arrears_report_subtotals_by_building_and_estate():
    other = Household("T-2", "李四", "", "幸福小区", "10", "1", "101")
    dues = sort_dues([_dues({}), account_dues(AccountBalance(other, (S2,), {}, 0), DAY)])
    report = arrears_report(dues, DAY, "幸福热力有限公司")
    rows = [cells_of(r) for r in report.table("欠费明细").rows]
    assert [r[0] for r in rows] == ["T-1", "幸福小区3号楼 小计", "T-2", "幸福小区10号楼 小计",
                                    "幸福小区 合计", "总计"]  # fmt: skip
    assert rows[-1][5] == 390000 + 200000


def test_the_price_list_states_prices_and_rules_exactly():
    report = price_list_report(parse_tariff_toml(TARIFF), "某价〔2025〕1号", "幸福热力有限公司")
    prices = {cells_of(r)[0]: cells_of(r)[1] for r in report.table("热价标准").rows}
    assert prices == {"居民": "19.00 元/㎡", "非居民": "30.00 元/㎡"}
    rules = dict(report.table("收费规则").rows)
    assert "每日 0.2%" in rules["滞纳金"] and "优惠 0.5%" in rules["提前缴费优惠"]
    assert ("收费依据", "某价〔2025〕1号") in report.table("采暖期").rows


@pytest.mark.parametrize("width", [32, 48])
def test_a_notice_fits_the_receipt_paper(width):
    notice = notice_of(_dues({}), "幸福热力有限公司", "0000-0000000",
                       pay_by=DAY + dt.timedelta(days=15), channels="现金、微信")  # fmt: skip
    lines = notice_lines(notice, width)
    assert all(gb_width(line.text) * (2 if line.double else 1) <= width for line in lines)
    text = "\n".join(line.text for line in lines)
    assert "催缴通知单" in text and "￥3,900.00" in text and "叁仟玖佰元整" in text


def test_a_line_of_a_notice_never_starts_with_closing_punctuation():
    greeting = "尊敬的梁勇秀（户号 HP-06000005）："
    assert wrap(greeting, 32)[1] == "：", "plain wrapping starts a line with punctuation"
    lines = wrap_text(greeting, 32)
    assert lines == ["尊敬的梁勇秀（户号 ", "HP-06000005）："]
    assert wrap_text("欠费合计，请缴纳。", 8) == ["欠费合", "计，请缴", "纳。"]


_WORDS = st.lists(
    st.one_of(
        st.sampled_from("供热用户欠费缴纳小区号楼单元"),
        st.text("0123456789-AB", min_size=1, max_size=6),
    ),
    max_size=30,
)


@settings(max_examples=300)
@given(_WORDS, st.lists(st.sampled_from("，。：）"), max_size=30), st.integers(8, 48))
def test_wrapped_notice_text_keeps_every_character_and_the_width(words, marks, width):
    text = "".join(w + m for w, m in zip(words, marks + [""] * len(words), strict=False))
    lines = wrap_text(text, width)
    assert "".join(lines) == text
    assert all(gb_width(line) <= width for line in lines)
    assert not any(line[:1] in NO_LINE_START for line in lines[1:])
