"""The repair documents: the bill and the damage confirmation as A4 PDF and as a narrow slip.

The document data is assembled here from the stored records (the signature picture only
when it still covers the bill in force); `RepairDocumentWriter` (printing/repair_pdf.py)
turns it into PDF bytes and the receipt printer port prints the narrow layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.receipt import ReceiptLine
from cashier.domain.repair_bills import BROKEN, SIGNATURE_LABELS, SIGNED, SignOff
from cashier.domain.repair_documents import (
    BillDocument,
    DamageDocument,
    OrderFacts,
    Signed,
    layout_bill,
    layout_damage,
)
from cashier.domain.repair_orders import OWNERS, Order, RepairError
from cashier.services.permissions import require
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.receipts import read_letterhead
from cashier.services.repair_bills import RepairView, read_view
from cashier.services.repair_orders import find_order
from cashier.services.repair_ports import RepairDocumentWriter


@dataclass(frozen=True)
class PrintResult:
    """Whether a slip printed; ``error`` is the Chinese reason when it did not."""

    printed: bool
    error: str | None = None


def order_facts(order: Order) -> OrderFacts:
    """The order as the documents name it."""
    owner, paid = order.charge
    return OrderFacts(
        number=order.number,
        received_at=order.received_at,
        channel=order.channel,
        fault=order.fault,
        owner=OWNERS.get(owner, owner),
        paid=paid,
        technicians=order.technicians,
        arrived_at=order.arrived_at,
        finished_at=order.finished_at,
        contact_phone=order.contact_phone,
    )


def _signed(uow: UnitOfWork, signoff: SignOff | None, state: str) -> Signed:
    if signoff is None or state != SIGNED:
        return Signed(None, "", None, SIGNATURE_LABELS[state], valid=False)
    png = uow.repair_bills.signature_png(signoff.signature_id)
    return Signed(png, signoff.signer_name, signoff.signed_at, SIGNATURE_LABELS[state], True)


def _bill_document(uow: UnitOfWork, view: RepairView) -> BillDocument:
    latest = view.latest
    if latest is None:
        raise RepairError(f"维修单 {view.order.number} 还没有收费清单。", "no bill yet")
    letterhead = read_letterhead(uow)
    signoff = view.signoff
    technician = f"{signoff.staff_no} {signoff.staff_name}" if signoff else ""
    return BillDocument(
        company=letterhead.company,
        service_phone=letterhead.service_phone,
        order=order_facts(view.order),
        content=latest.content,
        digest=latest.digest,
        signed=_signed(uow, signoff, view.state),
        technician=technician or f"{latest.created_by} {latest.creator_name}",
        payments=tuple(p.receipt_no for p in view.payments if p.version == latest.content.version),
    )


def bill_document(uow: UnitOfWork, actor: Actor, order_key: int | str) -> BillDocument:
    """The order's bill in force as a document. Raises PermissionDenied, UnknownOrder,
    RepairError (no bill yet)."""
    require(actor, "view_accounts")
    with uow:
        return _bill_document(uow, read_view(uow, find_order(uow, order_key)))


def damage_document(uow: UnitOfWork, actor: Actor, order_key: int | str) -> DamageDocument:
    """The order's latest damage confirmation as a document. Raises RepairError if none."""
    require(actor, "view_accounts")
    with uow:
        order = find_order(uow, order_key)
        damages = uow.repair_bills.damages(order.id)
        if not damages:
            raise RepairError(f"维修单 {order.number} 没有损坏确认单。", "no damage confirmation")
        damage = damages[-1]
        state = SIGNED if damage.intact else BROKEN
        letterhead = read_letterhead(uow)
        return DamageDocument(
            company=letterhead.company,
            service_phone=letterhead.service_phone,
            order=order_facts(order),
            content=damage.content,
            digest=damage.digest,
            signed=_signed(uow, damage.signoff, state),
        )


def write_pdf(
    document: BillDocument | DamageDocument, writer: RepairDocumentWriter, path: Path
) -> Path:
    """Write the document as an A4 PDF at ``path``; raises UserError when it cannot."""
    data = (
        writer.bill_pdf(document)
        if isinstance(document, BillDocument)
        else writer.damage_pdf(document)
    )
    try:
        path.write_bytes(data)
    except OSError as error:
        raise UserError(f"无法写入 {path}：{error}", f"cannot write {path}: {error}") from None
    return path


def slip_lines(document: BillDocument | DamageDocument, width_cols: int) -> list[ReceiptLine]:
    """The narrow layout of a document for a paper of ``width_cols`` columns."""
    if isinstance(document, BillDocument):
        return layout_bill(document, width_cols)
    return layout_damage(document, width_cols)


def print_slip(printer: ReceiptPrinter, document: BillDocument | DamageDocument) -> PrintResult:
    """Print a document on the portable ESC/POS printer; a failure is returned, not raised."""
    try:
        printer.print_lines(slip_lines(document, printer.width_cols), open_drawer=False)
    except UserError as error:
        return PrintResult(False, str(error))
    return PrintResult(True)


def save_pdf(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    writer: RepairDocumentWriter,
    path: Path,
    *,
    damage: bool = False,
) -> Path:
    """Write the order's bill (or latest damage confirmation) as an A4 PDF at ``path``.

    Raises PermissionDenied, UnknownOrder, RepairError (nothing to print), UserError when
    the file cannot be written.
    """
    read = damage_document if damage else bill_document
    return write_pdf(read(uow, actor, order_key), writer, path)


def print_order_slip(
    uow: UnitOfWork,
    actor: Actor,
    order_key: int | str,
    printer: ReceiptPrinter,
    *,
    damage: bool = False,
) -> PrintResult:
    """Print the order's bill (or damage confirmation) on the portable printer."""
    read = damage_document if damage else bill_document
    return print_slip(printer, read(uow, actor, order_key))
