"""Arrears (欠费) per household and season, their ages, and collection rates (收费率).

What a season still owes on a date D is its principal: the bill lines posted up to D (the
late-fee waivers aside: they reduce late fee, not principal), less what the journal's
payments booked up to D paid to that season's principal and the early discounts they earned
(the entries' own lines, net of voids and refunds, which carry the negated lines). Money a
payment put to the prepayment (预存), less credit paid out, settles unpaid seasons oldest
first, as the ledger does with a new bill; a season overpaid by a later credit line gives
its excess to the same pool. Opening arrears (往年欠费) come before every season. Unpaid
late fee is not included (滞纳金另计: it depends on the day the household pays).

The age of a season's arrears is the number of days from its due date to D (for opening
arrears, from the day they were booked); a household's age is its oldest season's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cashier.domain.registration import Address

OPENING = "opening"
PAYOUT = "payout"
"""The pseudo-season of prepayment paid out beyond what is left of it (预存退款)."""
AGE_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (0, "未到期"),
    (30, "1-30天"),
    (90, "31-90天"),
    (180, "91-180天"),
    (365, "181-365天"),
    (None, "一年以上"),
)
"""(inclusive upper bound in days past due, label); None: no bound."""


class Household(NamedTuple):
    """Who and where an account is."""

    account_no: str
    name: str
    phone: str
    estate: str
    building: str
    unit: str
    room: str

    @property
    def address(self) -> str:
        """幸福小区3号楼2单元502."""
        return Address(self.estate, self.building, self.unit, self.room).display()

    @property
    def place(self) -> str:
        """The address without the estate: 3号楼2单元502."""
        return self.address[len(self.estate) :]


class Charge(NamedTuple):
    """What a season (or the opening arrears) charged up to D, fen; ``due`` starts its age."""

    season: str
    start: dt.date
    due: dt.date
    charged_fen: int


class AccountBalance(NamedTuple):
    """An account's charges, what its payments paid per season (principal and discount), and
    its prepayment (credit put in less credit paid out), all fen, up to D."""

    household: Household
    charges: tuple[Charge, ...]
    paid: Mapping[str, int]
    credit_fen: int


@dataclass
class PaidSums:
    """Per-season paid principal and the prepayment, summed over journal entry bodies."""

    paid: dict[str, int]
    credit_fen: int = 0

    def add(self, lines: Iterable[Sequence]) -> None:
        """Count one payment, void or refund entry's lines: (season, kind, fen) each, as its
        body stores them (see cashier.domain.journal.EntryDetails)."""
        paid = self.paid
        for season, kind, fen in lines:
            if kind == "principal" or kind == "discount":
                paid[season] = paid.get(season, 0) + fen
            elif kind == "credit":
                self.credit_fen += fen
            elif kind == "payout":
                self.credit_fen -= fen


class SeasonOwed(NamedTuple):
    """One season's principal on D: charged, paid (incl. discount and prepayment), unpaid."""

    season: str
    due: dt.date
    charged_fen: int
    unpaid_fen: int

    @property
    def paid_fen(self) -> int:
        """What was settled of the charge."""
        return self.charged_fen - self.unpaid_fen


class AccountDues(NamedTuple):
    """An account's seasons on D (every charged one, settled or not), oldest first."""

    household: Household
    on: dt.date
    seasons: tuple[SeasonOwed, ...]

    @property
    def owed(self) -> tuple[SeasonOwed, ...]:
        """The seasons with principal unpaid."""
        return tuple(s for s in self.seasons if s.unpaid_fen > 0)

    @property
    def unpaid_fen(self) -> int:
        """Total principal unpaid."""
        return sum(s.unpaid_fen for s in self.seasons)

    @property
    def age_days(self) -> int:
        """Days from the oldest unpaid season's due date to D (0 when not yet due or none)."""
        owed = self.owed
        return max(0, (self.on - owed[0].due).days) if owed else 0


def account_dues(balance: AccountBalance, on: dt.date) -> AccountDues:
    """The account's principal per season on ``on``: each season's own payments first, then
    the prepayment and any season's excess settle unpaid seasons oldest first."""
    charges = balance.charges
    if len(charges) > 1:
        charges = tuple(sorted(charges, key=_charge_order))
    paid = balance.paid
    pool = balance.credit_fen
    if paid:
        known = {c.season for c in charges}
        pool += sum(v for k, v in paid.items() if k not in known)
    unpaid = []
    for charge in charges:
        left = charge.charged_fen - paid.get(charge.season, 0)
        if left < 0:
            pool -= left
            left = 0
        unpaid.append(left)
    if pool > 0:
        for index, left in enumerate(unpaid):
            take = min(left, pool)
            unpaid[index] = left - take
            pool -= take
    seasons = tuple(
        SeasonOwed(c.season, c.due, c.charged_fen, left)
        for c, left in zip(charges, unpaid, strict=True)
    )
    if pool < 0:  # credit paid out, then the payment that made it voided: owed back
        seasons += (SeasonOwed(PAYOUT, on, -pool, -pool),)
    return AccountDues(balance.household, on, seasons)


def settled(balance: AccountBalance) -> bool:
    """True when the account certainly owes nothing (a quick test before account_dues, for
    the arrears list): nothing negative was paid or put aside, and payments and prepayment
    cover every charge. False does not mean it owes."""
    if balance.credit_fen < 0:
        return False
    paid = 0
    for fen in balance.paid.values():
        if fen < 0:
            return False
        paid += fen
    return sum(c.charged_fen for c in balance.charges) <= paid + balance.credit_fen


def _charge_order(charge: Charge) -> tuple[dt.date, str]:
    return (charge.start, charge.season)


def age_bucket(days: int) -> str:
    """The label of the age bucket ``days`` past due falls in."""
    for bound, label in AGE_BUCKETS:
        if bound is None or days <= bound:
            return label
    raise AssertionError("the last bucket has no bound")


def season_label(season: str) -> str:
    """往年欠费 for the opening arrears, 预存退款 for prepayment paid out, else the code."""
    return {OPENING: "往年欠费", PAYOUT: "预存退款"}.get(season, season)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sorts 2号楼 before 10号楼."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(text))


def place_key(household: Household) -> tuple:
    """Estate, building, unit, room in natural order."""
    h = household
    return tuple(natural_key(part) for part in (h.estate, h.building, h.unit, h.room))


@dataclass
class RateCell:
    """Collection figures of one estate and season: households and fen."""

    households: int = 0
    settled: int = 0
    charged_fen: int = 0
    unpaid_fen: int = 0

    def add(self, season: SeasonOwed) -> None:
        """Count one account's season."""
        self.households += 1
        self.settled += season.unpaid_fen <= 0
        self.charged_fen += season.charged_fen
        self.unpaid_fen += season.unpaid_fen

    @property
    def paid_fen(self) -> int:
        """Charged less unpaid."""
        return self.charged_fen - self.unpaid_fen


def collection_cells(
    dues: Iterable[AccountDues], seasons: set[str] | None = None
) -> dict[tuple[str, str], RateCell]:
    """(estate, season) -> figures over accounts' seasons that charged something (all
    seasons, or only ``seasons``)."""
    cells: dict[tuple[str, str], RateCell] = {}
    for account in dues:
        for season in account.seasons:
            if season.charged_fen <= 0 or (seasons is not None and season.season not in seasons):
                continue
            key = (account.household.estate, season.season)
            cells.setdefault(key, RateCell()).add(season)
    return cells
