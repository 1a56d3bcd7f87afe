"""The metered readings file (formats.md: 户号, 采暖期, 用量, 抄表日期), row by row.

Consumption is in the unit of the season's metered tariff (kWh or GJ), at most three
decimals, never negative. Each account may have one reading per season.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cashier.domain.table_rows import (
    CellError,
    Column,
    RowCells,
    date_cell,
    decimal_of,
    text_of,
)

READING_COLUMNS = (
    Column("account_no", "户号", required=True),
    Column("season", "采暖期", required=True),
    Column("consumption", "用量", required=True),
    Column("read_on", "抄表日期", required=True),
)
"""The columns of the readings file, in the order the template writes them."""

MAX_CONSUMPTION = Decimal("999999999.999")

_CHECKS = {
    "account_no": text_of(32),
    "season": text_of(32),
    "consumption": decimal_of(3, positive=False, high=MAX_CONSUMPTION),
    "read_on": date_cell,
}


@dataclass(frozen=True)
class ReadingRow:
    """One checked row: ``consumption`` in the tariff's unit; ``row`` is the file row number."""

    row: int
    account_no: str
    season: str
    consumption: Decimal
    read_on: date


def parse_reading_row(
    row: int, cells: Sequence[str], header: Mapping[str, int]
) -> tuple[ReadingRow | None, list[CellError]]:
    """Check one data row of the readings file; the reading, or None and every problem."""
    reader = RowCells(row, cells, header, READING_COLUMNS)
    values = {c.key: reader.get(c.key, _CHECKS[c.key]) for c in READING_COLUMNS}
    if reader.errors:
        return None, reader.errors
    return ReadingRow(row, **values), []


def check_consumption(text: str) -> Decimal:
    """``text`` checked as a reading's 用量 (at most three decimals, 0 to MAX_CONSUMPTION).

    Raises CellProblem (Chinese and English reason) for anything else.
    """
    return _CHECKS["consumption"](text.strip())


def reading_error(row: int, key: str, zh: str, en: str) -> CellError:
    """An error about the ``key`` column of file row ``row``."""
    column = next(c for c in READING_COLUMNS if c.key == key)
    return CellError(row, column.zh, column.key, zh, en)
