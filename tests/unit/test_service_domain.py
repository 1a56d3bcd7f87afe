"""Service records in the domain: cases, measurements, outages, signatures, credits, journal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from cashier.domain.accounts import BillingFacts
from cashier.domain.chain import canonical_bytes
from cashier.domain.measurements import (
    MeasurementError,
    NewMeasurement,
    RoomReading,
    StoredMeasurement,
    check_new_measurement,
)
from cashier.domain.outages import (
    NewOutage,
    OutageError,
    OutageEvent,
    StoredOutage,
    check_new_outage,
    outage_hours,
)
from cashier.domain.service_cases import (
    CaseError,
    CaseStep,
    NewCase,
    StoredCase,
    case_status,
    check_new_case,
    check_step,
)
from cashier.domain.service_credits import (
    SourceLines,
    cold_groups,
    cold_spells,
    outage_lines,
    plan_credits,
    spell_lines,
)
from cashier.domain.service_journal import JournalEntry, entry_payload, record_fields
from cashier.domain.signature import Signature, SignatureMissing, strokes_from_json
from cashier.domain.tariffs import parse_tariff_toml
from cashier.domain.workdays import CHINA_TZ, WorkCalendar, parse_calendar_toml

REPO = Path(__file__).resolve().parents[2]
TARIFF = parse_tariff_toml((REPO / "resources/tariffs/example-2025-2026.toml").read_text("utf-8"))
CALENDAR = WorkCalendar(
    [parse_calendar_toml((REPO / f"resources/calendar/{y}.toml").read_text("utf-8"))
     for y in (2025, 2026)]
)  # fmt: skip
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
STROKE = ((0, 0, 500, 0), (100, 40, 600, 20))
FACTS_80 = BillingFacts("residential", False, D("80.00"))
FACTS_90 = BillingFacts("residential", False, D("90.00"))
RECORDED = dt.datetime(2025, 12, 1, 3, 0, tzinfo=dt.UTC)


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=CHINA_TZ)


def sig() -> Signature:
    return Signature(PNG, (STROKE,), 400, 160)


def measured(mid: int, when: dt.datetime, rooms, *, signed=True, corrects=None):
    digest = "a" * 64 if signed else None
    return StoredMeasurement(
        mid, f"CW2025-{mid:05d}", 1, "2025-2026", when, tuple(rooms), "李四",
        "onsite" if signed else "device", "", corrects, digest, digest, RECORDED, "3001", "李四",
    )  # fmt: skip


def outage(oid: int, start, end, events=()) -> StoredOutage:
    return StoredOutage(oid, f"TR2025-{oid:05d}", start, end, "管线爆裂", "幸福小区", None,
                        None, RECORDED, "2001", "赵六", 1, tuple(events))  # fmt: skip


# --- the worked examples through the records -------------------------------------------------


def test_example_14_cold_spell_of_seven_whole_days():
    cold = measured(1, at(2025, 12, 1, 10, 0), [RoomReading("卧室、客厅", D("50.00"), D("16.5"))])
    fixed = measured(2, at(2025, 12, 8, 15, 0), [RoomReading("卧室、客厅", D("50.00"), D("18.2"))])
    spells = cold_spells([fixed, cold], TARIFF, as_of=at(2025, 12, 9))
    assert [(s.number, s.days) for s in spells] == [("CW2025-00001", 7)]
    lines = spell_lines(FACTS_80, TARIFF, spells[0]).lines
    assert [line.amount_fen for line in lines] == [-2545]


def test_example_13_outage_of_30_hours_and_one_of_20():
    long = outage_lines(FACTS_90, TARIFF, outage(1, at(2025, 12, 10, 8), at(2025, 12, 11, 14)))
    short = outage_lines(FACTS_90, TARIFF, outage(2, at(2025, 12, 20, 8), at(2025, 12, 21, 4)))
    assert [line.amount_fen for line in long.lines] == [-1636]
    assert short.lines == ()


def test_an_outage_counts_only_the_hours_after_the_account_was_connected():
    connected = BillingFacts("residential", False, D("90.00"), connected_on=dt.date(2025, 12, 11))
    before = outage(1, at(2025, 12, 8, 8), at(2025, 12, 10, 14))
    assert outage_lines(FACTS_90, TARIFF, before).lines[0].amount_fen == -3273
    assert outage_lines(connected, TARIFF, before).lines == ()
    across = outage(2, at(2025, 12, 9, 8), at(2025, 12, 12, 14))  # 38 h after 12-11 00:00
    assert [line.amount_fen for line in outage_lines(connected, TARIFF, across).lines] == [-1636]


def test_an_open_spell_earns_nothing_until_measured_again_or_the_season_ends():
    cold = measured(1, at(2026, 3, 1, 10, 0), [RoomReading("卧室", D("20.00"), D("15.0"))])
    running = cold_spells([cold], TARIFF, as_of=at(2026, 3, 10))
    assert running[0].end is None and running[0].days == 0
    over = cold_spells([cold], TARIFF, as_of=at(2026, 3, 16, 0, 0))
    assert over[0].end == at(2026, 3, 16, 0, 0)
    assert over[0].days == 14  # 03-01 10:00 to 03-16 00:00 is 14 days 14 hours


def test_a_later_cold_measurement_starts_a_new_band():
    m1 = measured(1, at(2025, 12, 1, 10), [RoomReading("卧室", D("20.00"), D("16.5"))])
    m2 = measured(2, at(2025, 12, 3, 10), [RoomReading("卧室", D("20.00"), D("13.0"))])
    m3 = measured(3, at(2025, 12, 6, 11), [RoomReading("卧室", D("20.00"), D("18.0"))])
    spells = cold_spells([m1, m2, m3], TARIFF, as_of=at(2025, 12, 7))
    assert [(s.days, s.groups[0].ratio) for s in spells] == [(2, D("0.40")), (3, D("1.00"))]


def test_unsigned_and_corrected_measurements_do_not_count():
    device = measured(1, at(2025, 12, 1, 10), [RoomReading("卧室", D("20.00"), D("12.0"))],
                      signed=False)  # fmt: skip
    wrong = measured(2, at(2025, 12, 2, 10), [RoomReading("卧室", D("20.00"), D("12.0"))])
    right = measured(3, at(2025, 12, 2, 10), [RoomReading("卧室", D("20.00"), D("17.0"))],
                     corrects=2)  # fmt: skip
    warm = measured(4, at(2025, 12, 5, 10), [RoomReading("卧室", D("20.00"), D("19.0"))])
    spells = cold_spells([device, wrong, right, warm], TARIFF, as_of=at(2025, 12, 6))
    assert [(s.number, s.days, s.groups[0].ratio) for s in spells] == [
        ("CW2025-00003", 3, D("0.40"))
    ]


def test_rooms_are_grouped_by_band_with_the_lowest_reading():
    rule = TARIFF.temperature_refund
    rooms = [
        RoomReading("主卧", D("15.00"), D("16.5")),
        RoomReading("次卧", D("10.00"), D("17.0")),
        RoomReading("客厅", D("30.00"), D("14.5")),
        RoomReading("书房", D("8.00"), D("18.0")),
    ]
    groups = cold_groups(rooms, rule)
    assert [(g.ratio, g.area, g.reading) for g in groups] == [
        (D("0.60"), D("30.00"), D("14.5")),
        (D("0.40"), D("25.00"), D("16.5")),
    ]


# --- planning postings -------------------------------------------------------------------------


def _source(key, kind, amount, when, number="X"):
    from cashier.domain.fees import LABELS, BillLine

    lines = () if amount == 0 else (BillLine(kind, LABELS[kind], amount, "d"),)
    return SourceLines(key, number, kind, when, lines)


def test_a_new_record_posts_its_lines_and_a_change_posts_the_difference():
    source = _source("outage:1", "outage_credit", -1636, at(2025, 12, 10), "TR2025-00001")
    first = plan_credits(FACTS_90, TARIFF, [source], {}, 0, dt.date(2025, 12, 11))
    assert [(p.dated.line.kind, p.dated.line.amount_fen) for p in first.postings] == [
        ("outage_credit", -1636)
    ]
    assert first.postings[0].dated.reason == "停热记录TR2025-00001"
    again = plan_credits(FACTS_90, TARIFF, [source], {"outage:1": -1636}, 1636,
                         dt.date(2025, 12, 12))  # fmt: skip
    assert again.postings == ()
    longer = _source("outage:1", "outage_credit", -3273, at(2025, 12, 10), "TR2025-00001")
    changed = plan_credits(FACTS_90, TARIFF, [longer], {"outage:1": -1636}, 0,
                           dt.date(2025, 12, 13))  # fmt: skip
    line = changed.postings[0].dated.line
    assert (line.kind, line.corrects, line.amount_fen) == ("adjustment", "outage_credit", -1637)


def test_a_record_that_no_longer_counts_is_reversed():
    gone = _source("measurement:2", "temperature_refund", 0, at(2025, 12, 2), "CW2025-00002")
    plan = plan_credits(FACTS_80, TARIFF, [gone], {"measurement:2": -2545}, 0, dt.date(2025, 12, 9))
    line = plan.postings[0].dated.line
    assert (line.kind, line.amount_fen, line.detail) == (
        "adjustment", 2545, "CW2025-00002：-25.45→0.00"
    )


def test_credits_stop_at_the_season_charge_counting_other_credits_first():
    # 90 m² x 22 = 1980.00; 500.00 credited by other means; two records of 1000.00 each
    first = _source("outage:1", "outage_credit", -100000, at(2025, 12, 1))
    second = _source("outage:2", "outage_credit", -100000, at(2025, 12, 20))
    plan = plan_credits(FACTS_90, TARIFF, [second, first], {}, 50000, dt.date(2026, 1, 5))
    assert plan.expected == {"outage:1": -100000, "outage:2": -48000}
    assert [p.dated.line.amount_fen for p in plan.postings] == [-100000, -48000]
    assert plan.postings[1].dated.line.detail.endswith("（已达上限）")


def test_a_suspended_account_gets_no_credit():
    suspended = BillingFacts("residential", False, D("90.00"), status="suspended")
    lines = outage_lines(suspended, TARIFF, outage(1, at(2025, 12, 10, 8), at(2025, 12, 14, 8)))
    assert lines.lines == ()


# --- outages ---------------------------------------------------------------------------------


def test_outage_hours_are_clipped_to_the_heating_period_and_rounded_down():
    season = TARIFF.season
    assert outage_hours(at(2025, 11, 14, 20), at(2025, 11, 16, 2), season) == 26
    assert outage_hours(at(2026, 3, 15, 12), at(2026, 3, 17), season) == 12
    assert outage_hours(at(2025, 12, 1, 8), at(2025, 12, 1, 9, 20, 59), season) == D("1.34")
    assert outage_hours(at(2025, 6, 1), at(2025, 6, 3), season) == 0


def test_the_last_restoration_event_gives_the_end_and_notice_lateness():
    ev = [
        OutageEvent(1, 1, "restored", at(2025, 12, 11, 14), RECORDED, "2001", "赵六"),
        OutageEvent(2, 1, "restored", at(2025, 12, 12, 9), RECORDED, "2001", "赵六"),
        OutageEvent(3, 1, "notice", at(2025, 12, 10, 19, 30), RECORDED, "2001", "赵六"),
    ]
    record = outage(1, at(2025, 12, 10, 8), None, ev)
    assert record.end == at(2025, 12, 12, 9)
    assert record.told_at == at(2025, 12, 10, 19, 30)
    assert not record.notice_late(at(2025, 12, 20))
    untold = outage(2, at(2025, 12, 10, 8), None)
    assert not untold.notice_late(at(2025, 12, 10, 20))
    assert untold.notice_late(at(2025, 12, 10, 20, 1))


@pytest.mark.parametrize(
    ("start", "end", "cause", "accounts", "message"),
    [
        (at(2025, 12, 2), at(2025, 12, 1), "爆管", (1,), "恢复时间应晚于停热时间"),
        (at(2025, 12, 1), None, "  ", (1,), "停热原因"),
        (at(2025, 12, 1), None, "爆管", (), "没有受影响的用户"),
    ],
)
def test_an_incomplete_outage_is_refused(start, end, cause, accounts, message):
    with pytest.raises(OutageError, match=message):
        check_new_outage(NewOutage(start, end, cause, "", accounts))


# --- measurements and signatures ---------------------------------------------------------------


def _measurement(rooms, **kwargs) -> NewMeasurement:
    base = {"measurer_signature": sig(), "household_signature": sig()}
    return NewMeasurement(1, at(2025, 12, 1, 10), tuple(rooms), "李四", **(base | kwargs))


def test_a_measurement_needs_both_signatures():
    rooms = [RoomReading("卧室", D("20.00"), D("16.5"))]
    with pytest.raises(SignatureMissing, match="用户签字"):
        check_new_measurement(_measurement(rooms, household_signature=None), D("80.00"))
    blank = Signature(PNG, (((1, 1, 500, 0),),), 400, 160)
    with pytest.raises(SignatureMissing, match="测温员签字"):
        check_new_measurement(_measurement(rooms, measurer_signature=blank), D("80.00"))


@pytest.mark.parametrize(
    ("rooms", "message"),
    [
        ([RoomReading("卧室", D("50.00"), D("16.5")), RoomReading("客厅", D("40.00"), D("17"))],
         "超过供热面积"),
        ([RoomReading("卧室", D("20.00"), D("16.55"))], "一位小数"),
        ([RoomReading("卧室", D("20.00"), D("16.5")), RoomReading("卧室", D("10.00"), D("16"))],
         "重复"),
        ([], "1至20个房间"),
        ([RoomReading("卧室", D("0"), D("16.5"))], "面积应大于0"),
    ],
)  # fmt: skip
def test_a_measurement_with_wrong_rooms_is_refused(rooms, message):
    with pytest.raises(MeasurementError, match=message):
        check_new_measurement(_measurement(rooms), D("80.00"))


def test_signature_strokes_round_trip_and_digest_changes_with_the_picture():
    original = sig()
    assert strokes_from_json(original.strokes_json()) == original.strokes
    other = Signature(PNG + b"\x01", original.strokes, 400, 160)
    assert other.digest() != original.digest()
    with pytest.raises(ValueError):
        Signature(b"GIF89a", (), 1, 1)
    with pytest.raises(ValueError):
        Signature(PNG, (((0, 0, 1500, 0),),), 1, 1)


# --- cases -----------------------------------------------------------------------------------


def _case(category="billing", steps=()) -> StoredCase:
    return StoredCase(1, "TS2025-00001", "complaint", at(2025, 9, 30, 10), "phone", category,
                      "收费有误", 1, "", "", RECORDED, "1001", "王五", tuple(steps))  # fmt: skip


def _step(kind, when) -> CaseStep:
    return CaseStep(1, 1, kind, when, "已答复", RECORDED, "1001", "王五")


def test_a_case_is_overdue_after_its_deadline_and_a_late_reply_is_marked():
    case = _case()
    assert not case_status(case, CALENDAR, at(2025, 10, 10, 23, 59)).overdue
    assert case_status(case, CALENDAR, at(2025, 10, 11, 0, 0)).overdue
    on_time = _case(steps=[_step("reply", at(2025, 10, 10, 18))])
    late = _case(steps=[_step("reply", at(2025, 10, 11, 9))])
    assert not case_status(on_time, CALENDAR, at(2025, 10, 20)).late
    status = case_status(late, CALENDAR, at(2025, 10, 20))
    assert status.late and not status.overdue and status.needs_follow_up


def test_a_case_whose_year_is_missing_says_so():
    case = StoredCase(1, "SQ2026-00001", "application", at(2026, 12, 28, 10), "visit",
                      "connect", "新装", None, "张三", "138", RECORDED, "1001", "王五")  # fmt: skip
    status = case_status(case, CALENDAR, at(2026, 12, 29))
    assert status.deadline is None and status.missing_year == 2027 and not status.overdue


def test_case_checks():
    with pytest.raises(CaseError, match="类别"):
        check_new_case(NewCase("report", at(2025, 9, 30), "phone", "connect", "x", 1))
    with pytest.raises(CaseError, match="联系人"):
        check_new_case(NewCase("complaint", at(2025, 9, 30), "phone", "billing", "x"))
    with pytest.raises(CaseError, match="请先答复"):
        check_step("close", at(2025, 10, 1), "办结", _case())
    closed = _case(steps=[_step("reply", at(2025, 10, 1)), _step("close", at(2025, 10, 2))])
    with pytest.raises(CaseError, match="已办结"):
        check_step("follow_up", at(2025, 10, 3), "回访", closed)
    with pytest.raises(CaseError, match="早于受理时间"):
        check_step("handling", at(2025, 9, 29), "处理", _case())


# --- journal payloads --------------------------------------------------------------------------


def test_a_journal_payload_covers_every_field_of_the_record():
    m = measured(1, at(2025, 12, 1, 10), [RoomReading("卧室", D("20.00"), D("16.5"))])
    entry = JournalEntry(1, "measurement", 1, m.number, RECORDED)
    payload = entry_payload(entry, record_fields("measurement", m))
    assert b'"rooms":[["\xe5\x8d\xa7\xe5\xae\xa4","20.00","16.5"]]' in payload
    from dataclasses import replace

    for changed in (replace(m, note="改"), replace(m, household_signature="b" * 64),
                    replace(m, rooms=(RoomReading("卧室", D("20.00"), D("18.5")),))):
        assert entry_payload(entry, record_fields("measurement", changed)) != payload
    assert payload.startswith(canonical_bytes(1, {})[:3])
