"""A repair technician opens a shift on a laptop to take a repair payment on site, then closes
it; without a role that takes money nobody opens one. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from support.repair_world import (
    ADMIN,
    TECHNICIAN,
    load_example_prices,
    minutes_after,
    new_uuid,
    phone_order,
    reach_site,
    signature,
    station,
    valve_lines,
)
from support.repair_world import add_accounts as add_repair_accounts

from cashier.domain.actor import Actor
from cashier.domain.errors import PermissionDenied
from cashier.domain.journal import REPAIR_PAYMENT
from cashier.domain.tender import TenderPart
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.repair_bills import save_bill, sign_bill
from cashier.services.repair_payments import RepairPaymentRequest, pay_repair_bill
from cashier.services.shifts import close_shift, current_shift, open_shift

ACCOUNTANT = Actor(id=None, staff_no="4001", name="周九", roles=frozenset({"accountant"}))


def _signed_order(make_uow) -> tuple[str, int]:
    add_repair_accounts(make_uow, "HP-0001")
    load_example_prices(make_uow)
    received = minutes_after(0)
    number = phone_order(make_uow, at=received).number
    reach_site(make_uow, number, received)
    view = save_bill(make_uow(), TECHNICIAN, number, valve_lines(), now=minutes_after(50))
    sign_bill(make_uow(), TECHNICIAN, number, signature(), digest=view.latest.digest,
              signer_name="张三", now=minutes_after(52))  # fmt: skip
    return number, view.latest.content.total_fen


def test_a_technician_takes_a_repair_payment_on_site_in_their_own_shift(make_uow):
    number, total = _signed_order(make_uow)
    laptop = station(minutes_after(55), counter="B07")
    shift = open_shift(make_uow(), TECHNICIAN, laptop, opening_float_fen=0, client_uuid=new_uuid())
    assert (shift.counter, shift.staff_no) == ("B07", "3001")
    cash = (TenderPart("cash", total),)
    paid = pay_repair_bill(
        make_uow(), TECHNICIAN, laptop, RepairPaymentRequest(new_uuid(), number, cash)
    )
    assert paid.entry.kind == REPAIR_PAYMENT and paid.entry.shift_seq == shift.shift_seq
    with pytest.raises(PermissionDenied, match="无权收费"):
        post_payment(make_uow(), TECHNICIAN, laptop,
                     PaymentRequest(new_uuid(), "HP-0001", cash))  # fmt: skip
    totals = close_shift(make_uow(), TECHNICIAN, laptop, client_uuid=new_uuid())
    assert totals.cash_expected_fen == total
    assert current_shift(make_uow(), laptop) is None


def test_who_takes_no_money_opens_no_shift(make_uow):
    counter = station(minutes_after(0))
    for actor in (ACCOUNTANT, ADMIN):
        with pytest.raises(PermissionDenied, match="无权收取维修费"):
            open_shift(make_uow(), actor, counter, opening_float_fen=0, client_uuid=new_uuid())
    assert current_shift(make_uow(), counter) is None
