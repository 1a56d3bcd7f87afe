"""The canonical serialisation and hash chain shared by the audit log and the journals."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.chain import (
    GENESIS_HASH,
    Anchor,
    anchors_json,
    canonical_bytes,
    chain_hash,
    parse_anchors,
    verify_chain,
)

BEIJING = dt.timezone(dt.timedelta(hours=8))


def test_canonical_bytes_are_versioned_sorted_compact_utf8():
    payload = canonical_bytes(2, {"b": 1, "a": "张三", "c": None, "d": True})
    assert payload == 'v2\n{"a":"张三","b":1,"c":null,"d":true}'.encode()


def test_times_are_written_in_utc_whatever_the_zone():
    local = dt.datetime(2025, 11, 15, 9, 30, tzinfo=BEIJING)
    utc = dt.datetime(2025, 11, 15, 1, 30, tzinfo=dt.UTC)
    assert canonical_bytes(1, {"t": local}) == canonical_bytes(1, {"t": utc})
    assert b'"2025-11-15T01:30:00.000000Z"' in canonical_bytes(1, {"t": local})


def test_decimals_dates_lists_and_nested_dicts():
    payload = canonical_bytes(
        1, {"rate": Decimal("0.0020"), "day": dt.date(2025, 12, 31), "x": [1, {"k": "v"}]}
    )
    assert payload == b'v1\n{"day":"2025-12-31","rate":"0.0020","x":[1,{"k":"v"}]}'


@pytest.mark.parametrize(
    "value",
    [1.5, dt.datetime(2025, 1, 1), b"raw", Decimal("NaN"), {1: "non-string key"}, object()],
)
def test_values_that_do_not_round_trip_are_refused(value):
    with pytest.raises(TypeError):
        canonical_bytes(1, {"v": value})


@pytest.mark.parametrize("version", [0, -1, True, "1"])
def test_version_must_be_a_positive_integer(version):
    with pytest.raises(ValueError):
        canonical_bytes(version, {})


def test_chain_hash_is_sha256_of_previous_digest_bytes_and_payload():
    expected = hashlib.sha256(bytes(32) + b"v1\n{}").hexdigest()
    assert chain_hash(GENESIS_HASH, b"v1\n{}") == expected


@pytest.mark.parametrize("prev", ["", "0" * 63, "G" * 64, "A" * 64])
def test_chain_hash_refuses_a_malformed_previous_hash(prev):
    with pytest.raises(ValueError):
        chain_hash(prev, b"x")


def _chain(payloads: list[bytes]) -> list[tuple[bytes, str]]:
    links, prev = [], GENESIS_HASH
    for payload in payloads:
        prev = chain_hash(prev, payload)
        links.append((payload, prev))
    return links


def test_intact_chain_verifies():
    assert verify_chain(_chain([b"a", b"b", b"c"])) is None
    assert verify_chain([]) is None


def test_edited_record_is_the_first_bad_one():
    links = _chain([b"a", b"b", b"c", b"d"])
    links[2] = (b"C", links[2][1])
    assert verify_chain(links) == 2


def test_removed_record_makes_its_successor_fail():
    links = _chain([b"a", b"b", b"c", b"d"])
    del links[1]
    assert verify_chain(links) == 1


def test_recomputed_hash_moves_the_failure_to_the_next_record():
    links = _chain([b"a", b"b", b"c"])
    forged = chain_hash(links[0][1], b"B")
    links[1] = (b"B", forged)
    assert verify_chain(links) == 2


def test_verify_reads_a_generator_once_and_stops_at_the_first_bad_record():
    links = _chain([b"a", b"b", b"c"])
    links[0] = (b"x", links[0][1])
    consumed = []

    def stream():
        for link in links:
            consumed.append(link)
            yield link

    assert verify_chain(stream()) == 0
    assert len(consumed) == 1


@given(st.lists(st.binary(max_size=40), min_size=1, max_size=20), st.data())
def test_any_single_change_is_detected_at_its_position(payloads, data):
    links = _chain(payloads)
    index = data.draw(st.integers(0, len(links) - 1))
    payload, digest = links[index]
    links[index] = (payload + b"!", digest)
    assert verify_chain(links) == index


def test_anchors_round_trip_and_ignore_extra_keys():
    anchors = [Anchor("audit", 12, "a" * 64), Anchor("journal:A01", 3, "b" * 64)]
    text = anchors_json(anchors)
    assert parse_anchors(text) == anchors
    assert parse_anchors('{"signature": "x", "anchors": []}') == []


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"anchors": [{"chain": "audit", "seq": 0, "hash": "' + "a" * 64 + '"}]}',
        '{"anchors": [{"chain": "audit", "seq": 1, "hash": "xyz"}]}',
        '{"anchors": [{"seq": 1, "hash": "' + "a" * 64 + '"}]}',
    ],
)
def test_malformed_anchors_are_refused(text):
    with pytest.raises(ValueError):
        parse_anchors(text)
