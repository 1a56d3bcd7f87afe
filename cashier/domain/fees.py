"""The heat-fee engine: the lines of a season bill (shared/domain/heat-fees.md, lines 1-6).

Every line is computed exactly with Decimal (yuan) and rounded once, half-up, to the fen; a
credit is rounded as a positive amount and then negated. A season's charge is the sum of its
rounded lines. Amounts on :class:`BillLine` are int fen; negative amounts are credits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

from cashier.domain.accounts import BillingFacts
from cashier.domain.errors import UserError
from cashier.domain.money import fen_from_decimal, format_plain
from cashier.domain.tariffs import CategoryTariff, SeasonTariff

LABELS = {
    "heating": "采暖费",
    "ceiling": "层高加收",
    "suspension": "基本热费",
    "metered_settlement": "计量结算",
    "outage_credit": "停热减收",
    "temperature_refund": "室温退费",
    "adjustment": "调整",
    "late_fee_waiver": "滞纳金减免",
    "early_discount": "提前缴费优惠",
}
"""Line kinds (short English codes) and the Chinese label printed for each."""

_PRECISION = 60


class FeeError(UserError):
    """Input to the fee engine that a user can correct (e.g. a cold area above the heated one)."""


@dataclass(frozen=True)
class BillLine:
    """One line of a season bill: ``amount_fen`` in fen (negative for a credit).

    ``detail`` shows the arithmetic (``89.56㎡×22.00``); ``corrects`` names the line kind an
    adjustment corrects.
    """

    kind: str
    label_zh: str
    amount_fen: int
    detail: str = ""
    corrects: str | None = None


@dataclass(frozen=True)
class DatedLine:
    """A bill line posted to a season on a date (opening bill, credit, adjustment, waiver)."""

    on: date
    line: BillLine
    reason: str = ""


def _line(kind: str, amount_fen: int, detail: str) -> BillLine:
    return BillLine(kind, LABELS[kind], amount_fen, detail)


def _credit_fen(amount_yuan: Decimal) -> int:
    """A credit: round the positive amount half-up, then negate."""
    return -fen_from_decimal(amount_yuan)


def _num(value: Decimal) -> str:
    """Show a price or area with at least two decimals and without an exponent."""
    if value == value.quantize(Decimal("0.01")):
        return f"{value:.2f}"
    return format(value.normalize(), "f")


def _percent(rate: Decimal) -> str:
    return format((rate * 100).normalize(), "f") + "%"


# --- lines 1-3 ---------------------------------------------------------------------------------


def _price(facts: BillingFacts, tariff: CategoryTariff) -> Decimal:
    """Price per m²: the low-income price for a low-income residential account if there is one."""
    if facts.low_income_residential and tariff.low_income_price is not None:
        return tariff.low_income_price
    return tariff.area_price


def heated_days(facts: BillingFacts, tariff: SeasonTariff) -> int:
    """Days of the season the account is billed for, out of ``tariff.season.days``.

    The whole season (``days``) unless connected after the first heating day, then
    ``last day - connection date + 1`` (never more than ``days``, never below 0).
    """
    season = tariff.season
    if facts.connected_on is None or facts.connected_on <= season.start:
        return season.days
    return max(0, min(season.days, (season.end - facts.connected_on).days + 1))


def _heating_yuan(facts: BillingFacts, tariff: SeasonTariff, prorate: bool) -> Decimal:
    """Line 1 unrounded: area × price × share (share 1 unless prorated)."""
    price = _price(facts, tariff.for_category(facts.category))
    days = heated_days(facts, tariff) if prorate else tariff.season.days
    with localcontext(prec=_PRECISION):
        return facts.heated_area * price * days / tariff.season.days


def _ceiling_rate(facts: BillingFacts, tariff: CategoryTariff) -> Decimal:
    """Ceiling surcharge rate: min(⌈(height - threshold) ÷ step⌉ × step_rate, max_rate), or 0."""
    rule, height = tariff.ceiling, facts.ceiling_height
    if rule is None or height is None or height <= rule.threshold_m:
        return Decimal(0)
    with localcontext(prec=_PRECISION):
        steps = ((height - rule.threshold_m) / rule.step_m).to_integral_value(ROUND_CEILING)
        return min(steps * rule.step_rate, rule.max_rate)


def bill_lines(facts: BillingFacts, tariff: SeasonTariff) -> list[BillLine]:
    """The opening lines of a season bill: 采暖费 and 层高加收, or 基本热费 when suspended.

    Amounts in fen. A metered account prepays the area fee (lines 1-2) and settles later
    (:func:`metered_settlement`). Raises TariffError when the season has no tariff for the
    account's category.
    """
    category = tariff.for_category(facts.category)
    if facts.suspended:
        return [_suspension_line(facts, category)]
    heating = _heating_yuan(facts, tariff, prorate=True)
    price = _num(_price(facts, category))
    detail = f"{_num(facts.heated_area)}㎡×{price}"
    days = heated_days(facts, tariff)
    if days != tariff.season.days:
        detail += f"×{days}/{tariff.season.days}天"
    lines = [_line("heating", fen_from_decimal(heating), detail)]
    rate = _ceiling_rate(facts, category)
    if rate > 0:
        with localcontext(prec=_PRECISION):
            surcharge = fen_from_decimal(heating * rate)
        detail = f"层高{_num(facts.ceiling_height)}m +{_percent(rate)}"
        lines.append(_line("ceiling", surcharge, detail))
    return lines


def _suspension_line(facts: BillingFacts, tariff: CategoryTariff) -> BillLine:
    """Line 3: area × price × suspended ratio (low-income: the low-income ratio, maybe 0)."""
    price = _price(facts, tariff)
    ratio = tariff.suspended_ratio
    if facts.low_income_residential:
        ratio = tariff.low_income_suspended_ratio
    with localcontext(prec=_PRECISION):
        amount = fen_from_decimal(facts.heated_area * price * ratio)
    detail = f"{_num(facts.heated_area)}㎡×{_num(price)}×{_percent(ratio)}"
    return _line("suspension", amount, detail)


# --- line 4: metered settlement ------------------------------------------------------------------


def _base_yuan(facts: BillingFacts, tariff: CategoryTariff) -> Decimal:
    """The metered base fee, unrounded: area × area price × base_ratio."""
    if tariff.metered is None:
        raise FeeError("该类别热价没有计量规则", "the tariff has no metered rule")
    with localcontext(prec=_PRECISION):
        return facts.heated_area * tariff.area_price * tariff.metered.base_ratio


def metered_settlement(
    facts: BillingFacts, tariff: SeasonTariff, consumption: Decimal, prepaid_fen: int
) -> BillLine | None:
    """Line 4 (计量结算): base + energy - ``prepaid_fen`` (the heating fee billed at opening).

    ``consumption`` is in the tariff's unit (kWh or GJ). A negative amount is a refund
    (多退); ``refund_only`` drops a positive result (少不补). Returns None when nothing is to be
    posted (a suspended account, or a zero result). Raises FeeError for an account that is
    not metered, a tariff without a metered rule, or a negative consumption.
    """
    if not facts.metered:
        raise FeeError("该户不是计量收费", "the account is not metered")
    if consumption < 0:
        raise FeeError("用量不能为负数", "consumption must not be negative")
    category = tariff.for_category(facts.category)
    base_yuan = _base_yuan(facts, category)
    if facts.suspended:
        return None
    rule = category.metered
    with localcontext(prec=_PRECISION):
        base = fen_from_decimal(base_yuan)
        energy = fen_from_decimal(consumption * rule.unit_price)
    amount = base + energy - prepaid_fen
    if amount == 0 or (amount > 0 and rule.settlement == "refund_only"):
        return None
    detail = (
        f"基本{format_plain(base)}+计量{format_plain(energy)}"
        f"({_num(consumption)}{rule.unit}×{_num(rule.unit_price)})-预交{format_plain(prepaid_fen)}"
    )
    return _line("metered_settlement", amount, detail)


# --- lines 5-6: credits ------------------------------------------------------------------------


def _full_season_yuan(facts: BillingFacts, tariff: SeasonTariff) -> Decimal:
    """Lines 1-2 for the whole season (not prorated), or the base fee of a metered account."""
    category = tariff.for_category(facts.category)
    if facts.metered and category.metered is not None:
        return _base_yuan(facts, category)
    heating = _heating_yuan(facts, tariff, prorate=False)
    with localcontext(prec=_PRECISION):
        return heating + heating * _ceiling_rate(facts, category)


def daily_charge(facts: BillingFacts, tariff: SeasonTariff) -> Decimal:
    """The daily charge in yuan per day (unrounded) that credits are computed with.

    Lines 1-2 for the full season (not prorated) ÷ season days; for a metered account the
    base fee ÷ season days; 0 for a suspended account (it gets no credits).
    """
    if facts.suspended:
        return Decimal(0)
    with localcontext(prec=_PRECISION):
        return _full_season_yuan(facts, tariff) / tariff.season.days


def outage_credit(
    facts: BillingFacts, tariff: SeasonTariff, hours: Decimal | int
) -> BillLine | None:
    """Line 5 (停热减收) for one outage of ``hours``: -daily charge × ⌊hours ÷ 24⌋.

    Returns None when the outage is shorter than the season's ``min_hours``, shorter than a
    whole day, the season has no outage rule, or the account is suspended. Raises FeeError for
    negative hours.
    """
    if hours < 0:
        raise FeeError("停热时长不能为负数", "outage hours must not be negative")
    rule = tariff.outage
    days = int((Decimal(hours) / 24).to_integral_value(ROUND_FLOOR))
    if facts.suspended or rule is None or hours < rule.min_hours or days == 0:
        return None
    with localcontext(prec=_PRECISION):
        amount = _full_season_yuan(facts, tariff) * days / tariff.season.days
    return _line("outage_credit", _credit_fen(amount), f"停热{hours}小时，计{days}天")


def temperature_refund(
    facts: BillingFacts, tariff: SeasonTariff, measured_c: Decimal, cold_area: Decimal, days: int
) -> BillLine | None:
    """Line 6 (室温退费): -daily charge × (cold area ÷ heated area) × whole days × ratio.

    ``measured_c`` in ℃, ``cold_area`` in m² (bedrooms and living rooms below standard),
    ``days`` whole days. Returns None when the room was warm enough, no days count, the season
    has no refund rule, or the account is suspended. Raises FeeError for a cold area that is
    not positive or exceeds the heated area, or negative days.
    """
    if cold_area <= 0 or cold_area > facts.heated_area:
        raise FeeError("偏冷面积应大于0且不超过供热面积", "cold area out of range")
    if days < 0:
        raise FeeError("天数不能为负数", "days must not be negative")
    rule = tariff.temperature_refund
    if facts.suspended or rule is None or days == 0:
        return None
    shortfall = rule.standard_c - measured_c
    ratio = rule.ratio_for(shortfall)
    if ratio == 0:
        return None
    with localcontext(prec=_PRECISION):
        full = _full_season_yuan(facts, tariff)
        amount = full * cold_area * days * ratio / (tariff.season.days * facts.heated_area)
    detail = f"{_num(measured_c)}℃，{_num(cold_area)}㎡×{days}天×{_percent(ratio)}"
    return _line("temperature_refund", _credit_fen(amount), detail)


def credit_limit_fen(facts: BillingFacts, tariff: SeasonTariff) -> int:
    """The most a season's credits (lines 5-6) may add up to, in fen (as a positive amount).

    Lines 1-2 as billed, or the base fee of a metered account; 0 for a suspended account.
    """
    if facts.suspended:
        return 0
    category = tariff.for_category(facts.category)
    if facts.metered and category.metered is not None:
        return fen_from_decimal(_base_yuan(facts, category))
    return sum(line.amount_fen for line in bill_lines(facts, tariff))


def cap_credits(
    credits: Sequence[BillLine], limit_fen: int, already_credited_fen: int = 0
) -> list[BillLine]:
    """Trim credits so that, with ``already_credited_fen`` posted before, they stay in the limit.

    ``credits`` are negative lines in posting order; ``limit_fen`` comes from
    :func:`credit_limit_fen`; ``already_credited_fen`` is the positive total of earlier
    credits. A credit that no longer fits is cut to what is left, then dropped.
    Raises ValueError for a credit with a positive amount.
    """
    room = max(0, limit_fen - already_credited_fen)
    kept = []
    for credit in credits:
        if credit.amount_fen > 0:
            raise ValueError(f"not a credit: {credit}")
        amount = min(-credit.amount_fen, room)
        room -= amount
        if amount:
            detail = credit.detail
            if amount != -credit.amount_fen:
                detail += "（已达上限）"
            kept.append(replace(credit, amount_fen=-amount, detail=detail))
    return kept


# --- corrections -------------------------------------------------------------------------------


def _totals(lines: Iterable[BillLine]) -> dict[str, int]:
    """Totals per line kind, adjustments counted under the kind they correct."""
    totals: dict[str, int] = {}
    for line in lines:
        kind = line.corrects if line.kind == "adjustment" and line.corrects else line.kind
        totals[kind] = totals.get(kind, 0) + line.amount_fen
    return totals


def correction_lines(
    old_lines: Iterable[BillLine], new_lines: Iterable[BillLine], reason: str, on: date
) -> list[DatedLine]:
    """Adjustment lines (调整) new - old for each line kind whose total changed, dated ``on``.

    ``old_lines`` are the season's lines as billed so far (earlier adjustments included);
    ``new_lines`` are recomputed with the corrected facts. Raises ValueError without a reason.
    """
    if not reason.strip():
        raise ValueError("a correction needs a reason")
    old, new = _totals(old_lines), _totals(new_lines)
    result = []
    for kind in dict.fromkeys([*old, *new]):
        before, after = old.get(kind, 0), new.get(kind, 0)
        if after != before:
            line = BillLine(
                "adjustment",
                f"调整（{LABELS.get(kind, kind)}）",
                after - before,
                f"{format_plain(before)}→{format_plain(after)}",
                corrects=kind,
            )
            result.append(DatedLine(on, line, reason))
    return result
