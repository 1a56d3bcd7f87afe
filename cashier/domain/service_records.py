"""What the service records of one account add up to: the view behind its credits.

The Accounts page shows, next to the bill, the records that changed it: each measurement and
outage with the credit it earned, open cold spells still running, and the account's cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.domain.measurements import StoredMeasurement
from cashier.domain.outages import StoredOutage
from cashier.domain.service_cases import CaseStatus


@dataclass(frozen=True)
class AccountBrief:
    """Who and where an account is (for headings and pickers)."""

    id: int
    account_no: str
    name: str
    phone: str
    estate: str
    building: str
    unit: str
    room: str

    @property
    def address(self) -> str:
        """Estate, building, unit and room as people write them: 幸福小区3号楼2单元501."""
        unit = f"{self.unit}单元" if self.unit else ""
        return f"{self.estate}{self.building}号楼{unit}{self.room}"


@dataclass(frozen=True)
class RecordCredit:
    """A measurement or outage of the account and what it has credited (fen, ≤ 0).

    ``season`` is None for a record outside every season; ``superseded_by`` names the
    record that corrects it; ``open_spell`` is True for a cold measurement whose refund is
    still running (no later measurement yet and the season not over).
    """

    kind: str
    number: str
    at: dt.datetime
    season: str | None
    credited_fen: int
    summary: str
    superseded_by: str | None = None
    open_spell: bool = False


@dataclass(frozen=True)
class AccountServiceView:
    """Everything the service records say about one account."""

    account: AccountBrief
    measurements: tuple[tuple[StoredMeasurement, RecordCredit], ...]
    outages: tuple[tuple[StoredOutage, RecordCredit], ...]
    cases: tuple[CaseStatus, ...]

    @property
    def credited_fen(self) -> int:
        """The total the records have credited over every season (≤ 0)."""
        records = [c for _, c in self.measurements] + [c for _, c in self.outages]
        return sum(credit.credited_fen for credit in records)
