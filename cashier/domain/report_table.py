"""A report as data: titled tables of typed columns, with subtotal rows, before any format.

The PDF and .xlsx writers (cashier/printing) and the screen all render this one shape, so a
total is computed once, here or in the report's own module, and every format shows the same
figure. Cell values by column kind:

- TEXT: str; MONEY: int fen (shown as yuan with two decimals, a real number in .xlsx);
- COUNT: int; PERCENT: Decimal fraction (0.9512 shows 95.12%) or None; DATE: datetime.date.

A row is a tuple of cells; a :class:`Subtotal` row is drawn shaded (PDF) or bold (.xlsx).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cashier.domain.money import format_yuan

TEXT, MONEY, COUNT, PERCENT, DATE = "text", "money", "count", "percent", "date"
KINDS = (TEXT, MONEY, COUNT, PERCENT, DATE)


@dataclass(frozen=True)
class Column:
    """A column: its heading, the kind of its cells, its relative width on paper."""

    title: str
    kind: str = TEXT
    width: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class Subtotal:
    """A subtotal or total row (its cells as a plain row's)."""

    cells: tuple


Row = tuple | Subtotal


@dataclass(frozen=True)
class Table:
    """A titled table; ``rows`` may hold Subtotal rows between plain ones."""

    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Row]

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows[:1] if len(self.rows) > 1000 else self.rows:
            if len(cells_of(row)) != width:
                raise ValueError(f"{self.title}: a row of {len(cells_of(row))} cells, not {width}")


@dataclass(frozen=True)
class Report:
    """A whole report: ``kind`` is its command name ("daily", "arrears" ...), ``title`` the
    Chinese heading, ``facts`` (label, value) pairs printed under it, ``notes`` at the end."""

    kind: str
    title: str
    company: str
    facts: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()
    landscape: bool = False
    service_phone: str = field(default="")

    def table(self, title: str) -> Table:
        """The table with this title; raises KeyError."""
        for table in self.tables:
            if table.title == title:
                return table
        raise KeyError(title)


def cells_of(row: Row) -> tuple:
    """The cells of a plain or subtotal row."""
    return row.cells if isinstance(row, Subtotal) else row


def is_subtotal(row: Row) -> bool:
    """True for a subtotal/total row."""
    return isinstance(row, Subtotal)


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as a fraction rounded half-up to 0.0001 (None when ``whole`` is 0)."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def cell_text(value: object, kind: str) -> str:
    """A cell as printed: money ``1,234.56``, percent ``95.12%``, dates ``2025-11-15``."""
    if value is None or value == "":
        return ""
    if kind == MONEY:
        return format_yuan(int(value), symbol="")  # type: ignore[call-overload]
    if kind == PERCENT:
        return f"{Decimal(value) * 100:.2f}%"  # type: ignore[arg-type]
    if kind == COUNT:
        return f"{int(value):,}"  # type: ignore[call-overload]
    if kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
