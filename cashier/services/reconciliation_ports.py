"""The repositories reconciliation needs: shift-close reads, hand-overs, day closes, and
settlement statements (`uow.reconciliation`, `uow.settlements`; declared in ports.UnitOfWork,
implemented in store/repositories/reconciliation.py and settlements.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from cashier.domain.handover import HandoverRecord
from cashier.domain.journal import JournalEntry
from cashier.domain.settlement_files import ColumnMapping, StatementLine
from cashier.domain.settlement_match import Resolution


class ReconciliationRepository(Protocol):
    """Reads for shift closes and the reconciliation page; hand-overs and day closes."""

    def closed_through(self) -> dt.date | None:
        """The last business date the books are closed through, or None."""

    def last_shift_close(self, counter: str, before_seq: int) -> JournalEntry | None:
        """The counter's newest shift_close entry numbered below `before_seq`, or None."""

    def counter_entries(self, counter: str, after_seq: int) -> list[JournalEntry]:
        """The counter's entries numbered above `after_seq`, in order."""

    def reprinted_by(
        self, staff_no: str, since: dt.datetime, until: dt.datetime
    ) -> list[str]:
        """Receipt numbers reprinted by `staff_no` in [since, until], one per reprint."""

    def shift_closes_between(self, first: dt.date, last: dt.date) -> list[JournalEntry]:
        """Shift_close entries booked from `first` to `last`, by counter and seq."""

    def staff_money_entries(
        self, staff_no: str, through: dt.date | None = None
    ) -> list[JournalEntry]:
        """`staff_no`'s payments, voids and refunds (heat fees and repairs) booked up to
        `through` (all when None), in posting order."""

    def add_handover(self, record: HandoverRecord) -> None:
        """Store a hand-over (its journal entry is appended by the caller)."""

    def handovers(
        self,
        *,
        collector: str | None = None,
        on: dt.date | None = None,
        through: dt.date | None = None,
    ) -> list[HandoverRecord]:
        """Hand-overs (of a collector; booked on a day, or up to a day), oldest first."""

    def collectors_with_money(self, through: dt.date) -> list[tuple[str, str]]:
        """(staff_no, name) of every collector-role user, and of everyone who has handed
        over before, who took money booked up to `through`."""

    def add_day_close(
        self,
        through: dt.date,
        *,
        closed_at: dt.datetime,
        closed_by: str,
        closed_by_name: str,
        anchors: str,
        public_key: str,
        signature: str,
    ) -> None:
        """Record the books closed through `through` with the signed anchors file text."""

    def day_close_file(self, through: dt.date) -> str | None:
        """The signed anchors file of the close through `through`, or None."""


class SettlementRepository(Protocol):
    """Statement files imported, their lines, saved column mappings and resolutions."""

    def presets(self) -> list[ColumnMapping]:
        """The saved column mappings, by name."""

    def save_preset(self, mapping: ColumnMapping, *, at: dt.datetime, by: str) -> None:
        """Store `mapping` under its name (replacing a saved one of that name)."""

    def delete_preset(self, name: str) -> bool:
        """Remove a saved mapping; False when there was none of that name."""

    def imported(self, provider: str, sha256: str) -> dt.date | None:
        """The day a file with this digest was imported for, or None."""

    def add_import(
        self,
        provider: str,
        day: dt.date,
        lines: Sequence[StatementLine],
        *,
        file_name: str,
        sha256: str,
        preset: str,
        at: dt.datetime,
        by: str,
    ) -> int:
        """Store an imported file's lines; returns the import id."""

    def lines(self, provider: str, day: dt.date) -> list[StatementLine]:
        """Every imported line of `provider` for `day` (line ids set), by import and line."""

    def imports(self, day: dt.date) -> list[tuple[str, str, int, int]]:
        """(provider, file name, lines, total fen) of the files imported for `day`."""

    def add_resolution(self, resolution: Resolution) -> None:
        """Record an accountant's resolution of an item."""

    def resolutions(self, provider: str, day: dt.date) -> list[Resolution]:
        """Resolutions of `provider`'s items of `day`, oldest first."""
