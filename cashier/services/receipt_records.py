"""Receipts after the fact: the receipt check (扫码验真), invoice exchange, an account's list.

The receipt check reads a scanned QR payload (domain/receipt_qr.py), finds the entry by its
receipt number and says whether it is genuine: the entry's hash recomputes from its content,
the next entry of the counter links to it, and amount, date and hash prefix match the code.
It also says whether the receipt was voided or refunded and whether it was exchanged for an
invoice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.journal import PAYMENT, InvoiceMark, JournalEntry, local_time
from cashier.domain.money import format_yuan
from cashier.domain.receipt import ReceiptData
from cashier.domain.receipt_content import receipt_data
from cashier.domain.receipt_qr import QR_FORMAT, QrPayloadError, parse_qr_payload
from cashier.domain.tender import method_label
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.receipts import find_entry, read_letterhead

MAX_INVOICE_NO = 32


@dataclass(frozen=True)
class PaymentRow:
    """One line of an account's payments list (newest first on the Accounts page).

    `amount_fen` is money taken in (negative for a void or refund); `taken_at` is Beijing
    wall-clock time; `methods` is e.g. "现金 100.00、微信 50.00".
    """

    receipt_no: str
    kind: str
    kind_label: str
    taken_at: dt.datetime
    business_date: dt.date
    amount_fen: int
    methods: str
    staff: str
    reversed_by: str | None
    reverses: str | None
    invoice_no: str | None
    reprints: int


def payment_rows(uow: UnitOfWork, account_no: str, *, offset: int, limit: int) -> list[PaymentRow]:
    """The account's payments, voids and refunds, newest first (inside an open uow)."""
    entries = uow.journal.for_account(account_no, offset=offset, limit=limit)
    numbers = [entry.receipt_no for entry in entries]
    invoices = uow.receipts.invoices_for(numbers)
    reprints = uow.receipts.reprints_for(numbers)
    return [
        _row(entry, uow.journal.reversal_of(entry.receipt_no), invoices, reprints)
        for entry in entries
    ]


def _row(
    entry: JournalEntry,
    reversal: JournalEntry | None,
    invoices: dict[str, str],
    reprints: dict[str, int],
) -> PaymentRow:
    methods = "、".join(
        f"{method_label(p.method)} {format_yuan(p.amount_fen, symbol='')}"
        for p in entry.details.parts
    )
    return PaymentRow(
        receipt_no=entry.receipt_no,
        kind=entry.kind,
        kind_label=entry.kind_label,
        taken_at=local_time(entry.taken_at).replace(tzinfo=None),
        business_date=entry.business_date,
        amount_fen=entry.amount_fen,
        methods=methods,
        staff=f"{entry.staff_no} {entry.staff_name}",
        reversed_by=None if reversal is None else reversal.receipt_no,
        reverses=entry.reverses,
        invoice_no=invoices.get(entry.receipt_no),
        reprints=reprints.get(entry.receipt_no, 0),
    )


def account_payments(
    uow: UnitOfWork, account_no: str, *, offset: int = 0, limit: int = 50
) -> list[PaymentRow]:
    """The account's payments and receipts for the Accounts page, newest first."""
    with uow:
        return payment_rows(uow, account_no.strip(), offset=offset, limit=limit)


@dataclass(frozen=True)
class ReceiptCheck:
    """The outcome of a receipt check. `genuine` is True only when every comparison held;
    `problems` lists (in Chinese) what did not."""

    receipt_no: str
    found: bool
    genuine: bool
    problems: tuple[str, ...] = ()
    reversed_by: str | None = None
    invoice_no: str | None = None
    receipt: ReceiptData | None = None

    @property
    def summary(self) -> str:
        """One sentence for the cashier."""
        if not self.found:
            return f"收据 {self.receipt_no} 不存在：不是本系统开出的收据。"
        verdict = "真实有效" if self.genuine else "验证不通过：" + "；".join(self.problems)
        if self.reversed_by:
            verdict += f"；已作废/退费（{self.reversed_by}）"
        if self.invoice_no:
            verdict += f"；已换开发票（{self.invoice_no}）"
        return f"收据 {self.receipt_no}：{verdict}。"


def is_receipt_code(text: str) -> bool:
    """True when scanned text looks like a receipt QR code (so the search field hands it to
    `check_receipt` instead of searching accounts)."""
    return text.strip().upper().startswith(QR_FORMAT[:2]) and "|" in text


