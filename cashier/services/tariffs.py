"""Loading a season and its tariffs from a TOML file (`cashier tariffs load FILE.toml`)."""

from __future__ import annotations

from dataclasses import dataclass

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.tariffs import SeasonTariff, parse_tariff_toml
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

ADDED = "added"
REPLACED = "replaced"
UNCHANGED = "unchanged"


class SeasonAlreadyBilled(UserError):
    """The season has bills, so its tariffs can no longer change."""


@dataclass(frozen=True)
class TariffLoad:
    """What loading a tariff file did: `action` is ADDED, REPLACED or UNCHANGED."""

    season: str
    action: str
    tariff: SeasonTariff


def load_tariffs(uow: UnitOfWork, actor: Actor, toml_text: str) -> TariffLoad:
    """Add the season of a tariff file, or replace its tariffs while it has no bills.

    Loading the same tariff again changes nothing (UNCHANGED); a change is audited. Raises
    PermissionDenied without the "load_tariffs" permission, TariffError naming the key path of
    a wrong or missing key, and SeasonAlreadyBilled when the season exists with other tariffs
    and already has bills (the bills keep the prices they were made with).
    """
    require(actor, "load_tariffs")
    tariff = parse_tariff_toml(toml_text)
    code = tariff.season.code
    with uow:
        existing = uow.seasons.get(code)
        if existing is None:
            uow.seasons.add(tariff, loaded_by=actor.staff_no)
            action = ADDED
        elif existing == tariff:
            return TariffLoad(code, UNCHANGED, existing)
        else:
            _refuse_if_billed(uow, code)
            uow.seasons.replace(tariff, loaded_by=actor.staff_no)
            action = REPLACED
        audit.record(uow, actor, "tariff_load", {"season": code, "action": action})
        uow.commit()
    return TariffLoad(code, action, tariff)


def _refuse_if_billed(uow: UnitOfWork, code: str) -> None:
    bills = uow.bills.count_for_season(code)
    if bills:
        raise SeasonAlreadyBilled(
            f"采暖期 {code} 已开征（{bills} 张账单），不能再修改热价；"
            "新的热价请作为新的采暖期载入。",
            f"season {code} already has {bills} bills: its tariffs cannot change; "
            "load new prices as a new season",
        )


def season_codes(uow: UnitOfWork) -> list[str]:
    """Every season code, oldest first."""
    with uow:
        return uow.seasons.codes()
