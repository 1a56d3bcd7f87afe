"""Reports (报表): the daily ledger, arrears, collection rate, voids/refunds/waivers, price
list, month-end summary, accounting vouchers and arrears notices.

Each service reads in one unit of work, in a reader's transaction (on SQLite the counters
keep posting meanwhile; nothing is written, except a price list's basis when one is given),
and builds a :class:`~cashier.domain.report_table.Report`. It may be long: it calls
``progress(done, total)`` now and then and stops with ReportCancelled as soon as
``cancelled()`` is true, before any file is written. Writing the file is the
ReportWriter's (services/report_ports.py). Permission: "view_reports"; arrears notices also
"collect_payment" (collectors hand them out).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.arrears_notice import Notice, notice_lines, notice_of
from cashier.domain.errors import UserError
from cashier.domain.journal import REFUND, REPAIR_REFUND, VOID
from cashier.domain.report_arrears import AccountDues, account_dues, collection_cells, settled
from cashier.domain.report_daily import MonthBook, daily_ledger_report, monthly_report
from cashier.domain.report_ledger import MONEY_KINDS, daily_ledger
from cashier.domain.report_prices import price_list_report
from cashier.domain.report_receivables import arrears_report, collection_report, sort_dues
from cashier.domain.report_reversals import reversals_report
from cashier.domain.report_table import Report
from cashier.domain.report_vouchers import (
    parse_columns,
    parse_subjects,
    voucher_lines,
    voucher_report,
)
from cashier.services import audit
from cashier.services.permissions import can, require
from cashier.services.ports import ReceiptPrinter, UnitOfWork
from cashier.services.report_ports import NoticeWriter, ReportWriter

Progress = Callable[..., None]
Cancelled = Callable[[], bool]
STEP = 5_000
VOUCHER_COLUMNS, VOUCHER_SUBJECTS = "voucher_columns", "voucher_subjects"
NOTICE_CHANNELS = "notice_channels"
DEFAULT_CHANNELS = "收费大厅现金、银行卡、微信、支付宝，或银行转账"


def price_basis_key(season: str) -> str:
    """The settings key of a season's price basis (收费依据)."""
    return f"tariff_basis:{season}"


class ReportCancelled(UserError):
    """The user cancelled a report; nothing was written."""

    def __init__(self) -> None:
        super().__init__("报表已取消，未生成文件。", "report cancelled; nothing written")


class UnknownSeason(UserError):
    """No season has this code (or no season is loaded)."""


@dataclass(frozen=True)
class Letterhead:
    """Company name and service telephone printed on every report."""

    company: str
    service_phone: str


def _letterhead(uow: UnitOfWork) -> Letterhead:
    name = uow.settings.get("company_name") or "供热公司"
    return Letterhead(name, uow.settings.get("service_phone") or "")


def _watch(
    items: Iterable, progress: Progress | None, cancelled: Cancelled | None, total: int = 0
) -> Iterator:
    """The items, reporting progress every STEP and raising ReportCancelled when asked."""
    for done, item in enumerate(items, start=1):
        if done % STEP == 0:
            if cancelled is not None and cancelled():
                raise ReportCancelled()
            if progress is not None:
                progress(done, total)
        yield item
    if cancelled is not None and cancelled():
        raise ReportCancelled()


