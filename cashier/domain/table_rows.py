"""Checking rows of an import file cell by cell, with errors a user can find in the file.

Pure: cells arrive as text (services/tabular.py turns CSV and XLSX cells into text). Row
numbers are those a spreadsheet shows: the header is row 1, the first data row is row 2.
Every problem becomes a :class:`CellError` ("第3行，供热面积：…" / "row 3, heated_area: …");
an import refuses the whole file with :class:`ImportRefused` listing all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from cashier.domain.errors import UserError
from cashier.domain.money import MoneyError, parse_yuan

HEADER_ROW = 1
"""The row number of the header; data rows start at 2."""

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_SPACES = " \t\r\n\u3000\u00a0\ufeff"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Column:
    """A column of an import file: ``key`` is its English header, ``zh`` its Chinese one."""

    key: str
    zh: str
    required: bool = False


@dataclass(frozen=True)
class CellError:
    """One problem in a file: row number, column header (Chinese and English) and why."""

    row: int
    column_zh: str
    column_en: str
    zh: str
    en: str

    def __str__(self) -> str:
        where = f"第{self.row}行，{self.column_zh}" if self.column_zh else f"第{self.row}行"
        return f"{where}：{self.zh}"

    @property
    def english(self) -> str:
        """The same problem in English: ``row 3, heated_area: must be > 0``."""
        where = f"row {self.row}, {self.column_en}" if self.column_en else f"row {self.row}"
        return f"{where}: {self.en}"


class ImportRefused(UserError):
    """An import file with errors: nothing was written. ``errors`` lists every problem."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        self.errors = tuple(sorted(errors, key=lambda e: e.row))
        count = len(self.errors)
        super().__init__(
            "\n".join([f"导入被拒绝，未写入任何数据：共{count}处错误", *map(str, self.errors)]),
            "\n".join(
                [f"import refused, nothing written: {count} error(s)"]
                + [e.english for e in self.errors]
            ),
        )


class CellProblem(Exception):
    """Raised by a cell check; becomes a :class:`CellError` with the row and column."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def clean(cell: str | None) -> str:
    """A cell's text without surrounding spaces (full-width and no-break spaces too)."""
    return (cell or "").strip(_SPACES)


def map_header(cells: Sequence[str], columns: Sequence[Column]) -> dict[str, int]:
    """Which cell index holds each column: ``{"account_no": 0, ...}``.

    Headers match the Chinese name or the English key (any case); empty header cells are
    ignored. Raises :class:`ImportRefused` for an unknown, repeated or missing required column.
    """
    by_name = {c.zh: c for c in columns} | {c.key.lower(): c for c in columns}
    found: dict[str, int] = {}
    errors = []
    for index, raw in enumerate(cells):
        name = clean(raw)
        column = by_name.get(name) or by_name.get(name.lower())
        if not name:
            continue
        if column is None:
            errors.append(_header_error(name, "未知的列", "unknown column"))
        elif column.key in found:
            errors.append(_header_error(name, "列重复", "repeated column"))
        else:
            found[column.key] = index
    for column in columns:
        if column.required and column.key not in found:
            errors.append(_header_error(column.zh, "缺少必填列", "required column missing"))
    if errors:
        raise ImportRefused(errors)
    return found


def _header_error(name: str, zh: str, en: str) -> CellError:
    return CellError(HEADER_ROW, f"列“{name}”", f"column {name!r}", zh, en)


class RowCells:
    """The cells of one data row by column key, collecting a :class:`CellError` per problem."""

    def __init__(
        self, row: int, cells: Sequence[str], header: Mapping[str, int], columns: Sequence[Column]
    ) -> None:
        self.row = row
        self.errors: list[CellError] = []
        self._columns = {c.key: c for c in columns}
        self._values = {
            key: clean(cells[index]) if index < len(cells) else "" for key, index in header.items()
        }

    def raw(self, key: str) -> str:
        """The cleaned text of a cell ("" when empty or the column is absent)."""
        return self._values.get(key, "")

    def error(self, key: str, zh: str, en: str) -> None:
        """Record a problem with the cell of column ``key``."""
        column = self._columns[key]
        self.errors.append(CellError(self.row, column.zh, column.key, zh, en))

    def get(self, key: str, check, default=None):
        """The cell checked by ``check(text)``; ``default`` when empty (an error if required).

        A :class:`CellProblem` raised by ``check`` is recorded and ``default`` returned.
        """
        text = self.raw(key)
        if not text:
            if self._columns[key].required:
                self.error(key, "必填", "required")
            return default
        try:
            return check(text)
        except CellProblem as problem:
            self.error(key, problem.zh, problem.en)
            return default


# --- cell checks: text in, value out, CellProblem on bad input ----------------------------------


def text_of(max_len: int):
    """A check accepting text of at most ``max_len`` characters."""

    def check(text: str) -> str:
        if len(text) > max_len:
            raise CellProblem(f"最多{max_len}个字", f"at most {max_len} characters")
        return text

    return check


def choice_of(options: Mapping[str, str], shown: str):
    """A check mapping accepted words (Chinese or English, any case) to a value."""
    lowered = {word.lower(): value for word, value in options.items()}

    def check(text: str) -> str:
        value = lowered.get(text.lower())
        if value is None:
            raise CellProblem(f"应为 {shown}", f"must be one of {shown}")
        return value

    return check


def decimal_of(places: int, *, positive: bool, high: Decimal):
    """A check for a number with at most ``places`` decimals, > 0 or >= 0, at most ``high``."""

    def check(text: str) -> Decimal:
        value = _number(text.translate(_FULL_WIDTH))
        sign = "大于0" if positive else "不小于0"
        if value is None or value > high or value != value.quantize(Decimal(1).scaleb(-places)):
            raise CellProblem(
                f"应为{sign}且不大于{high}的数，最多{places}位小数",
                f"must be a number {'> 0' if positive else '>= 0'} and at most {high}, "
                f"with at most {places} decimals",
            )
        if value < 0 or (positive and value == 0):
            raise CellProblem(f"应{sign}", "must be > 0" if positive else "must be >= 0")
        return value

    return check


def _number(text: str) -> Decimal | None:
    if not re.fullmatch(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def date_cell(text: str) -> date:
    """A check for a date written YYYY-MM-DD."""
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise CellProblem("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD")


def yuan_cell(text: str) -> int:
    """A check for a non-negative amount in yuan (at most two decimals); returns fen."""
    try:
        return parse_yuan(text)
    except MoneyError as error:
        raise CellProblem(str(error), error.english) from None
