"""Importing outages and device temperature logs from CSV/XLSX files, all rows or none.

The files are described in cashier.domain.service_import; `*_template` writes a file with
the header and example rows. Every row is checked (and every account looked up) before
anything is written; a problem anywhere refuses the whole file with every problem listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.measurements import NewMeasurement, check_new_measurement
from cashier.domain.outages import NewOutage, StoredOutage, check_new_outage
from cashier.domain.service_import import (
    MEASUREMENT_COLUMNS,
    MEASUREMENT_EXAMPLE,
    OUTAGE_COLUMNS,
    OUTAGE_EXAMPLE,
    MeasurementDraft,
    OutageDraft,
    Place,
    parse_measurement_rows,
    parse_outage_rows,
)
from cashier.domain.table_rows import CellError, ImportRefused
from cashier.services import audit
from cashier.services.measurements import season_at, store_measurement
from cashier.services.outages import store_outage
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.tabular import read_rows, write_rows


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or would do, with ``dry_run``).

    ``records`` outages or measurements, ``accounts`` affected, ``skipped`` rows already
    imported before, ``credit_fen`` the credits posted (≤ 0).
    """

    records: int
    accounts: int
    skipped: int
    credit_fen: int
    dry_run: bool


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _problem(row: int, error: UserError) -> CellError:
    return CellError(row, "", "", str(error).rstrip("。"), error.english)


def _checked(row: int, errors: list[CellError], check: Callable[[], object]) -> object | None:
    """Run ``check``; a UserError becomes a CellError of ``row``."""
    try:
        return check()
    except UserError as error:
        errors.append(_problem(row, error))
        return None


# --- outages -----------------------------------------------------------------------------------


def _place_accounts(uow: UnitOfWork, place: Place, errors: list[CellError]) -> list[int]:
    if place.account_no:
        found = uow.outages.account_ids_by_number([place.account_no]).get(place.account_no)
        if found is None:
            errors.append(
                CellError(place.row, "户号", "account_no", "户号不存在", "unknown account")
            )
            return []
        return [found]
    units = [place.unit] if place.unit else []
    ids = uow.outages.accounts_in(place.estate, place.buildings, units)
    if not ids:
        errors.append(
            CellError(place.row, "小区", "estate",
                      f"{place.describe()}没有用户", f"no accounts at {place.describe()}")
        )  # fmt: skip
    return ids


def _outage(uow: UnitOfWork, draft: OutageDraft, errors: list[CellError]) -> NewOutage | None:
    accounts: list[int] = []
    for place in draft.places:
        accounts += _place_accounts(uow, place, errors)
    if draft.started_at is None or not accounts:
        return None
    outage = NewOutage(draft.started_at, draft.ended_at, draft.cause, draft.scope(),
                       tuple(accounts), draft.notice_at)  # fmt: skip
    return _checked(draft.row, errors, lambda: check_new_outage(outage))  # type: ignore[return-value]


def _recorded_before(uow: UnitOfWork, outage: NewOutage) -> StoredOutage | None:
    """An outage recorded earlier with the same start, cause and accounts, or None."""
    accounts = sorted(set(outage.account_ids))
    for old in uow.outages.for_account(accounts[0]):
        same = old.started_at == outage.started_at and old.cause == outage.cause
        if same and uow.outages.account_ids(old.id) == accounts:
            return old
    return None


def _not_recorded(
    uow: UnitOfWork, drafts: Sequence[OutageDraft], outages: Sequence[NewOutage | None],
    errors: list[CellError],
) -> list[NewOutage]:  # fmt: skip
    """The outages of the file not recorded before (a file imported twice credits once).

    One recorded before with another end is an error: its restoration is recorded as an
    event of that outage, not by importing it again.
    """
    fresh = []
    for draft, outage in zip(drafts, outages, strict=True):
        old = None if outage is None else _recorded_before(uow, outage)
        if outage is not None and old is None:
            fresh.append(outage)
        elif old is not None and outage.ended_at not in (None, old.ended_at):
            errors.append(CellError(
                draft.row, "恢复时间", "ended_at",
                f"停热 {old.number} 已导入过，恢复时间不同：请用“恢复供热”记录",
                f"outage {old.number} was imported before with another end: record the "
                "restoration instead",
            ))  # fmt: skip
    return fresh


