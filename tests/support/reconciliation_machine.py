"""A hypothesis state machine over a counter's and a collector's days: pay, split pay, void,
refund, reprint, shift close (with the blind count), hand-over and day close.

After every step: nothing was booked into a closed shift or a closed day, and every shift
close's grand totals never went down and equal the money the model saw. At each day close
and at the end: the books' money per day and method equals what the model booked (receipts
minus voids minus refunds), and every journal of the example verifies (the test checks
every chain, the audit log's too, once all examples ran).

Examples share one database (so PostgreSQL runs as fast as SQLite): each example has its own
accounts and calendar days, later than every earlier example's; it takes one of a pool of
counters, laptops and collectors (so a day close's anchors stay few however many examples
run), starting from the grand totals their last close recorded; its teardown closes what it
left open, has the collector hand everything over and closes the books through its last day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import Actor
from cashier.domain.cash_count import BlindCount, CardSlip
from cashier.domain.day_close import DayClosed, booking_date
from cashier.domain.journal import CHINA
from cashier.domain.journal_check import CounterWalk
from cashier.domain.registration import Address, NewAccount
from cashier.domain.roles import Approval
from cashier.domain.shift_report import grand_totals_of
from cashier.domain.tender import TenderPart
from cashier.services.anchor_signing import Ed25519Signer
from cashier.services.day_close import close_day
from cashier.services.handover import collector_cash, record_handover
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.receipts import reprint
from cashier.services.reconciliation import day_totals
from cashier.services.reversals import refund_payment, void_payment
from cashier.services.shift_close import close_counted_shift
from cashier.services.shifts import ShiftNotOpen, open_shift
from cashier.services.station import Station
from tests.support.payment_books import new_uuid
from tests.support.reconciliation_books import add_collector, cash_count
from tests.support.reconciliation_books import handover_request as signed_handover

FIRST_DAY = dt.date(2030, 1, 1)
ACCOUNTANT = Actor(90, "A900", "孙某", frozenset({"accountant"}))
SUPERVISOR = Actor(91, "A901", "李四", frozenset({"supervisor"}))
SIGNER = Ed25519Signer(Ed25519PrivateKey.generate())
POOL = 40
"""Counters, laptops and collectors are reused by every POOL-th example."""
_examples = itertools.count(1)
_calendar = {"next": FIRST_DAY}


@dataclass
class Booked:
    """A payment the model posted: where, by whom, on which day, with which parts."""

    receipt_no: str
    counter: str
    staff: str
    business_date: dt.date
    parts: tuple[TenderPart, ...]
    reversed: bool = False


@dataclass
class Drawer:
    """A counter's open shift as the model sees it: float plus cash and card moved."""

    open: bool = False
    opened_on: dt.date | None = None
    cash: int = 0
    card: int = 0


@dataclass
class Model:
    """What the model expects the books to say."""

    money: dict[dt.date, dict[str, int]] = field(default_factory=dict)
    grand: dict[str, tuple[int, int]] = field(default_factory=dict)
    collector_taken: dict[dt.date, int] = field(default_factory=dict)
    settled: int = 0
    carried: int = 0
    """What the (reused) collector held when the example began: earlier days' cash, or a
    negative amount after refunding cash already handed over."""
    closed_through: dt.date | None = None

    @property
    def collector_cash(self) -> int:
        """Cash the collector holds: taken minus what hand-overs settled."""
        return self.carried + sum(self.collector_taken.values()) - self.settled

    def collector_holds(self, through: dt.date) -> bool:
        """True when cash taken on or before `through` is not handed over yet."""
        taken = sum(fen for day, fen in self.collector_taken.items() if day <= through)
        return self.carried + taken - self.settled > 0

    def book(self, day: dt.date, parts) -> None:
        per_method = self.money.setdefault(day, {})
        for part in parts:
            per_method[part.method] = per_method.get(part.method, 0) + part.amount_fen

    def move(self, counter: str, amount: int) -> None:
        total, absolute = self.grand.get(counter, (0, 0))
        self.grand[counter] = (total + max(amount, 0), absolute + abs(amount))


