"""The accountant's list of synced payments whose central allocation differs from their
receipt (credits and adjustments, cashier.domain.device), and resolving one with a note."""

from __future__ import annotations

import datetime as dt

from cashier.domain.actor import Actor
from cashier.domain.device import StoredFlag
from cashier.domain.errors import UserError
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.station import utc_now


def sync_flags(uow: UnitOfWork, actor: Actor, *, open_only: bool = False) -> list[StoredFlag]:
    """Every flag oldest first (those without a note only, when asked). Raises
    PermissionDenied."""
    require(actor, "sync_device")
    with uow:
        return uow.devices.flags(open_only=open_only)


def resolve_flag(
    uow: UnitOfWork, actor: Actor, flag_id: int, note: str, *, now: dt.datetime | None = None
) -> None:
    """Record the accountant's note on a flag (once), audited. Raises PermissionDenied,
    UserError for an empty note or an unknown or resolved flag."""
    require(actor, "reconcile")
    if not note.strip():
        raise UserError("请填写处理说明。", "a note is needed")
    moment = now or utc_now()
    with uow:
        if not uow.devices.add_flag_note(
            flag_id, note.strip()[:300], staff_no=actor.staff_no, at=moment
        ):
            raise UserError(
                f"差异 {flag_id} 不存在或已处理。", f"flag {flag_id} unknown or resolved"
            )
        audit.record(uow, actor, "sync_flag_note", {"flag": flag_id, "note": note.strip()},
                     now=moment)
        uow.commit()
