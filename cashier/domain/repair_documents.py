"""What the repair documents show, and their narrow layout for the portable ESC/POS printer.

The same document data feeds the A4 PDF (printing/repair_pdf.py) and the 58/80 mm slip laid
out here as `ReceiptLine`s for `printing/escpos.py`: the repair bill (维修收费清单), the
damage confirmation (用户责任损坏确认单) and the receipt of a repair payment or refund
(维修收费收据/维修退费收据). Every one carries the company's service telephone (三(八)9).
Widths are GB18030 columns as for the heat-fee receipt; nothing is wider than the paper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.money import format_yuan, to_capital
from cashier.domain.receipt import ReceiptLine
from cashier.domain.repair_bills import BillContent, BillLine, DamageContent
from cashier.domain.repair_orders import CHINA
from cashier.domain.repair_prices import KIND_LABELS, LABOUR, MATERIAL
from cashier.domain.textwidth import fits_between, gb_width, pad_between, wrap

MIN_COLUMNS = 24

BILL_STATEMENT = "以上维修项目、收费标准、消耗材料及单价已向本人逐一列明并说明，本人确认。"
"""What the customer confirms by signing a bill (on screen and on paper alike)."""

DAMAGE_STATEMENT = "以上设施损坏系因本户原因造成，损坏原因已向本人说明，本人确认属实。"
"""What the customer confirms by signing a damage confirmation."""


@dataclass(frozen=True)
class OrderFacts:
    """The order as the documents name it; times are aware (printed in Beijing time)."""

    number: str
    received_at: dt.datetime
    channel: str
    fault: str
    owner: str
    paid: bool
    technicians: tuple[str, ...] = ()
    arrived_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    contact_phone: str = ""


@dataclass(frozen=True)
class Signed:
    """A signature as a document shows it: PNG, who signed, when; ``valid`` False prints the
    state instead of claiming the bill is signed."""

    png: bytes | None
    signer_name: str
    signed_at: dt.datetime | None
    state_label: str
    valid: bool


@dataclass(frozen=True)
class BillDocument:
    """A repair bill ready to print: company, order, the bill content and its signature."""

    company: str
    service_phone: str
    order: OrderFacts
    content: BillContent
    digest: str
    signed: Signed
    technician: str
    payments: tuple[str, ...] = ()


@dataclass(frozen=True)
class DamageDocument:
    """A damage confirmation ready to print."""

    company: str
    service_phone: str
    order: OrderFacts
    content: DamageContent
    digest: str
    signed: Signed


@dataclass(frozen=True)
class RepairReceipt:
    """The slip of a repair payment (or refund, with ``refund_of`` set): amounts in fen."""

    company: str
    service_phone: str
    receipt_no: str
    taken_at: dt.datetime
    counter: str
    staff: str
    order_no: str
    account_no: str
    customer_name: str
    address: str
    labour_fen: int
    material_fen: int
    amount_fen: int
    methods: tuple[tuple[str, int, str], ...]
    cash_tendered_fen: int | None = None
    change_fen: int | None = None
    refund_of: str = ""
    reason: str = ""


def local_text(moment: dt.datetime | None) -> str:
    """An aware moment as Beijing time ``2025-12-01 09:30`` ("" for None)."""
    return "" if moment is None else moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def quantity_text(line: BillLine) -> str:
    """``2个×45.00``: quantity (no trailing zeros), unit, unit price."""
    quantity = f"{line.quantity.normalize():f}"
    return f"{quantity}{line.unit}×{format_yuan(line.unit_price_fen, symbol='')}"


def line_title(line: BillLine) -> str:
    """Name and specification: ``铜球阀 DN20``."""
    return f"{line.name} {line.spec}" if line.spec else line.name


class _Slip:
    """Builds lines no wider than ``width`` columns."""

    def __init__(self, width: int) -> None:
        if width < MIN_COLUMNS:
            raise ValueError(f"a repair slip needs at least {MIN_COLUMNS} columns")
        self.width = width
        self.lines: list[ReceiptLine] = []

    def text(self, text: str, *, double: bool = False, align: str = "left") -> None:
        room = self.width // 2 if double else self.width
        for part in wrap(_clean(text), room):
            self.lines.append(ReceiptLine(part, double=double, align=align))  # type: ignore[arg-type]

    def field(self, label: str, value: str) -> None:
        head = f"{label}："
        indent = gb_width(head)
        for i, part in enumerate(wrap(_clean(value), self.width - indent)):
            self.lines.append(ReceiptLine((head if i == 0 else " " * indent) + part))

    def pair(self, left: str, right: str) -> None:
        left, right = _clean(left), _clean(right)
        if fits_between(left, right, self.width):
            self.lines.append(ReceiptLine(pad_between(left, right, self.width)))
            return
        self.text(left)
        self.lines.append(ReceiptLine(pad_between("", right, self.width)))

    def money(self, label: str, fen: int) -> None:
        self.pair(label, format_yuan(fen, symbol="￥"))

    def rule(self) -> None:
        self.lines.append(ReceiptLine("-" * self.width, kind="rule"))

    def header(self, company: str, title: str) -> None:
        self.text(company, double=True, align="center")
        self.text(title, align="center")

    def footer(self, service_phone: str) -> None:
        if service_phone:
            self.field("24小时服务电话", service_phone)
        self.text("请妥善保管")


def _clean(text: str) -> str:
    return "".join(" " if ord(char) < 32 or ord(char) == 127 else char for char in text)


def _account(slip: _Slip, account_no: str, name: str, address: str) -> None:
    if account_no:
        slip.field("户号", account_no)
    if name:
        slip.field("户名", name)
    slip.field("地址", address)


def layout_bill(doc: BillDocument, width: int) -> list[ReceiptLine]:
    """The repair bill for a paper of ``width`` columns (32 on 58 mm, 48 on 80 mm)."""
    slip = _Slip(width)
    content = doc.content
    slip.header(doc.company, "维修收费清单")
    slip.field("维修单号", f"{content.order_no}（第{content.version}版）")
    slip.field("日期", content.priced_on.isoformat())
    _account(slip, content.account_no, content.customer_name, content.address)
    slip.field("维修人员", "、".join(doc.order.technicians) or doc.technician)
    for kind in (LABOUR, MATERIAL):
        lines = [line for line in content.lines if line.kind == kind]
        if not lines:
            continue
        slip.rule()
        slip.text(KIND_LABELS[kind])
        for line in lines:
            slip.text(line_title(line))
            slip.pair("  " + quantity_text(line), format_yuan(line.amount_fen, symbol=""))
    slip.rule()
    slip.money("维修项目小计", content.labour_fen)
    slip.money("材料小计", content.material_fen)
    slip.money("合计", content.total_fen)
    slip.text("人民币（大写）：")
    slip.text(content.capital)
    slip.rule()
    slip.text(BILL_STATEMENT)
    _signature(slip, doc.signed, doc.digest)
    for receipt_no in doc.payments:
        slip.field("收费收据号", receipt_no)
    slip.footer(doc.service_phone)
    return slip.lines


def _signature(slip: _Slip, signed: Signed, digest: str, digest_label: str = "清单摘要") -> None:
    if signed.valid:
        slip.field("客户签字", f"{signed.signer_name} {local_text(signed.signed_at)}".strip())
    else:
        slip.field("客户签字", signed.state_label)
    slip.field(digest_label, digest[:16])


def layout_damage(doc: DamageDocument, width: int) -> list[ReceiptLine]:
    """The damage confirmation for a paper of ``width`` columns."""
    slip = _Slip(width)
    content = doc.content
    slip.header(doc.company, "用户责任损坏确认单")
    slip.field("维修单号", content.order_no)
    _account(slip, content.account_no, content.customer_name, content.address)
    slip.rule()
    slip.field("损坏设施", content.facility)
    slip.field("损坏原因", content.cause)
    slip.field("说明人", content.explained_by)
    slip.field("说明时间", local_text(content.explained_at))
    slip.text(DAMAGE_STATEMENT)
    slip.rule()
    _signature(slip, doc.signed, doc.digest, "确认单摘要")
    slip.footer(doc.service_phone)
    return slip.lines


def layout_repair_receipt(receipt: RepairReceipt, width: int) -> list[ReceiptLine]:
    """The receipt of a repair payment, or the slip of its refund."""
    slip = _Slip(width)
    refund = bool(receipt.refund_of)
    slip.header(receipt.company, "维修退费收据" if refund else "维修收费收据")
    slip.field("收据号", receipt.receipt_no)
    if refund:
        slip.field("原收据号", receipt.refund_of)
    slip.field("时间", f"{local_text(receipt.taken_at)} 窗口{receipt.counter}")
    slip.field("收费员", receipt.staff)
    slip.field("维修单号", receipt.order_no)
    _account(slip, receipt.account_no, receipt.customer_name, receipt.address)
    slip.rule()
    slip.pair("维修项目", format_yuan(receipt.labour_fen, symbol=""))
    slip.pair("材料", format_yuan(receipt.material_fen, symbol=""))
    slip.rule()
    amount = abs(receipt.amount_fen)
    slip.money("退款金额" if refund else "实收", amount)
    for label, fen, reference in receipt.methods:
        slip.money(label, abs(fen))
        if reference:
            slip.field("单号", reference)
    if receipt.cash_tendered_fen is not None:
        slip.money("现金收讫", receipt.cash_tendered_fen)
    if receipt.change_fen is not None:
        slip.money("找零", receipt.change_fen)
    if receipt.reason:
        slip.field("退费原因", receipt.reason)
    slip.text("退款金额（人民币大写）：" if refund else "人民币（大写）：")
    slip.text(to_capital(amount))
    slip.footer(receipt.service_phone)
    return slip.lines
