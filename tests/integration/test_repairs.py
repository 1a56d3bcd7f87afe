"""Repair orders, bills, sign-off, payment and follow-up through the services, on both databases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text
from support.repair_world import (
    ADMIN,
    CASHIER,
    DESK,
    EXAMPLE_PRICES,
    RECEIVED,
    SUPERVISOR,
    TECHNICIAN,
    add_accounts,
    load_example_prices,
    local,
    minutes_after,
    new_uuid,
    pay_in_cash,
    phone_order,
    reach_site,
    signature,
    station,
    valve_lines,
)

from cashier.domain.errors import PermissionDenied
from cashier.domain.journal import REPAIR_PAYMENT, REPAIR_REFUND
from cashier.domain.repair_bills import BROKEN, SIGNED, UNSIGNED, VOIDED, LineRequest
from cashier.domain.repair_orders import FollowUp, OrderEvent, OrderFilter, RepairError
from cashier.domain.repair_prices import MATERIAL, PriceListError, parse_price_toml
from cashier.domain.roles import Approval
from cashier.domain.signature import SignatureMissing
from cashier.domain.tender import TenderPart
from cashier.services.posting import read_books
from cashier.services.repair_bills import confirm_damage, repair_view, save_bill, sign_bill
from cashier.services.repair_orders import list_orders, record_event, record_followup
from cashier.services.repair_payments import (
    RepairPaymentRequest,
    pay_repair_bill,
    refund_repair_payment,
)
from cashier.services.repair_prices import load_price_file, load_prices
from cashier.services.repair_verify import check_repair_signatures
from cashier.services.shifts import open_shift, shift_summary
from cashier.store.guards import drop_guards


@pytest.fixture
def desk(make_uow):
    """Two accounts, the example prices, and a phone call at 09:00 on 2025-12-01."""
    add_accounts(make_uow, "HP-0001", "HP-0002")
    load_example_prices(make_uow)
    return make_uow


def _numbers(make_uow, state: str, now: dt.datetime, text: str = "") -> list[str]:
    where = OrderFilter(state, text, now)
    return [order.number for order in list_orders(make_uow(), DESK, where)]


def _signed_bill(make_uow, number: str, lines=None):
    view = save_bill(make_uow(), TECHNICIAN, number, lines or valve_lines(), now=minutes_after(50))
    return sign_bill(
        make_uow(),
        TECHNICIAN,
        number,
        signature(),
        digest=view.latest.digest,
        signer_name="张三",
        now=minutes_after(52),
    )


def test_an_order_is_overdue_until_the_crew_arrives_and_then_shows_it_came_late(desk):
    order = phone_order(desk, at=RECEIVED)
    assert order.number == "WX2025-00001" and order.address == "幸福小区1号楼1单元101"
    assert order.paid and order.customer_name == "张三"
    assert _numbers(desk, "overdue", minutes_after(29)) == []
    assert _numbers(desk, "overdue", minutes_after(31)) == [order.number]
    arrived = reach_site(desk, order.number, RECEIVED, minutes=40)
    assert arrived.arrived_late and arrived.technicians == ("3001 李四",)
    assert _numbers(desk, "overdue", minutes_after(60)) == []
    assert _numbers(desk, "open", minutes_after(60)) == [order.number]
    assert _numbers(desk, "open", minutes_after(60), "暖气片") == [order.number]
    assert _numbers(desk, "open", minutes_after(60), "hp-0002") == []


def test_a_bill_changed_after_signing_must_be_signed_again_and_versions_are_kept(desk):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    first = save_bill(desk(), TECHNICIAN, number, valve_lines(), now=minutes_after(40))
    assert first.state == UNSIGNED and first.latest.content.total_fen == 3000 + 4500 + 100
    with pytest.raises(SignatureMissing):
        sign_bill(
            desk(), TECHNICIAN, number, None, digest=first.latest.digest, now=minutes_after(41)
        )
    signed = sign_bill(
        desk(),
        TECHNICIAN,
        number,
        signature(),
        digest=first.latest.digest,
        signer_name="张三",
        now=minutes_after(42),
    )
    assert signed.state == SIGNED and signed.signoff.staff_no == "3001"
    same = save_bill(desk(), TECHNICIAN, number, valve_lines(), now=minutes_after(43))
    assert same.state == SIGNED and len(same.versions) == 1
    changed = save_bill(desk(), TECHNICIAN, number, valve_lines("2"), now=minutes_after(44))
    assert changed.state == VOIDED and not changed.signed
    assert [v.content.version for v in changed.versions] == [1, 2]
    assert changed.versions[0].content.total_fen == 7600
    with pytest.raises(RepairError, match="已变更"):
        sign_bill(
            desk(),
            TECHNICIAN,
            number,
            signature(),
            digest=first.latest.digest,
            now=minutes_after(45),
        )
    again = sign_bill(
        desk(),
        TECHNICIAN,
        number,
        signature(1),
        digest=changed.latest.digest,
        now=minutes_after(46),
    )
    assert again.state == SIGNED and again.latest.content.version == 2
    assert check_repair_signatures(desk()).ok


def test_prices_come_from_the_bill_date_and_loaded_prices_never_change(desk):
    number = phone_order(desk, at=local(2026, 1, 5, 9, 0)).number
    view = save_bill(desk(), TECHNICIAN, number, valve_lines(), now=local(2026, 1, 5, 10, 0))
    valve = next(line for line in view.latest.content.lines if line.code == "CL01")
    assert valve.unit_price_fen == 4800 and view.latest.content.priced_on == dt.date(2026, 1, 5)
    again = load_price_file(desk(), ADMIN, EXAMPLE_PRICES)
    assert (again.added, again.unchanged) == (0, 10)
    raised = EXAMPLE_PRICES.read_text("utf-8").replace('unit_price = "8.50"', 'unit_price = "9"')
    with pytest.raises(PriceListError, match="CL02 在 2025-11-01 已有不同的价格"):
        load_prices(desk(), ADMIN, parse_price_toml(raised), source="raised.toml")
    with pytest.raises(PermissionDenied):
        load_price_file(desk(), TECHNICIAN, EXAMPLE_PRICES)


def test_free_repairs_have_no_bill_and_company_facilities_need_a_damage_confirmation(desk):
    free = phone_order(desk, "HP-0001", at=RECEIVED, owner="company").number
    with pytest.raises(RepairError, match="免费维修"):
        save_bill(desk(), TECHNICIAN, free, valve_lines(), now=minutes_after(40))
    revised = OrderEvent(
        "charge",
        minutes_after(30),
        owner="company",
        paid=True,
        note="阀门系用户私自拆改损坏，已告知用户属有偿维修",
    )
    record_event(desk(), TECHNICIAN, free, revised, now=minutes_after(31))
    view = save_bill(desk(), TECHNICIAN, free, valve_lines(), now=minutes_after(40))
    with pytest.raises(RepairError, match="损坏确认单"):
        sign_bill(
            desk(), TECHNICIAN, free, signature(), digest=view.latest.digest, now=minutes_after(41)
        )
    damage = confirm_damage(
        desk(),
        TECHNICIAN,
        free,
        facility="卧室散热器阀门",
        cause="用户私自拆改阀门导致漏水",
        signature=signature(2),
        signer_name="张三",
        now=minutes_after(42),
    )
    assert damage.intact and damage.content.explained_by == "3001 李四"
    signed = sign_bill(
        desk(), TECHNICIAN, free, signature(), digest=view.latest.digest, now=minutes_after(43)
    )
    assert signed.signed and signed.damage.content.cause == "用户私自拆改阀门导致漏水"
    with pytest.raises(RepairError, match="已有收费清单"):
        record_event(desk(), TECHNICIAN, free, revised, now=minutes_after(44))


def test_a_signed_bill_is_paid_into_the_journal_and_then_cannot_change(desk, make_uow):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    unsigned = save_bill(desk(), TECHNICIAN, number, valve_lines(), now=minutes_after(40))
    counter = station(minutes_after(60))
    open_shift(desk(), CASHIER, counter, opening_float_fen=5000, client_uuid=new_uuid())
    total = unsigned.latest.content.total_fen
    cash = (TenderPart("cash", total),)
    with pytest.raises(RepairError, match="签字确认后才能收费"):
        pay_repair_bill(desk(), CASHIER, counter, RepairPaymentRequest(new_uuid(), number, cash))
    signed = _signed_bill(desk, number)
    short = (TenderPart("cash", total - 100),)
    with pytest.raises(RepairError, match="须一次付清"):
        pay_repair_bill(desk(), CASHIER, counter, RepairPaymentRequest(new_uuid(), number, short))
    request = RepairPaymentRequest(new_uuid(), number, cash, cash_tendered_fen=10000)
    paid = pay_repair_bill(desk(), CASHIER, counter, request)
    assert (
        paid.entry.kind == REPAIR_PAYMENT
        and paid.entry.amount_fen == signed.latest.content.total_fen
    )
    assert paid.receipt.change_fen == 10000 - total and paid.receipt.order_no == number
    retry = pay_repair_bill(desk(), CASHIER, counter, request)
    assert retry.duplicate and retry.receipt_no == paid.receipt_no
    totals = shift_summary(desk(), counter)
    assert totals.payments == 1 and totals.cash_expected_fen == 5000 + total
    with desk() as uow:
        books = read_books(uow, "HP-0001")
    assert books.payments == ()
    with pytest.raises(RepairError, match="已收费，不能修改"):
        save_bill(desk(), TECHNICIAN, number, valve_lines("2"), now=minutes_after(70))
    with pytest.raises(RepairError, match="已收费"):
        pay_repair_bill(desk(), CASHIER, counter, RepairPaymentRequest(new_uuid(), number, cash))
    assert repair_view(desk(), DESK, number).paid_fen == total


def test_a_refund_with_approval_reopens_the_bill(desk):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    total = _signed_bill(desk, number).latest.content.total_fen
    counter, paid = pay_in_cash(desk, number, total)
    with pytest.raises(PermissionDenied):
        refund_repair_payment(
            desk(),
            CASHIER,
            counter,
            paid.receipt_no,
            reason="多收",
            approval=None,
            client_uuid=new_uuid(),
        )
    approval = Approval("refund", CASHIER, SUPERVISOR, minutes_after(70))
    refund = refund_repair_payment(
        desk(),
        CASHIER,
        counter,
        paid.receipt_no,
        reason="材料用错，重新开单",
        approval=approval,
        client_uuid=new_uuid(),
    )
    assert refund.entry.kind == REPAIR_REFUND and refund.entry.reverses == paid.receipt_no
    assert refund.receipt.amount_fen == -total and refund.receipt.refund_of == paid.receipt_no
    totals = shift_summary(desk(), counter)
    assert (totals.payments, totals.refunds, totals.by_method["cash"]) == (1, 1, 0)
    with pytest.raises(RepairError, match="已退费"):
        refund_repair_payment(
            desk(),
            CASHIER,
            counter,
            paid.receipt_no,
            reason="再退",
            approval=approval,
            client_uuid=new_uuid(),
        )
    lines = [*valve_lines(), LineRequest(MATERIAL, "CL02", Decimal(1))]
    revised = save_bill(desk(), TECHNICIAN, number, lines, now=minutes_after(80))
    assert revised.state == VOIDED and revised.paid_fen == 0


def test_finished_orders_wait_for_a_follow_up(desk):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    with pytest.raises(RepairError, match="完工后才能回访"):
        record_followup(
            desk(), DESK, number, FollowUp(0, minutes_after(90), "satisfied"), now=minutes_after(91)
        )
    record_event(
        desk(), TECHNICIAN, number, OrderEvent("finished", minutes_after(80)), now=minutes_after(81)
    )
    assert _numbers(desk, "no_followup", minutes_after(90)) == [number]
    assert _numbers(desk, "finished", minutes_after(90)) == [number]
    assert _numbers(desk, "open", minutes_after(90)) == []
    later = local(2025, 12, 2, 10, 0)
    stored = record_followup(
        desk(), DESK, number, FollowUp(0, later, "very_satisfied", "用户称暖气已正常"), now=later
    )
    assert stored.staff_no == "3002" and stored.satisfaction_label == "非常满意"
    assert _numbers(desk, "no_followup", later) == []
    assert repair_view(desk(), DESK, number).followups[0].notes == "用户称暖气已正常"


def test_a_bill_line_edited_in_the_database_breaks_the_signature(desk, engine):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    _signed_bill(desk, number)
    assert check_repair_signatures(desk()).ok
    with engine.begin() as conn:
        drop_guards(conn, ["repair_bill_lines"])
        conn.execute(text("UPDATE repair_bill_lines SET amount_fen = 1 WHERE code = 'CL01'"))
    assert repair_view(desk(), DESK, number).state == BROKEN
    result = check_repair_signatures(desk())
    assert not result.ok and number in result.problem and "被改动" in result.problem


def test_a_signature_picture_swapped_in_the_database_is_named(desk, engine):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    _signed_bill(desk, number)
    with engine.begin() as conn:
        drop_guards(conn, ["signatures"])
        conn.execute(text("UPDATE signatures SET strokes = '[]'"))
    assert repair_view(desk(), DESK, number).state == BROKEN
    assert "签字" in (check_repair_signatures(desk()).problem or "")


def test_the_repair_tables_refuse_updates_and_deletes(desk, engine):
    number = phone_order(desk, at=RECEIVED).number
    reach_site(desk, number, RECEIVED)
    _signed_bill(desk, number)
    for statement in (
        "UPDATE repair_bill_lines SET amount_fen = 1",
        "DELETE FROM repair_signoffs",
        "UPDATE repair_orders SET paid = false",
        "DELETE FROM repair_events",
    ):
        with pytest.raises(Exception, match="(?i)append-only|not allowed|refuse|permission"):
            with engine.begin() as conn:
                conn.execute(text(statement))
