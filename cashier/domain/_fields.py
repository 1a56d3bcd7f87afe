"""Typed, path-aware reading of a parsed TOML/JSON document (used by the tariff reader).

Every problem raises :class:`TariffError` naming the key path, e.g.
``tariff.residential.area_price: 缺少必填项 (missing)``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from cashier.domain.errors import UserError

_MISSING = object()


class TariffError(UserError):
    """A season/tariff file or frozen tariff that cannot be used.

    ``path`` is the key path (``tariff.residential.area_price``, ``early_discount[0].to``);
    ``str(error)`` reads ``<path>: <中文> (<english>)``.
    """

    def __init__(self, path: str, chinese: str, english: str) -> None:
        prefix = f"{path}: " if path else ""
        super().__init__(f"{prefix}{chinese} ({english})", f"{prefix}{english}")
        self.path = path


class FieldTable:
    """One table of the document, remembering which keys were read so unknown ones fail."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise TariffError(path, "应为表", "expected a table")
        self._data = data
        self._path = path
        self._seen: set[str] = set()

    def path_of(self, key: str) -> str:
        """The full key path of ``key`` in this table."""
        return f"{self._path}.{key}" if self._path else key

    def fail(self, key: str, chinese: str, english: str) -> NoReturn:
        """Raise a TariffError about ``key`` of this table."""
        raise TariffError(self.path_of(key), chinese, english)

    def has(self, key: str) -> bool:
        """True when the table contains ``key``."""
        return key in self._data

    def keys(self) -> list[str]:
        """The keys of the table, in document order."""
        return list(self._data)

    def _take(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        value = self._data.get(key, _MISSING)
        if value is _MISSING and required:
            self.fail(key, "缺少必填项", "missing")
        return value

    def finish(self) -> None:
        """Refuse any key that was not read."""
        for key in self._data:
            if key not in self._seen:
                self.fail(key, "未知的键", "unknown key")

    def table(self, key: str) -> FieldTable:
        """A required sub-table."""
        return FieldTable(self._take(key, True), self.path_of(key))

    def optional_table(self, key: str) -> FieldTable | None:
        """A sub-table, or None when absent."""
        value = self._take(key, False)
        return None if value is _MISSING else FieldTable(value, self.path_of(key))

    def tables(self, key: str) -> list[FieldTable]:
        """An array of tables (``[[key]]`` or a list of inline tables); empty when absent."""
        value = self._take(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.fail(key, "应为列表", "expected a list")
        return [FieldTable(item, f"{self.path_of(key)}[{i}]") for i, item in enumerate(value)]

    def string(self, key: str, choices: tuple[str, ...] | None = None) -> str:
        """A required non-empty string, optionally one of ``choices``."""
        value = self._take(key, True)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "应为文本", "expected a string")
        if choices is not None and value not in choices:
            self._bad_choice(key, value, choices)
        return value

    def string_list(self, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        """A required, non-empty list of distinct strings, each one of ``choices``."""
        value = self._take(key, True)
        if not isinstance(value, list) or not value:
            self.fail(key, "应为非空列表", "expected a non-empty list")
        for item in value:
            if item not in choices:
                self._bad_choice(key, item, choices)
        if len(set(value)) != len(value):
            self.fail(key, "有重复项", "duplicate item")
        return tuple(value)

    def _bad_choice(self, key: str, value: object, choices: tuple[str, ...]) -> NoReturn:
        allowed = ", ".join(choices)
        self.fail(key, f"取值无效：{value}（可选：{allowed}）", f"invalid value {value!r}")

    def date(self, key: str) -> date:
        """A required date: a TOML local date or an ISO ``YYYY-MM-DD`` string."""
        value = self._take(key, True)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        elif isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.fail(key, "应为日期 (YYYY-MM-DD)", "expected a date")

    def integer(self, key: str, default: int) -> int:
        """An optional whole number (an integer or a string of digits)."""
        value = self._take(key, False)
        if value is _MISSING:
            return default
        if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.fail(key, "应为整数", "expected an integer")

    def decimal(
        self,
        key: str,
        *,
        low: int | None = None,
        high: int | None = None,
        positive: bool = False,
        required: bool = True,
        default: Decimal | None = None,
    ) -> Decimal | None:
        """A number read exactly (Decimal, integer or numeric string) within the bounds given.

        Returns ``default`` when the key is absent and not required.
        """
        raw = self._take(key, required and default is None)
        if raw is _MISSING:
            return default
        value = self._to_decimal(key, raw)
        if low is not None and value < low:
            self.fail(key, f"不能小于{low}", f"must be >= {low}")
        if high is not None and value > high:
            self.fail(key, f"不能大于{high}", f"must be <= {high}")
        if positive and value <= 0:
            self.fail(key, "必须大于0", "must be > 0")
        return value

    def _to_decimal(self, key: str, raw: Any) -> Decimal:
        value: Decimal | None = None
        if isinstance(raw, Decimal):
            value = raw
        elif isinstance(raw, int) and not isinstance(raw, bool):
            value = Decimal(raw)
        elif isinstance(raw, str):
            try:
                value = Decimal(raw.strip())
            except InvalidOperation:
                value = None
        if value is None or not value.is_finite():
            self.fail(key, "应为数字", "expected a number")
        return value
