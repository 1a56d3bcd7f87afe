"""Repair prices (维修收费标准) and the materials catalogue (材料目录), versioned by date.

Paid repair work is charged at the rates the local price bureau approved (服务规范三(八)7):
each repair item has a code, name, unit, price and the document it rests on (收费依据), and
is valid from a date. Materials have a code, name, specification, unit and unit price, also
from a date. A row is never changed once loaded: a new price is a new row of the same code
with a later ``valid_from``, and a bill uses, for each code, the row valid on the bill's date.

Files: a TOML file (``[[items]]`` and ``[[materials]]``, with a top-level ``valid_from`` and
``basis`` each row may override) or a table (.xlsx/.csv) with the columns of ``COLUMNS``.
Prices are yuan with at most two decimals; they are kept as int fen.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from cashier.domain._fields import FieldTable, TariffError
from cashier.domain.errors import UserError

LABOUR, MATERIAL = "labour", "material"
KIND_LABELS: dict[str, str] = {LABOUR: "维修项目", MATERIAL: "材料"}
_KIND_WORDS = {"维修项目": LABOUR, "项目": LABOUR, "材料": MATERIAL}
_KIND_WORDS.update({LABOUR: LABOUR, MATERIAL: MATERIAL})

COLUMNS = ("类别", "编码", "名称", "规格", "单位", "单价", "收费依据", "执行日期")
"""The header of a price table file; 规格 and 收费依据 may be empty for materials."""

MAX_CODE = 16
MAX_PRICE_FEN = 10_000_000
_CENT = Decimal("0.01")


class PriceListError(UserError):
    """A price file that cannot be loaded; the message names the row/key and the problem."""


@dataclass(frozen=True)
class PriceRow:
    """One priced thing from a date: a repair item (LABOUR) or a material (MATERIAL).

    ``price_fen`` is per ``unit``; ``basis`` is the approving document (required for items).
    """

    kind: str
    code: str
    name: str
    unit: str
    price_fen: int
    valid_from: dt.date
    spec: str = ""
    basis: str = ""

    @property
    def key(self) -> tuple[str, str, dt.date]:
        """(kind, code, valid_from): what identifies a row."""
        return self.kind, self.code, self.valid_from


@dataclass(frozen=True)
class Catalogue:
    """The rows valid on one date, by kind and code."""

    on: dt.date
    rows: dict[tuple[str, str], PriceRow]

    def find(self, kind: str, code: str) -> PriceRow | None:
        """The row of `kind` and `code` valid on the date, or None."""
        return self.rows.get((kind, code))

    def of_kind(self, kind: str) -> list[PriceRow]:
        """The rows of one kind, by code."""
        return sorted((r for r in self.rows.values() if r.kind == kind), key=lambda r: r.code)


def catalogue_on(rows: Iterable[PriceRow], on: dt.date) -> Catalogue:
    """For each (kind, code), the row with the latest ``valid_from`` not after ``on``."""
    chosen: dict[tuple[str, str], PriceRow] = {}
    for row in rows:
        if row.valid_from > on:
            continue
        held = chosen.get((row.kind, row.code))
        if held is None or row.valid_from > held.valid_from:
            chosen[(row.kind, row.code)] = row
    return Catalogue(on, chosen)


def parse_price_toml(text: str) -> list[PriceRow]:
    """The rows of a TOML price file (module docstring). Raises TariffError naming the key."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise TariffError("", f"TOML 格式错误：{error}", f"invalid TOML: {error}") from None
    top = FieldTable(data, "")
    default_from = top.date("valid_from") if top.has("valid_from") else None
    default_basis = top.string("basis") if top.has("basis") else ""
    rows: list[PriceRow] = []
    for kind, key in ((LABOUR, "items"), (MATERIAL, "materials")):
        for table in top.tables(key):
            rows.append(_toml_row(table, kind, default_from, default_basis))
    top.finish()
    if not rows:
        raise TariffError("items", "没有任何维修项目或材料", "no items or materials")
    return check_rows(rows)


