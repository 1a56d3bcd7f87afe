"""The heat-fee receipt (热费收据) laid out as lines for a paper width.

`layout_receipt` turns a `ReceiptData` into `ReceiptLine`s for 32 columns (58 mm paper) or
48 columns (80 mm), following shared/domain/money-and-receipts.md top to bottom: header,
receipt number and cashier, account, charges, totals and payment, the capital amount, the
QR code and the footer. Widths are GB18030 byte lengths (see `textwidth`); a double-size line
takes twice its width. Amounts are right-aligned with spaces in the text itself, so the text
of a line is exactly what the printer prints in its columns.

The QR payload format is in `receipt_qr`; `qr_payload` and `parse_qr_payload` are re-exported
here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from cashier.domain.money import format_yuan, to_capital
from cashier.domain.receipt_qr import QrPayload, QrPayloadError, parse_qr_payload, qr_payload
from cashier.domain.textwidth import fits_between, gb_width, needs_four_bytes, pad_between, wrap

__all__ = [
    "PAPER_COLUMNS",
    "ChargeItem",
    "MethodPart",
    "QrPayload",
    "QrPayloadError",
    "ReceiptData",
    "ReceiptKind",
    "ReceiptLine",
    "layout_receipt",
    "parse_qr_payload",
    "preview_text",
    "qr_payload",
]

PAPER_COLUMNS = {58: 32, 80: 48}
"""Columns of normal-size text per paper width in mm (Chinese mode, 12-dot columns)."""

MIN_COLUMNS = 16
Align = Literal["left", "center", "right"]
LineKind = Literal["text", "rule", "qr"]


class ReceiptKind(StrEnum):
    """What the slip is: a receipt for a payment, a void slip, or a refund slip."""

    RECEIPT = "receipt"
    VOID = "void"
    REFUND = "refund"


@dataclass(frozen=True)
class ChargeItem:
    """One charge paid: 采暖费, 层高加收, 基本热费, 滞纳金, 优惠 (negative), a prior season.

    `detail` is an optional calculation shown after the label, such as ``89.56㎡×22.00``.
    """

    label: str
    amount_fen: int
    detail: str = ""


@dataclass(frozen=True)
class MethodPart:
    """One part of the payment: method label (现金, 微信, 支付宝, 银行卡…), fen, reference."""

    label: str
    amount_fen: int
    reference: str = ""
    is_cash: bool = False


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt shows, already decided by the payment service.

    Amounts are int fen. `taken_at` is the local wall-clock time to print. `heated_area` is
    in m². `balance_after_fen` is what the account owes after this payment when positive
    (尚欠), or the credit left when negative (预存余额). For void and refund slips `paid_fen`
    is the amount returned (its absolute value is printed under 退款金额) and
    `original_receipt_no` names the receipt voided or refunded.
    """

    company: str
    receipt_no: str
    taken_at: datetime
    counter_code: str
    staff_no: str
    staff_name: str
    account_no: str
    account_name: str
    address: str
    category: str
    heated_area: Decimal
    season: str
    charges: tuple[ChargeItem, ...]
    total_due_fen: int
    paid_fen: int
    methods: tuple[MethodPart, ...] = ()
    cash_tendered_fen: int | None = None
    change_fen: int | None = None
    balance_after_fen: int = 0
    qr_payload: str = ""
    service_phone: str = ""
    invoice_note: bool = False
    kind: ReceiptKind = ReceiptKind.RECEIPT
    reprint_count: int = 0
    original_receipt_no: str = ""
    counter_label: str = "窗口"
    staff_label: str = "收费员"

    def __post_init__(self) -> None:
        if self.reprint_count < 0:
            raise ValueError(f"reprint_count must not be negative: {self.reprint_count}")
        if self.kind is not ReceiptKind.RECEIPT and not self.original_receipt_no:
            raise ValueError("a void or refund slip must name the original receipt")
        if self.kind is ReceiptKind.RECEIPT and self.paid_fen < 0:
            raise ValueError("a receipt cannot show a negative amount paid; use a refund slip")


