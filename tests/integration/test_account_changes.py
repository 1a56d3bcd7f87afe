"""Facts history, corrections of billed seasons, holder change and closing, on both databases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from cashier.domain.account_history import FactsError
from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.errors import PermissionDenied, UserError
from cashier.domain.registration import Address, NewAccount
from cashier.domain.roles import Approval
from cashier.domain.tariffs import parse_tariff_toml
from cashier.services.account_facts import change_facts, set_status
from cashier.services.accounts import (
    AccountClosed,
    CannotClose,
    DuplicateAccount,
    ReasonRequired,
    account_details,
    change_holder,
    close_account,
    register_account,
)
from cashier.services.billing import open_season
from cashier.services.demo import DEMO_TARIFF, fill_demo
from cashier.services.demo_data import demo_accounts

BILLED_ON = dt.date(2025, 10, 1)
FIXED_ON = dt.date(2025, 12, 10)
CASHIER = Actor(id=7, staff_no="0007", name="收费员甲", roles=frozenset({"cashier"}))
SUPERVISOR = Actor(id=9, staff_no="0009", name="主管乙", roles=frozenset({"supervisor"}))


def approved(*actions: str) -> list[Approval]:
    """The supervisor 0009's approval of each action asked for by the local operator (the
    approval dialog makes these after checking the password: tests/integration/
    test_approved_changes.py goes through it)."""
    moment = dt.datetime(2025, 12, 10, 2, 0, tzinfo=dt.UTC)
    return [Approval(action, LOCAL_OPERATOR, SUPERVISOR, moment) for action in actions]


def new_account(number: str, room: str, area: str = "89.56", **facts) -> NewAccount:
    return NewAccount(
        account_no=number,
        name="张三",
        phone="13900001111",
        address=Address("幸福小区", "3", "2", room),
        facts=BillingFacts(facts.pop("category", "residential"), False, D(area), **facts),
    )


@pytest.fixture
def billed(make_uow):
    """The demo tariff's season, three accounts, and the season opened."""
    with make_uow() as uow:
        uow.seasons.add(parse_tariff_toml(DEMO_TARIFF), loaded_by="0000")
        uow.commit()
    for account in (
        new_account("A-1", "501"),
        new_account("A-2", "502", "90.00", billing="metered"),
        new_account("S-1", "商铺1", "150.00", category="non_residential",
                    ceiling_height=D("3.90")),
    ):
        register_account(make_uow(), LOCAL_OPERATOR, account, on=dt.date(2025, 9, 1))
    open_season(make_uow(), LOCAL_OPERATOR, "2025-2026", billed_on=BILLED_ON)
    return make_uow


def lines(engine, number: str) -> list[tuple]:
    """(kind, corrects, amount_fen, posted_on, reason, approved_by) of the account's lines."""
    query = text(
        "SELECT l.kind, l.corrects, l.amount_fen, l.posted_on, l.reason, l.approved_by"
        " FROM bill_lines l JOIN bills b ON b.id = l.bill_id JOIN accounts a"
        " ON a.id = b.account_id WHERE a.account_no = :no ORDER BY l.id"
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"no": number}).all()
    return [(k, c, a, str(p), r, ap) for k, c, a, p, r, ap in rows]


def test_area_remeasured_posts_an_adjustment_and_keeps_the_bill(engine, billed):
    posted = change_facts(
        billed(), LOCAL_OPERATOR, "A-1", {"heated_area": D("90.00")},
        valid_from=dt.date(2025, 11, 15), reason="重新测量", approvals=approved("change_area"),
        on=FIXED_ON,
    )
    assert [(c.season, c.total_fen) for c in posted] == [("2025-2026", 968)]
    assert lines(engine, "A-1") == [
        ("heating", None, 197_032, "2025-10-01", "", None),
        ("adjustment", "heating", 968, "2025-12-10", "重新测量", "0009"),
    ]
    details = account_details(billed(), LOCAL_OPERATOR, "A-1", on=FIXED_ON)
    assert [(v.heated_area, v.reason, v.recorded_by, v.approved_by) for v in details.facts] == [
        (D("89.56"), "开户", "0000", None),
        (D("90.00"), "重新测量", "0000", "0009"),
    ]
    assert details.current.heated_area == D("90.00")


