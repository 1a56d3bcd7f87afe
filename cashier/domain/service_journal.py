"""The service journal: one hash chain over every service record (cases, measurements, ...).

Hiding or destroying complaint records is forbidden (service standard 三(十)7), and
measurement results may not be altered (三(七)7). The tables refuse UPDATE and DELETE; on top
of that every record is entered in this journal, in order, with a hash over its full content
chained to the entry before (cashier.domain.chain). `cashier verify` recomputes the chain
from the records themselves: an edited record fails its own entry, a deleted record leaves
its entry pointing at nothing, a deleted entry breaks the numbering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cashier.domain.chain import canonical_bytes
from cashier.domain.measurements import StoredMeasurement
from cashier.domain.outages import OutageEvent, StoredOutage
from cashier.domain.service_cases import CaseStep, StoredCase

SERVICE_CHAIN = "service"
"""The chain name of the service journal in an anchors file."""

JOURNAL_VERSION = 1

RECORD_KINDS: dict[str, str] = {
    "case": "投诉举报/申请",
    "case_step": "办理步骤",
    "measurement": "测温记录",
    "outage": "停热记录",
    "outage_event": "停热事件",
}
"""Journal entry kind -> the Chinese name used in verify messages."""


@dataclass(frozen=True)
class JournalEntry:
    """One entry: sequence number, kind, id of the record in its table, the record's number
    as people know it (``ref``: TS2025-00001; a step names its case), time, hash."""

    seq: int
    kind: str
    record_id: int
    ref: str
    recorded_at: dt.datetime
    hash: str = ""


def _case(case: StoredCase) -> dict[str, object]:
    return {
        "id": case.id,
        "case_no": case.case_no,
        "kind": case.kind,
        "received_at": case.received_at,
        "channel": case.channel,
        "category": case.category,
        "text": case.text,
        "account_id": case.account_id,
        "contact_name": case.contact_name,
        "contact_phone": case.contact_phone,
        "recorded_at": case.recorded_at,
        "recorded_by": case.recorded_by,
        "recorder_name": case.recorder_name,
    }


def _step(step: CaseStep) -> dict[str, object]:
    return {
        "id": step.id,
        "case_id": step.case_id,
        "kind": step.kind,
        "at": step.at,
        "text": step.text,
        "recorded_at": step.recorded_at,
        "recorded_by": step.recorded_by,
        "recorder_name": step.recorder_name,
    }


def _measurement(m: StoredMeasurement) -> dict[str, object]:
    return {
        "id": m.id,
        "number": m.number,
        "account_id": m.account_id,
        "season": m.season,
        "measured_at": m.measured_at,
        "rooms": [[r.room, r.area, r.reading] for r in m.rooms],
        "measurer": m.measurer,
        "source": m.source,
        "note": m.note,
        "corrects_id": m.corrects_id,
        "measurer_signature": m.measurer_signature,
        "household_signature": m.household_signature,
        "recorded_at": m.recorded_at,
        "recorded_by": m.recorded_by,
        "recorder_name": m.recorder_name,
    }


def _outage(outage: StoredOutage, account_ids: list[int]) -> dict[str, object]:
    return {
        "id": outage.id,
        "number": outage.number,
        "started_at": outage.started_at,
        "ended_at": outage.ended_at,
        "cause": outage.cause,
        "scope": outage.scope,
        "notice_at": outage.notice_at,
        "corrects_id": outage.corrects_id,
        "account_ids": account_ids,
        "recorded_at": outage.recorded_at,
        "recorded_by": outage.recorded_by,
        "recorder_name": outage.recorder_name,
    }


def _event(event: OutageEvent) -> dict[str, object]:
    return {
        "id": event.id,
        "outage_id": event.outage_id,
        "kind": event.kind,
        "at": event.at,
        "recorded_at": event.recorded_at,
        "recorded_by": event.recorded_by,
        "recorder_name": event.recorder_name,
    }


_FIELDS: dict[str, Callable[..., dict[str, object]]] = {
    "case": _case,
    "case_step": _step,
    "measurement": _measurement,
    "outage_event": _event,
}


def record_fields(kind: str, record: object, account_ids: list[int] | None = None) -> dict:
    """The fields of a record that its journal entry covers.

    ``account_ids`` (ascending) are the affected accounts of an outage. Raises KeyError for
    an unknown kind.
    """
    if kind == "outage":
        assert isinstance(record, StoredOutage)
        return _outage(record, sorted(account_ids or []))
    return _FIELDS[kind](record)


def entry_payload(entry: JournalEntry, fields: dict[str, object]) -> bytes:
    """The canonical bytes an entry's hash covers: its number, kind, time and the record."""
    return canonical_bytes(
        JOURNAL_VERSION,
        {
            "seq": entry.seq,
            "kind": entry.kind,
            "record_id": entry.record_id,
            "ref": entry.ref,
            "recorded_at": entry.recorded_at,
            "record": fields,
        },
    )


def record_ref(kind: str, record: object, case_no: str = "") -> str:
    """The number people know a record by; a case step or outage event by its parent's."""
    if kind == "case_step":
        return case_no
    return getattr(record, "case_no", None) or getattr(record, "number", None) or ""


def entry_label(entry: JournalEntry) -> str:
    """An entry's record as named in messages: "测温记录 CW2025-00003"."""
    name = RECORD_KINDS.get(entry.kind, entry.kind)
    if not entry.ref:
        return f"{name}（编号 {entry.record_id}）"
    if entry.kind in ("case_step", "outage_event"):
        return f"{entry.ref} 的{name}"
    return f"{name} {entry.ref}"
