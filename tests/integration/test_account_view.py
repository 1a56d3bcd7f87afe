"""The account view read: facts, bills with lines, open items, payments and the statement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.errors import PermissionDenied
from cashier.domain.registration import Address, NewAccount
from cashier.services.account_view import account_view
from cashier.services.accounts import AccountNotFound, add_accounts
from cashier.services.billing import open_season
from cashier.services.demo import DEMO_TARIFF
from cashier.services.statements import UnknownChannel, account_statement
from cashier.services.tariffs import load_tariffs

SEASON = "2025-2026"
ZHANG = NewAccount(
    "A-0001",
    "张三",
    "13900001111",
    Address("幸福小区", "3", "2", "502"),
    BillingFacts("residential", False, Decimal("89.56")),
    opening_arrears_fen=10_000,
)
LI = NewAccount(
    "A-0002",
    "李四",
    "",
    Address("幸福小区", "3", "2", "602"),
    BillingFacts("residential", True, Decimal("65.30")),
)


@pytest.fixture
def billed(make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, DEMO_TARIFF)
    uow = make_uow()
    with uow:
        add_accounts(uow, LOCAL_OPERATOR, [ZHANG, LI], on=dt.date(2025, 10, 1))
        uow.commit()
    open_season(make_uow(), LOCAL_OPERATOR, SEASON, billed_on=dt.date(2025, 10, 10))


def test_the_view_holds_the_facts_the_bill_and_the_open_items(make_uow, billed):
    view = account_view(make_uow(), LOCAL_OPERATOR, "A-0001", on=dt.date(2026, 1, 20))
    assert view.details.summary.name == "张三"
    assert view.details.current.heated_area == Decimal("89.56")
    assert len(view.details.facts) == 1
    [bill] = view.bills
    assert bill.season == SEASON
    assert [(d.line.kind, d.line.amount_fen) for d in bill.lines] == [("heating", 197_032)]
    opening, season = view.open_items
    assert (opening.opening, opening.owed_fen, opening.late_fee_fen) == (True, 10_000, 0)
    # 1970.32 unpaid 20 days after the 2025-12-31 due date at 2‰ a day: 78.8128 -> 78.81
    assert (season.season, season.charged_fen, season.principal_fen) == (SEASON, 197_032, 197_032)
    assert season.late_fee_fen == 7_881
    assert view.payments == () and view.voids == ()
    assert view.statement.total_due_fen == 10_000 + 197_032 + 7_881


def test_the_statement_agrees_with_the_statement_command(make_uow, billed):
    for day in (dt.date(2025, 11, 20), dt.date(2026, 1, 20), dt.date(2026, 7, 1)):
        for channel in ("cash", "wechat"):
            view = account_view(make_uow(), LOCAL_OPERATOR, "A-0002", on=day, channel=channel)
            command = account_statement(make_uow(), "A-0002", day, channel)
            assert view.statement == command.statement


def test_an_early_online_payment_shows_its_discount(make_uow, billed):
    view = account_view(
        make_uow(), LOCAL_OPERATOR, "A-0002", on=dt.date(2025, 10, 20), channel="wechat"
    )
    [due] = view.statement.seasons
    # 65.30 m2 x 15.50 = 1012.15, 0.5 % discount online in the window: 5.06075 -> 5.06
    assert (due.principal_fen, due.discount_fen, due.due_fen) == (101_215, 506, 100_709)


def test_unknown_account_channel_or_role_is_refused(make_uow, billed):
    day = dt.date(2026, 1, 1)
    with pytest.raises(AccountNotFound):
        account_view(make_uow(), LOCAL_OPERATOR, "NOPE", on=day)
    with pytest.raises(UnknownChannel):
        account_view(make_uow(), LOCAL_OPERATOR, "A-0001", on=day, channel="bitcoin")
    nobody = Actor(id=None, staff_no="9999", name="王五", roles=frozenset())
    with pytest.raises(PermissionDenied):
        account_view(make_uow(), nobody, "A-0001", on=day)
