"""One report run as the Reports page asks for it: which report, its parameters, the file.

`run_report` builds the report and writes the file in one call, so the page can run it in
the background with progress and cancel; a cancelled run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.report_table import Report
from cashier.services import reports
from cashier.services.permissions import can
from cashier.services.ports import UnitOfWork
from cashier.services.report_ports import NoticeWriter, ReportWriter
from cashier.services.reports import Cancelled, Progress

KINDS: dict[str, tuple[str, ...]] = {
    "daily": ("date",),
    "monthly": ("month",),
    "arrears": ("date", "place"),
    "collection": ("date", "season"),
    "reversals": ("range",),
    "prices": ("season",),
    "vouchers": ("range",),
    "notices": ("date", "place", "size"),
}
"""Report kind -> the parameters it takes (date, month, range, place, season, size)."""
SUFFIXES: dict[str, tuple[str, ...]] = {
    "vouchers": (".csv", ".xlsx"),
    "notices": (".pdf",),
}
"""Kind -> the file types it writes (any other kind: .pdf, .xlsx)."""
DEFAULT_SUFFIXES = (".pdf", ".xlsx")


def suffixes(kind: str) -> tuple[str, ...]:
    """The file types a kind writes, the first being the usual one."""
    return SUFFIXES.get(kind, DEFAULT_SUFFIXES)


def allowed_kinds(actor: Actor) -> list[str]:
    """The kinds `actor` may run: every one with "view_reports", notices with
    "collect_payment"."""
    if can(actor, "view_reports"):
        return list(KINDS)
    return ["notices"] if can(actor, "collect_payment") else []


@dataclass(frozen=True)
class ReportRequest:
    """What to run and where to write it; unused parameters are ignored."""

    kind: str
    path: Path
    on: dt.date
    last: dt.date | None = None
    estate: str = ""
    building: str = ""
    season: str = ""
    size: str = "a4"


def _check(request: ReportRequest) -> None:
    if request.kind not in KINDS:
        raise UserError(f"未知的报表：{request.kind}", f"unknown report {request.kind!r}")
    if request.path.suffix.lower() not in suffixes(request.kind):
        allowed = "、".join(suffixes(request.kind))
        raise UserError(f"此报表只能保存为 {allowed} 文件。",
                        f"this report is written as {allowed} only")  # fmt: skip


def run_report(
    uow: UnitOfWork,
    actor: Actor,
    request: ReportRequest,
    writer: ReportWriter,
    notice_writer: NoticeWriter,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Build the requested report and write its file; returns the path. Raises UserError
    (a bad request, permission, nothing to write) and ReportCancelled."""
    _check(request)
    watch = {"progress": progress, "cancelled": cancelled}
    if request.kind == "notices":
        notices = reports.arrears_notices(uow, actor, request.on, estate=request.estate,
                                          building=request.building, **watch)  # fmt: skip
        return reports.write_notices(notices, request.path, notice_writer, size=request.size)
    report = _build(uow, actor, request, watch)
    if cancelled is not None and cancelled():
        raise reports.ReportCancelled()
    return reports.write_report(report, request.path, writer)


def _build(uow: UnitOfWork, actor: Actor, r: ReportRequest, watch: dict) -> Report:
    last = r.last or r.on
    builders = {
        "daily": lambda: reports.daily_ledger_of(uow, actor, r.on, **watch),
        "monthly": lambda: reports.monthly_summary(uow, actor, r.on.year, r.on.month, **watch),
        "arrears": lambda: reports.arrears_list(uow, actor, r.on, estate=r.estate,
                                                building=r.building, **watch),  # fmt: skip
        "collection": lambda: reports.collection_rate(uow, actor, r.on, season=r.season,
                                                      **watch),  # fmt: skip
        "reversals": lambda: reports.reversals_between(uow, actor, r.on, last),
        "prices": lambda: reports.price_list(uow, actor, r.season),
        "vouchers": lambda: reports.vouchers_between(uow, actor, r.on, last),
    }
    return builders[r.kind]()
