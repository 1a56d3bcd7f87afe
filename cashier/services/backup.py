"""Backing up and restoring the whole database (`cashier backup`, `cashier restore`).

A restore is refused unless the copy passes its own integrity check and every chain check
of `cashier verify`; the live database is kept beside itself as a safety copy first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.chain import Anchor, CheckResult
from cashier.domain.errors import UserError
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import DatabaseBackup, UnitOfWorkFactory
from cashier.services.verify import verify_books


class RestoreRefused(UserError):
    """The backup file failed a check; nothing was changed."""


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: the checks it passed and where the replaced database was kept."""

    source: Path
    safety_copy: Path
    checks: list[CheckResult]


def backup_database(
    uow_factory: UnitOfWorkFactory, actor: Actor, port: DatabaseBackup, target: Path
) -> Path:
    """Write a consistent copy of the live database to `target`, check it, audit it.

    Raises PermissionDenied without "backup"; UserError when the copy cannot be written or
    fails its integrity check (the faulty copy is left for inspection), or for PostgreSQL
    (with pg_dump advice).
    """
    require(actor, "backup")
    port.backup(target)
    problems = port.integrity_problems(target)
    if problems:
        raise UserError(
            f"备份文件 {target} 未通过完整性检查：{problems[0]}",
            f"the backup {target} failed its integrity check: {problems[0]}",
        )
    uow = uow_factory()
    with uow:
        audit.record(uow, actor, "backup", {"file": str(target)})
        uow.commit()
    return Path(target)


def check_backup(
    actor: Actor, port: DatabaseBackup, source: Path, anchors: Sequence[Anchor] = ()
) -> list[CheckResult]:
    """Integrity check and every chain check on a copy of `source`; changes nothing.

    Raises RestoreRefused naming the first problem; PermissionDenied without "restore".
    """
    require(actor, "restore")
    _check_integrity(port, source, source)
    with port.prepare_copy(source) as copy:
        return _checked(actor, port, source, copy.path, copy.uow_factory, anchors)


def restore_database(
    uow_factory: UnitOfWorkFactory,
    actor: Actor,
    port: DatabaseBackup,
    source: Path,
    anchors: Sequence[Anchor] = (),
) -> RestoreReport:
    """Replace the live database with the backup `source` once it passes every check.

    The old database is kept beside itself first; the restore is audited in the restored
    database. Raises PermissionDenied without "restore"; RestoreRefused; UserError.
    """
    require(actor, "restore")
    _check_integrity(port, source, source)
    with port.prepare_copy(source) as copy:
        checks = _checked(actor, port, source, copy.path, copy.uow_factory, anchors)
        safety = port.replace_with(copy.path)
    uow = uow_factory()
    with uow:
        details = {"file": str(source), "safety_copy": str(safety)}
        audit.record(uow, actor, "restore", details)
        uow.commit()
    return RestoreReport(Path(source), safety, checks)


def _check_integrity(port: DatabaseBackup, path: Path, source: Path) -> None:
    problems = port.integrity_problems(path)
    if problems:
        raise RestoreRefused(
            f"备份文件 {source} 已损坏（{problems[0]}），未恢复。",
            f"the backup {source} is damaged ({problems[0]}); nothing restored",
        )


def _checked(actor, port, source, copy_path, copy_factory, anchors) -> list[CheckResult]:
    _check_integrity(port, copy_path, source)
    checks = verify_books(copy_factory, actor, anchors)
    bad = next((check for check in checks if not check.ok), None)
    if bad is not None:
        raise RestoreRefused(
            f"备份文件未通过校验，未恢复：{bad.problem}",
            f"the backup failed verification; nothing restored: {bad.english}",
        )
    return checks
