"""Offline devices' pure rules: signed chained bundles, keys, clock and booking dates,
allocation flags, journal entries on the wire, the route's walking order."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.bundle import BundleProblem, bundle_bytes, read_bundle, seal_bundle
from cashier.domain.device import (
    ADJUSTMENT,
    CREDIT,
    clock_skew_seconds,
    compare_allocation,
    ledger_date,
    new_key_pair,
    sign,
    signature_ok,
)
from cashier.domain.journal import JournalEntry, seal
from cashier.domain.journal_wire import entry_from_dict, entry_to_dict
from cashier.domain.route import OWES, PAID_TODAY, RouteStop, natural_key, route_order

KEYS = new_key_pair()
RECORDS = [{"t": "bills", "r": {"id": i, "amount_fen": 100 * i, "memo": "采暖"}} for i in range(5)]


def _bundle(records=RECORDS) -> bytes:
    return bundle_bytes(seal_bundle("checkout", {"device": "C01"}, records, *_keys()))


def _keys():
    return KEYS.private_hex, KEYS.public_hex


def _edited(content: bytes, change) -> bytes:
    data = json.loads(gzip.decompress(content))
    change(data)
    return gzip.compress(json.dumps(data, ensure_ascii=False).encode())


def test_a_bundle_reads_back_as_signed():
    bundle = read_bundle(_bundle(), KEYS.public_hex, "checkout")
    assert not isinstance(bundle, BundleProblem)
    assert list(bundle.records) == RECORDS and bundle.header == {"device": "C01"}
    assert _bundle() == _bundle(), "the same content gives the same bytes"


@pytest.mark.parametrize(
    ("change", "first_bad"),
    [
        (lambda d: d["records"][2]["data"]["r"].update(amount_fen=1), 3),
        (lambda d: d["records"].pop(1), 2),
        (lambda d: d["records"].insert(3, d["records"][0]), 4),
        (lambda d: d["records"].reverse(), 1),
    ],
    ids=["edited", "removed", "inserted", "reordered"],
)
def test_a_changed_record_is_named(change, first_bad):
    problem = read_bundle(_edited(_bundle(), change), KEYS.public_hex, "checkout")
    assert isinstance(problem, BundleProblem) and problem.record == first_bad
    assert f"第 {first_bad} 条记录" in problem.zh


def test_a_cut_tail_a_rechained_bundle_and_a_stranger_are_refused():
    cut = _edited(_bundle(), lambda d: d["records"].pop())
    assert "末尾" in read_bundle(cut, KEYS.public_hex, "checkout").zh
    forged = seal_bundle("checkout", {"device": "C01"}, RECORDS[:2], *_keys())
    other = new_key_pair()
    resigned = bundle_bytes(
        seal_bundle("checkout", {"device": "C01"}, RECORDS, other.private_hex, KEYS.public_hex)
    )
    assert "签名不符" in read_bundle(resigned, KEYS.public_hex, "checkout").zh
    assert "受信任" in read_bundle(bundle_bytes(forged), other.public_hex, "checkout").zh
    assert read_bundle(b"not a bundle", KEYS.public_hex, "checkout").record == 0
    assert read_bundle(_bundle(), KEYS.public_hex, "upload").record == 0


def test_signatures_need_the_right_key_and_message():
    signature = sign(KEYS.private_hex, b"anchors")
    assert signature_ok(KEYS.public_hex, b"anchors", signature)
    assert not signature_ok(KEYS.public_hex, b"anchorz", signature)
    assert not signature_ok(new_key_pair().public_hex, b"anchors", signature)
    assert not signature_ok("zz", b"anchors", signature)


DAY = dt.date(2025, 11, 20)
NOON = dt.datetime(2025, 11, 20, 4, tzinfo=dt.UTC)  # 12:00 Beijing


def test_the_ledger_date_corrects_the_clock_and_never_passes_the_booking_day():
    fast = NOON + dt.timedelta(days=1)
    assert ledger_date(fast, 86400, booked_on=DAY, earliest=None) == DAY
    assert ledger_date(fast, 0, booked_on=DAY, earliest=None) == DAY
    slow = NOON - dt.timedelta(days=1)
    assert ledger_date(slow, -86400, booked_on=DAY + dt.timedelta(days=2), earliest=None) == DAY
    assert ledger_date(slow, 0, booked_on=DAY, earliest=DAY) == DAY
    assert clock_skew_seconds(fast, NOON) == 86400


@given(st.integers(-10**7, 10**7), st.integers(-3, 3))
def test_the_ledger_date_stays_between_check_out_and_booking(skew, offset):
    booked = DAY + dt.timedelta(days=2)
    day = ledger_date(NOON + dt.timedelta(days=offset), skew, booked_on=booked, earliest=DAY)
    assert DAY <= day <= booked


def test_flags_credit_adjustment_and_agreement():
    assert compare_allocation("C01-00000002", "T-1", 0, 0, 0) is None
    paid_before = compare_allocation("C01-00000002", "T-1", 0, -190000, -190000)
    assert paid_before.kind == CREDIT and paid_before.difference_fen == -190000
    paid_after = compare_allocation("C01-00000002", "T-1", 0, 0, -190000)
    assert paid_after.kind == CREDIT and paid_after.central_balance_fen == -190000
    late_fee = compare_allocation("C01-00000002", "T-1", 0, 380, 380)
    assert late_fee.kind == ADJUSTMENT and "少收" in late_fee.describe()
    assert compare_allocation("C01-00000002", "T-1", -500, -500, -500) is None


def test_a_journal_entry_keeps_its_hash_on_the_wire():
    entry = seal(
        JournalEntry(
            uuid="0b6f0c1e-2a8f-4d8e-9a0f-2d8a4c1e5b7a", counter="C01", seq=1, kind="payment",
            business_date=DAY, value_date=DAY, taken_at=NOON.replace(microsecond=123456),
            device_time="2025-11-20T12:00:00.123456+08:00", staff_no="0011", staff_name="赵六",
            shift_seq=None, account_no="T-0001", amount_fen=190000, applied_fen=190000,
            channel="cash", reverses=None, body='{"extra":{}}',
        ),  # fmt: skip
        None,
    )
    back = entry_from_dict(json.loads(json.dumps(entry_to_dict(entry))))
    assert back == entry and back.recomputed_hash() == entry.hash
    with pytest.raises(ValueError):
        entry_from_dict({"uuid": "x"})


def _stop(building: str, unit: str, room: str, owed: int = 100, paid: int = 0) -> RouteStop:
    return RouteStop(f"{building}-{room}", "张三", "幸福小区", building, unit, room, owed, paid)


def test_the_route_walks_as_people_count():
    stops = [_stop("10", "1", "101"), _stop("2", "12", "101"), _stop("2", "3", "1101"),
             _stop("2", "3", "502")]  # fmt: skip
    assert [(s.building, s.unit, s.room) for s in route_order(stops)] == [
        ("2", "3", "502"), ("2", "3", "1101"), ("2", "12", "101"), ("10", "1", "101"),
    ]  # fmt: skip
    assert natural_key("3号楼") < natural_key("12号楼")
    assert _stop("3", "2", "502").place == "3号楼2单元502"
    assert _stop("3", "", "502", owed=0, paid=100).status == PAID_TODAY
    assert _stop("3", "2", "502").status == OWES
