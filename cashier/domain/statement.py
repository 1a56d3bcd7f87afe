"""What an account owes on a date (heat-fees.md "Statement on a date D")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cashier.domain.ledger import OpenItem, early_discount_fen, item_state, oldest_first
from cashier.domain.money import format_plain


@dataclass(frozen=True)
class SeasonDue:
    """One open item on the statement, in fen: due = principal + late fee - discount."""

    season: str
    principal_fen: int
    late_fee_fen: int
    discount_fen: int
    due_fen: int


@dataclass(frozen=True)
class Statement:
    """Open items on ``on`` for a payment through ``channel``; total = max(0, Σ due - credit)."""

    on: date
    channel: str
    seasons: tuple[SeasonDue, ...]
    credit_fen: int
    total_due_fen: int


def statement(items: Sequence[OpenItem], credit_fen: int, on: date, channel: str) -> Statement:
    """The statement of an account's open items on ``on`` (oldest first).

    ``late_fee`` is the unpaid fixed late fee plus the accrual to ``on``; ``discount`` is what a
    full payment on ``on`` through ``channel`` would earn (so an item behind an unpaid older
    one gets none); items with nothing owed are left out. ``credit_fen`` is the credit balance.
    """
    seasons = []
    older_unpaid = False
    for item in oldest_first(items):
        state = item_state(item, on)
        if state.principal == 0 and state.late_fee == 0:
            continue
        discount = early_discount_fen(item, state, on, channel, older_unpaid)
        due = state.principal + state.late_fee - discount
        seasons.append(SeasonDue(item.season, state.principal, state.late_fee, discount, due))
        older_unpaid = older_unpaid or state.open
    total = max(0, sum(s.due_fen for s in seasons) - credit_fen)
    return Statement(on, channel, tuple(seasons), credit_fen, total)


def statement_to_json_dict(st: Statement, account_no: str) -> dict[str, Any]:
    """The ``cashier statement --json`` document (formats.md): amounts as ``"1034.28"``."""
    return {
        "account_no": account_no,
        "date": st.on.isoformat(),
        "channel": st.channel,
        "seasons": [
            {
                "season": s.season,
                "principal": format_plain(s.principal_fen),
                "late_fee": format_plain(s.late_fee_fen),
                "discount": format_plain(s.discount_fen),
                "due": format_plain(s.due_fen),
            }
            for s in st.seasons
        ],
        "credit": format_plain(st.credit_fen),
        "total_due": format_plain(st.total_due_fen),
    }
