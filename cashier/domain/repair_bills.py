"""The itemised repair bill (维修收费清单), its digest, and what a signature on it means.

Paid work is listed item by item (服务规范三(八)8): labour items and materials, each with
quantity, unit, unit price and amount, at the prices valid on the bill's date. Each line is
rounded once, half-up to the fen; subtotals and the total are sums of rounded lines.

The customer signs a *version* of the bill. The digest (:func:`bill_digest`) is SHA-256 over
the canonical serialisation of everything the customer saw: order number, account, address,
date, version, every line and the totals. The sign-off stores that digest; any change to the
bill is a new version with a new digest, so the old signature no longer covers the bill in
force and a new one is needed (:func:`signature_state`). A damage confirmation
(用户责任损坏确认单, 三(八)6) is signed the same way over its own digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cashier.domain.chain import canonical_bytes
from cashier.domain.money import decimal_from_fen, fen_from_decimal, to_capital
from cashier.domain.repair_orders import RepairError
from cashier.domain.repair_prices import KIND_LABELS, LABOUR, MATERIAL, Catalogue

DIGEST_VERSION = 1
MAX_LINES = 60
MAX_QUANTITY = Decimal("9999.99")
_CENT = Decimal("0.01")

UNSIGNED, SIGNED, VOIDED, BROKEN = "unsigned", "signed", "voided", "broken"
SIGNATURE_LABELS = {
    UNSIGNED: "未签字",
    SIGNED: "客户已签字",
    VOIDED: "账单已修改，原签字失效，需重新签字",
    BROKEN: "签字与账单内容不符",
}


@dataclass(frozen=True)
class LineRequest:
    """A line as the technician enters it: kind (LABOUR/MATERIAL), code and quantity."""

    kind: str
    code: str
    quantity: Decimal


@dataclass(frozen=True)
class BillLine:
    """One priced line; ``unit_price_fen`` and ``amount_fen`` in fen, quantity exact."""

    kind: str
    code: str
    name: str
    spec: str
    unit: str
    basis: str
    quantity: Decimal
    unit_price_fen: int
    amount_fen: int

    @property
    def kind_label(self) -> str:
        """维修项目 or 材料."""
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class BillContent:
    """Everything the customer signs: whose bill, which version, the lines."""

    order_no: str
    account_no: str
    customer_name: str
    address: str
    priced_on: dt.date
    version: int
    lines: tuple[BillLine, ...]

    def subtotal_fen(self, kind: str) -> int:
        """The sum of the lines of one kind."""
        return sum(line.amount_fen for line in self.lines if line.kind == kind)

    @property
    def labour_fen(self) -> int:
        """Labour subtotal (维修项目小计)."""
        return self.subtotal_fen(LABOUR)

    @property
    def material_fen(self) -> int:
        """Materials subtotal (材料小计)."""
        return self.subtotal_fen(MATERIAL)

    @property
    def total_fen(self) -> int:
        """The total: the sum of every rounded line."""
        return sum(line.amount_fen for line in self.lines)

    @property
    def capital(self) -> str:
        """The total in capital figures (人民币大写)."""
        return to_capital(self.total_fen)


def line_amount(quantity: Decimal, unit_price_fen: int) -> int:
    """quantity × unit price, rounded once half-up to the fen."""
    return fen_from_decimal(quantity * decimal_from_fen(unit_price_fen))


def check_quantity(quantity: Decimal, what: str) -> Decimal:
    """A quantity above 0, at most 9999.99, with at most two decimals; RepairError else."""
    try:
        exact = Decimal(quantity)
        ok = exact.is_finite() and 0 < exact <= MAX_QUANTITY and exact == exact.quantize(_CENT)
    except (InvalidOperation, TypeError, ValueError):
        ok = False
    if not ok:
        raise RepairError(
            f"{what}的数量应大于0、最多两位小数、不超过 {MAX_QUANTITY}。",
            f"bad quantity {quantity!r} for {what}",
        )
    return exact.quantize(_CENT)


def price_lines(requests: Sequence[LineRequest], catalogue: Catalogue) -> tuple[BillLine, ...]:
    """The requested lines priced from the catalogue valid on the bill's date.

    Raises RepairError for no lines, too many, a code without a price on that date, a code
    entered twice (enter the total quantity once), or a bad quantity.
    """
    if not requests:
        raise RepairError("账单至少要有一行。", "a bill needs at least one line")
    if len(requests) > MAX_LINES:
        raise RepairError(f"账单最多 {MAX_LINES} 行。", f"at most {MAX_LINES} lines")
    seen: set[tuple[str, str]] = set()
    lines = []
    for request in requests:
        label = KIND_LABELS.get(request.kind, request.kind)
        row = catalogue.find(request.kind, request.code.strip())
        if row is None:
            raise RepairError(
                f"{label} {request.code} 在 {catalogue.on} 没有核定价格。",
                f"no approved price for {request.kind} {request.code} on {catalogue.on}",
            )
        if (row.kind, row.code) in seen:
            raise RepairError(f"{label} {row.code} 重复，请合并数量。", f"{row.code} twice")
        seen.add((row.kind, row.code))
        quantity = check_quantity(request.quantity, f"{label} {row.code}")
        amount = line_amount(quantity, row.price_fen)
        lines.append(
            BillLine(
                row.kind,
                row.code,
                row.name,
                row.spec,
                row.unit,
                row.basis,
                quantity,
                row.price_fen,
                amount,
            )
        )
    return tuple(sorted(lines, key=lambda line: line.kind != LABOUR))


def bill_digest(content: BillContent) -> str:
    """SHA-256 (hex) of the canonical serialisation of the bill content and its totals."""
    fields = {
        "order_no": content.order_no,
        "account_no": content.account_no,
        "customer_name": content.customer_name,
        "address": content.address,
        "priced_on": content.priced_on,
        "version": content.version,
        "lines": [
            [
                x.kind,
                x.code,
                x.name,
                x.spec,
                x.unit,
                x.basis,
                x.quantity,
                x.unit_price_fen,
                x.amount_fen,
            ]
            for x in content.lines
        ],
        "labour_fen": content.labour_fen,
        "material_fen": content.material_fen,
        "total_fen": content.total_fen,
    }
    return hashlib.sha256(canonical_bytes(DIGEST_VERSION, fields)).hexdigest()


@dataclass(frozen=True)
class BillVersion:
    """A stored version of an order's bill; ``digest`` as stored when it was made."""

    id: int
    order_id: int
    content: BillContent
    digest: str
    created_at: dt.datetime
    created_by: str
    creator_name: str


