"""Complaints, reports and applications (service_cases) and the steps appended to them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session

from cashier.domain.service_cases import CaseFilter, CaseStep, NewCase, StoredCase
from cashier.store.models import Account
from cashier.store.models.service import ServiceCase, ServiceCaseStep
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

CHUNK = 500
"""Ids per IN (...) query."""


def _step(row: ServiceCaseStep) -> CaseStep:
    return CaseStep(
        id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        at=from_db(row.at),
        text=row.text,
        recorded_at=from_db(row.recorded_at),
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
    )


def _case(row: ServiceCase, account_no: str | None, steps: Iterable[CaseStep]) -> StoredCase:
    return StoredCase(
        id=row.id,
        case_no=row.case_no,
        kind=row.kind,
        received_at=from_db(row.received_at),
        channel=row.channel,
        category=row.category,
        text=row.text,
        account_id=row.account_id,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        recorded_at=from_db(row.recorded_at),
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
        steps=tuple(sorted(steps, key=lambda s: (s.at, s.id))),
        account_no=account_no or "",
    )


def _filtered(statement: Select, where: CaseFilter) -> Select:
    if where.kind:
        statement = statement.where(ServiceCase.kind == where.kind)
    if where.account_id is not None:
        statement = statement.where(ServiceCase.account_id == where.account_id)
    if where.since is not None:
        statement = statement.where(ServiceCase.received_at >= to_db(where.since))
    if where.until is not None:
        statement = statement.where(ServiceCase.received_at < to_db(where.until))
    return statement


@repository("service_cases")
class SqlServiceCases:
    """Append-only cases and steps; reads return domain StoredCase with steps in order."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the case numbers starting with ``prefix`` (TS2025-)."""
        last = self._session.scalar(
            select(ServiceCase.case_no)
            .where(ServiceCase.case_no.startswith(prefix, autoescape=True))
            .order_by(ServiceCase.case_no.desc())
            .limit(1)
        )
        return 1 if last is None else int(last[len(prefix) :]) + 1

    def add(
        self, case: NewCase, *, case_no: str, recorded_at: dt.datetime, by: tuple[str, str]
    ) -> StoredCase:
        """Store a checked case under ``case_no``; ``by`` is (staff number, name)."""
        row = ServiceCase(
            case_no=case_no,
            kind=case.kind,
            received_at=to_db(case.received_at),
            channel=case.channel,
            category=case.category,
            text=case.text,
            account_id=case.account_id,
            contact_name=case.contact_name,
            contact_phone=case.contact_phone,
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        found = self.get(row.id)
        assert found is not None
        return found

    def add_step(
        self,
        case_id: int,
        kind: str,
        at: dt.datetime,
        text: str,
        *,
        recorded_at: dt.datetime,
        by: tuple[str, str],
    ) -> CaseStep:
        """Append a checked step to a case; ``by`` is (staff number, name)."""
        row = ServiceCaseStep(
            case_id=case_id,
            kind=kind,
            at=to_db(at),
            text=text,
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        return _step(row)

    def get(self, case_id: int) -> StoredCase | None:
        """The case with its steps, or None."""
        return self.many([case_id]).get(case_id)

    def by_number(self, case_no: str) -> StoredCase | None:
        """The case with this number, or None."""
        case_id = self._session.scalar(
            select(ServiceCase.id).where(ServiceCase.case_no == case_no)
        )
        return None if case_id is None else self.get(case_id)

    def many(self, ids: Iterable[int]) -> dict[int, StoredCase]:
        """The cases with these ids (those that exist), with their steps."""
        wanted = sorted(set(ids))
        result: dict[int, StoredCase] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = self._session.execute(
                select(ServiceCase, Account.account_no)
                .outerjoin(Account, ServiceCase.account_id == Account.id)
                .where(ServiceCase.id.in_(chunk))
            ).all()
            steps = self._steps_of(chunk)
            result.update({row.id: _case(row, no, steps.get(row.id, ())) for row, no in rows})
        return result

    def _steps_of(self, case_ids: list[int]) -> dict[int, list[CaseStep]]:
        result: dict[int, list[CaseStep]] = {}
        rows = self._session.scalars(
            select(ServiceCaseStep).where(ServiceCaseStep.case_id.in_(case_ids))
        )
        for row in rows:
            result.setdefault(row.case_id, []).append(_step(row))
        return result

    def steps(self, ids: Iterable[int]) -> dict[int, CaseStep]:
        """The steps with these ids (those that exist)."""
        wanted = sorted(set(ids))
        result: dict[int, CaseStep] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = self._session.scalars(
                select(ServiceCaseStep).where(ServiceCaseStep.id.in_(chunk))
            )
            result.update({row.id: _step(row) for row in rows})
        return result

    def find(self, where: CaseFilter, *, before_id: int | None, limit: int) -> list[StoredCase]:
        """Matching cases, newest first (by id), ``limit`` of them with id < ``before_id``."""
        statement = _filtered(select(ServiceCase.id), where)
        if before_id is not None:
            statement = statement.where(ServiceCase.id < before_id)
        ids = list(self._session.scalars(statement.order_by(ServiceCase.id.desc()).limit(limit)))
        found = self.many(ids)
        return [found[i] for i in ids]

    def count(self, where: CaseFilter) -> int:
        """How many cases match."""
        statement = _filtered(select(func.count()).select_from(ServiceCase), where)
        return self._session.scalar(statement) or 0

    def unfinished(self) -> list[StoredCase]:
        """Every case without a 办结 step, oldest first: what the overdue lists look at."""
        closed = exists().where(
            ServiceCaseStep.case_id == ServiceCase.id, ServiceCaseStep.kind == "close"
        )
        ids = list(
            self._session.scalars(
                select(ServiceCase.id).where(~closed).order_by(ServiceCase.received_at)
            )
        )
        found = self.many(ids)
        return [found[i] for i in ids]
