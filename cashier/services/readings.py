"""Metered readings (`cashier readings import FILE`, or one typed in on the account page).

A reading is stored once per account and season, and its settlement line (计量结算,
heat-fees.md line 4: base + energy − the heating fee prepaid at opening) is posted to the
season's bill, dated the day it is posted. A file is all rows or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from cashier.domain.account_history import MeterReading
from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.fees import BillLine, DatedLine, FeeError, metered_settlement
from cashier.domain.reading_import import (
    READING_COLUMNS,
    ReadingRow,
    check_consumption,
    parse_reading_row,
    reading_error,
)
from cashier.domain.table_rows import CellError, CellProblem, ImportRefused, map_header
from cashier.services import audit
from cashier.services.account_facts import prepaid_fen
from cashier.services.accounts import today_or
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.tabular import read_rows

SETTLEMENT_REASON = "抄表结算"


@dataclass(frozen=True)
class _Plan:
    account_id: int
    reading: ReadingRow
    settlement: BillLine | None


@dataclass(frozen=True)
class ReadingsSummary:
    """What a readings import stored (or would, with ``dry_run``); amounts in fen."""

    readings: int
    settlements: int
    settlement_fen: int
    dry_run: bool


def import_readings(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    on: dt.date | None = None,
) -> ReadingsSummary:
    """Import metered readings from a .csv or .xlsx file (户号, 采暖期, 用量, 抄表日期).

    Every row must name a known, open, metered account billed for a known season, with no
    reading yet, once in the file. Settlement lines are dated ``on`` (today by default).
    Raises ImportRefused listing every problem, TableFileError, PermissionDenied.
    """
    require(actor, "import_accounts")
    rows, errors = _read(path)
    with uow:
        plans, problems = _plan(uow, rows)
        errors += problems
        if errors:
            raise ImportRefused(errors)
        if not dry_run:
            _store(uow, actor, plans, today_or(on), source=path.name)
            audit.record(uow, actor, "import", {"file": path.name, "readings": len(plans)})
            uow.commit()
    lines = [p.settlement for p in plans if p.settlement is not None]
    return ReadingsSummary(len(plans), len(lines), sum(x.amount_fen for x in lines), dry_run)


def enter_reading(
    uow: UnitOfWork,
    actor: Actor,
    account_no: str,
    season: str,
    consumption: Decimal,
    read_on: dt.date,
    *,
    on: dt.date | None = None,
) -> BillLine | None:
    """Store one reading typed in on the account page and post its settlement.

    Returns the settlement line (None when nothing is to be settled). Raises UserError with
    the first problem, as the file import would report it.
    """
    require(actor, "edit_account")
    try:
        check_consumption(format(consumption, "f"))
    except CellProblem as problem:
        raise UserError(f"用量{problem.zh}", f"consumption {problem.en}") from None
    row = ReadingRow(0, account_no.strip(), season.strip(), consumption, read_on)
    with uow:
        plans, problems = _plan(uow, [row])
        if problems:
            raise UserError(problems[0].zh, problems[0].en)
        _store(uow, actor, plans, today_or(on), source="")
        uow.commit()
    return plans[0].settlement


def _read(path: Path) -> tuple[list[ReadingRow], list[CellError]]:
    rows_in = read_rows(path)
    first = next(rows_in, None)
    if first is None:
        raise ImportRefused([CellError(1, "", "", "文件是空的", "the file is empty")])
    header = map_header(first[1], READING_COLUMNS)
    rows, errors, seen = [], [], {}
    for number, cells in rows_in:
        reading, problems = parse_reading_row(number, cells, header)
        errors += problems
        if reading is None:
            continue
        first_row = seen.setdefault((reading.account_no, reading.season), number)
        if first_row != number:
            zh, en = f"与第{first_row}行重复", f"same as row {first_row}"
            errors.append(reading_error(number, "account_no", zh, en))
        rows.append(reading)
    return rows, errors


def _plan(uow: UnitOfWork, rows: Sequence[ReadingRow]) -> tuple[list[_Plan], list[CellError]]:
    plans, errors = [], []
    for row in rows:
        try:
            plans.append(_plan_row(uow, row))
        except _RowProblem as problem:
            errors.append(reading_error(row.row, problem.key, problem.zh, problem.en))
    return plans, errors


class _RowProblem(Exception):
    def __init__(self, key: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.key, self.zh, self.en = key, zh, en


def _plan_row(uow: UnitOfWork, row: ReadingRow) -> _Plan:
    account = uow.accounts.get(row.account_no)
    if account is None:
        raise _RowProblem("account_no", f"户号 {row.account_no} 不存在", "unknown account")
    if account.closed_on is not None:
        raise _RowProblem("account_no", "该户已销户", "the account is closed")
    tariff = uow.seasons.get(row.season)
    if tariff is None:
        raise _RowProblem("season", f"采暖期 {row.season} 不存在", "unknown season")
    if row.read_on < tariff.season.start:
        raise _RowProblem("read_on", "早于采暖期开始日", "before the season starts")
    bill = uow.bills.get(account.id, row.season)
    if bill is None:
        raise _RowProblem("season", "该户本采暖期尚未开征", "no bill for this season yet")
    if uow.readings.read_accounts([account.id], row.season):
        raise _RowProblem("season", "该户本采暖期已有抄表记录", "already has a reading")
    facts = uow.bills.facts_for_season(account.id, row.season).facts
    if not facts.metered:
        raise _RowProblem("account_no", "该户不是计量收费", "the account is not metered")
    try:
        line = metered_settlement(facts, bill.tariff, row.consumption, prepaid_fen(bill))
    except FeeError as error:
        raise _RowProblem("consumption", str(error), error.english) from None
    return _Plan(account.id, row, line)


def _store(
    uow: UnitOfWork, actor: Actor, plans: Sequence[_Plan], on: dt.date, *, source: str
) -> None:
    for plan in plans:
        row = plan.reading
        reading = MeterReading(row.season, row.consumption, row.read_on, actor.staff_no)
        uow.readings.add(plan.account_id, reading, source=source)
        if plan.settlement is not None:
            uow.bills.add_lines(
                plan.account_id,
                row.season,
                [DatedLine(on, plan.settlement, SETTLEMENT_REASON)],
                recorded_by=actor.staff_no,
            )
