"""Which credits an account's service records earn in a season, and what to post to its bill.

Two kinds of record reduce a season's charge (heat-fees.md lines 5 and 6):

- an outage that affected the account for at least the season's ``min_hours``: 停热减收;
- a signed measurement below the season's standard: 室温退费 for the whole days from that
  measurement until the next signed measurement of the account (which may show the rooms warm
  again, or still cold at another band), or until the end of the season once it is over.

The arithmetic is :mod:`cashier.domain.fees`; this module decides which lines the records
call for, caps them (fees.cap_credits), and compares them with what was posted before, so
that a correction of a record posts only the difference (an adjustment, 调整).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cashier.domain.accounts import BillingFacts
from cashier.domain.fees import (
    LABELS,
    BillLine,
    DatedLine,
    cap_credits,
    credit_limit_fen,
    outage_credit,
    temperature_refund,
)
from cashier.domain.measurements import RoomReading, StoredMeasurement
from cashier.domain.money import format_plain
from cashier.domain.outages import StoredOutage, outage_hours, season_bounds
from cashier.domain.tariffs import SeasonTariff, TemperatureRefundRule
from cashier.domain.workdays import CHINA_TZ

CREDIT_KINDS = ("outage_credit", "temperature_refund")
"""The bill line kinds that service records post."""

_DAY_SECONDS = 86_400


def outage_key(outage_id: int) -> str:
    """The source key of an outage's credit."""
    return f"outage:{outage_id}"


def measurement_key(measurement_id: int) -> str:
    """The source key of a measurement's refund."""
    return f"measurement:{measurement_id}"


@dataclass(frozen=True)
class ColdGroup:
    """Rooms of one measurement that fall in the same refund band: lowest ℃, total m²."""

    reading: Decimal
    area: Decimal
    ratio: Decimal


@dataclass(frozen=True)
class ColdSpell:
    """A signed measurement below standard and how long it stood.

    ``end`` is the next signed measurement (or the season's end once the season is over);
    None while the rooms have not been measured again and the season goes on. ``days`` are
    whole days from the measurement to ``end`` (0 while open).
    """

    source: str
    number: str
    start: dt.datetime
    end: dt.datetime | None
    days: int
    groups: tuple[ColdGroup, ...]


def cold_groups(rooms: Iterable[RoomReading], rule: TemperatureRefundRule) -> list[ColdGroup]:
    """The rooms below ``rule.standard_c``, grouped by refund band (highest ratio first)."""
    groups: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for room in rooms:
        ratio = rule.ratio_for(rule.standard_c - room.reading)
        if ratio == 0:
            continue
        lowest, area = groups.get(ratio, (room.reading, Decimal(0)))
        groups[ratio] = (min(lowest, room.reading), area + room.area)
    return [ColdGroup(r, a, ratio) for ratio, (r, a) in sorted(groups.items(), reverse=True)]


def live_measurements(measurements: Iterable[StoredMeasurement]) -> list[StoredMeasurement]:
    """The signed measurements no other measurement corrects, oldest first."""
    every = list(measurements)
    corrected = {m.corrects_id for m in every if m.corrects_id is not None}
    live = [m for m in every if m.signed and m.id not in corrected]
    return sorted(live, key=lambda m: (m.measured_at, m.id))


def cold_spells(
    measurements: Iterable[StoredMeasurement], tariff: SeasonTariff, as_of: dt.datetime
) -> list[ColdSpell]:
    """Every cold spell of the season from the account's measurements, as of ``as_of``.

    Measurements that are unsigned, corrected by another, or outside the season do not
    count. Empty when the season has no temperature refund rule.
    """
    rule = tariff.temperature_refund
    if rule is None:
        return []
    first, last = season_bounds(tariff.season)
    live = [m for m in live_measurements(measurements) if first <= m.measured_at < last]
    spells = []
    for index, measurement in enumerate(live):
        groups = cold_groups(measurement.rooms, rule)
        if not groups:
            continue
        if index + 1 < len(live):
            end: dt.datetime | None = live[index + 1].measured_at
        else:
            end = last if as_of >= last else None
        days = 0 if end is None else int((end - measurement.measured_at).total_seconds())
        spells.append(
            ColdSpell(
                measurement_key(measurement.id), measurement.number, measurement.measured_at,
                end, days // _DAY_SECONDS, tuple(groups),
            )
        )  # fmt: skip
    return spells


@dataclass(frozen=True)
class SourceLines:
    """The credit lines one record calls for before the cap, with what identifies it."""

    source: str
    number: str
    kind: str
    at: dt.datetime
    lines: tuple[BillLine, ...]


