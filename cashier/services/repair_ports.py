"""The repositories the repair services need: prices, orders, bills and their signatures.

They are attributes of the unit of work (`uow.repair_prices`, `uow.repair_orders`,
`uow.repair_bills`, declared in ports.UnitOfWork); store/repositories/repairs.py and
repair_bills.py implement them. `RepairDocumentWriter` is the PDF side (printing/repair_pdf.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from cashier.domain.repair_bills import (
    BillContent,
    BillPayment,
    BillVersion,
    DamageConfirmation,
    DamageContent,
    SignOff,
)
from cashier.domain.repair_documents import BillDocument, DamageDocument
from cashier.domain.repair_orders import FollowUp, NewOrder, Order, OrderEvent, OrderFilter
from cashier.domain.repair_prices import PriceRow
from cashier.domain.signature import Signature

Recorder = tuple[str, str]
"""(staff number, name) of whoever records something."""

PriceKey = tuple[str, str, dt.date]


class RepairPriceRepository(Protocol):
    """Repair item prices and catalogue materials, each row valid from its date."""

    def rows(self, *, until: dt.date | None = None) -> list[PriceRow]:
        """Every row (valid from ``until`` or earlier when given), by kind, code and date."""

    def stored(self, keys: Iterable[PriceKey]) -> dict[PriceKey, PriceRow]:
        """The stored rows with these (kind, code, valid_from) keys."""

    def add(
        self, rows: Sequence[PriceRow], *, loaded_at: dt.datetime, loaded_by: str, source: str
    ) -> int:
        """Append rows; returns how many."""


class RepairOrderRepository(Protocol):
    """Repair orders, their events and follow-ups."""

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the order numbers starting with ``prefix``."""

    def add(
        self,
        order: NewOrder,
        *,
        number: str,
        account_id: int | None,
        told_at: dt.datetime,
        recorded_at: dt.datetime,
        by: Recorder,
    ) -> Order:
        """Store a checked order; returns it as stored."""

    def add_event(
        self, order_id: int, event: OrderEvent, *, recorded_at: dt.datetime, by: Recorder
    ) -> OrderEvent:
        """Append a checked event; returns it as stored."""

    def get(self, order_id: int) -> Order | None:
        """The order with its events, or None."""

    def by_number(self, number: str) -> Order | None:
        """The order with this number, or None."""

    def find(self, where: OrderFilter, *, before_id: int | None, limit: int) -> list[Order]:
        """Matching orders newest first, ``limit`` of them with id < ``before_id``."""

    def count(self, where: OrderFilter) -> int:
        """How many orders match."""

    def add_followup(
        self, followup: FollowUp, *, recorded_at: dt.datetime, by: Recorder
    ) -> FollowUp:
        """Append a checked follow-up; returns it as stored."""

    def followups(self, order_id: int) -> list[FollowUp]:
        """The order's follow-ups, oldest first."""


class RepairBillRepository(Protocol):
    """Bill versions, damage confirmations, their sign-offs, and the payments of bills."""

    def versions(self, order_id: int) -> list[BillVersion]:
        """Every version of the order's bill, oldest first."""

    def add_version(
        self,
        order_id: int,
        content: BillContent,
        digest: str,
        *,
        created_at: dt.datetime,
        by: Recorder,
    ) -> BillVersion:
        """Store a new version with its lines; returns it as stored."""

    def add_signature(self, signature: Signature, *, recorded_at: dt.datetime) -> int:
        """Store a signature (PNG, strokes, digest); returns its id."""

    def add_signoff(
        self,
        *,
        version_id: int | None,
        damage_id: int | None,
        digest: str,
        signature: tuple[int, str],
        signer_name: str,
        signed_at: dt.datetime,
        by: Recorder,
    ) -> SignOff:
        """Store a sign-off of a bill version or damage confirmation; ``signature`` is
        (signature id, its digest)."""

    def signoffs(self, version_ids: Sequence[int]) -> dict[int, SignOff]:
        """Version id -> its sign-off, with the signature digest recomputed from its bytes."""

    def signature_png(self, signature_id: int) -> bytes | None:
        """The PNG of a stored signature, or None."""

    def add_damage(self, order_id: int, content: DamageContent, digest: str) -> int:
        """Store a damage confirmation's text; returns its id (its sign-off follows)."""

    def damages(self, order_id: int) -> list[DamageConfirmation]:
        """The order's signed damage confirmations, oldest first."""

    def add_payment(
        self,
        version_id: int,
        receipt_no: str,
        kind: str,
        amount_fen: int,
        *,
        recorded_at: dt.datetime,
    ) -> None:
        """Link a journal entry (payment or refund) to the bill version it concerns."""

    def payments(self, order_id: int) -> list[BillPayment]:
        """The payments and refunds of the order's bill versions, in order."""

    def version_batch(self, after_id: int, limit: int) -> list[BillVersion]:
        """The next bill versions (id > after_id) of every order, for `cashier verify`."""

    def damage_batch(self, after_id: int, limit: int) -> list[DamageConfirmation]:
        """The next damage confirmations (id > after_id), for `cashier verify`."""


class RepairDocumentWriter(Protocol):
    """Renders repair documents as A4 PDF bytes (printing/repair_pdf.py)."""

    def bill_pdf(self, document: BillDocument) -> bytes:
        """The bill as a PDF."""

    def damage_pdf(self, document: DamageDocument) -> bytes:
        """The damage confirmation as a PDF."""
