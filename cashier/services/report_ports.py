"""What the report services need from the store and from the document writers.

The store's side (`uow.reports`, store/repositories/reports.py) streams what a report reads;
the writers (printing/report_pdf.py, printing/report_xlsx.py) turn a finished
:class:`~cashier.domain.report_table.Report` into a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from cashier.domain.arrears_notice import Notice
from cashier.domain.journal import JournalEntry
from cashier.domain.report_arrears import AccountBalance
from cashier.domain.report_reversals import Waiver
from cashier.domain.report_table import Report


class ReportRepository(Protocol):
    """Set-based reads for reports; everything streams in batches."""

    def read_only(self) -> None:
        """Make the unit of work's transaction a reader's: call it first. On SQLite it
        begins DEFERRED, so counters keep posting while a long report reads."""

    def entries_between(
        self, first: dt.date, last: dt.date, kinds: Sequence[str]
    ) -> Iterator[JournalEntry]:
        """Journal entries of `kinds` booked from `first` to `last` (business dates),
        by business date, counter and sequence."""

    def account_balances(
        self, on: dt.date, *, estate: str = "", building: str = ""
    ) -> Iterator[AccountBalance]:
        """Every account (of an estate, and building, when given) with a charge up to `on`:
        its bill lines and opening arrears posted up to `on` (late-fee waivers aside), and
        what its payments, voids and refunds booked up to `on` paid, by account id."""

    def account_count(self, *, estate: str = "", building: str = "") -> int:
        """How many accounts `account_balances` looks at (for progress)."""

    def waivers(self, first: dt.date, last: dt.date) -> list[Waiver]:
        """Late-fee waivers posted from `first` to `last`, by date."""

    def bill_changes(self, first: dt.date, last: dt.date) -> list[tuple[str, int, int]]:
        """(kind label, count, fen) of bill lines posted from `first` to `last`, by kind."""


class ReportWriter(Protocol):
    """Writes a report as a file: .pdf (A4, CJK font embedded), .xlsx or .csv."""

    def write(self, report: Report, path: Path) -> None:
        """Write `report` to `path`, its format by the suffix; raises UserError for a
        suffix it cannot write."""


class NoticeWriter(Protocol):
    """Writes arrears notices as a PDF: A4 (two to a page) or receipt-paper width."""

    def write_notices(self, notices: Sequence[Notice], path: Path, *, size: str) -> None:
        """`size` is "a4", "58" or "80"; raises UserError for another size."""
