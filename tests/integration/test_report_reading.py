"""Reports read without getting in the counters' way, and their settings are audited."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from cashier.domain.audit import AuditFilter
from cashier.domain.errors import PermissionDenied
from cashier.domain.report_vouchers import VoucherSetupError
from cashier.services import reports
from cashier.services.report_setup import change_report_setup, report_setup
from tests.integration.report_books import AS_OF, two_days
from tests.support.payment_books import ADMIN, CASHIER, cash, pay, station_at


@pytest.fixture
def books(make_uow):
    two_days(make_uow)
    return make_uow


def test_a_counter_posts_while_a_report_is_reading(books):
    reader = books()
    with reader:
        reader.reports.read_only()
        balances = reader.reports.account_balances(AS_OF)
        first = next(balances)  # the report's queries are open and reading
        started = time.perf_counter()
        pay(books, station_at(dt.date(2025, 12, 20)), "T-0003", cash(1000),
            cash_tendered_fen=1000)  # fmt: skip
        waited = time.perf_counter() - started
        rest = list(balances)
    assert first.household.account_no == "T-0001" and len(rest) == 3
    assert waited < 2.0  # not left waiting for the reader's lock


def test_read_only_must_come_first(books):
    with books() as uow:
        uow.settings.get("company_name")
        with pytest.raises(RuntimeError, match="first"):
            uow.reports.read_only()


def test_report_settings_are_checked_saved_and_audited(books):
    assert report_setup(books()).notice_channels == reports.DEFAULT_CHANNELS
    with pytest.raises(PermissionDenied):
        change_report_setup(books(), CASHIER, notice_channels="现金")
    with pytest.raises(VoucherSetupError):
        change_report_setup(books(), ADMIN, voucher_columns="date,备注")
    setup = change_report_setup(books(), ADMIN, notice_channels="收费大厅或微信",
                                voucher_columns="凭证日期,借方金额")  # fmt: skip
    assert setup.notice_channels == "收费大厅或微信" and setup.voucher_columns == ("date", "debit")
    notices = reports.arrears_notices(books(), ADMIN, AS_OF)
    assert notices[0].channels == "收费大厅或微信"
    with books() as uow:
        found = uow.audit.find(AuditFilter(event="settings_changed"), offset=0, limit=5)
    assert found[0].details == {"notice_channels": "收费大厅或微信",
                                "voucher_columns": "凭证日期,借方金额"}  # fmt: skip
