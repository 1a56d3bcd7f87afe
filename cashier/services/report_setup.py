"""What reports take from the company's settings: the voucher columns and accounts, and the
ways to pay printed on arrears notices. Shared by every client of the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.report_vouchers import parse_columns, parse_subjects
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.reports import DEFAULT_CHANNELS, NOTICE_CHANNELS, VOUCHER_COLUMNS
from cashier.services.reports import VOUCHER_SUBJECTS as SUBJECTS_KEY


@dataclass(frozen=True)
class ReportSetup:
    """The settings in force: column keys, account (code, name) per method or income, and
    the sentence on notices."""

    voucher_columns: tuple[str, ...]
    voucher_subjects: dict[str, tuple[str, str]]
    notice_channels: str

    def subjects_text(self) -> str:
        """The accounts as the lines the setting takes (``cash=1001 库存现金``)."""
        return "\n".join(f"{key}={code} {name}" for key, (code, name) in
                         self.voucher_subjects.items())  # fmt: skip


def _read(uow: UnitOfWork) -> tuple[str, str, str]:
    columns = uow.settings.get(VOUCHER_COLUMNS) or ""
    subjects = uow.settings.get(SUBJECTS_KEY) or ""
    channels = uow.settings.get(NOTICE_CHANNELS) or DEFAULT_CHANNELS
    return columns, subjects, channels


def _setup(columns: str, subjects: str, channels: str) -> ReportSetup:
    return ReportSetup(parse_columns(columns), parse_subjects(subjects), channels)


def report_setup(uow: UnitOfWork) -> ReportSetup:
    """The report settings in force (defaults where none is saved)."""
    with uow:
        saved = _read(uow)
    return _setup(*saved)


def change_report_setup(
    uow: UnitOfWork,
    actor: Actor,
    *,
    voucher_columns: str | None = None,
    voucher_subjects: str | None = None,
    notice_channels: str | None = None,
) -> ReportSetup:
    """Save the given settings (None leaves one as it is; "" restores the default), audited.

    Raises PermissionDenied ("change_settings"), VoucherSetupError for columns or accounts
    that cannot be used.
    """
    require(actor, "change_settings")
    changes: dict[str, str] = {}
    if voucher_columns is not None:
        parse_columns(voucher_columns)
        changes[VOUCHER_COLUMNS] = voucher_columns.strip()
    if voucher_subjects is not None:
        parse_subjects(voucher_subjects)
        changes[SUBJECTS_KEY] = voucher_subjects.strip()
    if notice_channels is not None:
        changes[NOTICE_CHANNELS] = notice_channels.strip()
    with uow:
        for key, value in changes.items():
            uow.settings.put(key, value)
        if changes:
            audit.record(uow, actor, "settings_changed", dict(changes))
        saved = _read(uow)
        uow.commit()
    return _setup(*saved)
