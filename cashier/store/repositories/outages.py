"""Outages, the accounts they affected and their events; finding accounts by place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from cashier.domain.outages import NewOutage, OutageEvent, StoredOutage
from cashier.store.models import Account
from cashier.store.models.service import Outage, OutageAccount, OutageEventRecord
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

CHUNK = 500


def _event(row: OutageEventRecord) -> OutageEvent:
    return OutageEvent(
        id=row.id,
        outage_id=row.outage_id,
        kind=row.kind,
        at=from_db(row.at),
        recorded_at=from_db(row.recorded_at),
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
    )


def _outage(row: Outage, count: int, events: Iterable[OutageEvent]) -> StoredOutage:
    return StoredOutage(
        id=row.id,
        number=row.number,
        started_at=from_db(row.started_at),
        ended_at=from_db(row.ended_at),
        cause=row.cause,
        scope=row.scope,
        notice_at=from_db(row.notice_at),
        corrects_id=row.corrects_id,
        recorded_at=from_db(row.recorded_at),
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
        account_count=count,
        events=tuple(sorted(events, key=lambda e: (e.recorded_at, e.id))),
    )


@repository("outages")
class SqlOutages:
    """Append-only outages: the outage row, one row per affected account, later events."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the outage numbers starting with ``prefix``."""
        last = self._session.scalar(
            select(Outage.number)
            .where(Outage.number.startswith(prefix, autoescape=True))
            .order_by(Outage.number.desc())
            .limit(1)
        )
        return 1 if last is None else int(last[len(prefix) :]) + 1

    def add(
        self, outage: NewOutage, *, number: str, recorded_at: dt.datetime, by: tuple[str, str]
    ) -> StoredOutage:
        """Store a checked outage and its accounts; ``by`` is (staff number, name)."""
        row = Outage(
            number=number,
            started_at=to_db(outage.started_at),
            ended_at=to_db(outage.ended_at),
            cause=outage.cause,
            scope=outage.scope,
            notice_at=to_db(outage.notice_at),
            corrects_id=outage.corrects_id,
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        ids = list(outage.account_ids)
        for start in range(0, len(ids), 5_000):
            self._session.execute(
                insert(OutageAccount),
                [{"outage_id": row.id, "account_id": a} for a in ids[start : start + 5_000]],
            )
        return self.many([row.id])[row.id]

    def add_event(
        self, outage_id: int, kind: str, at: dt.datetime, *, recorded_at: dt.datetime,
        by: tuple[str, str],
    ) -> OutageEvent:  # fmt: skip
        """Append an event (restored / notice) to an outage."""
        row = OutageEventRecord(
            outage_id=outage_id,
            kind=kind,
            at=to_db(at),
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        return _event(row)

    def get(self, outage_id: int) -> StoredOutage | None:
        """The outage with its events, or None."""
        return self.many([outage_id]).get(outage_id)

    def by_number(self, number: str) -> StoredOutage | None:
        """The outage with this number, or None."""
        outage_id = self._session.scalar(select(Outage.id).where(Outage.number == number))
        return None if outage_id is None else self.get(outage_id)

    def many(self, ids: Iterable[int]) -> dict[int, StoredOutage]:
        """The outages with these ids that exist, with events and account counts."""
        wanted = sorted(set(ids))
        result: dict[int, StoredOutage] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = self._session.scalars(select(Outage).where(Outage.id.in_(chunk))).all()
            counts = self._counts(chunk)
            events = self._events_of(chunk)
            for row in rows:
                result[row.id] = _outage(row, counts.get(row.id, 0), events.get(row.id, ()))
        return result

    def _counts(self, ids: list[int]) -> dict[int, int]:
        rows = self._session.execute(
            select(OutageAccount.outage_id, func.count())
            .where(OutageAccount.outage_id.in_(ids))
            .group_by(OutageAccount.outage_id)
        )
        return {key: value for key, value in rows}

    def _events_of(self, ids: list[int]) -> dict[int, list[OutageEvent]]:
        result: dict[int, list[OutageEvent]] = {}
        rows = self._session.scalars(
            select(OutageEventRecord).where(OutageEventRecord.outage_id.in_(ids))
        )
        for row in rows:
            result.setdefault(row.outage_id, []).append(_event(row))
        return result

    def events(self, ids: Iterable[int]) -> dict[int, OutageEvent]:
        """The events with these ids that exist."""
        wanted = sorted(set(ids))
        result: dict[int, OutageEvent] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = self._session.scalars(
                select(OutageEventRecord).where(OutageEventRecord.id.in_(chunk))
            )
            result.update({row.id: _event(row) for row in rows})
        return result

    def account_ids(self, outage_id: int) -> list[int]:
        """The accounts the outage affected, ascending."""
        return list(
            self._session.scalars(
                select(OutageAccount.account_id)
                .where(OutageAccount.outage_id == outage_id)
                .order_by(OutageAccount.account_id)
            )
        )

    def for_account(self, account_id: int) -> list[StoredOutage]:
        """Every outage that affected the account, oldest first."""
        ids = self._session.scalars(
            select(OutageAccount.outage_id).where(OutageAccount.account_id == account_id)
        )
        found = self.many(ids)
        return sorted(found.values(), key=lambda o: (o.started_at, o.id))

    def corrections_of(self, ids: Sequence[int]) -> set[int]:
        """Those of ``ids`` that another outage corrects."""
        if not ids:
            return set()
        return set(
            self._session.scalars(
                select(Outage.corrects_id).where(Outage.corrects_id.in_(sorted(set(ids))))
            )
        )

    def find(
        self, *, before_id: int | None, limit: int, since: dt.datetime | None = None
    ) -> list[StoredOutage]:
        """Outages newest first (by id): ``limit`` with id < ``before_id``, started at or
        after ``since`` when given."""
        statement = select(Outage.id)
        if before_id is not None:
            statement = statement.where(Outage.id < before_id)
        if since is not None:
            statement = statement.where(Outage.started_at >= to_db(since))
        ids = list(self._session.scalars(statement.order_by(Outage.id.desc()).limit(limit)))
        found = self.many(ids)
        return [found[i] for i in ids]

    # --- places ----------------------------------------------------------------------------

    def estates(self) -> list[str]:
        """Every estate (小区) with accounts, sorted."""
        statement = select(Account.estate).distinct().order_by(Account.estate)
        return list(self._session.scalars(statement))

    def buildings(self, estate: str) -> list[str]:
        """The buildings (楼号) of an estate, sorted."""
        return list(
            self._session.scalars(
                select(Account.building)
                .where(Account.estate == estate)
                .distinct()
                .order_by(Account.building)
            )
        )

    def accounts_in(
        self, estate: str, buildings: Sequence[str] = (), units: Sequence[str] = ()
    ) -> list[int]:
        """Accounts of an estate, limited to some buildings and units when given, ascending."""
        statement = select(Account.id).where(Account.estate == estate)
        if buildings:
            statement = statement.where(Account.building.in_(list(buildings)))
        if units:
            statement = statement.where(Account.unit.in_(list(units)))
        return list(self._session.scalars(statement.order_by(Account.id)))

    def account_ids_by_number(self, numbers: Iterable[str]) -> dict[str, int]:
        """Account number -> id for the numbers that exist."""
        wanted = sorted(set(numbers))
        result: dict[str, int] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = self._session.execute(
                select(Account.account_no, Account.id).where(Account.account_no.in_(chunk))
            )
            result.update({key: value for key, value in rows})
        return result
