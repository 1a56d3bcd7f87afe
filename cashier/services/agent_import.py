"""Bank and agent collection files (`cashier payments import FILE`) and the suspense list.

A file is read whole and checked first: any malformed row refuses everything. Then, in one
transaction on the agent journal (counter AGENT): a (channel, 流水号) imported before is
skipped; a row whose 户号 is unknown is booked to suspense (待查款项) for an accountant to
assign; every other row is posted as a payment dated by the file's 日期 and allocated like a
counter payment (money beyond what is due becomes credit: the bank already took it). Each
payment's UUID is derived from (channel, serial), so a row can never be posted twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.agent_file import (
    AGENT_COLUMNS,
    AgentRow,
    SuspenseItem,
    check_duplicates,
    parse_agent_row,
)
from cashier.domain.errors import UserError
from cashier.domain.journal import (
    AGENT_COUNTER,
    PAYMENT,
    CounterState,
    EntryDetails,
    JournalEntry,
)
from cashier.domain.ledger import Payment
from cashier.domain.receipt_content import allocation_lines, charge_items, receipt_extra
from cashier.domain.table_rows import CellError, ImportRefused, map_header
from cashier.domain.tender import TenderPart
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.posting import EntryDraft, number_entry, read_books, receipt_account
from cashier.services.station import Station
from cashier.services.tabular import read_rows


@dataclass(frozen=True)
class AgentImportSummary:
    """What an import did (or would do, with `dry_run`); amounts in fen."""

    posted: int
    skipped: int
    suspense: int
    posted_fen: int
    suspense_fen: int
    dry_run: bool = False


def read_agent_file(path: Path, today: dt.date) -> list[AgentRow]:
    """Every row of a collection file (.csv or .xlsx), checked.

    Raises ImportRefused listing every problem, TableFileError for an unreadable file.
    """
    rows_in = read_rows(path)
    first = next(rows_in, None)
    if first is None:
        raise ImportRefused([CellError(1, "", "", "文件是空的", "the file is empty")])
    header = map_header(first[1], AGENT_COLUMNS)
    rows, errors = [], []
    for number, cells in rows_in:
        row, problems = parse_agent_row(number, cells, header, today=today)
        errors += problems
        if row is not None:
            rows.append(row)
    errors += check_duplicates(rows)
    if errors:
        raise ImportRefused(errors)
    return rows


def import_agent_payments(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    station: Station | None = None,
    dry_run: bool = False,
) -> AgentImportSummary:
    """Import a bank/agent collection file: all rows checked, then posted, skipped or booked
    to suspense in one transaction (see module docstring). `dry_run` rolls back at the end.

    Raises ImportRefused, TableFileError, PermissionDenied.
    """
    require(actor, "import_payments")
    station = station or Station(AGENT_COUNTER)
    rows = read_agent_file(path, station.business_date())
    posted = skipped = suspense = posted_fen = suspense_fen = 0
    with uow:
        state = uow.journal.lock_counter(AGENT_COUNTER)
        known = uow.agent_receipts.known([row.key for row in rows])
        moment = station.now()
        for row in rows:
            if row.key in known:
                skipped += 1
                continue
            if uow.ledger.account(row.account_no) is None:
                _record(uow, actor, row, None, path.name, moment)
                suspense, suspense_fen = suspense + 1, suspense_fen + row.amount_fen
                continue
            entry = post_agent_payment(uow, actor, station, state, row, moment)
            _record(uow, actor, row, entry.receipt_no, path.name, moment)
            state = replace(state, last_seq=entry.seq, head_hash=entry.hash)
            posted, posted_fen = posted + 1, posted_fen + row.amount_fen
        details = {"file": path.name, "rows": len(rows), "posted": posted, "suspense": suspense}
        audit.record(uow, actor, "import", details, now=moment)
        if not dry_run:
            uow.commit()
    return AgentImportSummary(posted, skipped, suspense, posted_fen, suspense_fen, dry_run)


def _record(
    uow: UnitOfWork,
    actor: Actor,
    row: AgentRow,
    receipt_no: str | None,
    file_name: str,
    moment: dt.datetime,
) -> None:
    uow.agent_receipts.add(
        row, receipt_no, file_name=file_name, imported_at=moment, imported_by=actor.staff_no
    )


def post_agent_payment(
    uow: UnitOfWork,
    actor: Actor,
    station: Station,
    state: CounterState,
    row: AgentRow,
    moment: dt.datetime,
) -> JournalEntry:
    """Post one collected payment on the agent journal (inside the caller's transaction),
    dated by the file's date; returns the appended entry."""
    uow.journal.lock_account(row.account_no)
    books = read_books(uow, row.account_no)
    today = station.business_date(moment)
    before = books.statement(row.paid_on, row.channel)
    payment = Payment(row.payment_uuid, row.paid_on, row.amount_fen, row.channel)
    ledger = books.ledger(max(today, row.paid_on), payments=[payment])
    lines = allocation_lines(ledger.allocations[row.payment_uuid])
    items = charge_items(lines, books.season_charges(), books.newest_season())
    seasons = "、".join(dict.fromkeys(x.season for x in lines if x.season)) or ""
    account = receipt_account(uow, books, row.paid_on, seasons or books.newest_season())
    balance = books.balance(max(today, row.paid_on), payments=[payment])
    extra = receipt_extra(
        account, items, due_before_fen=before.total_due_fen, balance_after_fen=balance
    )
    extra["serial"] = row.serial
    parts = (TenderPart(row.channel, row.amount_fen, row.serial),)
    draft = EntryDraft(
        row.payment_uuid,
        PAYMENT,
        EntryDetails(lines=lines, parts=parts, extra=extra),
        account_no=row.account_no,
        amount_fen=row.amount_fen,
        applied_fen=row.amount_fen,
        channel=row.channel,
        value_date=row.paid_on,
    )
    entry = number_entry(state, draft, actor, station, moment, None)
    uow.journal.append(entry)
    return entry


def suspense_items(uow: UnitOfWork, actor: Actor) -> list[SuspenseItem]:
    """The suspense list (待查款项): collected payments with unknown account numbers, not
    assigned yet, oldest first. Raises PermissionDenied."""
    require(actor, "import_payments")
    with uow:
        return uow.agent_receipts.suspense()


def assign_suspense(
    uow: UnitOfWork,
    actor: Actor,
    item_id: int,
    account_no: str,
    *,
    station: Station | None = None,
) -> str:
    """Assign a suspense row to an account: post it as that account's payment, dated as
    collected. Returns the receipt number. Raises UserError (unknown or assigned row,
    unknown account), PermissionDenied."""
    require(actor, "import_payments")
    station = station or Station(AGENT_COUNTER)
    with uow:
        state = uow.journal.lock_counter(AGENT_COUNTER)
        item = uow.agent_receipts.suspense_item(item_id)
        if item is None:
            raise UserError(
                f"待查款项 {item_id} 不存在或已处理。", f"no open suspense item {item_id}"
            )
        number = account_no.strip()
        row = AgentRow(0, number, item.amount_fen, item.channel, item.serial, item.paid_on)
        if uow.ledger.account(row.account_no) is None:
            raise UserError(f"户号 {row.account_no} 不存在。", f"no account {row.account_no}")
        moment = station.now()
        entry = post_agent_payment(uow, actor, station, state, row, moment)
        uow.agent_receipts.assign(
            item_id, number, entry.receipt_no, at=moment, by=actor.staff_no
        )
        details = {"serial": item.serial, "account_no": number, "receipt_no": entry.receipt_no}
        audit.record(uow, actor, "suspense_assign", details, now=moment)
        uow.commit()
    return entry.receipt_no
