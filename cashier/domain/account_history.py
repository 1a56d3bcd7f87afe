"""An account's records over time: dated billing facts, status per season, holder and closing.

Billing facts are kept as *versions*: each is a full set of facts valid from a date, recorded
with who, why and who approved, never edited. The version that applies on a day is the one
with the latest ``valid_from`` on or before that day (the later recorded one when two share a
date). A season's bill uses the version that applies on the season's last day, so a change
dated inside a season applies to that whole season (the bills repository reads it the same
way).

A change "from date V on" appends a version at V and, for every later version, a copy of it
with the same change: so a correction dated in the past also reaches later versions
(:func:`versions_for_change`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from cashier.domain.accounts import BillingFacts
from cashier.domain.errors import UserError
from cashier.domain.registration import Address, Contract

FACT_FIELDS = (
    "category",
    "low_income",
    "heated_area",
    "ceiling_height",
    "billing",
    "connected_on",
)
"""Billing facts kept in dated versions (the status is kept per season instead)."""


class FactsError(UserError):
    """A change of billing facts that cannot be recorded (unknown field, bad value, no reason)."""


@dataclass(frozen=True)
class FactsVersion:
    """One version of an account's billing facts, valid from ``valid_from``.

    ``seq`` orders versions by when they were recorded (the database id); areas in m² and
    heights in m as Decimal with two decimals.
    """

    valid_from: date
    category: str
    low_income: bool
    heated_area: Decimal
    ceiling_height: Decimal | None
    billing: str
    connected_on: date | None
    recorded_at: datetime | None = None
    recorded_by: str = ""
    reason: str = ""
    approved_by: str | None = None
    seq: int = 0

    def billing_facts(self, status: str = "heating") -> BillingFacts:
        """The facts as the fee engine takes them, with the season's ``status``."""
        return BillingFacts(
            category=self.category,
            low_income=self.low_income,
            heated_area=self.heated_area,
            ceiling_height=self.ceiling_height,
            billing=self.billing,
            status=status,
            connected_on=self.connected_on,
        )

    def values(self) -> dict[str, object]:
        """The billing facts only, by field name."""
        return {name: getattr(self, name) for name in FACT_FIELDS}


def facts_on(versions: Sequence[FactsVersion], day: date) -> FactsVersion | None:
    """The version that applies on ``day`` (see the module docstring), or None before the first."""
    applicable = [v for v in versions if v.valid_from <= day]
    return max(applicable, key=lambda v: (v.valid_from, v.seq)) if applicable else None


def earliest(versions: Sequence[FactsVersion]) -> FactsVersion:
    """The first version by ``valid_from`` (the facts as registered); ValueError if none."""
    if not versions:
        raise ValueError("an account without billing facts")
    return min(versions, key=lambda v: (v.valid_from, v.seq))


def check_change(changes: Mapping[str, object]) -> None:
    """Refuse an empty change or one naming something that is not a billing fact."""
    unknown = sorted(set(changes) - set(FACT_FIELDS))
    if unknown:
        raise FactsError(f"不能修改：{', '.join(unknown)}", f"not billing facts: {unknown}")
    if not changes:
        raise FactsError("没有要修改的内容", "nothing to change")


def versions_for_change(
    versions: Sequence[FactsVersion], changes: Mapping[str, object], valid_from: date
) -> list[FactsVersion]:
    """The versions to append for ``changes`` applying from ``valid_from`` on (unrecorded).

    One at ``valid_from``, then one per later ``valid_from`` already present, each the facts
    of that day (the first version's, before it) with ``changes`` applied; a version that
    would change nothing is left out.
    The versions carry no recording details (who, why): the caller adds them when storing.
    Raises FactsError for unknown fields, values the fee engine refuses, or no change at all.
    """
    check_change(changes)
    days = sorted({valid_from} | {v.valid_from for v in versions if v.valid_from > valid_from})
    result = []
    for day in days:
        applied = facts_on(versions, day)
        base = applied or earliest(versions)
        new = FactsVersion(valid_from=day, **(base.values() | dict(changes)))
        _validate(new)
        if applied is None or new.values() != applied.values():
            result.append(new)
    if not result:
        raise FactsError("计费信息没有变化", "the billing facts do not change")
    return result


def _validate(version: FactsVersion) -> None:
    try:
        version.billing_facts()
    except ValueError as error:
        raise FactsError(f"计费信息不正确：{error}", f"invalid billing facts: {error}") from None


@dataclass(frozen=True)
class StatusRecord:
    """Heating or suspended (供热/报停) for one season, as recorded."""

    season: str
    status: str
    recorded_at: datetime | None = None
    recorded_by: str = ""
    reason: str = ""
    approved_by: str | None = None
    seq: int = 0


def status_for(records: Sequence[StatusRecord], season: str) -> str:
    """The account's status for ``season``: the latest record for it, else heating."""
    mine = [r for r in records if r.season == season]
    return max(mine, key=lambda r: r.seq).status if mine else "heating"


@dataclass(frozen=True)
class HolderChange:
    """A change of holder (过户): the name and phone before and after, with who and why."""

    on: date
    old_name: str
    old_phone: str
    new_name: str
    new_phone: str
    recorded_by: str = ""
    reason: str = ""
    approved_by: str | None = None


@dataclass(frozen=True)
class Closure:
    """The closing of an account (销户) on ``on``."""

    on: date
    recorded_by: str = ""
    reason: str = ""
    approved_by: str | None = None


@dataclass(frozen=True)
class OpeningArrears:
    """Arrears carried over from the previous system (往年欠费), in fen, booked on ``on``."""

    amount_fen: int
    on: date
    recorded_by: str = ""


@dataclass(frozen=True)
class MeterReading:
    """A metered account's consumption for a season, in the tariff's unit (kWh or GJ)."""

    season: str
    consumption: Decimal
    read_on: date
    recorded_by: str = ""


@dataclass(frozen=True)
class AccountSummary:
    """Who and where an account is, as it stands now; ``closed_on`` is set once 销户."""

    id: int
    account_no: str
    name: str
    phone: str
    address: Address
    contract: Contract = Contract()
    closed_on: date | None = None
