"""Where and when an entry is made: this PC's counter code and its clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from cashier.domain.journal import CHINA, check_counter_code


def utc_now() -> dt.datetime:
    """The current moment, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Station:
    """The counter a client posts as (Settings.counter_code, e.g. "A01") and its clock.

    Tests and the crash harness pass their own `clock`. Raises ValueError for a malformed
    counter code.
    """

    counter: str
    clock: Callable[[], dt.datetime] = field(default=utc_now, compare=False)

    def __post_init__(self) -> None:
        check_counter_code(self.counter)

    def now(self) -> dt.datetime:
        """The current moment, aware, in UTC (a naive clock reading is taken as UTC)."""
        moment = self.clock()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)

    def business_date(self, moment: dt.datetime | None = None) -> dt.date:
        """The day `moment` (default: now) is booked to: its date in Beijing time."""
        return (moment or self.now()).astimezone(CHINA).date()


def device_time(moment: dt.datetime) -> str:
    """The device's clock reading as stored on an entry: Beijing time with its offset."""
    return moment.astimezone(CHINA).isoformat(timespec="microseconds")