def import_outages(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    now: dt.datetime | None = None,
) -> ImportSummary:
    """Record every outage of the file and credit the affected accounts (all or nothing).

    An outage recorded before (same start, cause and accounts) is skipped. Raises
    PermissionDenied without "record_outage", TableFileError, ImportRefused.
    """
    require(actor, "record_outage")
    drafts, errors = parse_outage_rows(read_rows(path))
    moment = _now(now)
    with uow:
        outages = [_outage(uow, draft, errors) for draft in drafts]
        fresh = _not_recorded(uow, drafts, outages, errors)
        if errors:
            raise ImportRefused(errors)
        skipped = sum(o is not None for o in outages) - len(fresh)
        accounts = len({a for o in fresh for a in o.account_ids})
        if dry_run:
            return ImportSummary(len(fresh), accounts, skipped, 0, dry_run=True)
        credit = sum(store_outage(uow, actor, o, moment).total_fen for o in fresh)
        audit.record(uow, actor, "import", {"file": path.name, "rows": len(fresh)}, now=moment)
        uow.commit()
    return ImportSummary(len(fresh), accounts, skipped, credit, dry_run=False)


def outage_template(path: Path) -> int:
    """Write an outage file with the header and example rows; returns the rows written."""
    return write_rows(path, [c.zh for c in OUTAGE_COLUMNS], OUTAGE_EXAMPLE)


# --- measurements ------------------------------------------------------------------------------


def _measurement(
    uow: UnitOfWork, draft: MeasurementDraft, account_id: int, errors: list[CellError]
) -> NewMeasurement | None:
    m = NewMeasurement(account_id, draft.measured_at, draft.rooms, draft.measurer,
                       source="device", note=draft.note)  # fmt: skip

    def check() -> NewMeasurement:
        season = season_at(uow, m.measured_at)
        subject = uow.bills.facts_for_season(account_id, season.code)
        if subject is None:
            raise UserError("该户在此采暖期没有供热资料", "no billing facts for the season")
        return check_new_measurement(m, subject.facts.heated_area)

    return _checked(draft.row, errors, check)  # type: ignore[return-value]


def _already_imported(uow: UnitOfWork, m: NewMeasurement) -> bool:
    return any(
        old.source == "device" and old.measured_at == m.measured_at
        for old in uow.measurements.for_account(m.account_id)
    )


def import_measurements(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    now: dt.datetime | None = None,
) -> ImportSummary:
    """Record the readings of a device log as unsigned measurements (all or nothing).

    A reading of the same account and time imported before is skipped. Device readings do
    not lead to refunds (those need a measurement signed by both sides). Raises
    PermissionDenied without "measure_temperature", TableFileError, ImportRefused.
    """
    require(actor, "measure_temperature")
    drafts, errors = parse_measurement_rows(read_rows(path))
    moment = _now(now)
    with uow:
        ids = uow.outages.account_ids_by_number({d.account_no for d in drafts})
        found = []
        for draft in drafts:
            if draft.account_no not in ids:
                errors.append(CellError(draft.row, "户号", "account_no", "户号不存在",
                                        "unknown account"))  # fmt: skip
                continue
            found.append(_measurement(uow, draft, ids[draft.account_no], errors))
        if errors:
            raise ImportRefused(errors)
        fresh = [m for m in found if m is not None and not _already_imported(uow, m)]
        accounts = len({m.account_id for m in fresh})
        skipped = len(found) - len(fresh)
        if dry_run:
            return ImportSummary(len(fresh), accounts, skipped, 0, dry_run=True)
        for m in fresh:
            store_measurement(uow, actor, m, moment)
        audit.record(uow, actor, "import", {"file": path.name, "rows": len(fresh)}, now=moment)
        uow.commit()
    return ImportSummary(len(fresh), accounts, skipped, 0, dry_run=False)


def measurement_template(path: Path) -> int:
    """Write a measurement file with the header and example rows; returns the rows written."""
    return write_rows(path, [c.zh for c in MEASUREMENT_COLUMNS], MEASUREMENT_EXAMPLE)
