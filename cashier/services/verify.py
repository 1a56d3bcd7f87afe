"""`cashier verify`: recompute every hash chain and its numbering, and compare with anchors.

Each chain has a checker `fn(uow, anchors) -> CheckResult` in CHECKERS; the payments journal
adds its own here (one checker may report several counters' journals by returning one
result per call: add one checker per chain).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cashier.domain.actor import Actor
from cashier.domain.chain import Anchor, CheckResult
from cashier.services.audit import check_audit_chain
from cashier.services.journal_verify import check_journals
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork, UnitOfWorkFactory
from cashier.services.repair_verify import check_repair_signatures
from cashier.services.service_journal import check_service_chain

Checker = Callable[[UnitOfWork, Sequence[Anchor]], CheckResult]

CHECKERS: list[Checker] = [
    check_audit_chain,
    check_service_chain,
    check_journals,
    check_repair_signatures,
]
"""Every chain checker, run in this order."""


def verify_books(
    uow_factory: UnitOfWorkFactory, actor: Actor, anchors: Sequence[Anchor] = ()
) -> list[CheckResult]:
    """Run every checker, each in its own read transaction; one result per checker.

    `anchors` (from `cashier.domain.chain.parse_anchors`) are handed to every checker, each
    using those of its chains. Raises PermissionDenied without "verify_books".
    """
    require(actor, "verify_books")
    return [checker(uow_factory(), anchors) for checker in CHECKERS]
