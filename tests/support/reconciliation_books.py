"""Helpers for reconciliation tests: a collector user, signatures, blind counts, a signer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cashier.domain.actor import Actor
from cashier.domain.cash_count import BlindCount, CardSlip
from cashier.domain.signature import PNG_MAGIC, Signature
from cashier.domain.users import UserRecord
from cashier.services.handover import HandoverRequest
from tests.support.payment_books import new_uuid

COLLECTOR = Actor(11, "0011", "钱某", frozenset({"collector"}))
"""A door-to-door collector (also a user of the books, so a hand-over can name them)."""


def add_collector(make_uow: Callable, actor: Actor = COLLECTOR) -> None:
    """Store the collector as a user with the collector role."""
    with make_uow() as uow:
        uow.users.add(
            UserRecord(
                id=None,
                staff_no=actor.staff_no,
                name=actor.name,
                roles=actor.roles,
                password_hash="not-a-real-hash",
                created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
            )
        )
        uow.commit()


def signature(seed: int = 1) -> Signature:
    """A small on-screen signature (two strokes); `seed` makes different ones."""
    strokes = (((0, 0, 500, 0), (100 * seed, 50, 500, 10)), ((20, 20, 700, 30), (60, 90, 600, 45)))
    return Signature(PNG_MAGIC + bytes([seed]) * 16, strokes, 300, 120)


def count_of(cash: dict[int, int] | None = None, *slips: int) -> BlindCount:
    """A blind count: pieces per denomination (fen -> pieces) and card slips (fen)."""
    return BlindCount(dict(cash or {}), tuple(CardSlip(f, f"REF{i}") for i, f in enumerate(slips)))


def cash_count(fen: int) -> BlindCount:
    """A count of `fen` in the fewest notes and coins."""
    pieces: dict[int, int] = {}
    for value in (10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1):
        pieces[value], fen = divmod(fen, value)
    return BlindCount({v: n for v, n in pieces.items() if n})


def handover_request(collector: Actor, counted_fen: int, **options) -> HandoverRequest:
    """A signed hand-over of `counted_fen` in cash by `collector`."""
    return HandoverRequest(
        client_uuid=options.pop("client_uuid", new_uuid()),
        collector_staff_no=collector.staff_no,
        count=cash_count(counted_fen),
        collector_signature=options.pop("collector_signature", signature(1)),
        receiver_signature=options.pop("receiver_signature", signature(2)),
        **options,
    )
