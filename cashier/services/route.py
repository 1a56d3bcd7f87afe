"""The collector's route on the device: the work list in walking order, who still owes.

Each household's amount is today's statement (the same replay the Counter page shows), so a
payment taken a minute ago shows as 今日已收 at once. Statements are computed for one estate
or building at a time, which is what a collector walks.
"""

from __future__ import annotations

from dataclasses import dataclass

from cashier.domain.journal import PAYMENT, VOID
from cashier.domain.route import RouteStop, RouteTotals, natural_key, route_order, route_totals
from cashier.services.ports import UnitOfWork
from cashier.services.posting import read_books
from cashier.services.station import Station


@dataclass(frozen=True)
class Route:
    """The stops of one estate (or one building of it) in walking order, and their totals."""

    estate: str
    building: str
    stops: tuple[RouteStop, ...]
    totals: RouteTotals


def route_places(uow: UnitOfWork) -> dict[str, list[str]]:
    """Estates of the work list with their buildings, both in walking order."""
    with uow:
        rows = uow.worklist.places()
    places: dict[str, set[str]] = {}
    for _, _, estate, building, _, _ in rows:
        places.setdefault(estate, set()).add(building)
    return {
        estate: sorted(buildings, key=natural_key)
        for estate, buildings in sorted(places.items(), key=lambda item: natural_key(item[0]))
    }


def route(uow: UnitOfWork, station: Station, estate: str, building: str = "") -> Route:
    """The stops of `estate` (only `building` when given) with today's amounts."""
    today = station.business_date()
    with uow:
        rows = [
            row
            for row in uow.worklist.places()
            if row[2] == estate and (not building or row[3] == building)
        ]
        paid = _paid_today(uow, station)
        stops = [
            RouteStop(
                account_no=number, name=name, estate=est, building=bld, unit=unit, room=room,
                owed_fen=read_books(uow, number).balance(today),
                paid_today_fen=paid.get(number, 0),
            )  # fmt: skip
            for number, name, est, bld, unit, room in rows
        ]
    ordered = tuple(route_order(stops))
    return Route(estate, building, ordered, route_totals(ordered))


def _paid_today(uow: UnitOfWork, station: Station) -> dict[str, int]:
    """Fen taken today by this device per account (voided payments left out)."""
    today = station.business_date()
    entries = [e for e in uow.journal.iter_counter(station.counter) if e.business_date == today]
    voided = {e.reverses for e in entries if e.kind == VOID}
    paid: dict[str, int] = {}
    for entry in entries:
        if (
            entry.kind == PAYMENT
            and entry.account_no
            and entry.business_date == today
            and entry.receipt_no not in voided
        ):
            paid[entry.account_no] = paid.get(entry.account_no, 0) + entry.applied_fen
    return paid
