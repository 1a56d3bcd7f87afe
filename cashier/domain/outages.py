"""Outages (停热): when heat stopped and came back, why, and which accounts went without.

The service standard asks the company to tell the households within 12 hours of a fault
(三(八)3) and to compensate when heat is not restored in time (三(六)6); heat-fees.md line 5
turns an outage of at least the season's ``min_hours`` into a credit.

An outage is appended once. What is learnt later is appended as events: the moment heat came
back (``restored``; a later one replaces an earlier one) and the moment the households were
told (``notice``). A correction of anything else is a new outage naming the one it corrects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from cashier.domain.errors import UserError
from cashier.domain.tariffs import Season
from cashier.domain.workdays import CHINA_TZ

OUTAGE_PREFIX = "TR"
NOTICE_HOURS = 12
"""Households are told of a fault within this many hours (service standard 三(八)3)."""

EVENT_KINDS: dict[str, str] = {"restored": "恢复供热", "notice": "已通知用户"}
MAX_CAUSE = 200
MAX_SCOPE = 200
MAX_ACCOUNTS = 200_000

_HUNDREDTH = Decimal("0.01")


class OutageError(UserError):
    """An outage or outage event that cannot be recorded as given."""


@dataclass(frozen=True)
class NewOutage:
    """An outage as reported: aware start, end if known, cause, the affected accounts.

    ``scope`` describes the accounts for people ("幸福小区 1、2号楼"); ``notice_at`` is when
    the households were told, if already done.
    """

    started_at: dt.datetime
    ended_at: dt.datetime | None
    cause: str
    scope: str
    account_ids: tuple[int, ...]
    notice_at: dt.datetime | None = None
    corrects_id: int | None = None


@dataclass(frozen=True)
class OutageEvent:
    """Something learnt about an outage later: heat restored, or households told."""

    id: int
    outage_id: int
    kind: str
    at: dt.datetime
    recorded_at: dt.datetime
    recorded_by: str
    recorder_name: str


@dataclass(frozen=True)
class StoredOutage:
    """An outage as stored, with its number, its events in order and how many accounts."""

    id: int
    number: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    cause: str
    scope: str
    notice_at: dt.datetime | None
    corrects_id: int | None
    recorded_at: dt.datetime
    recorded_by: str
    recorder_name: str
    account_count: int
    events: tuple[OutageEvent, ...] = ()

    @property
    def end(self) -> dt.datetime | None:
        """When heat came back: the last ``restored`` event, else the end given, else None."""
        restored = [event.at for event in self.events if event.kind == "restored"]
        return restored[-1] if restored else self.ended_at

    @property
    def told_at(self) -> dt.datetime | None:
        """When the households were first told, or None."""
        told = [event.at for event in self.events if event.kind == "notice"]
        if self.notice_at is not None:
            told.append(self.notice_at)
        return min(told) if told else None

    def notice_late(self, now: dt.datetime) -> bool:
        """True when the households were not told within NOTICE_HOURS of the start."""
        limit = self.started_at + dt.timedelta(hours=NOTICE_HOURS)
        told = self.told_at
        return now > limit if told is None else told > limit


def _aware(moment: dt.datetime | None, zh: str) -> None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise ValueError(f"{zh}: a time without a zone is ambiguous: {moment!r}")


def check_new_outage(outage: NewOutage) -> NewOutage:
    """The outage with texts stripped and accounts de-duplicated (ascending).

    Raises OutageError for an end not after the start, a notice before the start, an empty
    cause, no accounts, or too many.
    """
    _aware(outage.started_at, "start")
    _aware(outage.ended_at, "end")
    _aware(outage.notice_at, "notice")
    if outage.ended_at is not None and outage.ended_at <= outage.started_at:
        raise OutageError("恢复时间应晚于停热时间。", "the end must be after the start")
    if outage.notice_at is not None and outage.notice_at < outage.started_at:
        raise OutageError("通知时间早于停热时间。", "notice before the outage started")
    cause = outage.cause.strip()
    if not cause or len(cause) > MAX_CAUSE:
        raise OutageError(f"请填写停热原因（最多{MAX_CAUSE}个字）。", "cause required")
    scope = outage.scope.strip()[:MAX_SCOPE]
    accounts = tuple(sorted(set(outage.account_ids)))
    if not accounts:
        raise OutageError("没有受影响的用户。", "no affected accounts")
    if len(accounts) > MAX_ACCOUNTS:
        raise OutageError("受影响用户过多。", f"more than {MAX_ACCOUNTS} accounts")
    return NewOutage(
        outage.started_at, outage.ended_at, cause, scope, accounts,
        outage.notice_at, outage.corrects_id,
    )  # fmt: skip


def check_event(outage: StoredOutage, kind: str, at: dt.datetime) -> None:
    """Raises OutageError for an unknown kind or a time before the outage started."""
    _aware(at, "event")
    if kind not in EVENT_KINDS:
        raise OutageError(f"未知的事件：{kind}", f"unknown outage event {kind!r}")
    if at <= outage.started_at and kind == "restored":
        raise OutageError("恢复时间应晚于停热时间。", "the end must be after the start")
    if at < outage.started_at:
        raise OutageError("通知时间早于停热时间。", "notice before the outage started")


def outage_number(year: int, serial: int) -> str:
    """The number of an outage, e.g. TR2025-00003."""
    return f"{OUTAGE_PREFIX}{year}-{serial:05d}"


def season_bounds(season: Season) -> tuple[dt.datetime, dt.datetime]:
    """The heating period as aware moments: 00:00 of the first day to 24:00 of the last."""
    start = dt.datetime.combine(season.start, dt.time(), CHINA_TZ)
    end = dt.datetime.combine(season.end + dt.timedelta(days=1), dt.time(), CHINA_TZ)
    return start, end


def outage_hours(start: dt.datetime, end: dt.datetime, season: Season) -> Decimal:
    """Hours without heat inside the season's heating period, rounded down to 0.01 h.

    Rounding down never lifts an outage over ``min_hours`` or into another whole day.
    """
    first, last = season_bounds(season)
    seconds = (min(end, last) - max(start, first)).total_seconds()
    if seconds <= 0:
        return Decimal(0)
    hours = (Decimal(int(seconds)) / Decimal(3600)).quantize(_HUNDREDTH, rounding=ROUND_FLOOR)
    if hours == hours.to_integral_value():
        return Decimal(int(hours))
    return hours.normalize()


def seasons_during(
    start: dt.datetime, end: dt.datetime | None, seasons: list[Season]
) -> list[Season]:
    """The seasons whose heating period overlaps ``start``..``end`` (open-ended if None)."""
    found = []
    for season in seasons:
        first, last = season_bounds(season)
        if start < last and (end is None or end > first):
            found.append(season)
    return found


def season_of(moment: dt.datetime, seasons: list[Season]) -> Season | None:
    """The season whose heating period contains ``moment`` (aware), or None."""
    for season in seasons:
        first, last = season_bounds(season)
        if first <= moment < last:
            return season
    return None
