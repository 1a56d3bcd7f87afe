"""Loading the approved repair prices and materials catalogue, and reading them by date.

`cashier repairs prices load FILE` and the Repairs page call `load_prices`; bills call
`catalogue_for` with their date. Rows already loaded are never changed: loading the same row
again is skipped, and a different price for a code on a date already loaded is refused (a
new price needs a new ``valid_from``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.repair_prices import (
    KIND_LABELS,
    Catalogue,
    PriceListError,
    PriceRow,
    catalogue_on,
    conflicts,
    parse_price_rows,
    parse_price_toml,
)
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.tabular import read_rows

TOML_SUFFIX = ".toml"


@dataclass(frozen=True)
class PriceLoad:
    """What loading a price file did: rows added and rows already there (skipped)."""

    added: int
    unchanged: int
    source: str


def read_price_file(path: Path) -> list[PriceRow]:
    """The rows of a .toml, .xlsx or .csv price file (formats in domain/repair_prices.py).

    Raises PriceListError / TariffError naming the row or key, TableFileError for a file that
    cannot be read.
    """
    if path.suffix.lower() == TOML_SUFFIX:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PriceListError(f"无法读取文件 {path}：{error}", f"cannot read {path}") from None
        return parse_price_toml(text)
    return parse_price_rows(read_rows(path))


def load_prices(
    uow: UnitOfWork,
    actor: Actor,
    rows: list[PriceRow],
    *,
    source: str,
    now: dt.datetime | None = None,
) -> PriceLoad:
    """Append the rows not loaded yet, all or nothing.

    Raises PermissionDenied without "repair_prices", PriceListError when a row's code and
    date are loaded already with other values.
    """
    require(actor, "repair_prices")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with uow:
        stored = uow.repair_prices.stored(row.key for row in rows)
        clash = conflicts(rows, stored)
        if clash:
            first = clash[0]
            raise PriceListError(
                f"{KIND_LABELS[first.kind]} {first.code} 在 {first.valid_from} 已有不同的价格，"
                "已载入的价格不能修改；新价格请使用新的执行日期。",
                f"{first.kind} {first.code} on {first.valid_from} is loaded with other values",
            )
        new = [row for row in rows if row.key not in stored]
        added = uow.repair_prices.add(
            new, loaded_at=moment, loaded_by=actor.staff_no, source=source
        )
        details = {"source": source, "added": added, "unchanged": len(rows) - added}
        audit.record(uow, actor, "repair_prices_load", details, now=moment)
        uow.commit()
    return PriceLoad(added, len(rows) - added, source)


def load_price_file(uow: UnitOfWork, actor: Actor, path: Path) -> PriceLoad:
    """Read a price file and load it (see `read_price_file` and `load_prices`)."""
    require(actor, "repair_prices")
    return load_prices(uow, actor, read_price_file(path), source=path.name)


def catalogue_for(uow: UnitOfWork, on: dt.date) -> Catalogue:
    """The prices valid on ``on`` (inside the caller's open unit of work)."""
    return catalogue_on(uow.repair_prices.rows(until=on), on)


def price_catalogue(uow: UnitOfWork, actor: Actor, on: dt.date) -> Catalogue:
    """The repair items and materials valid on ``on``. Raises PermissionDenied."""
    require(actor, "view_accounts")
    with uow:
        return catalogue_for(uow, on)


def price_history(uow: UnitOfWork, actor: Actor) -> list[PriceRow]:
    """Every price row ever loaded, by kind, code and date. Raises PermissionDenied."""
    require(actor, "view_accounts")
    with uow:
        return uow.repair_prices.rows()
