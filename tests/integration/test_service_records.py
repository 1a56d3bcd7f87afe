"""Service records on SQLite and PostgreSQL: credits through the records, deadlines, journal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from support.service_world import (
    DESK,
    MEASURER,
    SEASON,
    SUPERVISOR,
    account,
    build,
    local,
    signature,
)

from cashier.domain.errors import PermissionDenied
from cashier.domain.measurements import MeasurementError, NewMeasurement, RoomReading
from cashier.domain.outages import NewOutage
from cashier.domain.service_cases import NewCase
from cashier.services.measurements import record_measurement
from cashier.services.outages import add_outage_event, record_outage
from cashier.services.service_cases import add_case_step, pending_cases, record_case
from cashier.services.service_credits import post_pending_credits
from cashier.services.service_journal import check_service_chain
from cashier.services.service_overview import account_service_view, service_overview
from cashier.services.statements import account_statement


def _measure(make_uow, account_id, when, reading, *, area="50.00", corrects=None, now=None):
    m = NewMeasurement(
        account_id, when, (RoomReading("卧室、客厅", D(area), D(reading)),), "李四",
        corrects_id=corrects, measurer_signature=signature(),
        household_signature=signature(200),
    )  # fmt: skip
    return record_measurement(make_uow(), MEASURER, m, now=now or when)


def _outage(make_uow, ids, start, end, *, now=None, cause="一次网管线爆裂"):
    outage = NewOutage(start, end, cause, "幸福小区2号楼", tuple(ids))
    return record_outage(make_uow(), SUPERVISOR, outage, now=now or end or start)


def _principal(make_uow, number: str, on: dt.date) -> str:
    owed = account_statement(make_uow(), number, on, "cash").to_json_dict()
    return owed["seasons"][0]["principal"]


def _credit_lines(make_uow, account_id):
    with make_uow() as uow:
        bill = uow.bills.get(account_id, SEASON)
    opening = ("heating", "ceiling", "suspension")
    return [(d.line.kind, d.line.amount_fen) for d in bill.lines if d.line.kind not in opening]


# --- the worked examples through the records -------------------------------------------------


def test_example_14_measurement_refund_reaches_the_bill_and_statement(make_uow):
    ids = build(make_uow, [account("E14", "80.00")])
    first = _measure(make_uow, ids["E14"], local(2025, 12, 1, 10, 0), "16.5")
    assert first.credits.posted == ()  # the spell is still open
    fixed = _measure(make_uow, ids["E14"], local(2025, 12, 8, 15, 30), "18.3")
    assert [d.line.amount_fen for d in fixed.credits.posted] == [-2545]
    assert fixed.credits.posted[0].line.detail == "16.50℃，50.00㎡×7天×40%"
    assert fixed.credits.posted[0].reason == f"测温记录{first.measurement.number}"
    assert _principal(make_uow, "E14", dt.date(2025, 12, 8)) == "1734.55"
    assert _principal(make_uow, "E14", dt.date(2025, 12, 7)) == "1760.00"


def test_example_13_outage_credits_through_the_records(make_uow):
    ids = build(make_uow, [account("E13", "90.00", building="2")])
    long = _outage(make_uow, [ids["E13"]], local(2025, 12, 10, 8), local(2025, 12, 11, 14))
    short = _outage(make_uow, [ids["E13"]], local(2025, 12, 20, 8), local(2025, 12, 21, 4))
    assert (long.credited, long.total_fen) == (1, -1636)
    assert (short.credited, short.total_fen) == (0, 0)
    assert _credit_lines(make_uow, ids["E13"]) == [("outage_credit", -1636)]
    assert _principal(make_uow, "E13", dt.date(2025, 12, 31)) == "1963.64"


# --- later facts ---------------------------------------------------------------------------------


def test_restoration_recorded_later_credits_then_adjusts(make_uow):
    ids = build(make_uow, [account("R1", "90.00")])
    open_ = _outage(make_uow, [ids["R1"]], local(2025, 12, 10, 8), None)
    assert open_.total_fen == 0 and open_.outage.end is None
    number = open_.outage.number
    restored = add_outage_event(make_uow(), SUPERVISOR, number, "restored",
                                local(2025, 12, 11, 14), now=local(2025, 12, 11, 15))  # fmt: skip
    assert restored.total_fen == -1636
    later = add_outage_event(make_uow(), SUPERVISOR, number, "restored",
                             local(2025, 12, 12, 9), now=local(2025, 12, 12, 10))  # fmt: skip
    assert later.total_fen == -1637  # 49 h: two whole days, -32.73 in all
    assert _credit_lines(make_uow, ids["R1"]) == [
        ("outage_credit", -1636),
        ("adjustment", -1637),
    ]


def test_a_corrected_measurement_replaces_the_refund_of_the_original(make_uow):
    ids = build(make_uow, [account("C1", "80.00")])
    wrong = _measure(make_uow, ids["C1"], local(2025, 12, 1, 10), "16.5")
    _measure(make_uow, ids["C1"], local(2025, 12, 8, 15), "18.5")
    assert _credit_lines(make_uow, ids["C1"]) == [("temperature_refund", -2545)]
    # the original was really 15.5 ℃ (2-4 ℃ short: 60%): -1760/121 x 50/80 x 7 x 0.6 = -38.18
    fixed = _measure(make_uow, ids["C1"], local(2025, 12, 1, 10), "15.5",
                     corrects=wrong.measurement.id, now=local(2025, 12, 9, 9))  # fmt: skip
    assert sorted(d.line.amount_fen for d in fixed.credits.posted) == [-3818, 2545]
    with pytest.raises(MeasurementError, match="已由"):
        _measure(make_uow, ids["C1"], local(2025, 12, 1, 10), "15.0",
                 corrects=wrong.measurement.id, now=local(2025, 12, 9, 10))  # fmt: skip


def test_credits_never_exceed_the_season_charge(make_uow):
    ids = build(make_uow, [account("CAP", "90.00")])
    whole = _outage(make_uow, [ids["CAP"]], local(2025, 11, 10), local(2026, 3, 20))
    assert whole.total_fen == -198000
    _measure(make_uow, ids["CAP"], local(2025, 12, 1, 10), "12.0", now=local(2025, 12, 1, 10))
    after = _measure(make_uow, ids["CAP"], local(2025, 12, 9, 10), "19.0")
    assert after.credits.posted == ()
    assert _principal(make_uow, "CAP", dt.date(2026, 3, 21)) == "0.00"


def test_suspended_accounts_get_no_credit(make_uow):
    ids = build(make_uow, [account("SUS", "90.00", status="suspended")])
    result = _outage(make_uow, [ids["SUS"]], local(2025, 12, 10, 8), local(2025, 12, 14, 8))
    assert result.total_fen == 0 and _credit_lines(make_uow, ids["SUS"]) == []


def test_records_before_the_season_is_opened_are_credited_later(make_uow):
    from cashier.domain.actor import LOCAL_OPERATOR
    from cashier.services.billing import open_season

    ids = build(make_uow, [account("U1", "90.00"), account("U2", "90.00")], billed=False)
    result = _outage(make_uow, list(ids.values()), local(2025, 11, 16, 8),
                     local(2025, 11, 17, 14))  # fmt: skip
    assert (result.credited, result.unbilled) == (0, 2)
    open_season(make_uow(), LOCAL_OPERATOR, SEASON, billed_on=dt.date(2025, 11, 20))
    run = post_pending_credits(make_uow(), SUPERVISOR, SEASON, now=local(2025, 11, 20, 9))
    assert (run.accounts, run.changed, run.total_fen) == (2, 2, -3272)
    again = post_pending_credits(make_uow(), SUPERVISOR, SEASON, now=local(2025, 11, 21, 9))
    assert (again.changed, again.total_fen) == (0, 0)


def test_the_accounts_page_view_shows_the_records_behind_the_credits(make_uow):
    ids = build(make_uow, [account("V1", "80.00")])
    first = _measure(make_uow, ids["V1"], local(2025, 12, 1, 10), "16.5")
    _measure(make_uow, ids["V1"], local(2025, 12, 8, 15), "18.5")
    _outage(make_uow, [ids["V1"]], local(2025, 12, 10, 8), local(2025, 12, 11, 14))
    view = account_service_view(make_uow(), DESK, ids["V1"], now=local(2025, 12, 12))
    credits = {c.number: c.credited_fen for _, c in view.measurements + view.outages}
    assert credits[first.measurement.number] == -2545
    assert sorted(credits.values()) == [-2545, -1455, 0]  # 80 m²: -1760/121 = -14.55
    assert view.credited_fen == -4000
    assert view.account.address == "幸福小区1号楼1单元101"


# --- cases and deadlines -----------------------------------------------------------------------


def test_case_deadlines_across_national_day_and_the_overdue_list(make_uow):
    ids = build(make_uow, [account("K1", "80.00")], billed=False)
    received = local(2025, 9, 30, 16)
    due = {}
    for kind, category in (("complaint", "billing"), ("report", "conduct"),
                           ("application", "resume")):  # fmt: skip
        case = NewCase(kind, received, "phone", category, "内容", ids["K1"])
        status = record_case(make_uow(), DESK, case, now=received)
        due[kind] = (status.case.case_no, status.deadline.due_date)
    assert due == {
        "complaint": ("TS2025-00001", dt.date(2025, 10, 10)),
        "report": ("JB2025-00001", dt.date(2025, 10, 14)),
        "application": ("SQ2025-00001", dt.date(2025, 10, 16)),
    }
    overview = service_overview(make_uow(), DESK, now=local(2025, 10, 11, 8))
    assert [s.case.case_no for s in overview.overdue] == ["TS2025-00001"]
    late = add_case_step(make_uow(), DESK, "TS2025-00001", "reply", "已核实，退还多收费用",
                         at=local(2025, 10, 11, 9), now=local(2025, 10, 11, 9))  # fmt: skip
    assert late.late and late.needs_follow_up
    pending = pending_cases(make_uow(), DESK, now=local(2025, 10, 11, 10))
    assert [s.case.case_no for s in pending] == ["TS2025-00001", "JB2025-00001", "SQ2025-00001"]
    assert not any(s.overdue for s in pending)


def test_only_roles_allowed_may_record(make_uow):
    ids = build(make_uow, [account("P1", "80.00")])
    outage = NewOutage(local(2025, 12, 1), None, "爆管", "", (ids["P1"],))
    with pytest.raises(PermissionDenied):
        record_outage(make_uow(), DESK, outage)
    rooms = (RoomReading("卧室", D("9"), D("16")),)
    m = NewMeasurement(ids["P1"], local(2025, 12, 1), rooms, "李四",
                       measurer_signature=signature(), household_signature=signature())
    with pytest.raises(PermissionDenied):
        record_measurement(make_uow(), DESK, m)
    assert record_outage(make_uow(), SUPERVISOR, outage).outage.account_count == 1


# --- append-only and the journal ---------------------------------------------------------------


def _complaint(make_uow, account_id, text_="暖气不热"):
    case = NewCase("complaint", local(2025, 12, 2, 9), "phone", "indoor_temperature", text_,
                   account_id)  # fmt: skip
    return record_case(make_uow(), DESK, case, now=local(2025, 12, 2, 9)).case


def test_the_database_refuses_to_delete_or_edit_a_complaint(engine, make_uow):
    ids = build(make_uow, [account("G1", "80.00")], billed=False)
    case = _complaint(make_uow, ids["G1"])
    for statement in ("DELETE FROM service_cases", "UPDATE service_cases SET text = 'x'"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT text FROM service_cases WHERE id = :i"), {"i": case.id})


def _without_guard(engine, table: str, statement: str, params=None) -> None:
    """Run ``statement`` with the table's guard triggers out of the way (a tamperer's SQL)."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            for event in ("update", "delete"):
                conn.execute(text(f"DROP TRIGGER {table}_no_{event}"))
        else:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        conn.execute(text(statement), params or {})


