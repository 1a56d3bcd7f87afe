"""`cashier verify` for repairs: every stored bill and damage confirmation still matches
what the customer signed.

Each bill version's digest is recomputed from its stored lines and compared with the digest
stored with it and the one its sign-off covers; each signature's digest is recomputed from
its PNG and strokes. An edited line, total, name or signature is named here even if someone
removed the tables' guards first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cashier.domain.chain import Anchor, CheckResult
from cashier.domain.repair_bills import BillVersion, bill_digest, signed_intact
from cashier.services.ports import UnitOfWork

CHECK_NAME = "维修收费清单与客户签字"
CHAIN = "repairs"
BATCH = 500

_Problem = tuple[str, str]


def check_repair_signatures(uow: UnitOfWork, anchors: Sequence[Anchor] = ()) -> CheckResult:
    """Recompute every bill version's and damage confirmation's digest and signature and
    name the first that does not match (``anchors`` are not used: nothing here is chained)."""
    with uow:
        count, problem = _check_versions(uow)
        if problem is None:
            more, problem = _check_damages(uow)
            count += more
    result = CheckResult(name=CHECK_NAME, chain=CHAIN, records=count)
    if problem is None:
        return result
    return replace(result, problem=problem[0], english=problem[1])


def _check_versions(uow: UnitOfWork) -> tuple[int, _Problem | None]:
    count, after = 0, 0
    while batch := uow.repair_bills.version_batch(after, BATCH):
        signoffs = uow.repair_bills.signoffs([v.id for v in batch])
        for version in batch:
            count += 1
            problem = _version_problem(version, signoffs.get(version.id))
            if problem is not None:
                return count, problem
        after = batch[-1].id
    return count, None


def _version_problem(version: BillVersion, signoff) -> _Problem | None:
    name = f"维修单 {version.content.order_no} 第{version.content.version}版收费清单"
    english = f"bill {version.content.order_no} v{version.content.version}"
    digest = bill_digest(version.content)
    if digest != version.digest:
        return f"{name}的内容与其摘要不符：清单被改动。", f"{english} was altered"
    if signoff is not None and not signed_intact(signoff, digest):
        return (
            f"{name}的客户签字与清单或签字图像不符：签字或清单被改动。",
            f"{english}: its signature no longer matches",
        )
    return None


def _check_damages(uow: UnitOfWork) -> tuple[int, _Problem | None]:
    count, after = 0, 0
    while batch := uow.repair_bills.damage_batch(after, BATCH):
        for damage in batch:
            count += 1
            if not damage.intact:
                number = damage.content.order_no
                return count, (
                    f"维修单 {number} 的用户责任损坏确认单与客户签字不符：被改动。",
                    f"damage confirmation of {number} was altered",
                )
        after = batch[-1].id
    return count, None
