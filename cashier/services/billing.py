"""Season billing (`cashier season open`) and the bills export (`cashier bills export`).

Opening a season streams the accounts without a bill in batches, bills each with the fee
engine and commits every batch: a cancelled or interrupted run keeps what it committed and a
later run bills only what is missing. Memory stays flat whatever the number of accounts.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from cashier.domain.actor import Actor
from cashier.domain.billing import EXPORT_HEADER, SeasonBiller, export_row
from cashier.domain.errors import UserError
from cashier.domain.tariffs import SeasonTariff
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

DEFAULT_BATCH = 10_000
CATEGORY_NAMES = {"residential": "居民", "non_residential": "非居民"}

Progress = Callable[[int, int], None]
"""Called after each committed batch with (accounts billed so far, accounts to bill)."""


class UnknownSeason(UserError):
    """A season code that was never loaded."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"采暖期 {code} 不存在，请先用 cashier tariffs load 载入热价文件。",
            f"season {code} does not exist: load its tariff file first",
        )


class MissingCategoryTariff(UserError):
    """Accounts of a category the season has no tariff for."""


@dataclass(frozen=True)
class SeasonOpenResult:
    """The outcome of one `open_season` run.

    `billed` bills were made by this run; `already` existed before it; `skipped` accounts had
    no facts valid by the season's last day; `cancelled` is True when the run stopped early
    (a later run completes it).
    """

    season: str
    billed: int
    already: int
    skipped: int
    cancelled: bool


def open_season(
    uow: UnitOfWork,
    actor: Actor,
    code: str,
    *,
    billed_on: dt.date,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SeasonOpenResult:
    """Bill every account that has no bill for season `code` yet (开征), in batches.

    Each bill gets the opening lines of the fee engine (amounts in fen) dated `billed_on`
    and points at the frozen copy of the season's tariff. Every batch is committed on its own;
    `progress(done, total)` follows each commit and `cancelled()` is asked before the next
    batch. Each run is audited. Raises PermissionDenied without the "open_season" permission,
    UnknownSeason, and MissingCategoryTariff (before billing anything) when accounts have a
    category the season has no tariff for.
    """
    tariff, version_id, total, already = _prepare(uow, actor, code)
    biller = SeasonBiller(tariff)
    billed = scanned = after = 0
    stopped = False
    with uow:
        while True:
            if cancelled is not None and cancelled():
                stopped = True
                break
            subjects, ids = uow.bills.unbilled(code, after_id=after, limit=batch_size)
            if not ids:
                break
            bills = [biller.bill(subject) for subject in subjects]
            uow.bills.add_bills(
                code, version_id, bills, billed_on=billed_on, recorded_by=actor.staff_no
            )
            uow.commit()
            after, billed, scanned = ids[-1], billed + len(bills), scanned + len(ids)
            if progress is not None:
                progress(scanned, total)
    return SeasonOpenResult(code, billed, already, scanned - billed, cancelled=stopped)


def _prepare(uow: UnitOfWork, actor: Actor, code: str) -> tuple[SeasonTariff, int, int, int]:
    """Check the permission, the season and its categories; freeze its tariff; count what is
    left to bill; audit the run."""
    require(actor, "open_season")
    with uow:
        tariff = uow.seasons.get(code)
        if tariff is None:
            raise UnknownSeason(code)
        missing = sorted(uow.bills.categories_without_tariff(code, set(tariff.tariffs)))
        if missing:
            names = "、".join(CATEGORY_NAMES[c] for c in missing)
            raise MissingCategoryTariff(
                f"采暖期 {code} 的热价文件没有「{names}」类别，有此类别的用户无法开征。",
                f"season {code} has no tariff for {', '.join(missing)}",
            )
        version_id = uow.bills.freeze_tariff(tariff, created_by=actor.staff_no)
        total = uow.bills.unbilled_count(code)
        already = uow.bills.count_for_season(code)
        audit.record(uow, actor, "season_open", {"season": code, "accounts": total})
        uow.commit()
    return tariff, version_id, total, already


def export_bills(uow: UnitOfWork, code: str, out: TextIO, *, batch_size: int = 5_000) -> int:
    """Write the season's bills as CSV rows (formats.md "Bills export") to `out`.

    One row per account, amounts in yuan with two decimals, a column empty where no line of
    that kind exists; adjustments count under the kind they correct. The caller opens `out`
    (UTF-8 with BOM, newline=""). Returns the number of bills written; raises UnknownSeason.
    """
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    written, after = 0, 0
    with uow:
        if uow.seasons.get(code) is None:
            raise UnknownSeason(code)
        while batch := uow.bills.export_batch(code, after_bill_id=after, limit=batch_size):
            for _, account_no, name, lines in batch:
                writer.writerow(export_row(account_no, name, code, lines))
            written += len(batch)
            after = batch[-1][0]
    return written
