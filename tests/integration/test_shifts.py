"""One open shift per counter at a time, on SQLite and PostgreSQL: another cashier can
neither open a second one, nor post into it, nor close it; a change of cashier closes one
shift and opens the next, and the counter's numbering runs on through both."""

from __future__ import annotations

import datetime as dt

import pytest

from cashier.services.receipt_records import account_payments
from cashier.services.shifts import (
    ShiftNotOpen,
    ShiftOpenByOther,
    close_shift,
    current_shift,
    open_shift,
    shift_summary,
)
from tests.support.payment_books import (
    CASHIER,
    OTHER_CASHIER,
    SUPERVISOR,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

DEC_15 = dt.date(2025, 12, 15)


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    return make_uow


def test_another_cashier_cannot_open_post_into_or_close_the_open_shift(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    opened = current_shift(books(), station)
    with pytest.raises(ShiftOpenByOther, match=CASHIER.staff_no):
        start_shift(books, station, OTHER_CASHIER)
    with pytest.raises(ShiftNotOpen):
        pay(books, station, "T-0001", cash(10000), actor=OTHER_CASHIER)
    with pytest.raises(ShiftOpenByOther):
        close_shift(books(), OTHER_CASHIER, station, client_uuid=new_uuid())
    assert current_shift(books(), station) == opened
    assert account_payments(books(), "T-0001") == []
    again = open_shift(books(), CASHIER, station, opening_float_fen=0, client_uuid=new_uuid())
    assert again == opened and again.opening_float_fen == 50000


def test_a_change_of_cashier_closes_one_shift_and_opens_the_next(books):
    station = station_at(DEC_15)
    start_shift(books, station)
    first = pay(books, station, "T-0001", cash(10000))
    closed = close_shift(books(), CASHIER, station, client_uuid=new_uuid())
    assert current_shift(books(), station) is None
    start_shift(books, station, OTHER_CASHIER)
    second = pay(books, station, "T-0002", cash(20000), actor=OTHER_CASHIER)
    shift = current_shift(books(), station)
    assert shift.staff_no == OTHER_CASHIER.staff_no
    assert (closed.payments, closed.by_method["cash"]) == (1, 10000)
    totals = shift_summary(books(), station)
    assert (totals.payments, totals.by_method["cash"]) == (1, 20000)
    numbers = [first.receipt_no, closed.closed_receipt_no, shift.receipt_no, second.receipt_no]
    assert numbers == [f"A01-{n:08d}" for n in range(2, 6)]


def test_each_counter_has_its_own_shift_and_a_supervisor_may_close_a_cashiers(books):
    hall, window = station_at(DEC_15, "A01"), station_at(DEC_15, "A02")
    start_shift(books, hall)
    start_shift(books, window, OTHER_CASHIER)
    assert current_shift(books(), hall).staff_no == CASHIER.staff_no
    assert current_shift(books(), window).staff_no == OTHER_CASHIER.staff_no
    close_shift(books(), SUPERVISOR, window, client_uuid=new_uuid())
    assert current_shift(books(), window) is None
    assert current_shift(books(), hall) is not None
