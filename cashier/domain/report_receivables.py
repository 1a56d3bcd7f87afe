"""The arrears list (欠费明细) and collection rate (收费率) laid out as reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from cashier.domain.money import format_yuan
from cashier.domain.report_arrears import (
    AGE_BUCKETS,
    AccountDues,
    RateCell,
    age_bucket,
    natural_key,
    place_key,
    season_label,
)
from cashier.domain.report_table import (
    COUNT,
    MONEY,
    PERCENT,
    TEXT,
    Column,
    Report,
    Row,
    Subtotal,
    Table,
    percent,
)

ARREARS_COLUMNS = (
    Column("户号", TEXT, 1.0),
    Column("户名", TEXT, 1.1),
    Column("电话", TEXT, 1.1),
    Column("地址", TEXT, 1.5),
    Column("欠费采暖期", TEXT, 1.5),
    Column("欠费金额", MONEY, 1.0),
    Column("账龄(天)", COUNT, 0.7),
    Column("账龄段", TEXT, 0.8),
)
DETAIL_TITLE, ESTATE_TITLE, AGE_TITLE, RATE_TITLE = (
    "欠费明细",
    "按小区汇总",
    "按账龄汇总",
    "收费率",
)
RATE_COLUMNS = (
    Column("小区", TEXT, 1.6),
    Column("采暖期", TEXT, 1.0),
    Column("应收户数", COUNT, 0.8),
    Column("缴清户数", COUNT, 0.8),
    Column("户数收费率", PERCENT, 0.9),
    Column("应收金额", MONEY, 1.2),
    Column("实收金额", MONEY, 1.2),
    Column("欠费金额", MONEY, 1.2),
    Column("金额收费率", PERCENT, 0.9),
)


def sort_dues(dues: Sequence[AccountDues]) -> list[AccountDues]:
    """Households with arrears, by estate, building, unit and room."""
    return sorted((d for d in dues if d.unpaid_fen > 0), key=lambda d: place_key(d.household))


def _seasons_text(account: AccountDues) -> str:
    return "、".join(
        f"{season_label(s.season)} {format_yuan(s.unpaid_fen, symbol='')}" for s in account.owed
    )


def _row(account: AccountDues) -> tuple:
    h = account.household
    days = account.age_days
    return (h.account_no, h.name, h.phone, h.place, _seasons_text(account),
            account.unpaid_fen, days, age_bucket(days))  # fmt: skip


def _subtotal(label: str, count: int, fen: int) -> Subtotal:
    return Subtotal((label, f"{count}户", "", "", "", fen, "", ""))


def arrears_detail(dues: Sequence[AccountDues]) -> Table:
    """One row per household in arrears (sorted), a subtotal per building and per estate, then
    the grand total. ``dues`` must be sorted as :func:`sort_dues` does."""
    rows: list[Row] = []
    estate_sum = building_sum = estate_count = building_count = 0
    for index, account in enumerate(dues):
        h = account.household
        rows.append(_row(account))
        building_sum += account.unpaid_fen
        estate_sum += account.unpaid_fen
        building_count += 1
        estate_count += 1
        after = dues[index + 1].household if index + 1 < len(dues) else None
        if after is None or (after.estate, after.building) != (h.estate, h.building):
            building = h.building if h.building.endswith("号楼") else f"{h.building}号楼"
            rows.append(_subtotal(f"{h.estate}{building} 小计", building_count, building_sum))
            building_sum = building_count = 0
        if after is None or after.estate != h.estate:
            rows.append(_subtotal(f"{h.estate} 合计", estate_count, estate_sum))
            estate_sum = estate_count = 0
    rows.append(_subtotal("总计", len(dues), sum(d.unpaid_fen for d in dues)))
    return Table(DETAIL_TITLE, ARREARS_COLUMNS, rows)


def estate_table(dues: Sequence[AccountDues]) -> Table:
    """Households in arrears and their arrears per estate."""
    per: dict[str, list[int]] = {}
    for account in dues:
        figures = per.setdefault(account.household.estate, [0, 0])
        figures[0] += 1
        figures[1] += account.unpaid_fen
    rows: list[Row] = [(e, *per[e]) for e in sorted(per, key=natural_key)]
    rows.append(Subtotal(("合计", len(dues), sum(d.unpaid_fen for d in dues))))
    columns = (Column("小区", TEXT, 1.6), Column("欠费户数", COUNT), Column("欠费金额", MONEY))
    return Table(ESTATE_TITLE, columns, rows)


def age_table(dues: Sequence[AccountDues]) -> Table:
    """Households and arrears per age bucket (each household by its oldest season)."""
    per = {label: [0, 0] for _, label in AGE_BUCKETS}
    for account in dues:
        figures = per[age_bucket(account.age_days)]
        figures[0] += 1
        figures[1] += account.unpaid_fen
    rows: list[Row] = [(label, *figures) for label, figures in per.items()]
    rows.append(Subtotal(("合计", len(dues), sum(d.unpaid_fen for d in dues))))
    columns = (Column("账龄", TEXT, 1.6), Column("户数", COUNT), Column("欠费金额", MONEY))
    return Table(AGE_TITLE, columns, rows)


def arrears_report(
    dues: Sequence[AccountDues],
    on: dt.date,
    company: str,
    *,
    scope: str = "全部小区",
    service_phone: str = "",
) -> Report:
    """The arrears list on ``on``; ``dues`` sorted as :func:`sort_dues` does."""
    facts = (
        ("截至日期", on.isoformat()),
        ("范围", scope),
        ("欠费户数", f"{len(dues)} 户"),
        ("欠费合计", f"{format_yuan(sum(d.unpaid_fen for d in dues), symbol='')} 元"),
    )
    return Report(
        kind="arrears",
        title="欠费明细",
        company=company,
        facts=facts,
        tables=(estate_table(dues), age_table(dues), arrears_detail(dues)),
        notes=(
            "欠费金额为未缴本金（滞纳金另计，以缴费当日计算为准）；账龄自缴费截止日起算。",
        ),
        landscape=True,
        service_phone=service_phone,
    )


def _rate_row(estate: str, season: str, cell: RateCell) -> tuple:
    return (estate, season_label(season), cell.households, cell.settled,
            percent(cell.settled, cell.households), cell.charged_fen, cell.paid_fen,
            cell.unpaid_fen, percent(cell.paid_fen, cell.charged_fen))  # fmt: skip


def rate_table(cells: Mapping[tuple[str, str], RateCell]) -> Table:
    """Rows per estate and season; a total per season; the grand total."""
    rows: list[Row] = []
    seasons = sorted({season for _, season in cells}, key=lambda s: (s != "opening", s))
    grand = RateCell()
    for season in seasons:
        total = RateCell()
        for estate in sorted({e for e, s in cells if s == season}, key=natural_key):
            cell = cells[(estate, season)]
            rows.append(_rate_row(estate, season, cell))
            _merge(total, cell)
        rows.append(Subtotal(_rate_row("小计", season, total)))
        _merge(grand, total)
    rows.append(Subtotal(_rate_row("合计", "", grand)))
    return Table(RATE_TITLE, RATE_COLUMNS, rows)


def _merge(into: RateCell, cell: RateCell) -> None:
    into.households += cell.households
    into.settled += cell.settled
    into.charged_fen += cell.charged_fen
    into.unpaid_fen += cell.unpaid_fen


def collection_report(
    cells: Mapping[tuple[str, str], RateCell],
    on: dt.date,
    company: str,
    *,
    scope: str = "全部采暖期",
    service_phone: str = "",
) -> Report:
    """The collection rate by estate and season on ``on``."""
    return Report(
        kind="collection",
        title="收费率统计",
        company=company,
        facts=(("截至日期", on.isoformat()), ("范围", scope)),
        tables=(rate_table(cells),),
        notes=(
            "实收金额含提前缴费优惠与预存冲抵；金额收费率 = 实收金额 ÷ 应收金额；"
            "户数收费率 = 缴清户数 ÷ 应收户数。",
        ),
        landscape=True,
        service_phone=service_phone,
    )
