"""Exporting the audit log (CSV for any tool, XLSX for Excel), audited itself."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.audit import AuditFilter, AuditRecord, event_label
from cashier.domain.errors import UserError
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

HEADER = ("序号", "时间", "工号", "姓名", "事件", "事件代码", "详情", "哈希")
PAGE = 1000
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class ExportError(UserError):
    """The export file cannot be written (wrong extension, folder missing, file open)."""


def export_row(entry: AuditRecord) -> tuple[object, ...]:
    """One entry as the exported columns; the time in this computer's zone."""
    return (
        entry.seq,
        entry.recorded_at.astimezone().strftime(TIME_FORMAT),
        entry.staff_no,
        entry.actor_name,
        event_label(entry.event),
        entry.event,
        entry.details_summary(),
        entry.hash,
    )


def _rows(uow: UnitOfWork, where: AuditFilter) -> Iterator[tuple[object, ...]]:
    offset = 0
    while True:
        page = uow.audit.find(where, offset=offset, limit=PAGE)
        yield from (export_row(entry) for entry in page)
        if len(page) < PAGE:
            return
        offset += PAGE


def export_entries(uow: UnitOfWork, actor: Actor, where: AuditFilter, path: Path) -> int:
    """Write the matching entries, newest first, to `path` (.csv as UTF-8 with BOM, or
    .xlsx); returns how many. The export is itself audited.

    Raises PermissionDenied without "export_audit", ExportError for another extension or a
    file that cannot be written.
    """
    require(actor, "export_audit")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ExportError("请选择 .csv 或 .xlsx 文件。", "the file must end in .csv or .xlsx")
    with uow:
        try:
            count = _write_csv(path, _rows(uow, where)) if suffix == ".csv" else (
                _write_xlsx(path, _rows(uow, where))
            )
        except OSError as exc:
            raise ExportError(f"无法写入 {path}：{exc.strerror or exc}", str(exc)) from exc
        audit.record(uow, actor, "audit_export", {"file": path.name, "rows": count})
        uow.commit()
    return count


def _write_csv(path: Path, rows: Iterator[tuple[object, ...]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_xlsx(path: Path, rows: Iterator[tuple[object, ...]]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.append(HEADER)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    book.save(path)
    return count
