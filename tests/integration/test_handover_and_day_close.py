"""Collector hand-overs and the day close with signed anchors, on both databases."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cashier.domain.day_close import DayClosed, parse_signed_anchors
from cashier.domain.errors import ApprovalRequired
from cashier.domain.journal import HANDOVER, split_receipt_number
from cashier.domain.signature import SignatureMissing
from cashier.services.anchor_signing import (
    AnchorSignatureError,
    Ed25519Signer,
    check_anchor_file,
    check_signature,
)
from cashier.services.day_close import close_day, day_status, exported_anchors
from cashier.services.handover import (
    HandoverRefused,
    collector_cash,
    collectors_holding_cash,
    record_handover,
)
from cashier.services.journal_verify import check_journals
from cashier.services.reconciliation import day_overview
from cashier.services.shift_close import close_counted_shift
from tests.support.payment_books import (
    ACCOUNTANT,
    CASHIER,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)
from tests.support.reconciliation_books import (
    COLLECTOR,
    add_collector,
    cash_count,
    handover_request,
)

NOV_10, NOV_11 = dt.date(2025, 11, 10), dt.date(2025, 11, 11)


@pytest.fixture
def signer() -> Ed25519Signer:
    return Ed25519Signer(Ed25519PrivateKey.generate())


@pytest.fixture
def door_to_door(make_uow):
    """Nov 10: the collector takes 1,000.00 + 300.00 cash at the door on laptop C01 (shift
    with a 500.00 float, closed there); the cashier's shift at A01 is open with 500.00."""
    seed_books(make_uow)
    add_collector(make_uow)
    laptop, counter = station_at(NOV_10, "C01", hour=10), station_at(NOV_10, "A01", hour=17)
    start_shift(make_uow, laptop, COLLECTOR)
    pay(make_uow, laptop, "T-0001", cash(100000), actor=COLLECTOR)
    pay(make_uow, laptop, "T-0003", cash(30000), actor=COLLECTOR)
    close_counted_shift(make_uow(), COLLECTOR, laptop, count=cash_count(180000),
                        client_uuid=new_uuid())
    start_shift(make_uow, counter)
    return make_uow, counter


def test_a_hand_over_settles_the_collectors_cash_into_the_drawer(door_to_door):
    books, counter = door_to_door
    assert collector_cash(books(), CASHIER, COLLECTOR.staff_no).open_fen == 130000
    record = record_handover(books(), CASHIER, counter, handover_request(COLLECTOR, 130000))
    assert (record.expected_fen, record.counted_fen, record.difference_fen) == (130000, 130000, 0)
    assert collector_cash(books(), CASHIER, COLLECTOR.staff_no).open_fen == 0
    with books() as uow:
        entry = uow.journal.get(*split_receipt_number(record.receipt_no))
        stored = uow.reconciliation.handovers(collector=COLLECTOR.staff_no)
    assert entry.kind == HANDOVER and entry.shift_seq is not None and entry.amount_fen == 130000
    extra = entry.details.extra
    assert extra["collector_signature"] == stored[0].collector_signature.digest()
    assert extra["receiver_signature"] == stored[0].receiver_signature.digest()
    assert stored[0].collector_signature.png == record.collector_signature.png
    report = close_counted_shift(
        books(), CASHIER, counter, count=cash_count(180000), client_uuid=new_uuid()
    ).report
    assert report.comparison.check("cash").expected_fen == 50000 + 130000
    assert (report.period.handovers, report.period.handover_fen) == (1, 130000)
    assert check_journals(books()).ok


def test_a_hand_over_needs_both_signatures_and_a_supervisor_for_a_shortage(door_to_door):
    books, counter = door_to_door
    with pytest.raises(SignatureMissing):
        record_handover(books(), CASHIER, counter,
                        handover_request(COLLECTOR, 130000, collector_signature=None))
    with pytest.raises(HandoverRefused, match="原因"):
        record_handover(books(), CASHIER, counter, handover_request(COLLECTOR, 120000))
    with pytest.raises(ApprovalRequired):
        record_handover(books(), CASHIER, counter,
                        handover_request(COLLECTOR, 120000, reason="路上丢失"))
    grant = approval("handover_variance")
    record = record_handover(
        books(), CASHIER, counter,
        handover_request(COLLECTOR, 120000, reason="路上丢失", approval=grant),
    )
    assert record.difference_fen == -10000
    assert collector_cash(books(), CASHIER, COLLECTOR.staff_no).open_fen == 0
    rows = {row.staff: row for row in day_overview(books(), ACCOUNTANT, NOV_10)}
    mine = rows["0011 钱某"]
    assert (mine.expected_fen, mine.counted_fen, mine.difference_fen) == (130000, 120000, -10000)


