"""Season billing: which lines each account's bill gets, and the bills export row.

The fee arithmetic is :mod:`cashier.domain.fees`; this module only applies it to many accounts
(with a cache, since many households share the same facts) and lays out the export row of
shared/domain/formats.md ("Bills export").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import BillLine, DatedLine, bill_lines
from cashier.domain.money import format_plain
from cashier.domain.tariffs import SeasonTariff

EXPORT_KINDS = (
    "heating",
    "ceiling",
    "suspension",
    "outage_credit",
    "temperature_refund",
    "metered_settlement",
)
"""Line kinds with a column of their own in the bills export, in column order."""

EXPORT_HEADER = (
    "户号",
    "户名",
    "采暖期",
    "采暖费",
    "层高加收",
    "基本热费",
    "停热减收",
    "室温退费",
    "计量结算",
    "应收合计",
)
"""The header row of `cashier bills export` (formats.md)."""


@dataclass(frozen=True)
class BillingSubject:
    """An account to bill for a season: its id, the facts row used, and the facts.

    ``facts.status`` is the account's status for that season (heating / suspended).
    """

    account_id: int
    facts_id: int
    facts: BillingFacts


@dataclass(frozen=True)
class NewBill:
    """A bill ready to store: the subject and the opening lines (amounts in fen)."""

    account_id: int
    facts_id: int
    status: str
    lines: tuple[BillLine, ...]

    @property
    def total_fen(self) -> int:
        """The sum of the rounded lines, in fen."""
        return sum(line.amount_fen for line in self.lines)


@dataclass(frozen=True)
class StoredBill:
    """A bill as stored: the frozen tariff it was computed with and every line posted to it.

    ``lines`` are in posting order: the opening lines (dated ``billed_on``), then credits,
    settlements and adjustments with their own dates and reasons.
    """

    bill_id: int
    account_id: int
    season: str
    tariff: SeasonTariff
    facts_id: int
    status: str
    billed_on: date
    lines: tuple[DatedLine, ...]

    @property
    def total_fen(self) -> int:
        """The season charge so far: the sum of every line, in fen."""
        return sum(dated.line.amount_fen for dated in self.lines)


class SeasonBiller:
    """Computes opening bills for one season, remembering the lines of facts already seen.

    The cache is bounded (``cache_size`` distinct facts); results are identical with or without
    it because :func:`fees.bill_lines` is a pure function of the facts and the tariff.
    """

    def __init__(self, tariff: SeasonTariff, *, cache_size: int = 200_000) -> None:
        self.tariff = tariff
        self._cache: dict[BillingFacts, tuple[BillLine, ...]] = {}
        self._by_identity: dict[int, tuple[BillingFacts, tuple[BillLine, ...]]] = {}
        self._cache_size = cache_size

    def lines(self, facts: BillingFacts) -> tuple[BillLine, ...]:
        """The opening lines of an account with ``facts``; raises TariffError as bill_lines.

        The same facts object seen again is found by identity (it is kept alive in the cache,
        so its id cannot be reused); equal facts by value.
        """
        seen = self._by_identity.get(id(facts))
        if seen is not None and seen[0] is facts:
            return seen[1]
        lines = self._cache.get(facts)
        if lines is None:
            lines = tuple(bill_lines(facts, self.tariff))
        if len(self._by_identity) >= self._cache_size:
            self._cache.clear()
            self._by_identity.clear()
        self._cache[facts] = lines
        self._by_identity[id(facts)] = (facts, lines)
        return lines

    def bill(self, subject: BillingSubject) -> NewBill:
        """The bill of ``subject`` for this season."""
        facts = subject.facts
        return NewBill(subject.account_id, subject.facts_id, facts.status, self.lines(facts))


def kind_totals(lines: Iterable[tuple[str, str | None, int]]) -> dict[str, int]:
    """Totals in fen per line kind from ``(kind, corrects, amount_fen)`` triples.

    An adjustment counts under the kind it corrects; kinds outside EXPORT_KINDS (late-fee
    waivers, for instance) are left out because they are not part of the season's charge.
    """
    totals: dict[str, int] = {}
    for kind, corrects, amount in lines:
        key = corrects if kind == "adjustment" and corrects else kind
        if key in EXPORT_KINDS:
            totals[key] = totals.get(key, 0) + amount
    return totals


def export_row(
    account_no: str, name: str, season: str, lines: Iterable[tuple[str, str | None, int]]
) -> list[str]:
    """One row of the bills export: amounts in yuan with two decimals, empty where no line.

    ``lines`` are ``(kind, corrects, amount_fen)`` of every line posted to the bill so far;
    应收合计 is the sum of the six columns.
    """
    totals = kind_totals(lines)
    amounts = [format_plain(totals[k]) if k in totals else "" for k in EXPORT_KINDS]
    return [account_no, name, season, *amounts, format_plain(sum(totals.values()))]
