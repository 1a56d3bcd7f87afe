"""Temperature measurements, their rooms, and on-screen signatures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session, aliased

from cashier.domain.measurements import NewMeasurement, RoomReading, StoredMeasurement
from cashier.domain.signature import Signature, signature_digest
from cashier.store.models import Account, Season
from cashier.store.models.service import MeasurementRoom, SignatureRecord, TemperatureMeasurement
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db

CHUNK = 500
_M = TemperatureMeasurement


def _centi(value: Decimal) -> int:
    return int(value.scaleb(2))


def _deci(value: Decimal) -> int:
    return int(value.scaleb(1))


@repository("measurements")
class SqlMeasurements:
    """Append-only measurements; a signature row is written once and only referenced."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def season_id(self, code: str) -> int | None:
        """The id of the season with this code, or None."""
        return self._session.scalar(select(Season.id).where(Season.code == code))

    def next_serial(self, prefix: str) -> int:
        """1 + the highest serial of the measurement numbers starting with ``prefix``."""
        last = self._session.scalar(
            select(_M.number)
            .where(_M.number.startswith(prefix, autoescape=True))
            .order_by(_M.number.desc())
            .limit(1)
        )
        return 1 if last is None else int(last[len(prefix) :]) + 1

    def add_signature(self, signature: Signature, *, recorded_at: dt.datetime) -> int:
        """Store a signature (PNG, strokes, size, digest); returns its id."""
        row = SignatureRecord(
            digest=signature.digest(),
            png=signature.png,
            strokes=signature.strokes_json(),
            width=signature.width,
            height=signature.height,
            recorded_at=to_db(recorded_at),
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def add(
        self,
        m: NewMeasurement,
        *,
        number: str,
        season: str,
        signature_ids: tuple[int | None, int | None],
        recorded_at: dt.datetime,
        by: tuple[str, str],
    ) -> StoredMeasurement:
        """Store a checked measurement with its rooms; ``by`` is (staff number, name)."""
        row = _M(
            number=number,
            account_id=m.account_id,
            season_id=self.season_id(season),
            measured_at=to_db(m.measured_at),
            measurer=m.measurer,
            source=m.source,
            note=m.note,
            corrects_id=m.corrects_id,
            measurer_signature_id=signature_ids[0],
            household_signature_id=signature_ids[1],
            recorded_at=to_db(recorded_at),
            recorded_by=by[0],
            recorder_name=by[1],
        )
        self._session.add(row)
        self._session.flush()
        self._session.execute(
            insert(MeasurementRoom),
            [
                {
                    "measurement_id": row.id,
                    "position": position,
                    "room": room.room,
                    "area_centi": _centi(room.area),
                    "reading_deci": _deci(room.reading),
                }
                for position, room in enumerate(m.rooms, start=1)
            ],
        )
        found = self.many([row.id])
        return found[row.id]

    def get(self, measurement_id: int) -> StoredMeasurement | None:
        """The measurement, or None."""
        return self.many([measurement_id]).get(measurement_id)

    def many(self, ids: Iterable[int], *, recompute: bool = False) -> dict[int, StoredMeasurement]:
        """The measurements with these ids that exist.

        With ``recompute`` the signature digests are computed again from the stored PNG and
        strokes (for verify) instead of read from the digest column.
        """
        wanted = sorted(set(ids))
        result: dict[int, StoredMeasurement] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            result.update(self._load(select(_M).where(_M.id.in_(chunk)), recompute))
        return result

    def _load(self, statement: Select, recompute: bool) -> dict[int, StoredMeasurement]:
        rows = self._session.execute(
            statement.add_columns(Season.code, Account.account_no)
            .join(Season, _M.season_id == Season.id)
            .join(Account, _M.account_id == Account.id)
        ).all()
        ids = [row[0].id for row in rows]
        rooms = self._rooms(ids)
        sig_ids = {i for row in rows for i in _signature_ids(row[0]) if i is not None}
        digests = self._digests(sig_ids, recompute)
        return {
            row.id: _stored(row, code, no, rooms.get(row.id, ()), digests)
            for row, code, no in rows
        }

    def _rooms(self, ids: list[int]) -> dict[int, list[RoomReading]]:
        result: dict[int, list[RoomReading]] = {}
        if not ids:
            return result
        rows = self._session.scalars(
            select(MeasurementRoom)
            .where(MeasurementRoom.measurement_id.in_(ids))
            .order_by(MeasurementRoom.measurement_id, MeasurementRoom.position)
        )
        for row in rows:
            reading = RoomReading(
                row.room, Decimal(row.area_centi).scaleb(-2), Decimal(row.reading_deci).scaleb(-1)
            )
            result.setdefault(row.measurement_id, []).append(reading)
        return result

    def _digests(self, ids: set[int], recompute: bool) -> dict[int, str]:
        if not ids:
            return {}
        if not recompute:
            rows = self._session.execute(
                select(SignatureRecord.id, SignatureRecord.digest).where(
                    SignatureRecord.id.in_(sorted(ids))
                )
            )
            return {key: value for key, value in rows}
        rows = self._session.execute(
            select(SignatureRecord.id, SignatureRecord.png, SignatureRecord.strokes).where(
                SignatureRecord.id.in_(sorted(ids))
            )
        )
        return {sid: signature_digest(png, strokes) for sid, png, strokes in rows}

    def for_account(self, account_id: int, season: str | None = None) -> list[StoredMeasurement]:
        """The account's measurements (of one season if given), oldest first."""
        statement = select(_M).where(_M.account_id == account_id)
        if season is not None:
            statement = statement.where(Season.code == season)
        found = self._load(statement, recompute=False)
        return sorted(found.values(), key=lambda m: (m.measured_at, m.id))

    def find(
        self, *, before_id: int | None, limit: int, since: dt.datetime | None = None
    ) -> list[StoredMeasurement]:
        """Measurements newest first (by id): ``limit`` with id < ``before_id``, measured
        at or after ``since`` when given."""
        statement = select(_M)
        if before_id is not None:
            statement = statement.where(_M.id < before_id)
        if since is not None:
            statement = statement.where(_M.measured_at >= to_db(since))
        statement = statement.order_by(_M.id.desc()).limit(limit)
        found = self._load(statement, recompute=False)
        return sorted(found.values(), key=lambda m: m.id, reverse=True)

    def corrected_by(self, measurement_id: int) -> str | None:
        """The number of the measurement that corrects this one, or None."""
        later = aliased(_M)
        return self._session.scalar(
            select(later.number).where(later.corrects_id == measurement_id).limit(1)
        )

    def signature_images(self, measurement_id: int) -> tuple[bytes | None, bytes | None]:
        """The PNGs of the measurer's and the household's signatures (None when absent)."""
        row = self._session.get(_M, measurement_id)
        if row is None:
            return None, None
        return tuple(  # type: ignore[return-value]
            None if sid is None else self._session.get_one(SignatureRecord, sid).png
            for sid in _signature_ids(row)
        )

    def account_ids_with_records(self, season: str) -> list[int]:
        """Accounts with a measurement in the season, ascending."""
        return list(
            self._session.scalars(
                select(_M.account_id)
                .join(Season, _M.season_id == Season.id)
                .where(Season.code == season)
                .distinct()
                .order_by(_M.account_id)
            )
        )


def _signature_ids(row: TemperatureMeasurement) -> tuple[int | None, int | None]:
    return row.measurer_signature_id, row.household_signature_id


def _stored(
    row: TemperatureMeasurement,
    season: str,
    account_no: str,
    rooms: Iterable[RoomReading],
    digests: dict[int, str],
) -> StoredMeasurement:
    first, second = _signature_ids(row)
    return StoredMeasurement(
        id=row.id,
        number=row.number,
        account_id=row.account_id,
        season=season,
        measured_at=from_db(row.measured_at),
        rooms=tuple(rooms),
        measurer=row.measurer,
        source=row.source,
        note=row.note,
        corrects_id=row.corrects_id,
        measurer_signature=None if first is None else digests.get(first),
        household_signature=None if second is None else digests.get(second),
        recorded_at=from_db(row.recorded_at),
        recorded_by=row.recorded_by,
        recorder_name=row.recorder_name,
        account_no=account_no,
    )