def test_a_second_correction_is_computed_against_the_adjusted_bill(engine, billed):
    for area in ("90.00", "89.56"):
        change_facts(
            billed(), LOCAL_OPERATOR, "A-1", {"heated_area": D(area)},
            valid_from=dt.date(2025, 11, 15), reason="复核", on=FIXED_ON,
            approvals=approved("change_area"),
        )
    assert [line[2] for line in lines(engine, "A-1")] == [197_032, 968, -968]


def test_low_income_granted_late_reprices_the_season(engine, billed):
    change_facts(
        billed(), LOCAL_OPERATOR, "A-1", {"low_income": True},
        valid_from=dt.date(2026, 1, 1), reason="低保认定", on=FIXED_ON,
        approvals=approved("change_category"),
    )
    assert lines(engine, "A-1")[1][:3] == ("adjustment", "heating", 138_818 - 197_032)


def test_a_change_after_the_season_corrects_nothing_but_is_kept(engine, billed):
    posted = change_facts(
        billed(), LOCAL_OPERATOR, "A-1", {"heated_area": D("95.00")},
        valid_from=dt.date(2026, 5, 1), reason="扩建", on=FIXED_ON,
        approvals=approved("change_area"),
    )
    assert posted == []
    assert len(lines(engine, "A-1")) == 1
    details = account_details(billed(), LOCAL_OPERATOR, "A-1", on=dt.date(2026, 6, 1))
    assert details.current.heated_area == D("95.00")


def test_suspension_granted_late_replaces_the_heating_fee(engine, billed):
    posted = set_status(
        billed(), LOCAL_OPERATOR, "A-1", "2025-2026", "suspended",
        reason="补办报停", approval=approved("change_status")[0], on=FIXED_ON,
    )
    assert posted[0].total_fen == 39_406 - 197_032
    assert lines(engine, "A-1")[1:] == [
        ("adjustment", "heating", -197_032, "2025-12-10", "补办报停", "0009"),
        ("adjustment", "suspension", 39_406, "2025-12-10", "补办报停", "0009"),
    ]
    with pytest.raises(FactsError, match="状态没有变化"):
        set_status(billed(), LOCAL_OPERATOR, "A-1", "2025-2026", "suspended", reason="再次",
                   approval=approved("change_status")[0])
    history = account_details(billed(), LOCAL_OPERATOR, "A-1").statuses
    assert [(s.season, s.status, s.reason) for s in history] == [
        ("2025-2026", "suspended", "补办报停")
    ]


def test_ceiling_corrected_removes_the_surcharge(engine, billed):
    change_facts(
        billed(), LOCAL_OPERATOR, "S-1", {"ceiling_height": None},
        valid_from=dt.date(2025, 1, 1), reason="层高复核", on=FIXED_ON,
    )
    assert [line[:3] for line in lines(engine, "S-1")] == [
        ("heating", None, 570_000),
        ("ceiling", None, 85_500),
        ("adjustment", "ceiling", -85_500),
    ]


def test_metered_settlement_is_corrected_with_the_heating_fee(engine, billed):
    from cashier.services.readings import enter_reading

    settlement = enter_reading(
        billed(), LOCAL_OPERATOR, "A-2", "2025-2026", D("5000"), dt.date(2026, 3, 16),
        on=dt.date(2026, 3, 20),
    )
    assert settlement.amount_fen == 59_400 + 90_000 - 198_000
    change_facts(
        billed(), LOCAL_OPERATOR, "A-2", {"heated_area": D("100.00")},
        valid_from=dt.date(2025, 11, 15), reason="重新测量", on=dt.date(2026, 4, 1),
        approvals=approved("change_area"),
    )
    amounts = [(line[0], line[1], line[2]) for line in lines(engine, "A-2")]
    assert amounts == [
        ("heating", None, 198_000),
        ("metered_settlement", None, -48_600),
        ("adjustment", "heating", 22_000),
        ("adjustment", "metered_settlement", -15_400),
    ]
    assert sum(a for _, _, a in amounts) == 66_000 + 90_000  # base + energy at 100 m²


