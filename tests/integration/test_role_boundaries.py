"""One service call per role boundary, on SQLite and PostgreSQL: each role calls a real
service outside its roles and gets PermissionDenied, and the refusal writes nothing.

The permission table itself is checked in tests/unit/test_roles.py; these tests show that
the services, not only the window, enforce it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.audit import AuditFilter
from cashier.domain.errors import ApprovalRequired, PermissionDenied, SelfApprovalRefused
from cashier.services import audit, users
from cashier.services.agent_import import import_agent_payments
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.receipt_records import account_payments
from cashier.services.reversals import void_payment
from cashier.services.verify import verify_books
from tests.support.payment_books import (
    CASHIER,
    SUPERVISOR,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

DEC_15 = dt.date(2025, 12, 15)
COLLECTOR = Actor(21, "0021", "上门甲", frozenset({"collector"}))
REPAIR = Actor(22, "0022", "维修乙", frozenset({"repair"}))
ACCOUNTANT = Actor(23, "0023", "会计丙", frozenset({"accountant"}))
ADMIN = Actor(24, "0024", "管理丁", frozenset({"admin"}))
AGENT_FILE = "户号,金额,渠道,流水号,日期\nT-0001,100.00,银行代收,R-1,2025-12-15\n"


@pytest.fixture
def books(make_uow):
    seed_books(make_uow)
    station = station_at(DEC_15)
    start_shift(make_uow, station)
    return make_uow


def _audit_count(make_uow) -> int:
    return audit.count_entries(make_uow(), LOCAL_OPERATOR, AuditFilter())


def _payment(account_no: str) -> PaymentRequest:
    return PaymentRequest(new_uuid(), account_no, (cash(10000),))


@pytest.mark.parametrize("actor", [REPAIR, ACCOUNTANT, ADMIN], ids=lambda a: next(iter(a.roles)))
def test_only_counter_roles_take_money(books, actor):
    with pytest.raises(PermissionDenied, match="无权"):
        post_payment(books(), actor, station_at(DEC_15), _payment("T-0001"))
    assert account_payments(books(), "T-0001") == []


def test_a_cashier_cannot_read_or_check_the_back_offices_books(books):
    with pytest.raises(PermissionDenied):
        audit.list_entries(books(), CASHIER, AuditFilter())
    with pytest.raises(PermissionDenied):
        verify_books(books, CASHIER)


def test_a_collector_cannot_import_a_bank_file(books, tmp_path: Path):
    path = tmp_path / "bank.csv"
    path.write_text(AGENT_FILE, encoding="utf-8")
    with pytest.raises(PermissionDenied):
        import_agent_payments(books(), COLLECTOR, path)
    assert account_payments(books(), "T-0001") == []


def test_a_supervisor_cannot_manage_operators(books):
    before = _audit_count(books)
    with pytest.raises(PermissionDenied):
        users.add_user(
            books(), SUPERVISOR, staff_no="3001", name="钱某", roles=["cashier"],
            password="幸福小区2025",
        )
    assert _audit_count(books) == before
    assert not users.has_users(books())


def test_a_void_needs_another_persons_supervisor_approval(books):
    station = station_at(DEC_15)
    paid = pay(books, station, "T-0001", cash(100000))

    def void(grant):
        return void_payment(books(), CASHIER, station, paid.receipt_no, reason="收错户号",
                            approval=grant, client_uuid=new_uuid())

    with pytest.raises(ApprovalRequired):
        void(None)
    with pytest.raises(SelfApprovalRefused):
        void(approval("void", CASHIER, CASHIER))
    with pytest.raises(PermissionDenied, match="不是主管"):
        void(approval("void", CASHIER, ACCOUNTANT))
    assert [p.reversed_by for p in account_payments(books(), "T-0001")] == [None]
    assert void(approval("void")).entry.reverses == paid.receipt_no