@dataclass(frozen=True)
class ReceiptLine:
    """One printed line. `raster` is derived: the text has characters outside the printer
    font (four bytes in GB18030), so it must be printed as an image or the cashier warned.

    A "rule" line is a row of dashes; a "qr" line's text is the QR payload.
    """

    text: str
    double: bool = False
    align: Align = "left"
    kind: LineKind = "text"
    raster: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        if self.align not in ("left", "center", "right"):
            raise ValueError(f"unknown alignment: {self.align!r}")
        if self.kind not in ("text", "rule", "qr"):
            raise ValueError(f"unknown line kind: {self.kind!r}")
        object.__setattr__(self, "raster", self.kind == "text" and needs_four_bytes(self.text))

    @property
    def columns(self) -> int:
        """Text columns the line takes on paper; a double-size line counts double. A QR
        line prints no text (0): the renderer sizes the code to the paper in dots."""
        if self.kind == "qr":
            return 0
        return gb_width(self.text) * (2 if self.double else 1)


def layout_receipt(data: ReceiptData, width_cols: int) -> list[ReceiptLine]:
    """Lay `data` out as printed lines, none wider than `width_cols` columns.

    `width_cols` is 32 for 58 mm paper and 48 for 80 mm (see `PAPER_COLUMNS`). Control
    characters in the data are replaced by spaces so they can never reach the printer as
    commands.

    Raises:
        ValueError: `width_cols` is below 16.
    """
    if width_cols < MIN_COLUMNS:
        raise ValueError(f"a receipt needs at least {MIN_COLUMNS} columns, got {width_cols}")
    rule = ReceiptLine("-" * width_cols, kind="rule")
    return [
        *_header(data, width_cols),
        *_receipt_info(data, width_cols),
        rule,
        *_account(data, width_cols),
        rule,
        *_charges(data, width_cols),
        rule,
        *_totals(data, width_cols),
        *_capital(data, width_cols),
        *_qr(data),
        *_footer(data, width_cols),
    ]