def test_verify_names_a_complaint_deleted_with_raw_sql(engine, make_uow):
    ids = build(make_uow, [account("D1", "80.00")], billed=False)
    _complaint(make_uow, ids["D1"], "第一条")
    gone = _complaint(make_uow, ids["D1"], "第二条")
    _complaint(make_uow, ids["D1"], "第三条")
    assert check_service_chain(make_uow()).ok
    _without_guard(engine, "service_cases", "DELETE FROM service_cases WHERE id = :i",
                   {"i": gone.id})  # fmt: skip
    result = check_service_chain(make_uow())
    assert not result.ok
    assert gone.case_no in result.problem and "被删除" in result.problem
    assert result.first_bad_seq == 2


def test_verify_names_an_edited_complaint_and_a_swapped_signature(engine, make_uow):
    ids = build(make_uow, [account("A1", "80.00")])
    case = _complaint(make_uow, ids["A1"])
    measured = _measure(make_uow, ids["A1"], local(2025, 12, 3, 10), "17.0")
    _without_guard(engine, "signatures", "UPDATE signatures SET strokes = '[]'")
    result = check_service_chain(make_uow())
    assert measured.measurement.number in result.problem and "被改动" in result.problem
    _without_guard(engine, "service_cases", "UPDATE service_cases SET text = '已解决'")
    result = check_service_chain(make_uow())
    assert case.case_no in result.problem and result.first_bad_seq == 1


def test_verify_finds_a_record_written_around_the_application(engine, make_uow):
    ids = build(make_uow, [account("W1", "80.00")], billed=False)
    case = _complaint(make_uow, ids["W1"])
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO service_case_steps (case_id, kind, at, text, recorded_at,"
                " recorded_by, recorder_name) VALUES (:c, 'reply', :t, '补录', :t, '9', '某')"
            ),
            {"c": case.id, "t": dt.datetime(2025, 12, 2, 2, tzinfo=dt.UTC)},
        )
    result = check_service_chain(make_uow())
    assert "绕过程序写入" in result.problem