def check_receipt(uow: UnitOfWork, scanned: str) -> ReceiptCheck:
    """Check a scanned receipt QR code against the journal (see module docstring).

    Raises QrPayloadError when the text is not a receipt code of this application.
    """
    payload = parse_qr_payload(scanned)
    with uow:
        try:
            entry = find_entry(uow, payload.receipt_no)
        except UserError:
            return ReceiptCheck(payload.receipt_no, found=False, genuine=False)
        problems = _compare(entry, payload)
        following = uow.journal.get(entry.counter, entry.seq + 1)
        if following is not None and following.prev_hash != entry.hash:
            problems.append("日记账中的下一条记录与之不相连")
        reversal = uow.journal.reversal_of(entry.receipt_no)
        mark = uow.receipts.invoice(entry.receipt_no)
        letterhead = read_letterhead(uow)
    try:
        receipt = receipt_data(entry, letterhead)
    except ValueError:
        receipt = None
    return ReceiptCheck(
        entry.receipt_no,
        found=True,
        genuine=not problems,
        problems=tuple(problems),
        reversed_by=None if reversal is None else reversal.receipt_no,
        invoice_no=None if mark is None else mark.invoice_no,
        receipt=receipt,
    )


def _compare(entry: JournalEntry, payload) -> list[str]:
    problems = []
    try:
        intact = entry.recomputed_hash() == entry.hash
    except (TypeError, ValueError):
        intact = False
    if not intact:
        problems.append("记录内容与其哈希不符（记录被改动）")
    if not entry.hash.startswith(payload.hash_prefix):
        problems.append("二维码中的校验码与记录不符")
    if payload.amount_fen != entry.amount_fen:
        shown, stored = format_yuan(payload.amount_fen), format_yuan(entry.amount_fen)
        problems.append(f"二维码金额 {shown} 与记录 {stored} 不符")
    if payload.on != local_time(entry.taken_at).date():
        problems.append("二维码日期与记录不符")
    return problems


class InvoiceRefused(UserError):
    """A receipt that cannot be exchanged for an invoice (voided, exchanged before, ...)."""


def exchange_invoice(
    uow: UnitOfWork,
    actor: Actor,
    receipt_no: str,
    *,
    invoice_no: str,
    invoice_date: dt.date,
    now: dt.datetime | None = None,
) -> InvoiceMark:
    """Mark a payment's receipt as exchanged for an invoice (换开发票), once.

    Raises InvoiceRefused for a voided or refunded receipt, one exchanged before, a slip
    that is not a payment receipt or a bad invoice number; UnknownReceipt; PermissionDenied.
    """
    require(actor, "reprint_receipt")
    number = invoice_no.strip()
    if not number or len(number) > MAX_INVOICE_NO or any(ch.isspace() for ch in number):
        raise InvoiceRefused(
            f"发票号码应为1至{MAX_INVOICE_NO}个字符，不能含空格。", "invalid invoice number"
        )
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with uow:
        entry = find_entry(uow, receipt_no)
        _check_exchangeable(uow, entry)
        mark = InvoiceMark(entry.receipt_no, number, invoice_date, moment, actor.staff_no)
        uow.receipts.add_invoice(mark)
        details = {"receipt_no": entry.receipt_no, "invoice_no": number}
        audit.record(uow, actor, "invoice_exchange", details, now=moment)
        uow.commit()
    return mark


def _check_exchangeable(uow: UnitOfWork, entry: JournalEntry) -> None:
    if entry.kind != PAYMENT:
        raise InvoiceRefused(
            f"{entry.receipt_no} 不是收费收据，不能换开发票。", "not a payment receipt"
        )
    reversal = uow.journal.reversal_of(entry.receipt_no)
    if reversal is not None:
        raise InvoiceRefused(
            f"收据 {entry.receipt_no} 已{reversal.kind_label}（{reversal.receipt_no}），"
            "不能换开发票。",
            f"receipt {entry.receipt_no} was reversed by {reversal.receipt_no}",
        )
    earlier = uow.receipts.invoice(entry.receipt_no)
    if earlier is not None:
        raise InvoiceRefused(
            f"收据 {entry.receipt_no} 已于 {earlier.invoice_date} 换开发票"
            f"（{earlier.invoice_no}），不能重复换开。",
            f"receipt {entry.receipt_no} was exchanged before ({earlier.invoice_no})",
        )


__all__ = [
    "InvoiceRefused",
    "PaymentRow",
    "QrPayloadError",
    "ReceiptCheck",
    "account_payments",
    "check_receipt",
    "exchange_invoice",
    "is_receipt_code",
    "payment_rows",
]
