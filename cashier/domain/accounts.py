"""The facts about an account (热用户) that its heat fee depends on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cashier.domain.tariffs import CATEGORIES

BILLING_MODES = ("area", "metered")
"""面积 (billed by heated area) / 计量 (metered, two-part tariff)."""

STATUSES = ("heating", "suspended")
"""供热 / 报停 for one season."""

_CENTI = Decimal("0.01")


@dataclass(frozen=True)
class BillingFacts:
    """What the fee engine needs to know about an account for one season.

    ``heated_area`` is in m² with at most two decimals and > 0; ``ceiling_height`` in m or
    None; ``connected_on`` is the connection date when connected during the season.
    Raises ValueError on construction when a value is outside these rules.
    """

    category: str
    low_income: bool
    heated_area: Decimal
    ceiling_height: Decimal | None = None
    billing: str = "area"
    status: str = "heating"
    connected_on: date | None = None

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category: {self.category!r}")
        if self.billing not in BILLING_MODES:
            raise ValueError(f"unknown billing mode: {self.billing!r}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status: {self.status!r}")
        _check_measure("heated_area", self.heated_area)
        if self.ceiling_height is not None:
            _check_measure("ceiling_height", self.ceiling_height)

    @property
    def low_income_residential(self) -> bool:
        """True for a low-income (城镇低保) residential account."""
        return self.low_income and self.category == "residential"

    @property
    def suspended(self) -> bool:
        """True when the account does not take heat this season (报停)."""
        return self.status == "suspended"

    @property
    def metered(self) -> bool:
        """True for a metered account."""
        return self.billing == "metered"


def _check_measure(name: str, value: Decimal) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{name} must be a finite Decimal")
    if value <= 0 or value != value.quantize(_CENTI):
        raise ValueError(f"{name} must be > 0 with at most two decimals: {value}")
