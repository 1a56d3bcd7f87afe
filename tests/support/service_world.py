"""A small fictional company for service-record tests: the example season, accounts, signatures.

The season is resources/tariffs/example-2025-2026.toml (2025-11-15 to 2026-03-15, 121 days,
residential 22 元/m², outages of 24 h or more credited, Beijing refund bands, standard 18 ℃).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import Decimal
from pathlib import Path

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.registration import Address, NewAccount
from cashier.domain.signature import Signature
from cashier.domain.workdays import CHINA_TZ
from cashier.services.billing import open_season
from cashier.services.tariffs import load_tariffs

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_TARIFF = (REPO / "resources" / "tariffs" / "example-2025-2026.toml").read_text("utf-8")
SEASON = "2025-2026"

MEASURER = Actor(id=None, staff_no="3001", name="李四", roles=frozenset({"repair"}))
DESK = Actor(id=None, staff_no="1001", name="王五", roles=frozenset({"cashier"}))
SUPERVISOR = Actor(id=None, staff_no="2001", name="赵六", roles=frozenset({"supervisor"}))


def local(*parts: int) -> dt.datetime:
    """A Beijing-time moment: local(2025, 12, 1, 9, 30)."""
    return dt.datetime(*parts, tzinfo=CHINA_TZ)


def account(number: str, area: str, *, building: str = "1", estate: str = "幸福小区",
            status: str = "heating", room: str = "101", unit: str = "1") -> NewAccount:  # fmt: skip
    """A residential account of ``area`` m² at estate/building/unit/room."""
    facts = BillingFacts("residential", False, Decimal(area), status=status)
    return NewAccount(number, "张三", "13800000000", Address(estate, building, unit, room), facts)


def build(make_uow, accounts: list[NewAccount], *, billed: bool = True) -> dict[str, int]:
    """Load the example season, add ``accounts``, open the season; account number -> id."""
    load_tariffs(make_uow(), LOCAL_OPERATOR, EXAMPLE_TARIFF)
    with make_uow() as uow:
        uow.accounts.add_many(
            accounts, valid_from=dt.date(2025, 1, 1), recorded_by="0000", status_season=SEASON
        )
        uow.commit()
    if billed:
        open_season(make_uow(), LOCAL_OPERATOR, SEASON, billed_on=dt.date(2025, 11, 15))
    with make_uow() as uow:
        found = uow.outages.account_ids_by_number([a.account_no for a in accounts])
    return found


def png(width: int = 4, height: int = 2, shade: int = 0) -> bytes:
    """A tiny valid greyscale PNG (no Qt needed)."""
    raw = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def signature(shade: int = 0) -> Signature:
    """A signature with one stroke of three points."""
    stroke = ((10, 10, 500, 0), (200, 80, 620, 16), (400, 30, 480, 33))
    return Signature(png(shade=shade), (stroke,), 400, 160)