class ReconciliationMachine(RuleBasedStateMachine):
    """See the module docstring."""

    def __init__(self, make_uow: Callable) -> None:
        super().__init__()
        self.books = make_uow
        n = next(_examples)
        pool = n % POOL
        self.day = _calendar["next"]
        self.minute = 0
        self.counter, self.laptop = f"S{pool}", f"K{pool}"
        self.cashier = Actor(1000 + pool, f"S{pool}", "王某", frozenset({"cashier"}))
        self.collector = Actor(2000 + pool, f"K{pool}", "钱某", frozenset({"collector"}))
        self.accounts = [f"SM{n}-1", f"SM{n}-2"]
        self.model = Model()
        self.drawers = {self.counter: Drawer(), self.laptop: Drawer()}
        self.paid: list[Booked] = []
        self._register(n)

    def _register(self, n: int) -> None:
        with self.books() as uow:
            known = uow.users.get(self.collector.staff_no) is not None
            for code in (self.counter, self.laptop):
                last = uow.reconciliation.last_shift_close(code, 10**15)
                grand = grand_totals_of(last)
                self.model.grand[code] = (grand.grand_total_fen, grand.grand_total_abs_fen)
        if not known:
            add_collector(self.books, self.collector)
        held = collector_cash(self.books(), self.cashier, self.collector.staff_no)
        self.model.carried = held.open_fen
        with self.books() as uow:
            uow.accounts.add_many(
                [
                    NewAccount(number, "张三", "", Address("幸福小区", str(n), "1", str(i)),
                               BillingFacts("residential", False, Decimal(10 + i)))
                    for i, number in enumerate(self.accounts, start=1)
                ],
                valid_from=FIRST_DAY - dt.timedelta(days=1),
                recorded_by="0001",
            )
            self.model.closed_through = uow.reconciliation.closed_through()
            uow.commit()

    def now(self) -> dt.datetime:
        """Beijing 09:00 of the current day plus one minute per action."""
        local = dt.datetime.combine(self.day, dt.time(9), CHINA)
        return local + dt.timedelta(minutes=self.minute)

    def station(self, counter: str) -> Station:
        self.minute += 1
        moment = self.now()
        return Station(counter, lambda: moment)

    def booked_day(self) -> dt.date:
        return booking_date(self.day, self.model.closed_through)

    def who(self, counter: str) -> Actor:
        return self.cashier if counter == self.counter else self.collector

    # ---- shifts and payments -------------------------------------------------------------

    def _open(self) -> list[str]:
        return [code for code, drawer in self.drawers.items() if drawer.open]

    def _closed(self) -> list[str]:
        return [code for code, drawer in self.drawers.items() if not drawer.open]

    @precondition(lambda self: self._closed())
    @rule(data=st.data(), float_fen=st.integers(0, 50000))
    def open_a_shift(self, data, float_fen):
        code = data.draw(st.sampled_from(self._closed()))
        open_shift(self.books(), self.who(code), self.station(code),
                   opening_float_fen=float_fen, client_uuid=new_uuid())
        self.drawers[code] = Drawer(True, self.booked_day(), float_fen, 0)

    @precondition(lambda self: self._closed() and self.minute % 4 == 1)
    @rule(data=st.data())
    def pay_into_a_closed_shift(self, data):
        code = data.draw(st.sampled_from(self._closed()))
        request = PaymentRequest(new_uuid(), self.accounts[0], (TenderPart("cash", 100),))
        try:
            post_payment(self.books(), self.who(code), self.station(code), request)
        except ShiftNotOpen:
            return
        raise AssertionError("a payment was posted into a closed shift")

    @precondition(lambda self: self._open())
    @rule(
        data=st.data(),
        account=st.integers(0, 1),
        fen=st.integers(1, 300000),
        method=st.sampled_from(["cash", "wechat", "alipay", "bank_card", "bank_transfer"]),
    )
    def pay(self, data, account, fen, method):
        """A payment in one method."""
        reference = "" if method == "cash" else f"R{self.minute}"
        self._post(data.draw(st.sampled_from(self._open())), account,
                   (TenderPart(method, fen, reference),))

    @precondition(lambda self: self._open())
    @rule(
        data=st.data(),
        account=st.integers(0, 1),
        cash_fen=st.integers(1, 300000),
        online_fen=st.integers(1, 300000),
        method=st.sampled_from(["wechat", "alipay", "bank_card", "bank_transfer"]),
    )
    def split_pay(self, data, account, cash_fen, online_fen, method):
        """A payment split between cash and another method."""
        parts = (TenderPart("cash", cash_fen), TenderPart(method, online_fen, f"R{self.minute}"))
        self._post(data.draw(st.sampled_from(self._open())), account, parts)

    def _post(self, code: str, account: int, parts: tuple[TenderPart, ...]) -> None:
        request = PaymentRequest(new_uuid(), self.accounts[account], parts, allow_credit=True)
        result = post_payment(self.books(), self.who(code), self.station(code), request)
        self._check_booked(result.entry)
        self._moved(code, result.entry.business_date, result.entry.details.parts)
        self.paid.append(Booked(result.receipt_no, code, self.who(code).staff_no,
                                result.entry.business_date, result.entry.details.parts))

    def _check_booked(self, entry) -> None:
        assert entry.business_date == self.booked_day()
        assert entry.value_date == self.day
        closed = self.model.closed_through
        assert closed is None or entry.business_date > closed, "booked into a closed day"

    def _moved(self, code: str, day: dt.date, parts) -> None:
        self.model.book(day, parts)
        drawer = self.drawers[code]
        for part in parts:
            if part.method == "cash":
                drawer.cash += part.amount_fen
                if code == self.laptop:
                    taken = self.model.collector_taken
                    taken[day] = taken.get(day, 0) + part.amount_fen
            elif part.method == "bank_card":
                drawer.card += part.amount_fen
        self.model.move(code, sum(part.amount_fen for part in parts))

    def _approval(self, action: str, requester: Actor) -> Approval:
        return Approval(action, requester, SUPERVISOR, dt.datetime.now(dt.UTC))

    def _can_pay_back(self, booked: Booked) -> bool:
        """Not reversed yet, the drawer of its counter is open and holds its cash, and for
        the laptop the collector still holds it (so a reused collector never starts an
        example holding a debt, which would make the rules depend on earlier examples)."""
        drawer = self.drawers[booked.counter]
        cash = sum(p.amount_fen for p in booked.parts if p.method == "cash")
        if booked.counter == self.laptop and self.model.collector_cash - self.model.carried < cash:
            return False  # the collector handed that cash over already
        return not booked.reversed and drawer.open and drawer.cash >= cash

    def _voidable(self) -> list[Booked]:
        return [b for b in self.paid if b.business_date == self.day and self._can_pay_back(b)]

    def _refundable(self) -> list[Booked]:
        return [b for b in self.paid if self._can_pay_back(b)]

    @precondition(lambda self: self._voidable())
    @rule(data=st.data())
    def void(self, data):
        chosen = data.draw(st.sampled_from(self._voidable()))
        actor = self.who(chosen.counter)
        result = void_payment(
            self.books(), actor, self.station(chosen.counter), chosen.receipt_no,
            reason="收错户", approval=self._approval("void", actor), client_uuid=new_uuid(),
        )
        self._reversed(chosen, result.entry)

    @precondition(lambda self: self._refundable())
    @rule(data=st.data())
    def refund(self, data):
        chosen = data.draw(st.sampled_from(self._refundable()))
        actor = self.who(chosen.counter)
        result = refund_payment(
            self.books(), actor, self.station(chosen.counter), chosen.receipt_no,
            reason="重复缴费", approval=self._approval("refund", actor), client_uuid=new_uuid(),
        )
        self._reversed(chosen, result.entry)

    def _reversed(self, chosen: Booked, entry) -> None:
        self._check_booked(entry)
        chosen.reversed = True
        self._moved(chosen.counter, entry.business_date, entry.details.parts)

    @precondition(lambda self: self.paid)
    @rule(data=st.data())
    def reprint_a_receipt(self, data):
        chosen = data.draw(st.sampled_from(self.paid))
        actor = self.who(chosen.counter)
        again = reprint(self.books(), actor, self.station(chosen.counter), chosen.receipt_no)
        assert again.reprint_count >= 1

    @precondition(lambda self: self._open())
    @rule(data=st.data())
    def close_the_shift(self, data):
        code = data.draw(st.sampled_from(self._open()))
        drawer = self.drawers[code]
        slips = (CardSlip(drawer.card),) if drawer.card else ()
        count = BlindCount(dict(cash_count(drawer.cash).pieces), slips)
        result = close_counted_shift(self.books(), self.who(code), self.station(code),
                                     count=count, client_uuid=new_uuid())
        report = result.report
        assert report.comparison.difference_fen == 0
        assert (report.grand.grand_total_fen, report.grand.grand_total_abs_fen) == (
            self.model.grand.get(code, (0, 0))
        )
        self.drawers[code] = Drawer()

    @precondition(lambda self: self.model.collector_cash - self.model.carried > 0)
    @rule()
    def hand_over(self):
        """The collector hands over what they hold (the precondition looks at this
        example's own cash only: what a reused collector carried in is outside state)."""
        receiver = self.station(self.counter)
        if self.model.collector_cash <= 0:
            return
        record = record_handover(self.books(), self.cashier, receiver,
                                 signed_handover(self.collector, self.model.collector_cash))
        assert record.expected_fen == self.model.collector_cash == record.counted_fen
        drawer = self.drawers[self.counter]
        if drawer.open:
            drawer.cash += record.counted_fen
        self.model.settled += record.expected_fen

    @rule()
    def next_day(self):
        self.day += dt.timedelta(days=1)
        self.minute = 0

    def _closeable(self, today: bool) -> bool:
        through = self.day - dt.timedelta(days=0 if today else 1)
        return self.model.closed_through is None or through > self.model.closed_through

    @precondition(lambda self: self._closeable(True) and self.minute % 2 == 0)
    @rule(today=st.booleans())
    def close_a_day(self, today):
        """The accountant closes yesterday, or (a clock a day ahead) today while the counter
        and the laptop still take money today: those entries go to the next day."""
        if not self._closeable(today):
            return
        through = self.day - dt.timedelta(days=0 if today else 1)
        blocked = any(d.open and d.opened_on <= through for d in self.drawers.values())
        blocked = blocked or self.model.collector_holds(through)
        self.minute += 1
        moment = self.now() + dt.timedelta(days=1 if today else 0)
        desk = Station("F" + self.counter, lambda: moment)
        try:
            close_day(self.books(), ACCOUNTANT, desk, through, signer=SIGNER)
        except DayClosed:
            assert blocked, "the day close was refused with nothing open"
            return
        assert not blocked, "the day closed with a shift open or cash not handed over"
        self.model.closed_through = through
        self.check_the_books()

    # ---- what must hold -------------------------------------------------------------------

    @invariant()
    def collectors_cash_is_what_the_model_says(self):
        if self.minute % 5:
            return
        held = collector_cash(self.books(), self.cashier, self.collector.staff_no).open_fen
        assert held == self.model.collector_cash

    def check_the_books(self) -> None:
        """Money per booked day and method, and every chain of this example."""
        for day, expected in self.model.money.items():
            actual = day_totals(self.books(), ACCOUNTANT, day).net()
            assert {m: f for m, f in actual.items() if f} == {
                m: f for m, f in expected.items() if f
            }, day
        with self.books() as uow:
            stored = uow.journal.anchors()
            heads = {state.counter: state for state in uow.journal.counters()}
            for code in (self.counter, self.laptop, "F" + self.counter):
                anchors = [a for c, a in stored if c == code]
                walk = CounterWalk(code, anchors)
                for entry in uow.journal.iter_counter(code):
                    assert walk.feed(entry) is None, code
                assert walk.finish(heads.get(code)) is None, code

    def teardown(self):
        try:
            self._close_everything()
        finally:
            _calendar["next"] = self.day + dt.timedelta(days=2)

    def _close_everything(self) -> None:
        for code, drawer in self.drawers.items():
            if drawer.open:
                close_counted_shift(self.books(), self.who(code), self.station(code),
                                    count=None, client_uuid=new_uuid())
                self.drawers[code] = Drawer()
        if self.model.collector_cash > 0:
            self.hand_over()
        self.check_the_books()
        self.day += dt.timedelta(days=1)
        through = self.day - dt.timedelta(days=1)
        if self.model.closed_through is None or through > self.model.closed_through:
            close_day(self.books(), ACCOUNTANT, self.station("F" + self.counter), through,
                      signer=SIGNER)