@dataclass(frozen=True)
class SignOff:
    """A customer's signature on one bill version (or on a damage confirmation).

    ``digest`` is the digest of what was signed; ``signature_digest`` as stored with it and
    ``signature_check`` recomputed from the signature's PNG and strokes when read.
    """

    id: int
    digest: str
    signature_id: int
    signature_digest: str
    signature_check: str
    signer_name: str
    signed_at: dt.datetime
    staff_no: str
    staff_name: str


def signature_state(
    latest: BillVersion | None, signoff: SignOff | None, earlier_signed: bool
) -> str:
    """UNSIGNED, SIGNED, VOIDED (an earlier version was signed, this one not yet) or BROKEN.

    ``signoff`` is the sign-off of ``latest`` (None when it has none). BROKEN means the
    stored bill or signature no longer matches what was signed (altered outside the program):
    the digest recomputed from the stored lines differs from the one stored or signed, or the
    signature's bytes differ from their digest.
    """
    if latest is None:
        return UNSIGNED
    recomputed = bill_digest(latest.content)
    if recomputed != latest.digest:
        return BROKEN
    if signoff is None:
        return VOIDED if earlier_signed else UNSIGNED
    return SIGNED if signed_intact(signoff, recomputed) else BROKEN


def signed_intact(signoff: SignOff, digest: str) -> bool:
    """True when the sign-off is over ``digest`` and its signature bytes are unchanged."""
    return signoff.digest == digest and signoff.signature_digest == signoff.signature_check


@dataclass(frozen=True)
class BillPayment:
    """A journal entry that paid (positive) or refunded (negative) a bill version."""

    version: int
    receipt_no: str
    kind: str
    amount_fen: int
    recorded_at: dt.datetime


@dataclass(frozen=True)
class DamageContent:
    """What a damage confirmation states (用户责任损坏确认单): the facility, the cause in
    words, who explained it and when; the customer signs this."""

    order_no: str
    account_no: str
    customer_name: str
    address: str
    facility: str
    cause: str
    explained_by: str
    explained_at: dt.datetime


def damage_digest(content: DamageContent) -> str:
    """SHA-256 (hex) of the canonical serialisation of a damage confirmation."""
    fields = {
        "order_no": content.order_no,
        "account_no": content.account_no,
        "customer_name": content.customer_name,
        "address": content.address,
        "facility": content.facility,
        "cause": content.cause,
        "explained_by": content.explained_by,
        "explained_at": content.explained_at,
    }
    return hashlib.sha256(canonical_bytes(DIGEST_VERSION, fields)).hexdigest()


@dataclass(frozen=True)
class DamageConfirmation:
    """A stored, signed damage confirmation."""

    id: int
    order_id: int
    content: DamageContent
    digest: str
    signoff: SignOff

    @property
    def intact(self) -> bool:
        """True when the stored text and signature still match what was signed."""
        return self.digest == damage_digest(self.content) and signed_intact(
            self.signoff, self.digest
        )


def check_damage_text(facility: str, cause: str) -> tuple[str, str]:
    """The facility and cause stripped, both required; RepairError otherwise."""
    facility, cause = " ".join(facility.split()), " ".join(cause.split())
    if not facility or not cause:
        raise RepairError(
            "请写明损坏的设施和损坏原因。", "the damaged facility and the cause are required"
        )
    if len(facility) > 100 or len(cause) > 500:
        raise RepairError("设施或原因太长。", "facility or cause too long")
    return facility, cause
