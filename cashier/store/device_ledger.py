"""What offline devices add to an account's ledger events (read by repositories/ledger.py).

- Central books: a synced device entry keeps its own dates (they are hashed and printed),
  but the ledger dates it by `device_postings.ledger_date` (the device's clock corrected and
  never later than the booking day), and a void or refund from a device likewise.
- A device's own database: the payments the central books hold for its work-list accounts
  (`device_mirror`) join the device's own journal, so its statements replay the account as
  the central books did at the check-out or last sync.

Both are cached in the session for its transaction, like the journal's events.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from cashier.domain.ledger import OpenItem, Payment, Void
from cashier.store.models import Account
from cashier.store.models.devices import DeviceMirrorRow, DevicePostingRow
from cashier.store.repositories.journal import GENERATION, _events_of

Events = tuple[list[Payment], list[Void], list[OpenItem]]

_ACCOUNT_NO = select(Account.account_no).where(Account.id == bindparam("account_id"))
_POSTED = select(
    DevicePostingRow.entry_uuid,
    DevicePostingRow.kind,
    DevicePostingRow.reverses_uuid,
    DevicePostingRow.ledger_date,
).where(DevicePostingRow.account_no == bindparam("account_no"))
_MIRRORED = (
    select(
        DeviceMirrorRow.uuid,
        DeviceMirrorRow.counter_code,
        DeviceMirrorRow.seq,
        DeviceMirrorRow.kind,
        DeviceMirrorRow.business_date,
        DeviceMirrorRow.value_date,
        DeviceMirrorRow.applied_fen,
        DeviceMirrorRow.channel,
        DeviceMirrorRow.reverses,
    )
    .where(DeviceMirrorRow.account_no == bindparam("account_no"))
    .order_by(DeviceMirrorRow.business_date, DeviceMirrorRow.counter_code, DeviceMirrorRow.seq)
)
_KEY = "device_ledger"


def device_events(session: Session, account_id: int, events: Events) -> Events:
    """The account's journal `events` with the device additions of the module docstring."""
    key = (_KEY, account_id, session.info.get(GENERATION, 0), session.get_transaction())
    extra = session.info.get(key)
    if extra is None:
        account_no = session.execute(_ACCOUNT_NO, {"account_id": account_id}).scalar()
        posted = session.execute(_POSTED, {"account_no": account_no}).all() if account_no else []
        mirrored = (
            session.execute(_MIRRORED, {"account_no": account_no}).all() if account_no else []
        )
        extra = session.info[key] = (posted, _events_of(mirrored) if mirrored else None)
    posted, mirror = extra
    payments, voids, payouts = events
    if mirror is not None:
        payments, voids, payouts = _merged(events, mirror)
    if posted:
        payments, voids = _redated(payments, voids, posted)
    return list(payments), list(voids), list(payouts)


def _merged(events: Events, mirror: Events) -> Events:
    payments, voids, payouts = events
    own = {p.payment_id for p in payments}
    return (
        [*[p for p in mirror[0] if p.payment_id not in own], *payments],
        [*mirror[1], *voids],
        [*mirror[2], *payouts],
    )


def _redated(payments, voids, posted) -> tuple[list[Payment], list[Void]]:
    paid_on = {row.entry_uuid: row.ledger_date for row in posted if row.reverses_uuid is None}
    reversed_on = {row.reverses_uuid: row.ledger_date for row in posted if row.reverses_uuid}
    payments = [
        replace(p, on=paid_on[p.payment_id]) if p.payment_id in paid_on else p for p in payments
    ]
    voids = [
        replace(v, on=reversed_on[v.payment_id]) if v.payment_id in reversed_on else v
        for v in voids
    ]
    return payments, voids
