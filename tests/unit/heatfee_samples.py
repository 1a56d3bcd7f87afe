"""Builders of seasons, tariffs and open items for the heat-fee engine tests (fictional data)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import DatedLine, bill_lines
from cashier.domain.ledger import OpenItem, season_item
from cashier.domain.tariffs import (
    CategoryTariff,
    EarlyDiscount,
    LateFeeRule,
    OutageRule,
    Season,
    SeasonTariff,
    TemperatureBand,
    TemperatureRefundRule,
)

SEASON = Season("2025-2026", date(2025, 11, 15), date(2026, 3, 15), 121, date(2025, 12, 31))
BILLED_ON = date(2025, 10, 1)

BEIJING_BANDS = TemperatureRefundRule(
    D(18),
    (TemperatureBand(D("0.40"), below=D(2)), TemperatureBand(D("0.60"), below=D(4)),
     TemperatureBand(D("1.00"))),
)


def category(area_price: str, **changes: object) -> CategoryTariff:
    """A category tariff at ``area_price`` yuan/m², 20% suspended, low-income pays no base."""
    base = CategoryTariff(D(area_price), None, D("0.20"), D(0))
    return replace(base, **changes)


def season_tariff(
    residential: CategoryTariff | None = None,
    non_residential: CategoryTariff | None = None,
    **changes: object,
) -> SeasonTariff:
    """A 2025-2026 season (121 days, due 2025-12-31) with 24 h outages and Beijing bands."""
    tariffs = {}
    if residential is not None:
        tariffs["residential"] = residential
    if non_residential is not None:
        tariffs["non_residential"] = non_residential
    base = SeasonTariff(
        season=SEASON,
        late_fee=None,
        discounts=(),
        temperature_refund=BEIJING_BANDS,
        outage=OutageRule(D(24)),
        tariffs=tariffs,
    )
    return replace(base, **changes)


def residential(area: str, **changes: object) -> BillingFacts:
    """Facts of a residential, area-billed, heating account of ``area`` m²."""
    return replace(BillingFacts("residential", False, D(area)), **changes)


def late_fee_tariff(
    area_price: str = "19",
    due: date = date(2025, 11, 15),
    rate: str = "0.002",
    cap: str | None = None,
    discounts: tuple[EarlyDiscount, ...] = (),
) -> SeasonTariff:
    """A residential tariff with a late fee of ``rate`` per day after ``due``."""
    season = replace(SEASON, due_date=due)
    rule = LateFeeRule(D(rate), None if cap is None else D(cap))
    return season_tariff(
        category(area_price), season=season, late_fee=rule, discounts=discounts
    )


def billed_item(
    facts: BillingFacts, tariff: SeasonTariff, on: date = BILLED_ON
) -> OpenItem:
    """The open item of ``facts`` billed under ``tariff`` on ``on``."""
    lines = [DatedLine(on, line) for line in bill_lines(facts, tariff)]
    return season_item(tariff, facts, lines)


def next_season(tariff: SeasonTariff, years: int = 1) -> SeasonTariff:
    """The same tariff ``years`` later, with its own season code and dates."""
    s = tariff.season

    def shift(day: date) -> date:
        return day.replace(year=day.year + years)

    code = f"{s.start.year + years}-{s.start.year + years + 1}"
    season = Season(code, shift(s.start), shift(s.end), s.days, shift(s.due_date))
    windows = tuple(replace(w, from_=shift(w.from_), to=shift(w.to)) for w in tariff.discounts)
    return replace(tariff, season=season, discounts=windows)
