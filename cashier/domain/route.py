"""The collector's route: the work list in walking order, and who still owes.

Buildings, units and rooms are ordered as people count them: ``2号楼`` before ``10号楼``,
``3单元`` before ``12单元``, ``502`` before ``1101`` (digits compare as numbers, other text
as text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

OWES, PAID_TODAY, CLEAR, CREDIT = "owes", "paid_today", "clear", "credit"
STATUS_LABELS = {OWES: "欠费", PAID_TODAY: "今日已收", CLEAR: "已结清", CREDIT: "有预存"}
"""A stop's status and its Chinese name."""

_PIECES = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """A sort key comparing the digit runs of `text` as numbers (``2`` < ``10``)."""
    parts = _PIECES.split(text.strip())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


@dataclass(frozen=True)
class RouteStop:
    """One household of the work list: where, who, what it owes today (fen; negative is a
    credit) and what this device took from it today."""

    account_no: str
    name: str
    estate: str
    building: str
    unit: str
    room: str
    owed_fen: int
    paid_today_fen: int = 0

    @property
    def status(self) -> str:
        """OWES, PAID_TODAY (nothing owed after a payment today), CLEAR or CREDIT."""
        if self.owed_fen > 0:
            return OWES
        if self.paid_today_fen > 0:
            return PAID_TODAY
        return CREDIT if self.owed_fen < 0 else CLEAR

    @property
    def status_label(self) -> str:
        """The status in Chinese."""
        return STATUS_LABELS[self.status]

    @property
    def place(self) -> str:
        """Building, unit and room as the collector reads them: 3号楼2单元502."""
        building = self.building if self.building.endswith("号楼") else f"{self.building}号楼"
        unit = self.unit if not self.unit or self.unit.endswith("单元") else f"{self.unit}单元"
        return f"{building}{unit}{self.room}"


def route_order(stops: Iterable[RouteStop]) -> list[RouteStop]:
    """The stops in walking order: estate, building, unit, then room."""
    return sorted(
        stops,
        key=lambda s: (
            natural_key(s.estate),
            natural_key(s.building),
            natural_key(s.unit),
            natural_key(s.room),
            s.account_no,
        ),
    )


@dataclass(frozen=True)
class RouteTotals:
    """Counts and sums of a list of stops (fen)."""

    households: int
    owing: int
    owed_fen: int
    paid_today: int
    paid_today_fen: int


def route_totals(stops: Iterable[RouteStop]) -> RouteTotals:
    """How many households, how many still owe and how much, how many paid today."""
    stops = list(stops)
    owing = [s for s in stops if s.owed_fen > 0]
    paid = [s for s in stops if s.paid_today_fen > 0]
    return RouteTotals(
        households=len(stops),
        owing=len(owing),
        owed_fen=sum(s.owed_fen for s in owing),
        paid_today=len(paid),
        paid_today_fen=sum(s.paid_today_fen for s in paid),
    )