def test_a_retried_hand_over_is_recorded_once(door_to_door):
    books, counter = door_to_door
    request = handover_request(COLLECTOR, 130000)
    first = record_handover(books(), CASHIER, counter, request)
    again = record_handover(books(), CASHIER, counter, request)
    assert again == first
    with books() as uow:
        assert len(uow.reconciliation.handovers(collector=COLLECTOR.staff_no)) == 1


def test_only_a_collector_hands_over(door_to_door):
    books, counter = door_to_door
    with pytest.raises(HandoverRefused):
        record_handover(books(), CASHIER, counter, handover_request(CASHIER, 100))


def test_the_day_closes_only_when_shifts_are_closed_and_cash_handed_over(door_to_door, signer):
    books, counter = door_to_door
    accountant_desk = station_at(NOV_11, "F01")
    status = day_status(books(), ACCOUNTANT, NOV_10)
    assert [s.counter for s in status.blockers.open_shifts] == ["A01"]
    assert [c.staff for c in status.blockers.collectors] == ["0011 钱某"]
    with pytest.raises(DayClosed, match="尚未结班.*未缴款"):
        close_day(books(), ACCOUNTANT, accountant_desk, NOV_10, signer=signer)
    holding = collectors_holding_cash(books(), CASHIER, NOV_10)
    assert [(c.staff_no, c.open_fen) for c in holding] == [("0011", 130000)]
    record_handover(books(), CASHIER, counter, handover_request(COLLECTOR, 130000))
    close_counted_shift(books(), CASHIER, counter, count=cash_count(180000),
                        client_uuid=new_uuid())
    assert day_status(books(), ACCOUNTANT, NOV_10).blockers.clear
    signed = close_day(books(), ACCOUNTANT, accountant_desk, NOV_10, signer=signer)
    text = exported_anchors(books(), ACCOUNTANT, NOV_10)
    assert parse_signed_anchors(text) == signed
    assert "签名正确" in check_signature(signed, signer.public_key)
    chains = {a.chain for a in signed.anchors}
    assert {"journal:A01", "journal:C01", "audit"} <= chains
    with pytest.raises(DayClosed, match="已日结"):
        close_day(books(), ACCOUNTANT, accountant_desk, NOV_10, signer=signer)
    assert day_status(books(), ACCOUNTANT, NOV_10).closed


def test_today_cannot_be_closed(door_to_door, signer):
    books, _ = door_to_door
    with pytest.raises(DayClosed, match="尚未结束"):
        close_day(books(), ACCOUNTANT, station_at(NOV_10, "F01"), NOV_10, signer=signer)


def test_after_the_close_an_entry_taken_that_day_is_booked_to_the_open_day(make_uow, signer):
    seed_books(make_uow)
    evening = station_at(NOV_10, "A01", hour=20)
    start_shift(make_uow, evening)
    pay(make_uow, evening, "T-0001", cash(1000))
    close_counted_shift(make_uow(), CASHIER, evening, count=cash_count(51000),
                        client_uuid=new_uuid())
    close_day(make_uow(), ACCOUNTANT, station_at(NOV_11, "F01", hour=8), NOV_10, signer=signer)
    late = station_at(NOV_10, "A01", hour=23)
    start_shift(make_uow, late)
    paid = pay(make_uow, late, "T-0002", cash(2000))
    assert paid.entry.business_date == NOV_11 and paid.entry.value_date == NOV_10
    assert day_status(make_uow(), ACCOUNTANT, NOV_11).blockers.open_shifts


def test_a_signed_file_changed_after_signing_or_signed_by_another_key_is_refused(
    door_to_door, signer
):
    books, counter = door_to_door
    record_handover(books(), CASHIER, counter, handover_request(COLLECTOR, 130000))
    close_counted_shift(books(), CASHIER, counter, count=cash_count(180000),
                        client_uuid=new_uuid())
    signed = close_day(books(), ACCOUNTANT, station_at(NOV_11, "F01"), NOV_10, signer=signer)
    first = signed.anchors[0]
    moved = dataclasses.replace(first, seq=first.seq - 1)
    tampered = dataclasses.replace(signed, anchors=(moved, *signed.anchors[1:]))
    with pytest.raises(AnchorSignatureError, match="改动"):
        check_anchor_file(tampered.to_json(), signer.public_key)
    other = Ed25519Signer(Ed25519PrivateKey.generate())
    with pytest.raises(AnchorSignatureError, match="登记"):
        check_anchor_file(signed.to_json(), other.public_key)
    assert "未签名" in check_anchor_file('{"anchors": []}', signer.public_key)