def daily_ledger_of(
    uow: UnitOfWork,
    actor: Actor,
    on: dt.date,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """The daily ledger (日记账) of business day ``on``. Raises PermissionDenied,
    ReportCancelled."""
    require(actor, "view_reports")
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        entries = uow.reports.entries_between(on, on, MONEY_KINDS)
        ledger = daily_ledger(_watch(entries, progress, cancelled), on)
    return daily_ledger_report(ledger, head.company, head.service_phone)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month; raises UserError for a month that does not exist."""
    try:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    except (ValueError, calendar.IllegalMonthError) as error:
        raise UserError(f"月份无效：{year}-{month}", f"invalid month {year}-{month}") from error


def monthly_summary(
    uow: UnitOfWork,
    actor: Actor,
    year: int,
    month: int,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """The month-end summary (月度收费汇总). Raises PermissionDenied, ReportCancelled,
    UserError for a bad month."""
    require(actor, "view_reports")
    first, last = month_bounds(year, month)
    book = MonthBook(first, last)
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        book.add_all(_watch(uow.reports.entries_between(first, last, MONEY_KINDS),
                            progress, cancelled))  # fmt: skip
        changes = uow.reports.bill_changes(first, last)
    return monthly_report(book, changes, head.company, head.service_phone)


def _dues(
    uow: UnitOfWork,
    on: dt.date,
    estate: str,
    building: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
    *,
    owing_only: bool = False,
) -> Iterator[AccountDues]:
    """Every charged account's dues on ``on`` (only those that owe, when ``owing_only``)."""
    total = uow.reports.account_count(estate=estate, building=building)
    balances = uow.reports.account_balances(on, estate=estate, building=building)
    for balance in _watch(balances, progress, cancelled, total):
        if owing_only and settled(balance):
            continue
        dues = account_dues(balance, on)
        if not owing_only or dues.unpaid_fen > 0:
            yield dues


def _scope(estate: str, building: str) -> str:
    if not estate:
        return "全部小区"
    return f"{estate}{building}号楼" if building else estate


def arrears_list(
    uow: UnitOfWork,
    actor: Actor,
    on: dt.date,
    *,
    estate: str = "",
    building: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """The arrears list (欠费明细) on ``on``, of one estate (and building) when given.
    Raises PermissionDenied, ReportCancelled."""
    require(actor, "view_reports")
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        owing = list(_dues(uow, on, estate, building, progress, cancelled, owing_only=True))
    dues = sort_dues(owing)
    return arrears_report(dues, on, head.company, scope=_scope(estate, building),
                          service_phone=head.service_phone)  # fmt: skip


def collection_rate(
    uow: UnitOfWork,
    actor: Actor,
    on: dt.date,
    *,
    season: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """The collection rate (收费率) by estate and season on ``on`` (one season if given).
    Raises PermissionDenied, ReportCancelled, UnknownSeason."""
    require(actor, "view_reports")
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        if season and uow.seasons.get(season) is None:
            raise _unknown_season(season)
        cells = collection_cells(_dues(uow, on, "", "", progress, cancelled),
                                 {season} if season else None)  # fmt: skip
    scope = f"{season} 采暖期" if season else "全部采暖期"
    return collection_report(cells, on, head.company, scope=scope,
                             service_phone=head.service_phone)  # fmt: skip


def reversals_between(uow: UnitOfWork, actor: Actor, first: dt.date, last: dt.date) -> Report:
    """Voids, refunds and late-fee waivers with reasons and approvers from ``first`` to
    ``last``. Raises PermissionDenied, UserError when ``last`` is before ``first``."""
    require(actor, "view_reports")
    _check_range(first, last)
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        entries = list(uow.reports.entries_between(first, last, (VOID, REFUND, REPAIR_REFUND)))
        waivers = uow.reports.waivers(first, last)
    return reversals_report(entries, waivers, first, last, head.company, head.service_phone)


def _check_range(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise UserError(
            f"结束日期 {last} 早于开始日期 {first}。", f"end {last} is before start {first}"
        )


def _unknown_season(code: str) -> UnknownSeason:
    return UnknownSeason(f"没有采暖期 {code}。", f"no season {code!r}")


def price_list(
    uow: UnitOfWork, actor: Actor, season: str = "", *, basis: str | None = None
) -> Report:
    """The public price list (收费标准公示) of ``season`` (default: the newest). A ``basis``
    (the price documents, e.g. 廊价管〔2012〕号) is saved for the season first; that needs
    "load_tariffs". Raises PermissionDenied, UnknownSeason."""
    require(actor, "view_reports")
    if basis is not None:
        require(actor, "load_tariffs")
    with uow:
        if basis is None:
            uow.reports.read_only()
        head = _letterhead(uow)
        codes = uow.seasons.codes()
        code = season or (codes[-1] if codes else "")
        tariff = uow.seasons.get(code) if code else None
        if tariff is None:
            raise _unknown_season(season or "（尚未载入）")
        if basis is not None:
            uow.settings.put(price_basis_key(code), basis.strip())
            audit.record(uow, actor, "settings_changed", {price_basis_key(code): basis.strip()})
            uow.commit()
        saved = uow.settings.get(price_basis_key(code)) or ""
    return price_list_report(tariff, saved, head.company, head.service_phone)


def vouchers_between(
    uow: UnitOfWork, actor: Actor, first: dt.date, last: dt.date, *, columns: str | None = None
) -> Report:
    """The accounting vouchers (记账凭证) of the days from ``first`` to ``last``: per day and
    method. ``columns`` (keys or Chinese headings, comma-separated) overrides the saved
    setting. Raises PermissionDenied, VoucherSetupError, UserError for a bad range."""
    require(actor, "view_reports")
    _check_range(first, last)
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        chosen = parse_columns(columns if columns is not None else
                               uow.settings.get(VOUCHER_COLUMNS) or "")  # fmt: skip
        subjects = parse_subjects(uow.settings.get(VOUCHER_SUBJECTS) or "")
        lines = voucher_lines(uow.reports.entries_between(first, last, MONEY_KINDS), subjects)
    return voucher_report(lines, chosen, first, last, head.company)


def arrears_notices(
    uow: UnitOfWork,
    actor: Actor,
    on: dt.date,
    *,
    estate: str = "",
    building: str = "",
    pay_within_days: int = 15,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Notice]:
    """One arrears notice (催缴通知单) per household owing on ``on``, by address.
    Raises PermissionDenied, ReportCancelled."""
    if not (can(actor, "view_reports") or can(actor, "collect_payment")):
        require(actor, "view_reports")
    if pay_within_days < 0:
        raise UserError("缴费期限天数不能为负数。", "pay_within_days must not be negative")
    with uow:
        uow.reports.read_only()
        head = _letterhead(uow)
        channels = uow.settings.get(NOTICE_CHANNELS) or DEFAULT_CHANNELS
        owing = list(_dues(uow, on, estate, building, progress, cancelled, owing_only=True))
    pay_by = on + dt.timedelta(days=pay_within_days)
    return [notice_of(d, head.company, head.service_phone, pay_by=pay_by, channels=channels)
            for d in sort_dues(owing)]  # fmt: skip


def write_report(report: Report, path: Path, writer: ReportWriter) -> Path:
    """Write the report to ``path`` (format by suffix); returns the path."""
    writer.write(report, path)
    return path


def write_notices(
    notices: Sequence[Notice], path: Path, writer: NoticeWriter, *, size: str = "a4"
) -> Path:
    """Write the notices as one PDF (A4, or receipt paper "58"/"80"); returns the path.
    Raises UserError when there are none."""
    if not notices:
        raise UserError("没有欠费户，未生成催缴通知单。", "no household owes anything")
    writer.write_notices(notices, path, size=size)
    return path


def print_notices(printer: ReceiptPrinter, notices: Sequence[Notice]) -> int:
    """Print each notice on the receipt printer; returns how many were printed.
    Raises UserError from the printer (those before it are printed)."""
    for count, notice in enumerate(notices, start=1):
        try:
            printer.print_lines(notice_lines(notice, printer.width_cols), open_drawer=False)
        except UserError as error:
            raise UserError(
                f"已打印 {count - 1} 张，第 {count} 张失败：{error}",
                f"printed {count - 1}, notice {count} failed: {getattr(error, 'english', '')}",
            ) from error
    return len(notices)