def preview_text(
    lines: list[ReceiptLine], width_cols: int, qr_placeholder: str = "[QR code]"
) -> str:
    """The receipt as plain text, one line per printed line, for previews and tests.

    Centred and right-aligned lines get the leading spaces the printer would leave; a QR line
    shows `qr_placeholder`.
    """
    rows = []
    for line in lines:
        if line.kind == "qr":
            rows.append(qr_placeholder)
            continue
        spare = max(width_cols - line.columns, 0)
        lead = {"left": 0, "center": spare // 2, "right": spare}[line.align]
        rows.append(" " * lead + line.text)
    return "\n".join(rows)


def _clean(text: str) -> str:
    """Printable text only: controls and line breaks become spaces, format characters go."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(" ")
        elif category != "Cf":
            out.append(char)
    return "".join(out)


def _text(
    text: str, width: int, *, double: bool = False, align: Align = "left"
) -> list[ReceiptLine]:
    """`text` wrapped to `width` columns (half as many characters' room when double)."""
    room = width // 2 if double else width
    return [ReceiptLine(part, double=double, align=align) for part in wrap(_clean(text), room)]


def _field(label: str, value: str, width: int) -> list[ReceiptLine]:
    """`label：value`, the value wrapped under itself with a hanging indent."""
    head = _clean(label) + "："
    indent = gb_width(head)
    if width - indent < 4:
        return _text(head + value, width)
    parts = wrap(_clean(value), width - indent)
    return [ReceiptLine((head if i == 0 else " " * indent) + part) for i, part in enumerate(parts)]


def _pair(left: str, right: str, width: int) -> list[ReceiptLine]:
    """`left` and `right` on one line with right-aligned `right`; two lines if it does not fit."""
    left, right = _clean(left), _clean(right)
    if fits_between(left, right, width):
        return [ReceiptLine(pad_between(left, right, width))]
    right_lines = _text(right, width)
    last = right_lines[-1].text
    right_lines[-1] = ReceiptLine(pad_between("", last, width))
    return [*_text(left, width), *right_lines]


def _money(left: str, fen: int, width: int) -> list[ReceiptLine]:
    """A label with a right-aligned amount after the full-width ￥."""
    return _pair(left, format_yuan(fen, symbol="￥"), width)


def _header(data: ReceiptData, width: int) -> list[ReceiptLine]:
    title = "退费收据" if data.kind is ReceiptKind.REFUND else "热费收据"
    lines = [*_text(data.company, width, double=True, align="center")]
    lines += _text(title, width, align="center")
    if data.kind is ReceiptKind.VOID:
        lines += _text("作废", width, double=True, align="center")
    if data.reprint_count:
        lines += _text(f"补打（第{data.reprint_count}次）", width, align="center")
    return lines


def _receipt_info(data: ReceiptData, width: int) -> list[ReceiptLine]:
    lines = _field("收据号", data.receipt_no, width)
    if data.original_receipt_no:
        lines += _field("原收据号", data.original_receipt_no, width)
    when = data.taken_at.strftime("%Y-%m-%d %H:%M")
    counter = _clean(f"{data.counter_label}{data.counter_code}")
    if fits_between(f"时间：{when}", counter, width):
        lines.append(ReceiptLine(f"时间：{when} {counter}"))
    else:
        lines += [*_field("时间", when, width), *_text(counter, width)]
    return lines + _field(data.staff_label, f"{data.staff_no} {data.staff_name}", width)


def _account(data: ReceiptData, width: int) -> list[ReceiptLine]:
    area = data.heated_area.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    category, area_text = f"类别：{_clean(data.category)}", f"面积：{area}㎡"
    if gb_width(category) + 2 + gb_width(area_text) <= width:
        kind_and_area = [ReceiptLine(f"{category}  {area_text}")]
    else:
        kind_and_area = [*_field("类别", data.category, width), *_field("面积", f"{area}㎡", width)]
    return [
        *_field("户号", data.account_no, width),
        *_field("户名", data.account_name, width),
        *_field("地址", data.address, width),
        *kind_and_area,
        *_field("采暖期", data.season, width),
    ]


def _charges(data: ReceiptData, width: int) -> list[ReceiptLine]:
    lines: list[ReceiptLine] = []
    for charge in data.charges:
        left = f"{charge.label} {charge.detail}" if charge.detail else charge.label
        lines += _pair(left, format_yuan(charge.amount_fen, symbol=""), width)
    return lines


def _totals(data: ReceiptData, width: int) -> list[ReceiptLine]:
    if data.kind is ReceiptKind.RECEIPT:
        lines = [
            *_money("应收合计", data.total_due_fen, width),
            *_money("实收", data.paid_fen, width),
        ]
    else:
        lines = _money("退款金额", abs(data.paid_fen), width)
    lines += _methods(data, width)
    if data.cash_tendered_fen is not None:
        lines += _money("现金收讫", data.cash_tendered_fen, width)
    if data.change_fen is not None:
        lines += _money("找零", data.change_fen, width)
    if data.balance_after_fen > 0:
        lines += _money("尚欠", data.balance_after_fen, width)
    elif data.balance_after_fen < 0:
        lines += _money("预存余额", -data.balance_after_fen, width)
    return lines


def _methods(data: ReceiptData, width: int) -> list[ReceiptLine]:
    """One line per method part, with its reference below; a lone cash part paid with a
    tendered amount is shown by 现金收讫 and 找零 alone, as in the example receipt."""
    parts = data.methods
    if len(parts) == 1 and parts[0].is_cash and data.cash_tendered_fen is not None:
        return []
    lines: list[ReceiptLine] = []
    for part in parts:
        lines += _money(part.label, part.amount_fen, width)
        if part.reference:
            lines += _reference(part.reference, width)
    return lines


def _reference(reference: str, width: int) -> list[ReceiptLine]:
    """单号：reference; a long number (WeChat and Alipay use 28 digits) on its own line."""
    line = "单号：" + _clean(reference)
    if gb_width(line) <= width:
        return [ReceiptLine(line)]
    return [ReceiptLine("单号："), *_text(reference, width)]


def _capital(data: ReceiptData, width: int) -> list[ReceiptLine]:
    label = "人民币（大写）：" if data.kind is ReceiptKind.RECEIPT else "退款金额（人民币大写）："
    return [*_text(label, width), *_text(to_capital(abs(data.paid_fen)), width)]


def _qr(data: ReceiptData) -> list[ReceiptLine]:
    if not data.qr_payload:
        return []
    return [ReceiptLine(_clean(data.qr_payload), align="center", kind="qr")]


def _footer(data: ReceiptData, width: int) -> list[ReceiptLine]:
    lines: list[ReceiptLine] = []
    if data.service_phone:
        lines += _field("24小时服务电话", data.service_phone, width)
    notice = "请妥善保管，可凭此收据换开发票" if data.invoice_note else "请妥善保管"
    return lines + _text(notice, width)
