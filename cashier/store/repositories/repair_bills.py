"""Repair bill versions and their lines, damage confirmations, sign-offs, bill payments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from cashier.domain.repair_bills import (
    BillContent,
    BillLine,
    BillPayment,
    BillVersion,
    DamageConfirmation,
    DamageContent,
    SignOff,
)
from cashier.domain.signature import Signature, signature_digest
from cashier.store.models import (
    RepairBillLineRow,
    RepairBillVersionRow,
    RepairDamageRow,
    RepairOrderRow,
    RepairPaymentRow,
    RepairSignOffRow,
    SignatureRecord,
)
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

_V, _L, _S, _D = RepairBillVersionRow, RepairBillLineRow, RepairSignOffRow, RepairDamageRow
Recorder = tuple[str, str]


def _line(row: RepairBillLineRow) -> BillLine:
    quantity = Decimal(row.quantity_centi).scaleb(-2)
    return BillLine(
        row.kind,
        row.code,
        row.name,
        row.spec,
        row.unit,
        row.basis,
        quantity,
        row.unit_price_fen,
        row.amount_fen,
    )


@repository("repair_bills")
class SqlRepairBills:
    """Bill versions and everything signed or paid against them; rows are only appended."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _versions(self, rows: Sequence[RepairBillVersionRow]) -> list[BillVersion]:
        ids = [row.id for row in rows]
        lines: dict[int, list[BillLine]] = {i: [] for i in ids}
        numbers: dict[int, str] = {}
        if ids:
            query = select(_L).where(_L.version_id.in_(ids)).order_by(_L.version_id, _L.position)
            for line in self._session.scalars(query):
                lines[line.version_id].append(_line(line))
            orders = {row.order_id for row in rows}
            numbers = dict(
                self._session.execute(
                    select(RepairOrderRow.id, RepairOrderRow.number).where(
                        RepairOrderRow.id.in_(orders)
                    )
                ).all()
            )
        return [_version(row, numbers[row.order_id], tuple(lines[row.id])) for row in rows]

    def versions(self, order_id: int) -> list[BillVersion]:
        """Every version of the order's bill, oldest first."""
        rows = self._session.scalars(select(_V).where(_V.order_id == order_id).order_by(_V.version))
        return self._versions(list(rows))

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
        row = _V(
            order_id=order_id,
            version=content.version,
            account_no=content.account_no,
            customer_name=content.customer_name,
            address=content.address,
            priced_on=content.priced_on,
            total_fen=content.total_fen,
            digest=digest,
            created_at=to_db(created_at),
            created_by=by[0],
            creator_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        values = [
            {
                "version_id": row.id,
                "position": i,
                "kind": x.kind,
                "code": x.code,
                "name": x.name,
                "spec": x.spec,
                "unit": x.unit,
                "basis": x.basis,
                "quantity_centi": int(x.quantity.scaleb(2)),
                "unit_price_fen": x.unit_price_fen,
                "amount_fen": x.amount_fen,
            }
            for i, x in enumerate(content.lines, start=1)
        ]
        self._session.execute(insert(_L), values)
        return self._versions([row])[0]

    def add_signature(self, signature: Signature, *, recorded_at: dt.datetime) -> int:
        """Store a signature (PNG, strokes, size, digest); returns its id."""
        row = SignatureRecord(
            digest=signature.digest(),
            png=signature.png,
            strokes=signature.strokes_json(),
            width=signature.width,
            height=signature.height,
            recorded_at=to_db(recorded_at),
        )
        self._session.add(row)
        self._session.flush()
        return row.id

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
        """Store a sign-off of a bill version or damage confirmation."""
        row = _S(
            version_id=version_id,
            damage_id=damage_id,
            digest=digest,
            signature_id=signature[0],
            signature_digest=signature[1],
            signer_name=signer_name,
            signed_at=to_db(signed_at),
            staff_no=by[0],
            staff_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        return self._signoffs(_S.id == row.id)[row.id]

    def _signoffs(self, *where) -> dict[int, SignOff]:
        """Sign-off id -> sign-off, each with its signature digest recomputed from the bytes."""
        query = select(_S, SignatureRecord.png, SignatureRecord.strokes).join(
            SignatureRecord, SignatureRecord.id == _S.signature_id
        )
        found = {}
        for row, png, strokes in self._session.execute(query.where(*where)):
            found[row.id] = SignOff(
                id=row.id,
                digest=row.digest,
                signature_id=row.signature_id,
                signature_digest=row.signature_digest,
                signature_check=signature_digest(png, strokes),
                signer_name=row.signer_name,
                signed_at=from_db(row.signed_at),  # type: ignore[arg-type]
                staff_no=row.staff_no,
                staff_name=row.staff_name,
            )
        return found

    def signoffs(self, version_ids: Sequence[int]) -> dict[int, SignOff]:
        """Version id -> its sign-off, with the signature digest recomputed from its bytes."""
        if not version_ids:
            return {}
        by_id = self._signoffs(_S.version_id.in_(list(version_ids)))
        owners = dict(
            self._session.execute(select(_S.id, _S.version_id).where(_S.id.in_(by_id))).all()
        )
        return {owners[i]: signoff for i, signoff in by_id.items()}

    def signature_png(self, signature_id: int) -> bytes | None:
        """The PNG of a stored signature, or None."""
        return self._session.scalar(
            select(SignatureRecord.png).where(SignatureRecord.id == signature_id)
        )

    def add_damage(self, order_id: int, content: DamageContent, digest: str) -> int:
        """Store a damage confirmation's text; returns its id (its sign-off follows)."""
        row = _D(
            order_id=order_id,
            account_no=content.account_no,
            customer_name=content.customer_name,
            address=content.address,
            facility=content.facility,
            cause=content.cause,
            explained_by=content.explained_by,
            explained_at=to_db(content.explained_at),
            digest=digest,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def _damages(self, *where, limit: int | None = None) -> list[DamageConfirmation]:
        query = (
            select(_D, RepairOrderRow.number, _S.id)
            .join(RepairOrderRow, RepairOrderRow.id == _D.order_id)
            .join(_S, _S.damage_id == _D.id)
            .where(*where)
            .order_by(_D.id)
            .limit(limit)
        )
        rows = self._session.execute(query).all()
        signoffs = self._signoffs(_S.id.in_([r[2] for r in rows])) if rows else {}
        return [_damage(row, number, signoffs[signoff_id]) for row, number, signoff_id in rows]

    def damages(self, order_id: int) -> list[DamageConfirmation]:
        """The order's signed damage confirmations, oldest first."""
        return self._damages(_D.order_id == order_id)

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
        done = self._session.scalar(
            select(func.count(RepairPaymentRow.id)).where(
                RepairPaymentRow.version_id == version_id, RepairPaymentRow.kind == kind
            )
        )
        self._session.add(
            RepairPaymentRow(
                version_id=version_id,
                receipt_no=receipt_no,
                kind=kind,
                serial=(done or 0) + 1,
                amount_fen=amount_fen,
                recorded_at=to_db(recorded_at),
            )
        )
        self._session.flush()

    def payments(self, order_id: int) -> list[BillPayment]:
        """The payments and refunds of the order's bill versions, in order."""
        query = (
            select(_V.version, RepairPaymentRow)
            .join(_V, _V.id == RepairPaymentRow.version_id)
            .where(_V.order_id == order_id)
            .order_by(RepairPaymentRow.id)
        )
        return [
            BillPayment(version, row.receipt_no, row.kind, row.amount_fen, from_db(row.recorded_at))  # type: ignore[arg-type]
            for version, row in self._session.execute(query)
        ]

    def version_batch(self, after_id: int, limit: int) -> list[BillVersion]:
        """The next bill versions (id > after_id) of every order, for `cashier verify`."""
        rows = self._session.scalars(
            select(_V).where(_V.id > after_id).order_by(_V.id).limit(limit)
        )
        return self._versions(list(rows))

    def damage_batch(self, after_id: int, limit: int) -> list[DamageConfirmation]:
        """The next damage confirmations (id > after_id), for `cashier verify`."""
        return self._damages(_D.id > after_id, limit=limit)


def _version(row: RepairBillVersionRow, number: str, lines: tuple[BillLine, ...]) -> BillVersion:
    content = BillContent(
        number, row.account_no, row.customer_name, row.address, row.priced_on, row.version, lines
    )
    return BillVersion(
        row.id,
        row.order_id,
        content,
        row.digest,
        from_db(row.created_at),  # type: ignore[arg-type]
        row.created_by,
        row.creator_name,
    )


def _damage(row: RepairDamageRow, number: str, signoff: SignOff) -> DamageConfirmation:
    content = DamageContent(
        order_no=number,
        account_no=row.account_no,
        customer_name=row.customer_name,
        address=row.address,
        facility=row.facility,
        cause=row.cause,
        explained_by=row.explained_by,
        explained_at=from_db(row.explained_at),  # type: ignore[arg-type]
    )
    return DamageConfirmation(row.id, row.order_id, content, row.digest, signoff)
