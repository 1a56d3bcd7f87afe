"""Printing receipts after commit, reprints (补打), previews and the printer test page.

Printing never happens inside a posting's transaction: the entry is committed first, then the
receipt is sent to the printer port. A printer that fails leaves the payment standing; the
result says so and reprint is one call away. Reprints print 补打（第N次） and are recorded and
audited. The drawer opens only after a committed cash movement, never on a reprint.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.journal import JournalEntry, split_receipt_number
from cashier.domain.receipt import (
    ChargeItem,
    MethodPart,
    ReceiptData,
    ReceiptLine,
    layout_receipt,
    preview_text,
)
from cashier.domain.receipt_content import Letterhead, receipt_data
from cashier.services import audit
from cashier.services.company import COMPANY_NAME, SERVICE_PHONE
from cashier.services.permissions import require
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.station import Station

log = logging.getLogger(__name__)

INVOICE_EXCHANGE = "invoice_exchange"
"""Settings key: "1" when the company exchanges receipts for invoices (换开发票)."""

CASH_ROUNDING = "cash_rounding"
"""Settings key: "jiao" turns on cash rounding to the 角 (抹零) for cash parts."""

PRINT_FAILED = "打印失败：{error}。收费已入账，请检查打印机后补打。"


class UnknownReceipt(UserError):
    """No journal entry has this receipt number."""

    def __init__(self, receipt_no: str) -> None:
        super().__init__(f"收据号 {receipt_no} 不存在。", f"no receipt {receipt_no}")


@dataclass(frozen=True)
class PrintOutcome:
    """Whether the printer took the receipt; `error` is the Chinese message when not."""

    printed: bool
    error: str | None = None


@dataclass(frozen=True)
class ReprintResult:
    """A reprint: the receipt as printed (补打（第N次）), and how printing went."""

    receipt: ReceiptData
    reprint_count: int
    printed: bool = False
    print_error: str | None = None


def read_letterhead(uow: UnitOfWork) -> Letterhead:
    """The company details printed on receipts, from the company-wide settings (open uow)."""
    return Letterhead(
        company=uow.settings.get(COMPANY_NAME) or "供热公司",
        service_phone=uow.settings.get(SERVICE_PHONE) or "",
        invoice_note=uow.settings.get(INVOICE_EXCHANGE) == "1",
    )


def cash_rounding_on(uow: UnitOfWork) -> bool:
    """True when cash parts are rounded to the 角 (settings key "cash_rounding" = "jiao")."""
    return uow.settings.get(CASH_ROUNDING) == "jiao"


def find_entry(uow: UnitOfWork, receipt_no: str) -> JournalEntry:
    """The entry with this receipt number (open uow). Raises UnknownReceipt."""
    parts = split_receipt_number(receipt_no)
    entry = None if parts is None else uow.journal.get(*parts)
    if entry is None:
        raise UnknownReceipt(receipt_no.strip())
    return entry


def receipt_lines(receipt: ReceiptData, width_cols: int) -> list[ReceiptLine]:
    """The receipt laid out for a paper width (32 columns on 58 mm, 48 on 80 mm)."""
    return layout_receipt(receipt, width_cols)


def receipt_preview_text(receipt: ReceiptData, width_cols: int) -> str:
    """The receipt as the paper shows it, as text (the on-screen preview)."""
    return preview_text(receipt_lines(receipt, width_cols), width_cols)


def print_receipt(
    printer: ReceiptPrinter | None, receipt: ReceiptData, *, open_drawer: bool = False
) -> PrintOutcome:
    """Send a receipt to the printer; never raises for a printer problem.

    With no printer configured nothing is printed and the outcome says so.
    """
    if printer is None:
        return PrintOutcome(False, "未设置收据打印机")
    try:
        printer.print_lines(receipt_lines(receipt, printer.width_cols), open_drawer=open_drawer)
    except UserError as error:
        log.warning("printing %s failed: %s", receipt.receipt_no, error.english)
        return PrintOutcome(False, PRINT_FAILED.format(error=error))
    except (OSError, ValueError) as error:
        log.exception("printing %s failed", receipt.receipt_no)
        return PrintOutcome(False, PRINT_FAILED.format(error=error))
    return PrintOutcome(True)


def receipt_for(uow: UnitOfWork, receipt_no: str) -> ReceiptData:
    """The slip of any payment, void or refund entry, as first printed (for previews).

    Raises UnknownReceipt, and UserError for a shift entry (it has no receipt).
    """
    with uow:
        entry = find_entry(uow, receipt_no)
        letterhead = read_letterhead(uow)
    return _slip(entry, letterhead)


def _slip(entry: JournalEntry, letterhead: Letterhead, reprint_count: int = 0) -> ReceiptData:
    try:
        return receipt_data(entry, letterhead, reprint_count=reprint_count)
    except ValueError:
        raise UserError(
            f"{entry.receipt_no} 是{entry.kind_label}记录，没有收据。",
            f"{entry.receipt_no} is a {entry.kind} entry without a receipt",
        ) from None


def reprint(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    receipt_no: str,
    *,
    printer: ReceiptPrinter | None = None,
) -> ReprintResult:
    """Reprint a receipt marked 补打（第N次）: recorded and audited, then printed.

    Raises UnknownReceipt, PermissionDenied, UserError for an entry without a receipt.
    """
    require(actor, "reprint_receipt")
    with uow:
        entry = find_entry(uow, receipt_no)
        count = uow.receipts.reprint_count(entry.receipt_no) + 1
        receipt = _slip(entry, read_letterhead(uow), count)
        moment = station.now()
        uow.receipts.add_reprint(
            entry.receipt_no, count, printed_at=moment, staff_no=actor.staff_no
        )
        details = {"receipt_no": entry.receipt_no, "reprint_no": count}
        audit.record(uow, actor, "reprint", details, now=moment)
        uow.commit()
    outcome = print_receipt(printer, receipt)
    return ReprintResult(receipt, count, outcome.printed, outcome.error)


def print_test_page(printer: ReceiptPrinter | None, company: str) -> PrintOutcome:
    """Print a sample receipt (打印测试) with the drawer kick, for the settings page."""
    sample = ReceiptData(
        company=company or "供热公司",
        receipt_no="TEST-00000000",
        taken_at=dt.datetime.now().replace(microsecond=0),
        counter_code="TEST",
        staff_no="0000",
        staff_name="打印测试",
        account_no="HP-000000",
        account_name="张三",
        address="幸福小区1号楼1单元101",
        category="居民",
        heated_area=Decimal("89.56"),
        season="测试",
        charges=(ChargeItem("采暖费", 197032, "89.56㎡×22.00"),),
        total_due_fen=197032,
        paid_fen=197032,
        methods=(MethodPart("现金", 197032, is_cash=True),),
        cash_tendered_fen=200000,
        change_fen=2968,
        qr_payload="HR1|TEST-00000000|197032|20250101|0000000000000000",
    )
    return print_receipt(printer, sample, open_drawer=True)

