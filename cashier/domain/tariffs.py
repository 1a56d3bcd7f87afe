"""Seasons and tariffs: the data every heat-fee figure comes from.

Heat prices are set by each city's price bureau, so nothing here is a constant of the code:
a company loads a season/tariff file (TOML, see shared/domain/formats.md) and
:func:`parse_tariff_toml` turns it into a frozen :class:`SeasonTariff`. Prices are ``Decimal``
yuan per m² (or per kWh/GJ); ratios and rates are ``Decimal`` fractions (0.002 is 2‰).

:func:`tariff_to_dict` and :func:`tariff_from_dict` give a JSON-safe copy (Decimals and dates
as strings) in the same shape as the TOML file, so the store can freeze the tariff a bill was
computed with.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from cashier.domain._fields import FieldTable, TariffError

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "CategoryTariff",
    "CeilingRule",
    "EarlyDiscount",
    "LateFeeRule",
    "MeteredRule",
    "OutageRule",
    "Season",
    "SeasonTariff",
    "TariffError",
    "TemperatureBand",
    "TemperatureRefundRule",
    "parse_tariff_toml",
    "tariff_from_dict",
    "tariff_to_dict",
]

CATEGORIES = ("residential", "non_residential")
"""Account categories (用户类别): 居民, 非居民."""

CHANNELS = ("cash", "wechat", "alipay", "bank_card", "bank_transfer", "agent")
"""Payment channels (缴费渠道); ``agent`` is a bank or agent collection file."""

SETTLEMENTS = ("refund_and_topup", "refund_only")
"""Metered settlement modes: 多退少补 and 多退少不补."""

UNITS = ("kWh", "GJ")
"""Units of metered heat."""

OPENING = "opening"
"""Reserved item code for arrears carried over from a previous system (往年欠费)."""


@dataclass(frozen=True)
class Season:
    """A heating season (采暖期): first and last heating day, both inclusive.

    ``days`` is the divisor of daily proration (defaults to end - start + 1 in the file);
    ``due_date`` is the payment deadline (缴费截止日), after which late fees accrue.
    """

    code: str
    start: date
    end: date
    days: int
    due_date: date


@dataclass(frozen=True)
class LateFeeRule:
    """Late fee (滞纳金): ``daily_rate`` of the unpaid principal per day after the due date.

    ``cap_ratio``, when set, caps the season's total late fee at its charge × cap_ratio.
    """

    daily_rate: Decimal
    cap_ratio: Decimal | None = None


@dataclass(frozen=True)
class EarlyDiscount:
    """Early-payment discount window (提前缴费优惠): dates inclusive, rate of the principal."""

    from_: date
    to: date
    rate: Decimal
    channels: tuple[str, ...]

    def applies(self, on: date, channel: str) -> bool:
        """True when a payment on ``on`` through ``channel`` falls in this window."""
        return self.from_ <= on <= self.to and channel in self.channels


@dataclass(frozen=True)
class TemperatureBand:
    """One band of the temperature refund: shortfall < ``below`` or ≤ ``upto`` (℃).

    A band with neither bound catches every larger shortfall (it must be the last one).
    """

    ratio: Decimal
    below: Decimal | None = None
    upto: Decimal | None = None

    def matches(self, shortfall: Decimal) -> bool:
        """True when a shortfall in ℃ falls in this band."""
        if self.below is not None:
            return shortfall < self.below
        if self.upto is not None:
            return shortfall <= self.upto
        return True


@dataclass(frozen=True)
class TemperatureRefundRule:
    """Temperature refund (室温退费): the standard indoor ℃ and the refund bands."""

    standard_c: Decimal
    bands: tuple[TemperatureBand, ...]

    def ratio_for(self, shortfall: Decimal) -> Decimal:
        """Refund ratio for a shortfall in ℃ (0 when the room was warm enough)."""
        if shortfall <= 0:
            return Decimal(0)
        return next(band.ratio for band in self.bands if band.matches(shortfall))


@dataclass(frozen=True)
class OutageRule:
    """Outage credit (停热减收): outages of at least ``min_hours`` reduce the fee."""

    min_hours: Decimal


@dataclass(frozen=True)
class MeteredRule:
    """Two-part metered tariff: base = area price × ``base_ratio``, energy = use × unit price."""

    base_ratio: Decimal
    unit_price: Decimal
    unit: str
    settlement: str


@dataclass(frozen=True)
class CeilingRule:
    """Ceiling-height surcharge (层高加收): ``step_rate`` per started ``step_m`` above the
    threshold, at most ``max_rate``."""

    threshold_m: Decimal
    step_m: Decimal
    step_rate: Decimal
    max_rate: Decimal


@dataclass(frozen=True)
class CategoryTariff:
    """Prices of one account category for a season (yuan per m² of heated area)."""

    area_price: Decimal
    low_income_price: Decimal | None
    suspended_ratio: Decimal
    low_income_suspended_ratio: Decimal
    metered: MeteredRule | None = None
    ceiling: CeilingRule | None = None


@dataclass(frozen=True)
class SeasonTariff:
    """Everything a season's bills and payments are computed with."""

    season: Season
    late_fee: LateFeeRule | None
    discounts: tuple[EarlyDiscount, ...]
    temperature_refund: TemperatureRefundRule | None
    outage: OutageRule | None
    tariffs: dict[str, CategoryTariff]

    def for_category(self, category: str) -> CategoryTariff:
        """The tariff of ``category``; raises TariffError when the season has none."""
        try:
            return self.tariffs[category]
        except KeyError:
            path = f"tariff.{category}"
            raise TariffError(path, "本采暖期没有该类别的热价", "no tariff") from None


