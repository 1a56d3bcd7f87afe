"""The repair bill (维修收费清单) and damage confirmation (用户责任损坏确认单) as A4 PDFs.

The bill lists every labour item and material with code, specification, unit, quantity,
unit price and amount, the subtotals, the total in figures and in capital letters, the
approving documents the prices rest on, and the customer's signature (the PNG as signed,
with its transparent background) with the time, the technician and the first 16 hex digits
of the digest signed. A bill whose signature no longer covers it says so instead.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer

from cashier.domain.money import format_yuan
from cashier.domain.repair_bills import BillContent
from cashier.domain.repair_documents import (
    BILL_STATEMENT,
    DAMAGE_STATEMENT,
    BillDocument,
    DamageDocument,
    OrderFacts,
    Signed,
    line_title,
    local_text,
)
from cashier.domain.repair_orders import CHANNELS
from cashier.domain.repair_prices import KIND_LABELS, LABOUR, MATERIAL
from cashier.printing.pdf import (
    Letter,
    PdfFont,
    Styles,
    build_pdf,
    cjk_font,
    grid_table,
    styles,
    text_width,
)

SIGNATURE_WIDTH = 70 * mm
SIGNATURE_MAX_HEIGHT = 30 * mm
LINE_COLUMNS = (12, 20, 17, 0, 13, 17, 22, 24)
"""Widths in mm of 序号, 类别, 编码, (名称及规格: the rest), 单位, 数量, 单价, 金额."""


def ink_only(png: bytes, margin: int = 12) -> bytes:
    """The signature PNG cropped to its ink (plus ``margin`` pixels), so the writing, not
    the empty pad, fills the space on paper. A picture without ink is returned as it is."""
    with PILImage.open(io.BytesIO(png)) as picture:
        if picture.mode in ("RGBA", "LA"):
            box = picture.getchannel("A").getbbox()
        else:
            box = ImageOps.invert(picture.convert("L")).getbbox()
        if box is None:
            return png
        left, top, right, bottom = box
        crop = (
            max(0, left - margin),
            max(0, top - margin),
            min(picture.width, right + margin),
            min(picture.height, bottom + margin),
        )
        buffer = io.BytesIO()
        picture.crop(crop).save(buffer, "PNG")
    return buffer.getvalue()


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _yuan(fen: int) -> str:
    return format_yuan(fen, symbol="")


class RepairPdf:
    """Renders repair documents; implements services.repair_ports.RepairDocumentWriter."""

    def __init__(self, font: PdfFont | None = None) -> None:
        self.font = font or cjk_font()
        self.styles: Styles = styles(self.font)

    def bill_pdf(self, document: BillDocument) -> bytes:
        """The bill as PDF bytes."""
        letter = Letter(document.company, "维修收费清单", document.service_phone)
        story: list[Flowable] = [
            _p(document.company, self.styles.heading),
            _p("维修收费清单", self.styles.title),
            self._order_table(document.order, document.content.order_no, document.content),
            Spacer(1, 4 * mm),
            self._lines_table(document.content),
            Spacer(1, 2 * mm),
            *self._bases(document.content),
            Spacer(1, 4 * mm),
            self._sign_block(
                document.signed,
                document.digest,
                BILL_STATEMENT,
                f"维修人员：{document.technician}",
            ),
            *self._payments(document.payments),
        ]
        return build_pdf(story, letter, self.font)

    def damage_pdf(self, document: DamageDocument) -> bytes:
        """The damage confirmation as PDF bytes."""
        content = document.content
        letter = Letter(document.company, "用户责任损坏确认单", document.service_phone)
        rows = [
            ("维修单号", content.order_no),
            ("户号", content.account_no or "—"),
            ("户名", content.customer_name),
            ("地址", content.address),
            ("损坏设施", content.facility),
            ("损坏原因", content.cause),
            ("说明人", content.explained_by),
            ("说明时间", local_text(content.explained_at)),
        ]
        story: list[Flowable] = [
            _p(document.company, self.styles.heading),
            _p("用户责任损坏确认单", self.styles.title),
            self._pairs(rows),
            Spacer(1, 6 * mm),
            self._sign_block(
                document.signed,
                document.digest,
                DAMAGE_STATEMENT,
                f"说明人：{content.explained_by}",
                digest_label="确认单摘要",
            ),
        ]
        return build_pdf(story, letter, self.font)

    def _pairs(self, rows: list[tuple[str, str]]):
        cell = self.styles.cell
        data = [[_p(label, cell), _p(value, cell)] for label, value in rows]
        return grid_table(data, (28 * mm, text_width() - 28 * mm), self.font, header=False)

    def _order_table(self, order: OrderFacts, number: str, content: BillContent):
        paid = "收费维修" if order.paid else "免费维修"
        rows = [
            ("维修单号", f"{number}（第{content.version}版）"),
            ("户号", content.account_no or "—"),
            ("户名", content.customer_name),
            ("地址", content.address),
            ("报修", f"{local_text(order.received_at)} {CHANNELS.get(order.channel, '')}"),
            ("故障情况", order.fault),
            ("产权与收费", f"故障部件产权：{order.owner}；{paid}"),
            ("到达现场", local_text(order.arrived_at) or "—"),
            ("完工", local_text(order.finished_at) or "—"),
            ("维修人员", "、".join(order.technicians) or "—"),
            ("清单日期", content.priced_on.isoformat()),
        ]
        return self._pairs(rows)

    def _lines_table(self, content: BillContent):
        cell, number = self.styles.cell, self.styles.number
        header = ["序号", "类别", "编码", "名称及规格", "单位", "数量", "单价(元)", "金额(元)"]
        rows: list[list] = [[_p(text, cell) for text in header]]
        for index, line in enumerate(content.lines, start=1):
            rows.append(
                [
                    _p(str(index), cell),
                    _p(KIND_LABELS[line.kind], cell),
                    _p(line.code, cell),
                    _p(line_title(line), cell),
                    _p(line.unit, cell),
                    _p(f"{line.quantity.normalize():f}", number),
                    _p(_yuan(line.unit_price_fen), number),
                    _p(_yuan(line.amount_fen), number),
                ]
            )
        for label, fen in (
            (f"{KIND_LABELS[LABOUR]}小计", content.labour_fen),
            (f"{KIND_LABELS[MATERIAL]}小计", content.material_fen),
            ("合计", content.total_fen),
        ):
            rows.append([_p(label, cell), "", "", "", "", "", "", _p(_yuan(fen), number)])
        rows.append([_p(f"合计（人民币大写）：{content.capital}", cell)] + [""] * 7)
        widths = [w * mm for w in LINE_COLUMNS]
        widths[3] = text_width() - sum(widths)
        table = grid_table(rows, widths, self.font, header=True)
        first_total = len(content.lines) + 1
        spans = [("SPAN", (0, r), (6, r)) for r in range(first_total, first_total + 3)]
        spans.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        table.setStyle(spans)
        return table

    def _bases(self, content: BillContent) -> list[Flowable]:
        bases = list(dict.fromkeys(line.basis for line in content.lines if line.basis))
        if not bases:
            return []
        return [_p(f"收费依据：{'；'.join(bases)}", self.styles.small)]

    def _sign_block(
        self,
        signed: Signed,
        digest: str,
        statement: str,
        staff: str,
        *,
        digest_label: str = "清单摘要",
    ) -> Flowable:
        parts: list[Flowable] = [_p(statement, self.styles.body), Spacer(1, 2 * mm)]
        if signed.valid and signed.png:
            parts.append(_p("客户签字：", self.styles.body))
            parts.append(self._signature_image(signed.png))
            when = local_text(signed.signed_at)
            parts.append(
                _p(f"签字人：{signed.signer_name or '—'}　签字时间：{when}", self.styles.body)
            )
        else:
            parts.append(_p(f"客户签字：{signed.state_label}", self.styles.body))
        parts.append(_p(staff, self.styles.body))
        parts.append(_p(f"{digest_label}（SHA-256）：{digest[:16]}", self.styles.small))
        return KeepTogether(parts)

    def _signature_image(self, png: bytes) -> Image:
        image = Image(io.BytesIO(ink_only(png)), mask="auto")
        ratio = image.imageHeight / image.imageWidth if image.imageWidth else 0.4
        width = SIGNATURE_WIDTH
        height = min(width * ratio, SIGNATURE_MAX_HEIGHT)
        image.drawWidth, image.drawHeight = height / ratio if ratio else width, height
        image.hAlign = "LEFT"
        return image

    def _payments(self, receipts: tuple[str, ...]) -> list[Flowable]:
        if not receipts:
            return []
        text = f"已收费，收据号：{'、'.join(receipts)}"
        return [Spacer(1, 3 * mm), _p(text, self.styles.body)]
