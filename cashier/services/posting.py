"""What every journal posting shares: the account's books, and numbering a new entry.

Used by payments, reversals, shifts and the agent import inside their own transactions.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cashier.domain.account_history import facts_on
from cashier.domain.actor import Actor
from cashier.domain.day_close import booking_date
from cashier.domain.errors import UserError
from cashier.domain.fees import BillLine
from cashier.domain.journal import CounterState, EntryDetails, JournalEntry, seal
from cashier.domain.ledger import Ledger, OpenItem, Payment, Void, replay
from cashier.domain.receipt_content import ReceiptAccount
from cashier.domain.statement import Statement, statement
from cashier.domain.tariffs import OPENING
from cashier.services.ports import UnitOfWork
from cashier.services.station import Station, device_time

CATEGORY_LABELS = {"residential": "居民", "non_residential": "非居民"}


class UnknownAccount(UserError):
    """No account has this number."""

    def __init__(self, account_no: str) -> None:
        super().__init__(f"户号 {account_no} 不存在。", f"no account {account_no}")


@dataclass(frozen=True)
class Books:
    """An account's ledger records: open items (with their charges), payments and voids."""

    account_id: int
    account_no: str
    name: str
    items: tuple[OpenItem, ...]
    payments: tuple[Payment, ...]
    voids: tuple[Void, ...]

    def ledger(
        self,
        on: dt.date,
        *,
        payments: Sequence[Payment] = (),
        voids: Sequence[Void] = (),
        items: Sequence[OpenItem] = (),
    ) -> Ledger:
        """The account replayed up to `on`, with new payments, voids or items added last."""
        return replay(
            [*self.items, *items], [*self.payments, *payments], [*self.voids, *voids], as_of=on
        )

    def statement(self, on: dt.date, channel: str, **added: Sequence) -> Statement:
        """What the account owes on `on` for a payment through `channel` (`added` as for
        :meth:`ledger`)."""
        ledger = self.ledger(on, **added)
        return statement(ledger.items, ledger.credit_fen, on, channel)

    def balance(self, on: dt.date, **added: Sequence) -> int:
        """Owed on `on` (cash channel) when positive, the credit balance when negative."""
        owed = self.statement(on, "cash", **added)
        return owed.total_due_fen if owed.total_due_fen > 0 else -owed.credit_fen

    def season_charges(self) -> dict[str, list[BillLine]]:
        """The charge lines of each season, as billed and adjusted."""
        return {item.season: [c.line for c in item.charges] for item in self.items}

    def newest_season(self) -> str:
        """The code of the newest billed season ("" when none)."""
        seasons = [i for i in self.items if i.due_date is not None and i.season != OPENING]
        return max(seasons, key=lambda i: i.start).season if seasons else ""


def read_books(uow: UnitOfWork, account_no: str) -> Books:
    """The account's books, read inside the caller's open unit of work (the same read as
    the statement service). Raises UnknownAccount."""
    found = uow.ledger.account(account_no)
    if found is None:
        raise UnknownAccount(account_no)
    account_id, name = found
    items = uow.ledger.open_items(account_id)
    payments, voids = uow.ledger.payments(account_id)
    return Books(account_id, account_no, name, tuple(items), tuple(payments), tuple(voids))


def receipt_account(uow: UnitOfWork, books: Books, on: dt.date, seasons: str) -> ReceiptAccount:
    """The account as a receipt prints it on `on`: holder, address, category, area."""
    summary = uow.accounts.get(books.account_no)
    versions = uow.account_history.facts_versions(books.account_id)
    facts = facts_on(versions, on) or (versions[0] if versions else None)
    return ReceiptAccount(
        account_no=books.account_no,
        name=summary.name if summary else books.name,
        address=summary.address.display() if summary else "",
        category=CATEGORY_LABELS.get(facts.category, facts.category) if facts else "",
        heated_area=facts.heated_area if facts else Decimal(0),
        season=seasons,
    )


@dataclass(frozen=True)
class EntryDraft:
    """A new entry before it is numbered: everything but counter, seq and hashes."""

    uuid: str
    kind: str
    details: EntryDetails
    account_no: str | None = None
    amount_fen: int = 0
    applied_fen: int = 0
    channel: str | None = None
    reverses: str | None = None
    value_date: dt.date | None = None


def number_entry(
    state: CounterState,
    draft: EntryDraft,
    actor: Actor,
    station: Station,
    moment: dt.datetime,
    shift_seq: int | None,
) -> JournalEntry:
    """The draft as the counter's next entry, sealed onto the counter's chain.

    It is booked to the day it was taken, or to the first open day when that day is closed
    (日结); its value date stays the day it was taken.
    """
    taken = station.business_date(moment)
    business = booking_date(taken, state.closed_through)
    entry = JournalEntry(
        uuid=draft.uuid,
        counter=state.counter,
        seq=state.last_seq + 1,
        kind=draft.kind,
        business_date=business,
        value_date=draft.value_date or taken,
        taken_at=moment,
        device_time=device_time(moment),
        staff_no=actor.staff_no,
        staff_name=actor.name,
        shift_seq=shift_seq,
        account_no=draft.account_no,
        amount_fen=draft.amount_fen,
        applied_fen=draft.applied_fen,
        channel=draft.channel,
        reverses=draft.reverses,
        body=draft.details.to_body(),
    )
    return seal(entry, state.head_hash)


def check_uuid(client_uuid: str) -> str:
    """The client UUID in canonical form; raises UserError when it is not a UUID."""
    try:
        return str(uuidlib.UUID(str(client_uuid)))
    except ValueError:
        raise UserError("内部错误：付款编号无效。", f"not a UUID: {client_uuid!r}") from None