# --- reading -----------------------------------------------------------------------------------


def parse_tariff_toml(text: str) -> SeasonTariff:
    """Read a season/tariff file (TOML, shared/domain/formats.md) exactly.

    Numbers are read as Decimal; strings such as ``"22.00"`` and integers are accepted.
    Raises :class:`TariffError` naming the key path of the first problem: a missing key, an
    unknown key, a wrong type, an end before the start, ``days`` <= 0, a ratio out of range,
    an unknown channel, or a TOML syntax error.
    """
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise TariffError("", f"TOML 格式错误：{error}", f"TOML syntax error: {error}") from None
    return tariff_from_dict(data)


def tariff_from_dict(data: dict[str, Any]) -> SeasonTariff:
    """Rebuild a tariff from :func:`tariff_to_dict` output (or a parsed TOML document).

    Validates exactly like :func:`parse_tariff_toml`; raises :class:`TariffError`.
    """
    root = FieldTable(data, "")
    tariff = SeasonTariff(
        season=_season(root.table("season")),
        late_fee=_late_fee(root.optional_table("late_fee")),
        discounts=tuple(_discount(t) for t in root.tables("early_discount")),
        temperature_refund=_temperature(root.optional_table("temperature_refund")),
        outage=_outage(root.optional_table("outage")),
        tariffs=_categories(root.table("tariff")),
    )
    root.finish()
    return tariff


def _season(table: FieldTable) -> Season:
    code = table.string("code")
    if code == OPENING or len(code) > 32:
        table.fail("code", "采暖期编号不可用", "code not allowed")
    start, end = table.date("start"), table.date("end")
    if end < start:
        table.fail("end", "结束日早于开始日", "end before start")
    days = table.integer("days", default=(end - start).days + 1)
    if days <= 0:
        table.fail("days", "天数必须大于0", "must be > 0")
    season = Season(code, start, end, days, table.date("due_date"))
    table.finish()
    return season


def _late_fee(table: FieldTable | None) -> LateFeeRule | None:
    if table is None:
        return None
    rule = LateFeeRule(
        daily_rate=table.decimal("daily_rate", low=0, high=1),
        cap_ratio=table.decimal("cap_ratio", low=0, required=False),
    )
    table.finish()
    return rule


def _discount(table: FieldTable) -> EarlyDiscount:
    start, end = table.date("from"), table.date("to")
    if end < start:
        table.fail("to", "结束日早于开始日", "end before start")
    rate = table.decimal("rate", low=0, high=1)
    channels = table.string_list("channels", choices=CHANNELS)
    table.finish()
    return EarlyDiscount(start, end, rate, channels)


def _temperature(table: FieldTable | None) -> TemperatureRefundRule | None:
    if table is None:
        return None
    standard = table.decimal("standard_c")
    bands = tuple(_band(band) for band in table.tables("bands"))
    if not bands or bands[-1].below is not None or bands[-1].upto is not None:
        table.fail("bands", "最后一档不能有上限", "the last band must have no bound")
    table.finish()
    return TemperatureRefundRule(standard, bands)


def _band(table: FieldTable) -> TemperatureBand:
    below = table.decimal("below", low=0, required=False)
    upto = table.decimal("upto", low=0, required=False)
    if below is not None and upto is not None:
        table.fail("upto", "below 与 upto 只能有一个", "below and upto are exclusive")
    band = TemperatureBand(table.decimal("ratio", low=0, high=1), below, upto)
    table.finish()
    return band


