"""Repair prices, repair orders with their events, and follow-ups (append-only rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import Select, and_, exists, func, insert, not_, or_, select
from sqlalchemy.orm import Session

from cashier.domain.repair_orders import (
    ARRIVAL_TARGET,
    ARRIVED,
    CANCELLED,
    FINISHED,
    FollowUp,
    NewOrder,
    Order,
    OrderEvent,
    OrderFilter,
)
from cashier.domain.repair_prices import PriceRow
from cashier.store.models import (
    Account,
    RepairEventRow,
    RepairFollowUpRow,
    RepairOrderRow,
    RepairPriceRow,
)
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

_O, _E, _F = RepairOrderRow, RepairEventRow, RepairFollowUpRow
Recorder = tuple[str, str]
PriceKey = tuple[str, str, dt.date]
TECHNICIAN_SEPARATOR = "、"


def _price(row: RepairPriceRow) -> PriceRow:
    return PriceRow(
        row.kind, row.code, row.name, row.unit, row.price_fen, row.valid_from, row.spec, row.basis
    )


@repository("repair_prices")
class SqlRepairPrices:
    """Price rows; a row is added once and never changed."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def rows(self, *, until: dt.date | None = None) -> list[PriceRow]:
        """Every row (valid from ``until`` or earlier when given), by kind, code and date."""
        query = select(RepairPriceRow).order_by(
            RepairPriceRow.kind, RepairPriceRow.code, RepairPriceRow.valid_from
        )
        if until is not None:
            query = query.where(RepairPriceRow.valid_from <= until)
        return [_price(row) for row in self._session.scalars(query)]

    def stored(self, keys: Iterable[PriceKey]) -> dict[PriceKey, PriceRow]:
        """The stored rows with these (kind, code, valid_from) keys."""
        wanted = set(keys)
        codes = {code for _, code, _ in wanted}
        if not codes:
            return {}
        found = {}
        for row in self._session.scalars(
            select(RepairPriceRow).where(RepairPriceRow.code.in_(codes))
        ):
            price = _price(row)
            if price.key in wanted:
                found[price.key] = price
        return found

    def add(
        self, rows: Sequence[PriceRow], *, loaded_at: dt.datetime, loaded_by: str, source: str
    ) -> int:
        """Append rows; returns how many."""
        if not rows:
            return 0
        values = [
            {
                "kind": r.kind,
                "code": r.code,
                "name": r.name,
                "spec": r.spec,
                "unit": r.unit,
                "price_fen": r.price_fen,
                "basis": r.basis,
                "valid_from": r.valid_from,
                "loaded_at": to_db(loaded_at),
                "loaded_by": loaded_by,
                "source": source[:200],
            }
            for r in rows
        ]
        self._session.execute(insert(RepairPriceRow), values)
        return len(values)


def _event(row: RepairEventRow) -> OrderEvent:
    technicians = tuple(t for t in row.technicians.split(TECHNICIAN_SEPARATOR) if t)
    return OrderEvent(
        kind=row.kind,
        at=from_db(row.at),  # type: ignore[arg-type]
        technicians=technicians,
        note=row.note,
        owner=row.owner,
        paid=row.paid,
        id=row.id,
        recorded_at=from_db(row.recorded_at),
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
    )


def _has_event(kind: str):
    return exists().where(_E.order_id == _O.id, _E.kind == kind)


def _state_clause(where: OrderFilter):
    finished, cancelled = _has_event(FINISHED), _has_event(CANCELLED)
    is_open = and_(not_(finished), not_(cancelled))
    if where.state == "open":
        return is_open
    if where.state == "overdue":
        cutoff = to_db((where.now or dt.datetime.now(dt.UTC)) - ARRIVAL_TARGET)
        return and_(
            is_open, _O.channel != "on_site", not_(_has_event(ARRIVED)), _O.received_at < cutoff
        )
    if where.state == "finished":
        return and_(finished, not_(cancelled))
    if where.state == "no_followup":
        followed = exists().where(_F.order_id == _O.id)
        return and_(finished, not_(cancelled), not_(followed))
    if where.state == "cancelled":
        return cancelled
    return None


def _text_clause(text: str):
    needle = text.strip().lower()
    if not needle:
        return None
    columns = (
        _O.number,
        Account.account_no,
        _O.contact_name,
        _O.address,
        _O.contact_phone,
        _O.fault,
    )
    return or_(*(func.lower(column).contains(needle, autoescape=True) for column in columns))


