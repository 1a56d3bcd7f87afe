"""Outage and measurement files (`cashier outages import`, `cashier measurements import`).

Both are tables (CSV or .xlsx) with a Chinese header row (English names accepted). Times are
Beijing time, ``YYYY-MM-DD HH:MM`` (seconds allowed). A file is imported whole or not at all:
every problem is reported as "第N行，列：why" (table_rows.ImportRefused).

Outages: one row per outage, or several rows with the same 停热编号 (a label used only inside
the file) for one outage affecting several places. A row names its accounts by 户号, or by
小区 with optional 楼号 (several separated by 、 or commas) and 单元.

Measurements (device logs): one row per room; the rows with the same 户号 and 测温时间 are one
measurement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cashier.domain.measurements import MAX_MEASURER, MAX_ROOM_NAME, RoomReading
from cashier.domain.outages import MAX_CAUSE
from cashier.domain.table_rows import (
    CellError,
    CellProblem,
    Column,
    ImportRefused,
    RowCells,
    decimal_of,
    map_header,
    text_of,
)
from cashier.domain.workdays import CHINA_TZ

OUTAGE_COLUMNS = (
    Column("group", "停热编号"),
    Column("started_at", "开始时间"),
    Column("ended_at", "恢复时间"),
    Column("cause", "原因"),
    Column("notice_at", "通知时间"),
    Column("estate", "小区"),
    Column("building", "楼号"),
    Column("unit", "单元"),
    Column("account_no", "户号"),
)
"""Columns of an outage file."""

MEASUREMENT_COLUMNS = (
    Column("account_no", "户号", required=True),
    Column("measured_at", "测温时间", required=True),
    Column("room", "房间", required=True),
    Column("area", "面积", required=True),
    Column("reading", "温度", required=True),
    Column("measurer", "设备", required=True),
    Column("note", "备注"),
)
"""Columns of a measurement file (device log)."""

OUTAGE_EXAMPLE = (
    ("A", "2025-12-10 08:00", "2025-12-11 14:00", "一次网管线爆裂", "2025-12-10 09:30",
     "幸福小区", "1、2", "", ""),
    ("A", "", "", "", "", "和平小区", "5", "2", ""),
    ("", "2025-12-20 08:00", "2025-12-21 04:00", "换热站检修", "", "", "", "", "100001"),
)  # fmt: skip
"""Example rows for the outage template."""

MEASUREMENT_EXAMPLE = (
    ("100001", "2025-12-01 10:00", "卧室", "15.00", "16.5", "测温仪 T-01", ""),
    ("100001", "2025-12-01 10:00", "客厅", "35.00", "16.8", "测温仪 T-01", ""),
)
"""Example rows for the measurement template."""

_MOMENT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_SEPARATORS = re.compile(r"[、,，;；\s]+")


def moment_cell(text: str) -> dt.datetime:
    """A check for a Beijing-time moment ``YYYY-MM-DD HH:MM[:SS]``; returns an aware time."""
    match = _MOMENT.fullmatch(text)
    try:
        if match:
            day = dt.date.fromisoformat(match[1])
            clock = dt.time(int(match[2]), int(match[3]), int(match[4] or 0))
            return dt.datetime.combine(day, clock, CHINA_TZ)
    except ValueError:
        pass
    raise CellProblem("应为时间 YYYY-MM-DD HH:MM", "must be a time YYYY-MM-DD HH:MM")


def split_list(text: str) -> tuple[str, ...]:
    """Several values in one cell, separated by 、 , ， ; or spaces."""
    return tuple(part for part in _SEPARATORS.split(text.strip()) if part)


@dataclass(frozen=True)
class Place:
    """Accounts an outage row names: one 户号, or an estate with buildings and a unit."""

    row: int
    account_no: str = ""
    estate: str = ""
    buildings: tuple[str, ...] = ()
    unit: str = ""

    def describe(self) -> str:
        """The place as people write it: 幸福小区1、2号楼2单元, or 户号100001."""
        if self.account_no:
            return f"户号{self.account_no}"
        buildings = f"{'、'.join(self.buildings)}号楼" if self.buildings else ""
        unit = f"{self.unit}单元" if self.unit else ""
        return f"{self.estate}{buildings}{unit}"


@dataclass
class OutageDraft:
    """An outage read from a file, before its places are turned into accounts."""

    row: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    cause: str
    notice_at: dt.datetime | None
    places: list[Place] = field(default_factory=list)

    def scope(self) -> str:
        """All places as one description."""
        return "；".join(place.describe() for place in self.places)


def _header(rows: Iterable[tuple[int, list[str]]], columns: Sequence[Column]):
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        raise ImportRefused([CellError(1, "", "", "文件是空的", "the file is empty")])
    return map_header(first[1], columns), iterator


def parse_outage_rows(
    rows: Iterable[tuple[int, list[str]]],
) -> tuple[list[OutageDraft], list[CellError]]:
    """The outages of a file given as (row number, cells), header first, and every problem
    found in the cells: a row without a start or cause (first row of a group), times that
    disagree within a group, a row naming neither 户号 nor 小区.

    Raises ImportRefused for a bad header or a file without data rows.
    """
    header, data = _header(rows, OUTAGE_COLUMNS)
    drafts: dict[str, OutageDraft] = {}
    order: list[OutageDraft] = []
    errors: list[CellError] = []
    for number, cells in data:
        cells_ = RowCells(number, cells, header, OUTAGE_COLUMNS)
        draft = _outage_row(cells_, drafts)
        if draft is not None and draft not in order:
            order.append(draft)
        errors += cells_.errors
    if not order and not errors:
        raise ImportRefused([CellError(2, "", "", "没有数据行", "no data rows")])
    return order, errors


def _outage_row(cells: RowCells, drafts: dict[str, OutageDraft]) -> OutageDraft | None:
    group = cells.get("group", text_of(32), "")
    times = {key: cells.get(key, moment_cell) for key in ("started_at", "ended_at", "notice_at")}
    cause = cells.get("cause", text_of(MAX_CAUSE), "")
    place = _place(cells)
    draft = drafts.get(group) if group else None
    if draft is None:
        if times["started_at"] is None:
            cells.error("started_at", "必填", "required")
        if not cause:
            cells.error("cause", "必填", "required")
        draft = OutageDraft(cells.row, times["started_at"], times["ended_at"], cause,
                            times["notice_at"])  # fmt: skip
        if group:
            drafts[group] = draft
    else:
        _same_group(cells, draft, times, cause)
    if place is not None:
        draft.places.append(place)
    return draft


def _same_group(cells: RowCells, draft: OutageDraft, times: dict, cause: str) -> None:
    given = {"started_at": draft.started_at, "ended_at": draft.ended_at,
             "notice_at": draft.notice_at}  # fmt: skip
    for key, value in times.items():
        if value is not None and value != given[key]:
            cells.error(key, f"与第{draft.row}行不一致", f"differs from row {draft.row}")
    if cause and cause != draft.cause:
        cells.error("cause", f"与第{draft.row}行不一致", f"differs from row {draft.row}")


def _place(cells: RowCells) -> Place | None:
    account_no = cells.get("account_no", text_of(32), "")
    estate = cells.get("estate", text_of(100), "")
    buildings = split_list(cells.get("building", text_of(500), ""))
    unit = cells.get("unit", text_of(32), "")
    if account_no:
        if estate or buildings or unit:
            cells.error("account_no", "填写户号时不要再填小区、楼号、单元",
                        "give either 户号 or 小区/楼号/单元")  # fmt: skip
        return Place(cells.row, account_no=account_no)
    if not estate:
        cells.error("estate", "请填写户号或小区", "give 户号 or 小区")
        return None
    return Place(cells.row, estate=estate, buildings=buildings, unit=unit)


@dataclass(frozen=True)
class MeasurementDraft:
    """A device measurement read from a file: its first row, account number, time, rooms."""

    row: int
    account_no: str
    measured_at: dt.datetime
    measurer: str
    note: str
    rooms: tuple[RoomReading, ...]


_AREA = decimal_of(2, positive=True, high=Decimal("100000"))
_READING = decimal_of(1, positive=False, high=Decimal("45"))


def _reading(text: str) -> Decimal:
    if text.startswith("-"):
        raise CellProblem("设备记录的温度不应为负数", "a negative indoor reading")
    return _READING(text)


def parse_measurement_rows(
    rows: Iterable[tuple[int, list[str]]],
) -> tuple[list[MeasurementDraft], list[CellError]]:
    """The measurements of a device file (rows grouped by 户号 and 测温时间) and every
    problem found in the cells (a missing cell, a bad number or time, a room named twice in
    one measurement). Raises ImportRefused for a bad header or no data rows.
    """
    header, data = _header(rows, MEASUREMENT_COLUMNS)
    groups: dict[tuple[str, dt.datetime], dict] = {}
    errors: list[CellError] = []
    for number, raw in data:
        cells = RowCells(number, raw, header, MEASUREMENT_COLUMNS)
        key = (cells.get("account_no", text_of(32)), cells.get("measured_at", moment_cell))
        room = cells.get("room", text_of(MAX_ROOM_NAME))
        area, reading = cells.get("area", _AREA), cells.get("reading", _reading)
        measurer = cells.get("measurer", text_of(MAX_MEASURER), "")
        note = cells.get("note", text_of(500), "")
        if not cells.errors:
            group = groups.setdefault(key, {"row": number, "measurer": measurer, "note": note,
                                            "rooms": []})  # fmt: skip
            if any(r.room == room for r in group["rooms"]):
                cells.error("room", "同一次测温中房间重复", "room repeated in one measurement")
            else:
                group["rooms"].append(RoomReading(room, area, reading))
        errors += cells.errors
    if not groups and not errors:
        raise ImportRefused([CellError(2, "", "", "没有数据行", "no data rows")])
    drafts = [
        MeasurementDraft(g["row"], no, at, g["measurer"], g["note"], tuple(g["rooms"]))
        for (no, at), g in groups.items()
    ]
    return drafts, errors