def _outage(table: FieldTable | None) -> OutageRule | None:
    if table is None:
        return None
    rule = OutageRule(table.decimal("min_hours", low=0))
    table.finish()
    return rule


def _categories(table: FieldTable) -> dict[str, CategoryTariff]:
    for key in table.keys():
        if key not in CATEGORIES:
            table.fail(key, "未知的键", "unknown key")
    result = {c: _category(table.table(c)) for c in CATEGORIES if table.has(c)}
    if not result:
        table.fail("residential", "缺少必填项", "missing")
    return result


def _category(table: FieldTable) -> CategoryTariff:
    suspended = table.decimal("suspended_ratio", low=0, high=1)
    tariff = CategoryTariff(
        area_price=table.decimal("area_price", low=0),
        low_income_price=table.decimal("low_income_price", low=0, required=False),
        suspended_ratio=suspended,
        low_income_suspended_ratio=table.decimal(
            "low_income_suspended_ratio", low=0, high=1, default=suspended
        ),
        metered=_metered(table.optional_table("metered")),
        ceiling=_ceiling(table.optional_table("ceiling")),
    )
    table.finish()
    return tariff


def _metered(table: FieldTable | None) -> MeteredRule | None:
    if table is None:
        return None
    rule = MeteredRule(
        base_ratio=table.decimal("base_ratio", low=0, high=1),
        unit_price=table.decimal("unit_price", low=0),
        unit=table.string("unit", choices=UNITS),
        settlement=table.string("settlement", choices=SETTLEMENTS),
    )
    table.finish()
    return rule


def _ceiling(table: FieldTable | None) -> CeilingRule | None:
    if table is None:
        return None
    rule = CeilingRule(
        threshold_m=table.decimal("threshold_m", low=0),
        step_m=table.decimal("step_m", low=0, positive=True),
        step_rate=table.decimal("step_rate", low=0),
        max_rate=table.decimal("max_rate", low=0),
    )
    table.finish()
    return rule


# --- writing -----------------------------------------------------------------------------------


def tariff_to_dict(tariff: SeasonTariff) -> dict[str, Any]:
    """A JSON-safe dict of ``tariff`` in the TOML file's shape (Decimals and dates as strings).

    :func:`tariff_from_dict` turns it back into an equal :class:`SeasonTariff`.
    """
    season = tariff.season
    data: dict[str, Any] = {
        "season": {
            "code": season.code,
            "start": season.start.isoformat(),
            "end": season.end.isoformat(),
            "days": season.days,
            "due_date": season.due_date.isoformat(),
        },
        "early_discount": [_discount_dict(d) for d in tariff.discounts],
        "tariff": {c: _category_dict(t) for c, t in tariff.tariffs.items()},
    }
    if tariff.late_fee is not None:
        data["late_fee"] = _drop_none(
            {"daily_rate": tariff.late_fee.daily_rate, "cap_ratio": tariff.late_fee.cap_ratio}
        )
    if tariff.temperature_refund is not None:
        rule = tariff.temperature_refund
        bands = [
            _drop_none({"below": b.below, "upto": b.upto, "ratio": b.ratio}) for b in rule.bands
        ]
        data["temperature_refund"] = {"standard_c": str(rule.standard_c), "bands": bands}
    if tariff.outage is not None:
        data["outage"] = {"min_hours": str(tariff.outage.min_hours)}
    return data


def _discount_dict(discount: EarlyDiscount) -> dict[str, Any]:
    return {
        "from": discount.from_.isoformat(),
        "to": discount.to.isoformat(),
        "rate": str(discount.rate),
        "channels": list(discount.channels),
    }


def _category_dict(tariff: CategoryTariff) -> dict[str, Any]:
    data = _drop_none(
        {
            "area_price": tariff.area_price,
            "low_income_price": tariff.low_income_price,
            "suspended_ratio": tariff.suspended_ratio,
            "low_income_suspended_ratio": tariff.low_income_suspended_ratio,
        }
    )
    if tariff.metered is not None:
        data["metered"] = _drop_none(asdict(tariff.metered))
    if tariff.ceiling is not None:
        data["ceiling"] = _drop_none(asdict(tariff.ceiling))
    return data


def _drop_none(values: dict[str, Decimal | str | None]) -> dict[str, str]:
    return {key: str(value) for key, value in values.items() if value is not None}
