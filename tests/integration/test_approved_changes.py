"""Supervisor approval of account changes, opening arrears and late-fee waivers, on SQLite and
PostgreSQL: refused without it, refused with the requester's own credentials, recorded with
the approver when a second person gives it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from support.service_world import SEASON, SUPERVISOR, account, build, local

from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.arrears import ArrearsError
from cashier.domain.audit import AuditFilter
from cashier.domain.errors import ApprovalRequired, PermissionDenied, SelfApprovalRefused
from cashier.domain.outages import NewOutage
from cashier.domain.roles import Approval
from cashier.services import users
from cashier.services.account_facts import (
    approvals_needed,
    change_facts,
    season_statuses,
    set_status,
)
from cashier.services.audit import list_entries
from cashier.services.late_fee_waivers import WaiverRefused, late_fees_owed, waive
from cashier.services.opening_arrears import adjust_opening_arrears, opening_arrears
from cashier.services.outages import record_outage
from cashier.services.statements import account_statement

PW = "幸福小区2025"
ON = dt.date(2025, 12, 10)
LATE = dt.date(2026, 1, 30)  # 30 days after the example season's due date 2025-12-31
PEOPLE = {
    "admin": ("0001", "周八", ["admin"]),
    "cashier": ("1001", "张三", ["cashier"]),
    "accountant": ("1004", "赵六", ["accountant"]),
    "supervisor": ("1005", "孙七", ["supervisor", "cashier"]),
    "supervisor2": ("1007", "吴九", ["supervisor"]),
}


@pytest.fixture
def world(make_uow) -> dict[str, Actor]:
    """The example season billed for 幸福小区 accounts, and four signed-in operators."""
    build(make_uow, [account("A-1", "90.00"), account("A-2", "80.00", room="102")])
    actors = {}
    for key, (staff_no, name, roles) in PEOPLE.items():
        users.add_user(
            make_uow(), LOCAL_OPERATOR, staff_no=staff_no, name=name, roles=roles,
            password=PW, must_change_password=False,
        )  # fmt: skip
        actors[key] = users.sign_in(make_uow(), staff_no, PW)
    return actors


def _approve(make_uow, staff_no: str, action: str, requester: Actor) -> Approval:
    return users.verify_approval(
        make_uow(), staff_no=staff_no, password=PW, action=action, requester=requester
    )


def _events(make_uow, event: str) -> list[dict]:
    entries = list_entries(make_uow(), LOCAL_OPERATOR, AuditFilter(event=event), limit=100)
    return [dict(entry.details, by=entry.staff_no) for entry in reversed(entries)]


def _rows(engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql), params)]


def _due(make_uow, number: str, on: dt.date) -> dict:
    return account_statement(make_uow(), number, on, "cash").to_json_dict()


def _area_change(make_uow, actor, approvals=()):
    return change_facts(
        make_uow(), actor, "A-1", {"heated_area": D("100.00")},
        valid_from=dt.date(2025, 11, 15), reason="重新测量", approvals=approvals, on=ON,
    )  # fmt: skip


# --- change of heated area -----------------------------------------------------------------------


def test_a_change_of_area_without_approval_is_refused_and_nothing_is_stored(
    engine, make_uow, world
):
    with pytest.raises(ApprovalRequired, match="变更供热面积需要主管批准"):
        _area_change(make_uow, world["supervisor"])
    wrong = _approve(make_uow, "1007", "change_category", world["supervisor"])
    with pytest.raises(ApprovalRequired):
        _area_change(make_uow, world["supervisor"], [wrong])
    someone_elses = _approve(make_uow, "1005", "change_area", world["accountant"])
    with pytest.raises(ApprovalRequired):
        _area_change(make_uow, world["supervisor"], [someone_elses])
    assert _rows(engine, "SELECT count(*) FROM account_facts") == [(2,)]
    assert _events(make_uow, "facts_change") == []


def test_a_requester_cannot_approve_their_own_change_of_area(engine, make_uow, world):
    supervisor = world["supervisor"]
    with pytest.raises(SelfApprovalRefused, match="不能批准自己的变更供热面积"):
        _approve(make_uow, "1005", "change_area", supervisor)
    assert _events(make_uow, "approval_refused")[-1]["reason"] == "self_approval"
    own = Approval("change_area", supervisor, supervisor, dt.datetime.now(dt.UTC))
    with pytest.raises(SelfApprovalRefused):
        _area_change(make_uow, supervisor, [own])
    with pytest.raises(PermissionDenied, match="不是主管"):
        _approve(make_uow, "1004", "change_area", supervisor)
    assert _rows(engine, "SELECT count(*) FROM account_facts") == [(2,)]


def test_a_change_of_area_approved_by_a_supervisor_records_the_approver(
    engine, make_uow, world
):
    supervisor = world["supervisor"]
    approval = _approve(make_uow, "1007", "change_area", supervisor)
    posted = _area_change(make_uow, supervisor, [approval])
    assert [c.total_fen for c in posted] == [220_000 - 198_000]
    newest = _rows(
        engine,
        "SELECT heated_area_centi, recorded_by, reason, approved_by FROM account_facts"
        " ORDER BY id DESC LIMIT 1",
    )
    assert newest == [(10_000, "1005", "重新测量", "1007")]
    assert _rows(
        engine, "SELECT kind, amount_fen, approved_by FROM bill_lines WHERE kind = 'adjustment'"
    ) == [("adjustment", 22_000, "1007")]
    assert _events(make_uow, "approval_granted")[-1] == {
        "action": "change_area", "requester": "1005", "by": "1007"
    }
    change = _events(make_uow, "facts_change")
    assert len(change) == 1 and change[0]["approver"] == "1007" and change[0]["by"] == "1005"
    assert change[0]["changes"] == {"heated_area": "100.00"}
    assert _due(make_uow, "A-1", ON)["total_due"] == "2200.00"


def test_category_and_low_income_need_the_category_approval(engine, make_uow, world):
    supervisor = world["supervisor"]
    assert approvals_needed({"low_income": True}) == ("change_category",)
    assert approvals_needed({"heated_area": 1, "category": "x"}) == (
        "change_area", "change_category"
    )
    assert approvals_needed({"ceiling_height": None}) == ()
    with pytest.raises(ApprovalRequired, match="变更用户类别"):
        change_facts(
            make_uow(), supervisor, "A-1", {"low_income": True}, valid_from=ON, reason="低保",
            approvals=[_approve(make_uow, "1007", "change_area", supervisor)],
        )  # fmt: skip
    both = [_approve(make_uow, "1007", a, supervisor) for a in ("change_area", "change_category")]
    change_facts(
        make_uow(), supervisor, "A-1", {"heated_area": D("95.00"), "category": "non_residential"},
        valid_from=ON, reason="改为商铺", approvals=both, on=ON,
    )  # fmt: skip
    assert _rows(engine, "SELECT approved_by FROM account_facts ORDER BY id DESC LIMIT 1") == [
        ("1007",)
    ]


# --- change of status ----------------------------------------------------------------------------


def test_a_late_suspension_needs_approval_and_records_the_approver(engine, make_uow, world):
    cashier = world["cashier"]
    assert season_statuses(make_uow(), cashier, "A-1") == [(SEASON, "heating")]
    with pytest.raises(ApprovalRequired, match="变更供热状态需要主管批准"):
        set_status(make_uow(), cashier, "A-1", SEASON, "suspended", reason="补办报停",
                   approval=None)  # fmt: skip
    approval = _approve(make_uow, "1005", "change_status", cashier)
    posted = set_status(make_uow(), cashier, "A-1", SEASON, "suspended", reason="补办报停",
                        approval=approval, on=ON)  # fmt: skip
    assert posted[0].total_fen == 39_600 - 198_000
    assert _rows(
        engine, "SELECT status, recorded_by, approved_by FROM account_statuses ORDER BY id DESC"
        " LIMIT 1"
    ) == [("suspended", "1001", "1005")]
    assert _events(make_uow, "status_change")[0]["approver"] == "1005"
    assert season_statuses(make_uow(), cashier, "A-1") == [(SEASON, "suspended")]


# --- credits follow the facts --------------------------------------------------------------------


def _outage_credits(engine) -> list[int]:
    return [
        amount for (amount,) in _rows(
            engine, "SELECT amount_fen FROM service_credits ORDER BY id"
        )
    ]  # fmt: skip


def test_outage_credits_follow_a_change_of_area_and_a_suspension(engine, make_uow, world):
    supervisor = world["supervisor"]
    with make_uow() as uow:
        account_id = uow.outages.account_ids_by_number(["A-1"])["A-1"]
    outage = NewOutage(local(2025, 12, 1, 8), local(2025, 12, 2, 14), "一次网管线爆裂",
                       "幸福小区1号楼", (account_id,))  # fmt: skip
    record_outage(make_uow(), SUPERVISOR, outage, now=local(2025, 12, 2, 14))
    assert _outage_credits(engine) == [-1636]  # 1980.00 / 121 days, one whole day
    _area_change(make_uow, supervisor, [_approve(make_uow, "1007", "change_area", supervisor)])
    assert _outage_credits(engine) == [-1636, -182]  # 2200.00 / 121 = 18.18
    approval = _approve(make_uow, "1007", "change_status", supervisor)
    set_status(make_uow(), supervisor, "A-1", SEASON, "suspended", reason="补办报停",
               approval=approval, on=ON)  # fmt: skip
    assert sum(_outage_credits(engine)) == 0  # a suspended season earns no credit


# --- opening arrears -----------------------------------------------------------------------------


def test_opening_arrears_are_corrected_by_an_appended_adjustment(engine, make_uow, world):
    accountant = world["accountant"]
    with pytest.raises(ApprovalRequired, match="修改往年欠费需要主管批准"):
        adjust_opening_arrears(make_uow(), accountant, "A-1", 35_000, reason="补录",
                               approval=None)  # fmt: skip
    with pytest.raises(PermissionDenied):
        adjust_opening_arrears(
            make_uow(), world["cashier"], "A-1", 35_000, reason="补录",
            approval=_approve(make_uow, "1005", "edit_opening_arrears", world["cashier"]),
        )  # fmt: skip
    approval = _approve(make_uow, "1005", "edit_opening_arrears", accountant)
    added = adjust_opening_arrears(make_uow(), accountant, "A-1", 35_000, reason="原系统漏录",
                                   approval=approval, on=ON)  # fmt: skip
    assert (added.amount_fen, added.approved_by, added.recorded_by) == (35_000, "1005", "1004")
    owed = _due(make_uow, "A-1", ON)
    assert [s["season"] for s in owed["seasons"]] == ["opening", SEASON]
    assert owed["seasons"][0]["due"] == "350.00" and owed["total_due"] == "2330.00"
    approval = _approve(make_uow, "1007", "edit_opening_arrears", accountant)
    adjust_opening_arrears(make_uow(), accountant, "A-1", 20_000, reason="核对后减少",
                           approval=approval, on=ON)  # fmt: skip
    history = opening_arrears(make_uow(), accountant, "A-1")
    assert history.total_fen == 20_000 and history.carried_over_fen == 0
    assert [a.amount_fen for a in history.adjustments] == [35_000, -15_000]
    assert _due(make_uow, "A-1", ON)["total_due"] == "2180.00"
    assert [e["new"] for e in _events(make_uow, "opening_arrears_adjust")] == [
        "¥350.00", "¥200.00"
    ]
    again = _approve(make_uow, "1007", "edit_opening_arrears", accountant)
    with pytest.raises(ArrearsError, match="没有变化"):
        adjust_opening_arrears(make_uow(), accountant, "A-1", 20_000, reason="再次",
                               approval=again)  # fmt: skip


def test_the_database_refuses_to_edit_an_arrears_adjustment(engine, make_uow, world):
    accountant = world["accountant"]
    approval = _approve(make_uow, "1005", "edit_opening_arrears", accountant)
    adjust_opening_arrears(make_uow(), accountant, "A-1", 10_000, reason="补录",
                           approval=approval, on=ON)  # fmt: skip
    for statement in (
        "UPDATE opening_arrears_adjustments SET amount_fen = 1",
        "DELETE FROM opening_arrears_adjustments",
    ):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))
    assert _rows(engine, "SELECT amount_fen FROM opening_arrears_adjustments") == [(10_000,)]


# --- late-fee waiver -----------------------------------------------------------------------------


def test_a_late_fee_waiver_needs_approval_and_is_a_dated_credit(engine, make_uow, world):
    cashier = world["cashier"]
    before = _due(make_uow, "A-1", LATE)["seasons"][0]
    assert before["late_fee"] == "118.80"  # 1980.00 × 2‰ × 30 days
    with pytest.raises(ApprovalRequired, match="减免滞纳金需要主管批准"):
        waive(make_uow(), cashier, "A-1", SEASON, 5_000, reason="困难户", approval=None, on=LATE)
    with pytest.raises(SelfApprovalRefused):
        _approve(make_uow, "1005", "late_fee_waiver", world["supervisor"])
    approval = _approve(make_uow, "1005", "late_fee_waiver", cashier)
    with pytest.raises(WaiverRefused, match="118.80"):
        waive(make_uow(), cashier, "A-1", SEASON, 11_881, reason="困难户", approval=approval,
              on=LATE)  # fmt: skip
    line = waive(make_uow(), cashier, "A-1", SEASON, 5_000, reason="困难户", approval=approval,
                 on=LATE)  # fmt: skip
    assert (line.on, line.line.kind, line.line.amount_fen) == (LATE, "late_fee_waiver", -5_000)
    after = _due(make_uow, "A-1", LATE)["seasons"][0]
    assert (after["principal"], after["late_fee"]) == ("1980.00", "68.80")
    assert late_fees_owed(make_uow(), cashier, "A-1", LATE) == {SEASON: 6_880}
    assert late_fees_owed(make_uow(), cashier, "A-1", ON) == {}
    assert _rows(
        engine, "SELECT posted_on, amount_fen, reason, recorded_by, approved_by FROM bill_lines"
        " WHERE kind = 'late_fee_waiver'"
    )[0][1:] == (-5_000, "困难户", "1001", "1005")
    event = _events(make_uow, "late_fee_waiver")[0]
    assert (event["amount"], event["approver"], event["by"]) == ("¥50.00", "1005", "1001")


def test_nothing_to_waive_before_the_due_date(make_uow, world):
    cashier = world["cashier"]
    approval = _approve(make_uow, "1005", "late_fee_waiver", cashier)
    with pytest.raises(WaiverRefused, match="没有滞纳金"):
        waive(make_uow(), cashier, "A-1", SEASON, 100, reason="x", approval=approval, on=ON)
    with pytest.raises(WaiverRefused, match="没有账单"):
        waive(make_uow(), cashier, "A-1", "2024-2025", 100, reason="x", approval=approval,
              on=LATE)  # fmt: skip
