"""The public price list (收费标准公示): a season's tariffs, rules and their basis.

Prices are shown exactly as loaded (Decimal text, never rounded through float); ratios and
rates as percentages (0.002 a day is 2‰, shown 0.2%).
"""

from __future__ import annotations

from decimal import Decimal

from cashier.domain.report_table import TEXT, Column, Report, Table
from cashier.domain.tariffs import CATEGORIES, CategoryTariff, SeasonTariff
from cashier.domain.tender import AGENT_METHODS, METHODS

CATEGORY_NAMES = {"residential": "居民", "non_residential": "非居民"}
SETTLEMENT_NAMES = {"refund_and_topup": "多退少补", "refund_only": "多退少不补"}
PRICES_TITLE, RULES_TITLE, SEASON_TITLE = "热价标准", "收费规则", "采暖期"


def _yuan(value: Decimal) -> str:
    """A price with at least two decimals, more only when the tariff has them."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:
        return str(value.quantize(Decimal("0.01")))
    return str(value)


def _pct(ratio: Decimal) -> str:
    text = format((ratio * 100).normalize(), "f")
    return f"{text}%"


def _price_row(category: str, tariff: CategoryTariff) -> tuple:
    metered = tariff.metered
    return (
        CATEGORY_NAMES.get(category, category),
        f"{_yuan(tariff.area_price)} 元/㎡",
        f"{_yuan(tariff.low_income_price)} 元/㎡" if tariff.low_income_price is not None else "—",
        _pct(tariff.suspended_ratio),
        _pct(tariff.low_income_suspended_ratio) if tariff.low_income_price is not None else "—",
        f"基本热价{_pct(metered.base_ratio)}，{_yuan(metered.unit_price)} 元/{metered.unit}，"
        f"{SETTLEMENT_NAMES.get(metered.settlement, metered.settlement)}"
        if metered is not None
        else "—",
    )


def _categories(tariff: SeasonTariff) -> list[str]:
    """The season's categories: 居民 first, then 非居民, then any other."""
    known = [code for code in CATEGORIES if code in tariff.tariffs]
    return known + sorted(set(tariff.tariffs) - set(known))


def price_table(tariff: SeasonTariff) -> Table:
    """One row per account category."""
    columns = (
        Column("用户类别", TEXT, 0.8),
        Column("面积热价（每采暖期）", TEXT, 1.3),
        Column("低保热价", TEXT, 1.0),
        Column("报停基本热费", TEXT, 1.0),
        Column("低保报停", TEXT, 0.8),
        Column("计量收费", TEXT, 2.2),
    )
    rows = [_price_row(code, tariff.tariffs[code]) for code in _categories(tariff)]
    return Table(PRICES_TITLE, columns, rows)


def _channels(codes: tuple[str, ...]) -> str:
    names = {**METHODS, **AGENT_METHODS}
    return "、".join(names.get(code, code) for code in codes)


def rule_rows(tariff: SeasonTariff) -> list[tuple[str, str]]:
    """(rule, what it says) for every rule the season has."""
    rows = [_ceiling_row(code, tariff.tariffs[code]) for code in _categories(tariff)]
    rows = [row for row in rows if row is not None]
    if tariff.late_fee is not None:
        cap = tariff.late_fee.cap_ratio
        text = (
            "逾期未缴的，自缴费截止日次日起按欠费本金每日 "
            f"{_pct(tariff.late_fee.daily_rate)} 计收"
        )
        rows.append(("滞纳金", text + (f"，累计不超过应收热费的 {_pct(cap)}" if cap else "")))
    for d in tariff.discounts:
        window = f"{d.from_.isoformat()} 至 {d.to.isoformat()}"
        rows.append(
            ("提前缴费优惠",
             f"{window} 通过{_channels(d.channels)}一次缴清当期热费的，优惠 {_pct(d.rate)}")
        )  # fmt: skip
    if tariff.outage is not None:
        hours = tariff.outage.min_hours
        rows.append(("停热减收", f"连续停热 {hours} 小时以上的，按停热整日数减收热费"))
    refund = tariff.temperature_refund
    if refund is not None:
        bands = "；".join(_band_text(band) for band in refund.bands)
        text = f"室温低于 {refund.standard_c}℃ 经双方签字确认的，按差值退费：{bands}"
        rows.append(("室温退费", text))
    return rows


def _ceiling_row(code: str, tariff: CategoryTariff) -> tuple[str, str] | None:
    rule = tariff.ceiling
    if rule is None:
        return None
    text = (
        f"层高超过 {rule.threshold_m} 米的，每超过 {rule.step_m} 米加收 "
        f"{_pct(rule.step_rate)}，最多加收 {_pct(rule.max_rate)}"
    )
    return (f"层高加收（{CATEGORY_NAMES.get(code, code)}）", text)


def _band_text(band) -> str:
    if band.below is not None:
        return f"低于标准不足 {band.below}℃ 退 {_pct(band.ratio)}"
    if band.upto is not None:
        return f"低于标准 {band.upto}℃ 以内退 {_pct(band.ratio)}"
    return f"其余退 {_pct(band.ratio)}"


def price_list_report(
    tariff: SeasonTariff, basis: str, company: str, service_phone: str = ""
) -> Report:
    """The public price list of a season; ``basis`` names the price documents it rests on."""
    season = tariff.season
    season_rows = [
        ("采暖期", season.code),
        ("供热时间", f"{season.start.isoformat()} 至 {season.end.isoformat()}（{season.days} 天）"),
        ("缴费截止日", season.due_date.isoformat()),
        ("收费依据", basis or "（未填写）"),
    ]
    pair_columns = (Column("项目", TEXT, 1.0), Column("内容", TEXT, 4.0))
    rules = rule_rows(tariff)
    tables = [Table(SEASON_TITLE, pair_columns, season_rows), price_table(tariff)]
    if rules:
        tables.append(Table(RULES_TITLE, pair_columns, rules))
    return Report(
        kind="prices",
        title="收费标准公示",
        company=company,
        facts=(("采暖期", season.code),),
        tables=tuple(tables),
        notes=(
            "采暖费 = 供热面积 × 面积热价；报停户按面积热价 × 报停比例收取基本热费。",
            "欢迎用户监督，如有疑问请拨打服务电话。",
        ),
        service_phone=service_phone,
    )