def spell_lines(facts: BillingFacts, tariff: SeasonTariff, spell: ColdSpell) -> SourceLines:
    """The 室温退费 lines of a cold spell, one per band (none while it is open)."""
    lines = []
    for group in spell.groups:
        area = min(group.area, facts.heated_area)
        line = temperature_refund(facts, tariff, group.reading, area, spell.days)
        if line is not None:
            lines.append(line)
    kind = "temperature_refund"
    return SourceLines(spell.source, spell.number, kind, spell.start, tuple(lines))


def outage_lines(facts: BillingFacts, tariff: SeasonTariff, outage: StoredOutage) -> SourceLines:
    """The 停热减收 line of an outage (none while heat is not back or below min_hours).

    Only the hours after the account was connected count (00:00 of ``connected_on``): an
    account connected mid-season was not without heat before it had any.
    """
    end = outage.end
    line = None
    if end is not None:
        start = outage.started_at
        if facts.connected_on is not None:
            connected = dt.datetime.combine(facts.connected_on, dt.time(), CHINA_TZ)
            start = max(start, connected)
        line = outage_credit(facts, tariff, outage_hours(start, end, tariff.season))
    lines = () if line is None else (line,)
    key = outage_key(outage.id)
    return SourceLines(key, outage.number, "outage_credit", outage.started_at, lines)


@dataclass(frozen=True)
class Posting:
    """A line to post to the season's bill because of one record (``source``)."""

    source: str
    dated: DatedLine


@dataclass(frozen=True)
class CreditPlan:
    """What the records call for (``expected`` fen per source, negative) and what to post."""

    expected: dict[str, int]
    postings: tuple[Posting, ...]


def plan_credits(
    facts: BillingFacts,
    tariff: SeasonTariff,
    sources: Sequence[SourceLines],
    posted: Mapping[str, int],
    other_credits_fen: int,
    on: dt.date,
) -> CreditPlan:
    """Cap the records' credits and post the difference from ``posted`` (fen per source).

    ``sources`` are every record of the account and season (one that no longer counts, such
    as a corrected measurement, with no lines); ``other_credits_fen`` is the positive total
    of credits posted to the bill by other means, which count against the cap first. A
    record never posted gets its own lines; a record whose credit changed (a correction, a
    later restoration time, the cap) gets one 调整 line for the difference, dated ``on``.
    """
    ordered = sorted(sources, key=lambda s: (s.at, s.source))
    limit = credit_limit_fen(facts, tariff)
    used = other_credits_fen
    kept: dict[str, list[BillLine]] = {}
    for source in ordered:
        kept[source.source] = []
        for line in source.lines:
            trimmed = cap_credits([line], limit, used)
            if trimmed:
                kept[source.source].append(trimmed[0])
                used -= trimmed[0].amount_fen
    expected = {key: sum(line.amount_fen for line in lines) for key, lines in kept.items()}
    postings: list[Posting] = []
    for source in ordered:
        postings += _postings(source, kept[source.source], posted.get(source.source, 0), on)
    for key, amount in posted.items():
        if key not in kept and amount:
            postings.append(_reversal(key, amount, on))
    return CreditPlan(expected, tuple(postings))


def _reason(source: SourceLines) -> str:
    noun = "停热记录" if source.kind == "outage_credit" else "测温记录"
    return f"{noun}{source.number}"


def _postings(
    source: SourceLines, lines: list[BillLine], posted: int, on: dt.date
) -> list[Posting]:
    expected = sum(line.amount_fen for line in lines)
    if expected == posted:
        return []
    reason = _reason(source)
    if posted == 0:
        return [Posting(source.source, DatedLine(on, line, reason)) for line in lines]
    line = _adjustment(source.kind, posted, expected, source.number)
    return [Posting(source.source, DatedLine(on, line, reason))]


def _adjustment(kind: str, posted: int, expected: int, number: str) -> BillLine:
    return BillLine(
        "adjustment",
        f"调整（{LABELS[kind]}）",
        expected - posted,
        f"{number}：{format_plain(posted)}→{format_plain(expected)}",
        corrects=kind,
    )


def _reversal(key: str, posted: int, on: dt.date) -> Posting:
    """Undo the credit of a record that was not among the sources at all."""
    kind = "outage_credit" if key.startswith("outage:") else "temperature_refund"
    line = _adjustment(kind, posted, 0, key)
    return Posting(key, DatedLine(on, line, "撤销已无依据的减免"))
