"""Rows of the bill tables: column orders, facts rows to BillingFacts, the frozen tariff text.

Shared by the bill repository's batched reads and inserts; no queries here.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from cashier.domain.accounts import BillingFacts
from cashier.domain.errors import UserError
from cashier.domain.fees import BillLine as DomainLine
from cashier.domain.fees import DatedLine
from cashier.domain.tariffs import SeasonTariff, tariff_to_dict
from cashier.store.models import AccountFacts

BILL_COLUMNS = (
    "season_id",
    "tariff_version_id",
    "account_id",
    "facts_id",
    "status",
    "billed_on",
    "created_at",
    "created_by",
)
LINE_COLUMNS = (
    "bill_id",
    "kind",
    "label",
    "amount_fen",
    "detail",
    "corrects",
    "posted_on",
    "reason",
    "approved_by",
    "recorded_at",
    "recorded_by",
)
FACTS_COLUMNS = (
    AccountFacts.id,
    AccountFacts.account_id,
    AccountFacts.category,
    AccountFacts.low_income,
    AccountFacts.heated_area_centi,
    AccountFacts.ceiling_height_centi,
    AccountFacts.billing,
    AccountFacts.connected_on,
)


class NoSuchSeason(UserError):
    """A season code that was never loaded."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"采暖期 {code} 不存在，请先用 cashier tariffs load 载入热价文件。",
            f"season {code} does not exist: load its tariff file first",
        )


class NoBill(UserError):
    """A line was posted to a season the account has no bill for."""


def tariff_digest(text: str) -> str:
    """SHA-256 (hex) of a canonical tariff JSON text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_tariff_json(tariff: SeasonTariff) -> str:
    """The canonical JSON of a tariff: sorted keys, no spaces, UTF-8 text."""
    data = tariff_to_dict(tariff)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _centi(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-2)


def facts_from_row(row, status: str) -> BillingFacts:
    """BillingFacts from a row of FACTS_COLUMNS and the season status."""
    _, _, category, low_income, area, ceiling, billing, connected_on = row
    return BillingFacts(
        category=category,
        low_income=bool(low_income),
        heated_area=_centi(area),
        ceiling_height=_centi(ceiling),
        billing=billing,
        status=status,
        connected_on=connected_on,
    )


def line_row(bill_id, dated: DatedLine, recorded_by, now, approved_by) -> dict:
    """The bill_lines row (a dict for a Core insert) of a dated line."""
    line: DomainLine = dated.line
    return {
        "bill_id": bill_id,
        "kind": line.kind,
        "label": line.label_zh,
        "amount_fen": line.amount_fen,
        "detail": line.detail,
        "corrects": line.corrects,
        "posted_on": dated.on,
        "reason": dated.reason,
        "approved_by": approved_by,
        "recorded_at": now,
        "recorded_by": recorded_by,
    }
