"""`cashier accounts import|export|template`: the accounts file of formats.md, CSV or .xlsx.

An import is all rows or none: every row is checked (each cell, duplicates inside the file
and against the database) before anything is written, and one bad row refuses the whole
file with every problem listed as "第N行，列：原因" (row N, column: why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.account_import import (
    ACCOUNT_COLUMNS,
    DuplicateCheck,
    account_to_cells,
    address_key,
    duplicate_address,
    duplicate_number,
    header_cells,
    parse_account_row,
)
from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.registration import NewAccount
from cashier.domain.table_rows import CellError, ImportRefused, map_header
from cashier.services import audit
from cashier.services.accounts import add_accounts, newest_season, today_or
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.tabular import read_rows, write_rows

Progress = Callable[[int], None]
"""Called now and then with the number of rows read so far."""

PROGRESS_EVERY = 1_000
EXPORT_BATCH = 5_000
_TEMPLATE_NOTES = {
    "account_no": "必填；唯一；1–32位字母、数字或“-”",
    "name": "必填",
    "phone": "数字、“-”、“+”",
    "estate": "必填",
    "building": "必填",
    "room": "必填；同一地址只能登记一户",
    "category": "必填；居民 / 非居民",
    "low_income": "是 / 否，默认否",
    "heated_area": "必填；平方米，大于0，最多两位小数",
    "ceiling_height": "米，最多两位小数",
    "billing": "面积 / 计量，默认面积",
    "status": "供热 / 报停（最新采暖期），默认供热",
    "connected_on": "YYYY-MM-DD；采暖期内开通按天折算",
    "opening_arrears": "元，最多两位小数：原系统结转的往年欠费",
    "contract_no": "供用热合同编号",
    "contract_start": "YYYY-MM-DD",
    "contract_end": "YYYY-MM-DD",
}


class ImportCancelled(UserError):
    """The user stopped the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("导入已取消，未写入任何数据。", "import cancelled, nothing written")


@dataclass(frozen=True)
class ImportSummary:
    """What an import wrote (or, with ``dry_run``, would write).

    ``season`` is the newest season, for which 报停 rows were recorded.
    """

    accounts: int
    suspended: int
    arrears_accounts: int
    arrears_fen: int
    season: str | None
    dry_run: bool


def read_account_file(
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[tuple[int, NewAccount]], list[CellError]]:
    """Every account of the file with its row number, and every problem found in the file.

    Raises ImportRefused for a bad header, TableFileError for an unreadable file,
    ImportCancelled when ``cancelled()`` turns true.
    """
    rows = read_rows(path)
    header = _header(rows)
    accounts, errors, duplicates = [], [], DuplicateCheck()
    for count, (number, cells) in enumerate(rows, start=1):
        if count % PROGRESS_EVERY == 0:
            _tick(count, progress, cancelled)
        account, problems = parse_account_row(number, cells, header)
        errors.extend(problems)
        if account is not None:
            errors.extend(duplicates.check(number, account))
            accounts.append((number, account))
    return accounts, errors


def _header(rows: Iterator[tuple[int, list[str]]]) -> dict[str, int]:
    first = next(rows, None)
    if first is None:
        raise ImportRefused([CellError(1, "", "", "文件是空的", "the file is empty")])
    return map_header(first[1], ACCOUNT_COLUMNS)


def _tick(count: int, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
    if progress is not None:
        progress(count)
    if cancelled is not None and cancelled():
        raise ImportCancelled()


def import_accounts(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    on: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import the accounts of a .csv or .xlsx file: all rows or none.

    Checks every row, then duplicates against the database; with ``dry_run`` writes nothing.
    Registration as :func:`cashier.services.accounts.add_accounts` (facts valid from ``on``,
    today by default). Raises ImportRefused listing every problem, TableFileError,
    ImportCancelled, PermissionDenied.
    """
    require(actor, "import_accounts")
    accounts, errors = read_account_file(path, progress=progress, cancelled=cancelled)
    with uow:
        season = newest_season(uow)
        errors += _against_database(uow, accounts)
        if season is None:
            errors += [_no_season(row) for row, a in accounts if a.facts.suspended]
        if errors:
            raise ImportRefused(errors)
        summary = _summary(accounts, season, dry_run)
        if not dry_run:
            add_accounts(uow, actor, (a for _, a in accounts), on=today_or(on), source=path.name)
            audit.record(uow, actor, "import", {"file": path.name, "accounts": len(accounts)})
            uow.commit()
    return summary


def _against_database(uow: UnitOfWork, accounts: Sequence[tuple[int, NewAccount]]) -> list:
    taken_numbers = uow.accounts.ids_by_number([a.account_no for _, a in accounts])
    taken_addresses = uow.accounts.existing_addresses([address_key(a.address) for _, a in accounts])
    errors = []
    for row, account in accounts:
        if account.account_no in taken_numbers:
            errors.append(duplicate_number(row, "数据库中已有此户号", "already in the database"))
        other = taken_addresses.get(address_key(account.address))
        if other is not None:
            where = (f"户号{other}", f"account {other}")
            errors.append(duplicate_address(row, account.address, *where))
    return errors


def _no_season(row: int) -> CellError:
    return CellError(
        row, "状态", "status", "尚未载入采暖期，不能报停", "no season loaded yet: cannot suspend"
    )


def _summary(
    accounts: Sequence[tuple[int, NewAccount]], season: str | None, dry_run: bool
) -> ImportSummary:
    arrears = [a.opening_arrears_fen for _, a in accounts if a.opening_arrears_fen]
    return ImportSummary(
        accounts=len(accounts),
        suspended=sum(1 for _, a in accounts if a.facts.suspended),
        arrears_accounts=len(arrears),
        arrears_fen=sum(arrears),
        season=season,
        dry_run=dry_run,
    )


def export_accounts(
    uow: UnitOfWork, actor: Actor, path: Path, *, on: dt.date | None = None
) -> int:
    """Write every account to a .csv (UTF-8 with BOM) or .xlsx file in the import's columns.

    Facts are those that apply on ``on`` (today by default), the status is the newest
    season's, 往年欠费 the amount carried over; importing the file into an empty database
    gives the same accounts. Returns how many. Raises TableFileError, PermissionDenied.
    """
    require(actor, "view_accounts")
    with uow:
        season = newest_season(uow)
        rows = (account_to_cells(a) for a in _all_accounts(uow, today_or(on), season))
        return write_rows(path, header_cells(), rows)


def _all_accounts(uow: UnitOfWork, on: dt.date, season: str | None) -> Iterator[NewAccount]:
    after = 0
    while True:
        batch, last = uow.account_history.export_batch(
            after_id=after, limit=EXPORT_BATCH, on=on, season=season
        )
        if last is None:
            return
        yield from batch
        after = last


def write_account_template(path: Path) -> None:
    """Write an empty accounts file with the header row (.csv or .xlsx).

    An .xlsx template has a second sheet, 填写说明, explaining each column.
    Raises TableFileError.
    """
    notes = [["列", "英文列名", "说明"]] + [
        [c.zh, c.key, _TEMPLATE_NOTES.get(c.key, "")] for c in ACCOUNT_COLUMNS
    ]
    write_rows(path, header_cells(), [], notes=notes)
