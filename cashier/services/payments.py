"""Taking a payment at the counter: the account's statement, then posting in one transaction.

`post_payment` locks the counter (numbers are issued one at a time), recognises a retried
client UUID and returns what it stored, checks the tender, replays the account's ledger with
the new payment to allocate it (heat-fees.md rules 7-9, in the domain), appends the journal
entry and commits. Only then is the receipt printed and, for cash, the drawer opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.journal import PAYMENT, EntryDetails, EntryLine, JournalEntry
from cashier.domain.ledger import Payment
from cashier.domain.money import format_yuan
from cashier.domain.receipt import ReceiptData
from cashier.domain.receipt_content import (
    allocation_lines,
    charge_items,
    receipt_data,
    receipt_extra,
)
from cashier.domain.statement import Statement, statement
from cashier.domain.tariffs import OPENING
from cashier.domain.tender import CASH, Tender, TenderPart, settle_tender
from cashier.services.permissions import require
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.posting import (
    Books,
    EntryDraft,
    check_uuid,
    number_entry,
    read_books,
    receipt_account,
)
from cashier.services.receipt_records import PaymentRow, payment_rows
from cashier.services.receipts import (
    cash_rounding_on,
    print_receipt,
    read_letterhead,
)
from cashier.services.shifts import require_shift
from cashier.services.station import Station


class OverpaymentNeedsConfirmation(UserError):
    """The payment exceeds what is due; resend with allow_credit=True once confirmed."""

    def __init__(self, excess_fen: int) -> None:
        super().__init__(
            f"收款超出应收 {format_yuan(excess_fen)}，超出部分将转为预存，请确认。",
            f"the payment exceeds what is due by {excess_fen} fen: confirm it as credit",
        )
        self.excess_fen = excess_fen


@dataclass(frozen=True)
class PaymentRequest:
    """A payment as the cashier confirmed it. `client_uuid` is made once per confirmation and
    reused on every retry; `parts` are amounts applied to the account per method."""

    client_uuid: str
    account_no: str
    parts: tuple[TenderPart, ...]
    cash_tendered_fen: int | None = None
    allow_credit: bool = False


@dataclass(frozen=True)
class PaymentResult:
    """A committed entry and its slip. `duplicate`: a retry found it already posted (it is
    not printed again). `print_error` is set when printing failed: offer a reprint."""

    entry: JournalEntry
    receipt: ReceiptData
    duplicate: bool = False
    printed: bool = False
    print_error: str | None = None

    @property
    def receipt_no(self) -> str:
        """The receipt number of the entry."""
        return self.entry.receipt_no

    @property
    def change_fen(self) -> int | None:
        """Change to hand back (None without a tendered amount)."""
        return self.receipt.change_fen

    @property
    def balance_after_fen(self) -> int:
        """Owed after the entry when positive, credit left when negative."""
        return self.receipt.balance_after_fen

    @property
    def needs_reprint(self) -> bool:
        """True when printing was tried and failed (say so, offer 补打)."""
        return self.print_error is not None


@dataclass(frozen=True)
class AccountPanel:
    """What the Counter page shows for an account: who, where, what it owes today."""

    account_no: str
    name: str
    phone: str
    address: str
    category_label: str
    heated_area: Decimal
    statement: Statement
    cash_rounding: bool
    recent: tuple[PaymentRow, ...]


def account_panel(
    uow: UnitOfWork, station: Station, account_no: str, channel: str = CASH
) -> AccountPanel:
    """The account and its statement for today through `channel` (the default amount is
    `statement.total_due_fen`). Raises UnknownAccount."""
    today = station.business_date()
    with uow:
        books = read_books(uow, account_no.strip())
        account = receipt_account(uow, books, today, "")
        summary = uow.accounts.get(books.account_no)
        recent = payment_rows(uow, books.account_no, offset=0, limit=5)
        rounding = cash_rounding_on(uow)
    return AccountPanel(
        account_no=books.account_no,
        name=account.name,
        phone=summary.phone if summary else "",
        address=account.address,
        category_label=account.category,
        heated_area=account.heated_area,
        statement=books.statement(today, channel),
        cash_rounding=rounding,
        recent=tuple(recent),
    )


def ledger_channel(books: Books, on: dt.date, parts: Sequence[TenderPart]) -> str:
    """The channel the ledger sees: the parts' method, or for a split tender the method
    earning the least early discount (a discount needs every part's channel to qualify)."""
    methods = sorted({part.method for part in parts})
    if len(methods) == 1:
        return methods[0]

    def discount(method: str) -> int:
        return sum(s.discount_fen for s in books.statement(on, method).seasons)

    return min(methods, key=lambda method: (discount(method), method))


def post_payment(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    request: PaymentRequest,
    *,
    printer: ReceiptPrinter | None = None,
) -> PaymentResult:
    """Post a payment in one transaction, then print its receipt (see module docstring).

    Raises ShiftNotOpen, UnknownAccount, TenderError, OverpaymentNeedsConfirmation (money
    beyond what is due, unless `allow_credit`), PermissionDenied.
    """
    require(actor, "collect_payment")
    uuid = check_uuid(request.client_uuid)
    with uow:
        state = uow.journal.lock_counter(station.counter)
        done = uow.journal.by_uuid(uuid)
        if done is not None:
            return PaymentResult(done, _stored_receipt(uow, done), duplicate=True)
        shift_seq = require_shift(state, actor, station)
        tender = settle_tender(
            request.parts, request.cash_tendered_fen, round_cash=cash_rounding_on(uow)
        )
        uow.journal.lock_account(request.account_no.strip())
        books = read_books(uow, request.account_no.strip())
        moment = station.now()
        draft = _draft(uow, uuid, books, tender, station.business_date(moment), request)
        entry = number_entry(state, draft, actor, station, moment, shift_seq)
        uow.journal.append(entry)
        letterhead = read_letterhead(uow)
        uow.commit()
    result = PaymentResult(entry, receipt_data(entry, letterhead))
    return print_result(result, printer, open_drawer=tender.cash_fen > 0)


def _draft(
    uow: UnitOfWork,
    uuid: str,
    books: Books,
    tender: Tender,
    today: dt.date,
    request: PaymentRequest,
) -> EntryDraft:
    """Allocate the payment by replaying the ledger with it; the entry and receipt details."""
    channel = ledger_channel(books, today, tender.parts)
    before = books.statement(today, channel)
    excess = tender.applied_fen - before.total_due_fen
    if excess > 0 and not request.allow_credit:
        raise OverpaymentNeedsConfirmation(excess)
    payment = Payment(uuid, today, tender.applied_fen, channel)
    ledger = books.ledger(today, payments=[payment])
    after = statement(ledger.items, ledger.credit_fen, today, channel)
    lines = allocation_lines(ledger.allocations[uuid])
    if tender.rounding_fen:
        lines += (EntryLine("", "rounding", tender.rounding_fen),)
    items = charge_items(lines, books.season_charges(), books.newest_season())
    account = receipt_account(uow, books, today, _seasons_text(lines, books))
    balance = after.total_due_fen if after.total_due_fen > 0 else -after.credit_fen
    extra = receipt_extra(
        account, items, due_before_fen=before.total_due_fen, balance_after_fen=balance
    )
    details = EntryDetails(
        lines=lines,
        parts=tender.collected,
        cash_tendered_fen=tender.cash_tendered_fen,
        change_fen=tender.change_fen,
        extra=extra,
    )
    return EntryDraft(
        uuid,
        PAYMENT,
        details,
        account_no=books.account_no,
        amount_fen=tender.collected_fen,
        applied_fen=tender.applied_fen,
        channel=channel,
    )


def _seasons_text(lines: Sequence[EntryLine], books: Books) -> str:
    """The seasons a payment paid, oldest first (the newest season when it paid none)."""
    seasons: list[str] = []
    for line in lines:
        if line.season and line.season != OPENING and line.season not in seasons:
            seasons.append(line.season)
    return "、".join(seasons) or books.newest_season()


def _stored_receipt(uow: UnitOfWork, entry: JournalEntry) -> ReceiptData:
    return receipt_data(entry, read_letterhead(uow))


def print_result(
    result: PaymentResult, printer: ReceiptPrinter | None, *, open_drawer: bool
) -> PaymentResult:
    """Print a committed entry's slip (drawer kick when asked) and record the outcome."""
    if printer is None:
        return result
    outcome = print_receipt(printer, result.receipt, open_drawer=open_drawer)
    return replace(result, printed=outcome.printed, print_error=outcome.error)
