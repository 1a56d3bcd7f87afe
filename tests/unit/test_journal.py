"""Journal entries: receipt numbers, the canonical payload, sealing, and the streaming check
that names the first bad entry of a counter's journal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.chain import GENESIS_HASH, Anchor
from cashier.domain.journal import (
    PAYMENT,
    SHIFT_OPEN,
    CounterState,
    EntryDetails,
    EntryLine,
    JournalEntry,
    check_counter_code,
    journal_chain,
    payload_of,
    receipt_number,
    seal,
    split_receipt_number,
    stored_payload,
)
from cashier.domain.journal_check import (
    ANCHOR,
    DELETED,
    DUPLICATED,
    EDITED,
    EXTRA,
    RELINKED,
    TRUNCATED,
    CounterWalk,
)
from cashier.domain.shift import shift_totals
from cashier.domain.tender import TenderPart

MOMENT = dt.datetime(2025, 11, 20, 1, 41, 5, 123456, tzinfo=dt.UTC)


def _entry(seq: int, amount: int = 197032, kind: str = PAYMENT, **changes) -> JournalEntry:
    details = EntryDetails(
        lines=(EntryLine("2025-2026", "principal", amount),),
        parts=(TenderPart("cash", amount),),
        cash_tendered_fen=200000,
        change_fen=200000 - amount,
    )
    entry = JournalEntry(
        uuid=f"00000000-0000-4000-8000-{seq:012d}",
        counter="A01",
        seq=seq,
        kind=kind,
        business_date=dt.date(2025, 11, 20),
        value_date=dt.date(2025, 11, 20),
        taken_at=MOMENT,
        device_time="2025-11-20T09:41:05.123456+08:00",
        staff_no="0007",
        staff_name="王某",
        shift_seq=1,
        account_no="HP-010203",
        amount_fen=amount,
        applied_fen=amount,
        channel="cash",
        reverses=None,
        body=details.to_body(),
    )
    return dataclasses.replace(entry, **changes)


def _chain(count: int) -> list[JournalEntry]:
    entries, prev = [], None
    for seq in range(1, count + 1):
        entry = seal(_entry(seq, 1000 * seq), prev)
        entries.append(entry)
        prev = entry.hash
    return entries


def _walk(entries, anchors=(), recorded: CounterState | None = None):
    walk = CounterWalk("A01", anchors)
    for entry in entries:
        problem = walk.feed(entry)
        if problem is not None:
            return problem
    return walk.finish(recorded)


def test_receipt_numbers_round_trip():
    assert receipt_number("A01", 123) == "A01-00000123"
    assert split_receipt_number(" A01-00000123 ") == ("A01", 123)
    assert split_receipt_number("A01-123") is None
    assert journal_chain("A01") == "journal:A01"
    for bad in ("", "A-1", "窗口1", "A" * 17):
        with pytest.raises(ValueError):
            check_counter_code(bad)


def test_payload_is_the_documented_canonical_text_and_the_hash_chains_it():
    entry = seal(_entry(1), None)
    payload = entry.payload().decode()
    assert payload.startswith('v1\n{"account_no":"HP-010203","amount_fen":197032,')
    assert '"taken_at":"2025-11-20T01:41:05.123456Z"' in payload
    assert '"body":"{\\"approver\\":\\"\\",' in payload and "王某" in payload
    expected = hashlib.sha256(bytes(32) + entry.payload()).hexdigest()
    assert entry.prev_hash == GENESIS_HASH and entry.hash == expected
    assert entry.details.parts == (TenderPart("cash", 197032),)


texts = st.text(max_size=40)
optional_texts = st.none() | texts


@given(
    uuid=texts, staff_name=texts, body=texts, device_time=texts, reverses=optional_texts,
    account_no=optional_texts, channel=optional_texts,
    seq=st.integers(1, 10**12), shift_seq=st.none() | st.integers(1, 10**9),
    amount=st.integers(-(10**15), 10**15),
    day=st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)),
    moment=st.datetimes(
        min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
        timezones=st.timezones(),
    ),
)
def test_the_fast_payload_verify_uses_is_byte_for_byte_the_canonical_one(
    uuid, staff_name, body, device_time, reverses, account_no, channel, seq, shift_seq,
    amount, day, moment,
):
    entry = _entry(
        seq, uuid=uuid, staff_name=staff_name, body=body, device_time=device_time,
        reverses=reverses, account_no=account_no, channel=channel,
        shift_seq=shift_seq, amount_fen=amount, applied_fen=-amount, business_date=day,
        value_date=day, taken_at=moment,
    )
    assert stored_payload(entry) == payload_of(entry)


def test_a_row_of_the_wrong_type_fails_its_hash_instead_of_passing():
    entry = seal(_entry(1), None)
    assert dataclasses.replace(entry, amount_fen=str(entry.amount_fen)).recomputed_hash() != (
        entry.hash
    )
    assert dataclasses.replace(entry, amount_fen=float(entry.amount_fen)).recomputed_hash() != (
        entry.hash
    )


def test_every_stored_field_is_covered_by_the_hash():
    entry = seal(_entry(1), None)
    changes = {
        "uuid": "x", "seq": 2, "kind": "refund", "business_date": dt.date(2025, 11, 21),
        "value_date": dt.date(2025, 11, 19), "taken_at": MOMENT + dt.timedelta(seconds=1),
        "device_time": "x", "staff_no": "0008", "staff_name": "赵某", "shift_seq": 2,
        "account_no": "HP-1", "amount_fen": 1, "applied_fen": 1, "channel": "wechat",
        "reverses": "A01-00000001", "body": entry.body.replace("197032", "197033"),
        "counter": "A02",
    }
    assert set(changes) | {"version", "prev_hash", "hash"} == {
        f.name for f in dataclasses.fields(JournalEntry)
    }
    for name, value in changes.items():
        assert dataclasses.replace(entry, **{name: value}).recomputed_hash() != entry.hash, name


def test_an_intact_journal_passes_with_its_head_and_anchors():
    entries = _chain(6)
    head = CounterState("A01", 6, entries[-1].hash)
    anchors = [Anchor("journal:A01", 3, entries[2].hash), Anchor("journal:A01", 6, entries[5].hash)]
    assert _walk(entries, anchors, head) is None


@pytest.mark.parametrize(
    ("mutate", "seq", "code"),
    [
        (lambda e: [*e[:3], dataclasses.replace(e[3], amount_fen=1), *e[4:]], 4, EDITED),
        (lambda e: [*e[:3], *e[4:]], 4, DELETED),
        (lambda e: [*e[:4], e[3], *e[4:]], 4, DUPLICATED),
        (lambda e: [*e[:3], dataclasses.replace(e[4], seq=4), dataclasses.replace(e[3], seq=5),
                    *e[5:]], 4, RELINKED),
        (lambda e: [*e[:3], seal(_entry(4, 1), e[2].hash),
                    *[dataclasses.replace(x, seq=x.seq + 1) for x in e[3:]]], 5, RELINKED),
    ],
    ids=["edited", "deleted", "duplicated", "reordered", "inserted"],
)
def test_each_mutation_is_named_at_its_first_bad_entry(mutate, seq, code):
    problem = _walk(mutate(_chain(6)))
    assert (problem.seq, problem.code) == (seq, code)
    assert f"A01-{seq:08d}" in problem.zh


def test_a_cut_tail_is_caught_by_the_recorded_head_or_an_anchor():
    entries = _chain(6)
    assert _walk(entries[:4], (), CounterState("A01", 6, entries[-1].hash)).code == TRUNCATED
    assert _walk(entries, (), CounterState("A01", 4, entries[3].hash)).code == EXTRA
    assert _walk(entries, (), CounterState("A01", 6, "f" * 64)).code == ANCHOR
    anchor = Anchor("journal:A01", 6, entries[5].hash)
    assert _walk(entries[:4], [anchor], CounterState("A01", 4, entries[3].hash)).code == TRUNCATED
    rewritten = Anchor("journal:A01", 2, "e" * 64)
    assert _walk(entries, [rewritten]).code == ANCHOR


def test_shift_totals_count_where_money_moved():
    opening = seal(
        _entry(1, 0, SHIFT_OPEN, body=EntryDetails(extra={"opening_float": 50000}).to_body()),
        None,
    )
    paid = _entry(2, 10000)
    wechat = _entry(3, 5000, body=EntryDetails(parts=(TenderPart("wechat", 5000, "1"),)).to_body())
    voided = _entry(4, -10000, "void", applied_fen=-10000)
    totals = shift_totals(opening, [opening, paid, wechat, voided])
    assert (totals.payments, totals.voids, totals.collected_fen, totals.returned_fen) == (
        2, 1, 15000, 10000,
    )
    assert totals.by_method == {"cash": 0, "wechat": 5000}
    assert totals.cash_expected_fen == 50000 and totals.net_fen == 5000