def _toml_row(
    table: FieldTable, kind: str, default_from: dt.date | None, default_basis: str
) -> PriceRow:
    valid_from = table.date("valid_from") if table.has("valid_from") or not default_from else None
    key = "price" if kind == LABOUR else "unit_price"
    price = table.decimal(key, positive=True)
    row = PriceRow(
        kind=kind,
        code=table.string("code").strip(),
        name=table.string("name").strip(),
        unit=table.string("unit").strip(),
        price_fen=_fen(price, lambda zh, en: table.fail(key, zh, en)),
        valid_from=valid_from or default_from,  # type: ignore[arg-type]
        spec=table.string("spec").strip() if table.has("spec") else "",
        basis=table.string("basis").strip() if table.has("basis") else default_basis,
    )
    table.finish()
    if kind == LABOUR and not row.basis:
        table.fail("basis", "维修项目须写明收费依据", "an item needs its basis")
    return row


def parse_price_rows(rows: Iterable[tuple[int, Sequence[str]]]) -> list[PriceRow]:
    """The rows of a price table (header first, ``(row number, cells)``).

    Raises PriceListError naming the row and column of the first problem.
    """
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise PriceListError("文件是空的。", "the file is empty")
    index = _header_index(header[1])
    found = [_table_row(number, cells, index) for number, cells in iterator]
    if not found:
        raise PriceListError("文件中没有价格行。", "the file has no price rows")
    return check_rows(found)


def _header_index(cells: Sequence[str]) -> dict[str, int]:
    names = [cell.strip() for cell in cells]
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise PriceListError(
            f"第1行缺少列：{'、'.join(missing)}（应有：{'、'.join(COLUMNS)}）。",
            f"row 1 lacks columns {missing}",
        )
    return {name: names.index(name) for name in COLUMNS}


def _table_row(number: int, cells: Sequence[str], index: dict[str, int]) -> PriceRow:
    def cell(name: str) -> str:
        position = index[name]
        return cells[position].strip() if position < len(cells) else ""

    def fail(name: str, zh: str, en: str) -> PriceListError:
        return PriceListError(f"第{number}行“{name}”：{zh}", f"row {number}, {name}: {en}")

    kind = _KIND_WORDS.get(cell("类别"))
    if kind is None:
        raise fail("类别", "应为“维修项目”或“材料”", "expected 维修项目 or 材料")
    for name in ("编码", "名称", "单位") + (("收费依据",) if kind == LABOUR else ()):
        if not cell(name):
            raise fail(name, "不能为空", "must not be empty")
    try:
        price = Decimal(cell("单价").replace(",", ""))
        valid_from = dt.date.fromisoformat(cell("执行日期"))
    except InvalidOperation:
        raise fail("单价", "应为金额", "expected an amount") from None
    except ValueError:
        raise fail("执行日期", "应为日期 YYYY-MM-DD", "expected a date") from None

    def price_fail(zh: str, en: str) -> None:
        raise fail("单价", zh, en)

    return PriceRow(
        kind=kind,
        code=cell("编码"),
        name=cell("名称"),
        unit=cell("单位"),
        price_fen=_fen(price, price_fail),
        valid_from=valid_from,
        spec=cell("规格"),
        basis=cell("收费依据"),
    )


def _fen(price: Any, fail) -> int:
    """Positive yuan with at most two decimals, as fen; calls `fail(zh, en)` otherwise."""
    if not isinstance(price, Decimal) or not price.is_finite() or price <= 0:
        fail("应为大于0的金额", "expected a positive amount")
    if price != price.quantize(_CENT):
        fail("最多两位小数", "at most two decimals")
    fen = int(price.scaleb(2))
    if fen > MAX_PRICE_FEN:
        fail("金额过大", "amount too large")
    return fen


def check_rows(rows: list[PriceRow]) -> list[PriceRow]:
    """The rows, if no (kind, code, valid_from) appears twice and codes are short enough.

    Raises PriceListError.
    """
    seen: set[tuple[str, str, dt.date]] = set()
    for row in rows:
        if len(row.code) > MAX_CODE:
            raise PriceListError(
                f"编码 {row.code} 太长（最多 {MAX_CODE} 位）。", f"code {row.code} too long"
            )
        if row.key in seen:
            raise PriceListError(
                f"{KIND_LABELS[row.kind]} {row.code} 在 {row.valid_from} 出现两次。",
                f"{row.kind} {row.code} appears twice for {row.valid_from}",
            )
        seen.add(row.key)
    return rows


def conflicts(new: Iterable[PriceRow], stored: dict[tuple[str, str, dt.date], PriceRow]) -> list:
    """New rows whose (kind, code, valid_from) is stored with other values (a price cannot
    change once loaded: a new price needs a new date)."""
    return [row for row in new if row.key in stored and stored[row.key] != row]