def test_change_of_holder_keeps_number_bills_and_the_old_holder(engine, billed):
    change = change_holder(
        billed(), CASHIER, "A-1", name="李四", phone="13800002222", reason="房屋过户",
        on=FIXED_ON,
    )
    assert (change.old_name, change.new_name, change.recorded_by) == ("张三", "李四", "0007")
    details = account_details(billed(), CASHIER, "A-1")
    assert (details.summary.name, details.summary.phone) == ("李四", "13800002222")
    assert [(h.on, h.old_phone, h.new_phone) for h in details.holder_changes] == [
        (FIXED_ON, "13900001111", "13800002222")
    ]
    assert len(lines(engine, "A-1")) == 1


def test_closing_needs_nothing_owed(engine, billed):
    with pytest.raises(CannotClose, match="1,970.32"):
        close_account(billed(), LOCAL_OPERATOR, "A-1", reason="拆迁", on=FIXED_ON)
    register_account(billed(), LOCAL_OPERATOR, new_account("A-9", "509"), on=FIXED_ON)
    closure = close_account(billed(), LOCAL_OPERATOR, "A-9", reason="拆迁", on=FIXED_ON)
    assert (closure.on, closure.reason) == (FIXED_ON, "拆迁")
    with pytest.raises(AccountClosed, match="已于 2025-12-10 销户"):
        change_holder(billed(), LOCAL_OPERATOR, "A-9", name="王五", phone="", reason="过户")
    with pytest.raises(AccountClosed):
        close_account(billed(), LOCAL_OPERATOR, "A-9", reason="again")
    assert account_details(billed(), LOCAL_OPERATOR, "A-9").closure == closure


def test_opening_arrears_block_closing(make_uow):
    account = NewAccount(
        "A-7", "张三", "", Address("和平家园", "1", "1", "101"),
        BillingFacts("residential", False, D("80.00")), opening_arrears_fen=5_000,
    )
    register_account(make_uow(), LOCAL_OPERATOR, account, on=FIXED_ON)
    with pytest.raises(CannotClose, match="50.00"):
        close_account(make_uow(), LOCAL_OPERATOR, "A-7", reason="拆迁", on=FIXED_ON)
    assert account_details(make_uow(), LOCAL_OPERATOR, "A-7").opening_arrears.amount_fen == 5_000


def test_refusals_without_reason_permission_or_with_a_duplicate(billed):
    with pytest.raises(ReasonRequired):
        change_holder(billed(), LOCAL_OPERATOR, "A-1", name="李四", phone="", reason="  ")
    with pytest.raises(PermissionDenied):
        change_facts(
            billed(), CASHIER, "A-1", {"heated_area": D("1.00")},
            valid_from=FIXED_ON, reason="x",
        )
    with pytest.raises(DuplicateAccount, match="A-1"):
        register_account(billed(), LOCAL_OPERATOR, new_account("A-1", "999"))
    with pytest.raises(DuplicateAccount, match="幸福小区3号楼2单元501"):
        register_account(billed(), LOCAL_OPERATOR, new_account("A-8", "501"))
    with pytest.raises(UserError, match="^户号：应为1–32位字母、数字或“-”$"):
        register_account(billed(), LOCAL_OPERATOR, new_account("A 8", "508"))
    with pytest.raises(UserError, match="只能包含数字"):
        change_holder(billed(), LOCAL_OPERATOR, "A-1", name="李四", phone="电话", reason="过户")


def test_demo_stores_opening_arrears_and_suspensions(engine, make_uow):
    fill_demo(make_uow(), LOCAL_OPERATOR, accounts=300)
    expected = list(demo_accounts(300))
    with engine.connect() as conn:
        arrears = conn.execute(text("SELECT count(*), sum(amount_fen) FROM opening_arrears")).one()
        suspended = conn.execute(
            text("SELECT count(*) FROM account_statuses WHERE status = 'suspended'")
        ).scalar()
    owed = [a.opening_arrears_fen for a in expected if a.opening_arrears_fen]
    assert tuple(arrears) == (len(owed), sum(owed))
    assert suspended == sum(1 for a in expected if a.facts.suspended) > 0
