"""Indoor temperature measurements (测温记录): rooms, areas, readings and both signatures.

The service standard (三(七)7) wants results signed by the measurer and the household and
never filled in or altered afterwards: a measurement is appended once; a correction is a new
measurement that names the one it corrects (``corrects_id``) and takes its place.

Readings from devices that log temperatures (``source="device"``) are kept too, without
signatures; they do not count for a refund (heat-fees.md line 6 wants a measurement signed
by both sides) but show where a measurer should go.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cashier.domain.errors import UserError
from cashier.domain.signature import Signature, require_signature

SOURCES: dict[str, str] = {"onsite": "上门测温", "device": "设备记录"}
"""Where a measurement comes from."""

MEASUREMENT_PREFIX = "CW"
MIN_READING = Decimal("-30.0")
MAX_READING = Decimal("45.0")
MAX_ROOMS = 20
MAX_ROOM_NAME = 20
MAX_MEASURER = 50
MAX_NOTE = 500

_TENTH = Decimal("0.1")
_CENTI = Decimal("0.01")


class MeasurementError(UserError):
    """A measurement that cannot be recorded as given."""


@dataclass(frozen=True)
class RoomReading:
    """One room measured: its name (卧室), area in m² (two decimals) and reading in ℃ (one)."""

    room: str
    area: Decimal
    reading: Decimal


@dataclass(frozen=True)
class NewMeasurement:
    """A measurement as taken: the account, the aware time, the rooms and who measured.

    An on-site measurement carries both signatures; a device reading carries none.
    """

    account_id: int
    measured_at: dt.datetime
    rooms: tuple[RoomReading, ...]
    measurer: str
    source: str = "onsite"
    note: str = ""
    corrects_id: int | None = None
    measurer_signature: Signature | None = None
    household_signature: Signature | None = None


@dataclass(frozen=True)
class StoredMeasurement:
    """A measurement as stored, with its number, season and the digests of its signatures."""

    id: int
    number: str
    account_id: int
    season: str
    measured_at: dt.datetime
    rooms: tuple[RoomReading, ...]
    measurer: str
    source: str
    note: str
    corrects_id: int | None
    measurer_signature: str | None
    household_signature: str | None
    recorded_at: dt.datetime
    recorded_by: str
    recorder_name: str
    account_no: str = ""

    @property
    def signed(self) -> bool:
        """True for an on-site measurement signed by the measurer and the household."""
        return self.source == "onsite" and bool(
            self.measurer_signature and self.household_signature
        )

    @property
    def measured_area(self) -> Decimal:
        """The area of the rooms measured, in m²."""
        return sum((room.area for room in self.rooms), Decimal(0))

    def lowest_reading(self) -> Decimal:
        """The coldest room's reading in ℃."""
        return min(room.reading for room in self.rooms)


def check_new_measurement(measurement: NewMeasurement, heated_area: Decimal) -> NewMeasurement:
    """The measurement with names stripped, or MeasurementError saying what is wrong.

    Checks: an aware time; 1 to 20 rooms with distinct names; areas > 0 with at most two
    decimals that together do not exceed ``heated_area`` (m²); readings in ℃ with one
    decimal between -30 and 45; a measurer; both signatures for an on-site measurement and
    none for a device reading. Raises SignatureMissing for a missing signature.
    """
    at = measurement.measured_at
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"a time without a zone is ambiguous: {at!r}")
    if measurement.source not in SOURCES:
        raise MeasurementError(f"未知的来源：{measurement.source}", "unknown source")
    rooms = tuple(_room(room) for room in measurement.rooms)
    _check_rooms(rooms, heated_area)
    measurer = measurement.measurer.strip()
    if not measurer or len(measurer) > MAX_MEASURER:
        raise MeasurementError(
            f"请填写测温员（最多{MAX_MEASURER}个字）。", "the measurer's name is required"
        )
    note = measurement.note.strip()
    if len(note) > MAX_NOTE:
        raise MeasurementError(f"备注最多{MAX_NOTE}个字。", "note too long")
    signatures = _signatures(measurement)
    return NewMeasurement(
        measurement.account_id, at, rooms, measurer, measurement.source, note,
        measurement.corrects_id, *signatures,
    )  # fmt: skip


def _room(room: RoomReading) -> RoomReading:
    name = room.room.strip()
    if not name or len(name) > MAX_ROOM_NAME:
        raise MeasurementError(
            f"房间名称不能为空，最多{MAX_ROOM_NAME}个字。", "room name empty or too long"
        )
    if room.area <= 0 or room.area != room.area.quantize(_CENTI):
        raise MeasurementError(
            f"{name}的面积应大于0，最多两位小数。", f"{name}: area must be > 0, 2 decimals"
        )
    reading = room.reading
    if not MIN_READING <= reading <= MAX_READING or reading != reading.quantize(_TENTH):
        raise MeasurementError(
            f"{name}的温度应在{MIN_READING}至{MAX_READING}℃之间，最多一位小数。",
            f"{name}: reading must be {MIN_READING}..{MAX_READING} with one decimal",
        )
    return RoomReading(name, room.area, reading)


def _check_rooms(rooms: tuple[RoomReading, ...], heated_area: Decimal) -> None:
    if not 1 <= len(rooms) <= MAX_ROOMS:
        raise MeasurementError(
            f"请填写1至{MAX_ROOMS}个房间。", f"a measurement has 1 to {MAX_ROOMS} rooms"
        )
    names = [room.room for room in rooms]
    if len(set(names)) != len(names):
        raise MeasurementError("房间名称重复。", "room names repeat")
    total = sum((room.area for room in rooms), Decimal(0))
    if total > heated_area:
        raise MeasurementError(
            f"所测房间面积合计{total}㎡，超过供热面积{heated_area}㎡。",
            f"rooms total {total} m², more than the heated area {heated_area} m²",
        )


def _signatures(m: NewMeasurement) -> tuple[Signature | None, Signature | None]:
    if m.source == "device":
        if m.measurer_signature is not None or m.household_signature is not None:
            raise MeasurementError("设备记录不带签字。", "device readings carry no signature")
        return None, None
    return (
        require_signature(m.measurer_signature, "测温员", "measurer"),
        require_signature(m.household_signature, "用户", "household"),
    )


def measurement_number(year: int, serial: int) -> str:
    """The number of a measurement, e.g. CW2025-00012."""
    return f"{MEASUREMENT_PREFIX}{year}-{serial:05d}"


def superseded_ids(records: list[StoredMeasurement]) -> set[int]:
    """Ids of the measurements that a later one corrects."""
    return {m.corrects_id for m in records if m.corrects_id is not None}