@repository("repair_orders")
class SqlRepairOrders:
    """Orders with their events and follow-ups; nothing is updated or deleted."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the order numbers starting with ``prefix``."""
        last = self._session.scalar(
            select(_O.number)
            .where(_O.number.startswith(prefix, autoescape=True))
            .order_by(_O.number.desc())
            .limit(1)
        )
        return 1 if last is None else int(last[len(prefix) :]) + 1

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
        row = _O(
            number=number,
            received_at=to_db(order.received_at),
            channel=order.channel,
            account_id=account_id,
            address=order.address,
            contact_name=order.contact_name,
            contact_phone=order.contact_phone,
            fault=order.fault,
            owner=order.owner,
            paid=order.paid,
            told_at=to_db(told_at),
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        found = self.get(row.id)
        assert found is not None
        return found

    def add_event(
        self, order_id: int, event: OrderEvent, *, recorded_at: dt.datetime, by: Recorder
    ) -> OrderEvent:
        """Append a checked event; returns it as stored."""
        row = _E(
            order_id=order_id,
            kind=event.kind,
            at=to_db(event.at),
            technicians=TECHNICIAN_SEPARATOR.join(event.technicians),
            note=event.note,
            owner=event.owner,
            paid=event.paid,
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        return _event(row)

    def _select(self) -> Select:
        return select(_O, Account.account_no).outerjoin(Account, Account.id == _O.account_id)

    def _orders(self, query: Select) -> list[Order]:
        rows = self._session.execute(query).all()
        ids = [row[0].id for row in rows]
        events: dict[int, list[OrderEvent]] = {i: [] for i in ids}
        followups: dict[int, int] = {}
        if ids:
            for event in self._session.scalars(
                select(_E).where(_E.order_id.in_(ids)).order_by(_E.id)
            ):
                events[event.order_id].append(_event(event))
            counted = select(_F.order_id, func.count()).where(_F.order_id.in_(ids))
            followups = dict(self._session.execute(counted.group_by(_F.order_id)).all())
        return [
            _order(row, account_no or "", tuple(events[row.id]), followups.get(row.id, 0))
            for row, account_no in rows
        ]

    def get(self, order_id: int) -> Order | None:
        """The order with its events, or None."""
        found = self._orders(self._select().where(_O.id == order_id))
        return found[0] if found else None

    def by_number(self, number: str) -> Order | None:
        """The order with this number, or None."""
        found = self._orders(self._select().where(_O.number == number.strip().upper()))
        return found[0] if found else None

    def _filtered(self, query: Select, where: OrderFilter) -> Select:
        for clause in (_state_clause(where), _text_clause(where.text)):
            if clause is not None:
                query = query.where(clause)
        return query

    def find(self, where: OrderFilter, *, before_id: int | None, limit: int) -> list[Order]:
        """Matching orders newest first, ``limit`` of them with id < ``before_id``."""
        query = self._filtered(self._select(), where)
        if before_id is not None:
            query = query.where(_O.id < before_id)
        return self._orders(query.order_by(_O.id.desc()).limit(limit))

    def count(self, where: OrderFilter) -> int:
        """How many orders match."""
        query = select(func.count(_O.id)).outerjoin(Account, Account.id == _O.account_id)
        return self._session.scalar(self._filtered(query, where)) or 0

    def add_followup(
        self, followup: FollowUp, *, recorded_at: dt.datetime, by: Recorder
    ) -> FollowUp:
        """Append a checked follow-up; returns it as stored."""
        row = _F(
            order_id=followup.order_id,
            at=to_db(followup.at),
            satisfaction=followup.satisfaction,
            notes=followup.notes,
            staff_no=by[0],
            staff_name=by[1],
            recorded_at=to_db(recorded_at),
        )
        self._session.add(row)
        self._session.flush()
        return _followup(row)

    def followups(self, order_id: int) -> list[FollowUp]:
        """The order's follow-ups, oldest first."""
        query = select(_F).where(_F.order_id == order_id).order_by(_F.id)
        return [_followup(row) for row in self._session.scalars(query)]


def _followup(row: RepairFollowUpRow) -> FollowUp:
    return FollowUp(
        row.order_id,
        from_db(row.at),
        row.satisfaction,
        row.notes,
        row.id,  # type: ignore[arg-type]
        row.staff_no,
        row.staff_name,
    )


def _order(row: RepairOrderRow, account_no: str, events: tuple, followups: int) -> Order:
    return Order(
        id=row.id,
        number=row.number,
        received_at=from_db(row.received_at),  # type: ignore[arg-type]
        channel=row.channel,
        fault=row.fault,
        owner=row.owner,
        paid=row.paid,
        told_at=from_db(row.told_at),  # type: ignore[arg-type]
        account_no=account_no,
        customer_name=row.contact_name,
        address=row.address,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
        events=events,
        followups=followups,
    )
