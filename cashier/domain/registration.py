"""A new account as registered: who and where it is, and its first billing facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cashier.domain.accounts import BillingFacts


@dataclass(frozen=True)
class Address:
    """Where an account is: estate (小区), building (楼号), unit (单元), room (室号)."""

    estate: str
    building: str
    unit: str
    room: str

    def display(self) -> str:
        """The address as written on receipts: 幸福小区3号楼2单元502."""
        building = self.building if self.building.endswith("号楼") else f"{self.building}号楼"
        unit = self.unit if not self.unit or self.unit.endswith("单元") else f"{self.unit}单元"
        return f"{self.estate}{building}{unit}{self.room}"


@dataclass(frozen=True)
class Contract:
    """The heat supply contract (供用热合同): its number and the dates it runs (inclusive)."""

    number: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class NewAccount:
    """Everything needed to register an account; `opening_arrears_fen` is 往年欠费 in fen.

    `facts.status` is the status for the newest season (报停 is recorded for that season).
    """

    account_no: str
    name: str
    phone: str
    address: Address
    facts: BillingFacts
    opening_arrears_fen: int = 0
    contract: Contract = Contract()
