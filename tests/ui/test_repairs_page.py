"""The Repairs page on a real SQLite database: lists, search, the order panel and its steps,
the bill editor, a new order, payment; the order table passes Qt's model tester."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import uuid

import pytest
from support.repair_world import (
    add_accounts,
    load_example_prices,
    phone_order,
    reach_site,
    signature,
    valve_lines,
)

from cashier.domain.actor import Actor
from cashier.domain.money import format_yuan
from cashier.domain.repair_orders import OrderEvent
from cashier.domain.roles import Approval
from cashier.domain.tender import TenderPart
from cashier.services.context import AppContext
from cashier.services.repair_bills import repair_view, save_bill, sign_bill
from cashier.services.repair_orders import record_event
from cashier.services.repair_payments import RepairPaymentRequest, pay_repair_bill
from cashier.services.shifts import open_shift
from cashier.services.station import Station
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory
from cashier.ui.pages import repair_actions
from cashier.ui.pages.repair_bill_editor import BillEditor
from cashier.ui.pages.repair_dialogs import NewOrderDialog, PaymentDialog
from cashier.ui.pages.repairs import RepairsPage
from cashier.ui.runner import Runner

LEAD = Actor(id=5, staff_no="3001", name="李四", roles=frozenset({"repair", "cashier"}))
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _ago(minutes: int) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


@pytest.fixture
def desk(sqlite_url):
    """Three orders: overdue (50 min, nobody there), billed (arrived), finished."""
    engine = make_engine(sqlite_url)
    create_schema(engine)
    make_uow = uow_factory(engine)
    add_accounts(make_uow, "HP-0001", "HP-0002", "HP-0003")
    load_example_prices(make_uow)
    overdue = phone_order(make_uow, "HP-0001", at=_ago(50)).number
    billed = phone_order(make_uow, "HP-0002", at=_ago(40)).number
    reach_site(make_uow, billed, _ago(40), minutes=20)
    save_bill(make_uow(), LEAD, billed, valve_lines(), now=_ago(5))
    done = phone_order(make_uow, "HP-0003", at=_ago(200)).number
    reach_site(make_uow, done, _ago(200), minutes=25)
    record_event(make_uow(), LEAD, done, OrderEvent("finished", _ago(150)), now=_ago(149))
    context = AppContext(
        make_uow, LEAD, "SQLite: test", "A01", "幸福热力有限公司", "0000-1234567", demo=False
    )
    yield context, make_uow, {"overdue": overdue, "billed": billed, "done": done}
    engine.dispose()


def _page(qtbot, context) -> RepairsPage:
    page = RepairsPage(context, runner=Runner(context.uow_factory))
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: page.counts.text().startswith("Open"), timeout=5000)
    return page


def _numbers(qtbot, page: RepairsPage, expected_rows: int) -> list[str]:
    qtbot.waitUntil(lambda: page.orders.rowCount() == expected_rows, timeout=5000)
    return [page.orders.record(row).number for row in range(page.orders.rowCount())]


def test_the_lists_show_open_overdue_and_finished_orders(qtbot, qtmodeltester, desk):
    context, _, numbers = desk
    page = _page(qtbot, context)
    assert _numbers(qtbot, page, 2) == [numbers["billed"], numbers["overdue"]]
    assert page.counts.text() == "Open 2 · overdue 1 · awaiting follow-up 1"
    qtmodeltester.check(page.orders)
    page.show_list("overdue")
    assert _numbers(qtbot, page, 1) == [numbers["overdue"]]
    overdue_row = page.orders.index(0, 4)
    assert page.orders.data(overdue_row) == "Overdue: nobody on site"
    page.show_list("no_followup")
    assert _numbers(qtbot, page, 1) == [numbers["done"]]
    page.show_list("all")
    assert len(_numbers(qtbot, page, 3)) == 3
    page.search.setText("HP-0002")
    assert _numbers(qtbot, page, 1) == [numbers["billed"]]


def test_the_panel_shows_a_changed_bill_as_needing_a_new_signature(qtbot, desk):
    context, make_uow, numbers = desk
    number = numbers["billed"]
    view = repair_view(make_uow(), LEAD, number)
    sign_bill(make_uow(), LEAD, number, signature(), digest=view.latest.digest, now=NOW)
    page = _page(qtbot, context)
    page.load(number)
    qtbot.waitUntil(lambda: page.current is not None and page.current.signed, timeout=5000)
    assert page.actions["pay"].isEnabled() and not page.actions["sign"].isEnabled()
    assert "客户已签字" in page.detail.toPlainText()
    save_bill(make_uow(), LEAD, number, valve_lines("2"), now=NOW)
    page.load(number)
    qtbot.waitUntil(lambda: page.current is not None and not page.current.signed, timeout=5000)
    assert "原签字失效，需重新签字" in page.detail.toPlainText()
    assert page.actions["sign"].isEnabled() and not page.actions["pay"].isEnabled()
    assert not page.actions["dispatch"].isEnabled() and page.actions["finish"].isEnabled()


def test_the_bill_editor_prices_lines_as_they_are_typed_and_saves_a_version(qtbot, desk):
    context, make_uow, numbers = desk
    view = repair_view(make_uow(), LEAD, numbers["billed"])
    runner = Runner(make_uow)
    editor = BillEditor(context, runner, view)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.lines.rowCount() == 3, timeout=5000)
    assert editor.prices.rowCount() == 9
    editor.add_code("material", "CL03", "1.5")
    assert "¥19.20" in editor.lines.item(3, 6).text()
    assert "合计" not in editor.totals.text() and "Total ¥" in editor.totals.text()
    editor.lines.item(3, 4).setText("abc")
    assert not editor.save_button.isEnabled() and "not a number" in editor.error.text()
    editor.lines.item(3, 4).setText("2")
    assert editor.content().total_fen == view.latest.content.total_fen + 2560
    editor.save()
    qtbot.waitUntil(lambda: editor.saved is not None, timeout=5000)
    assert [v.content.version for v in editor.saved.versions] == [1, 2]


def test_a_new_order_needs_the_caller_told_and_is_then_taken(qtbot, desk):
    context, make_uow, _ = desk
    dialog = NewOrderDialog(context, Runner(make_uow))
    qtbot.addWidget(dialog)
    dialog.account.number.setText("HP-0001")
    dialog.fault.setPlainText("卫生间暖气片不热")
    assert "Paid repair" in dialog.decision.text()
    dialog.owner.setCurrentIndex(dialog.owner.findData("company"))
    assert "Free repair" in dialog.decision.text()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert "告知用户" in dialog.error.text() and dialog.saved is None
    dialog.told.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    assert dialog.saved.number.startswith("WX") and not dialog.saved.paid


def test_payment_of_a_signed_bill_from_the_page_dialog(qtbot, desk):
    context, make_uow, numbers = desk
    number = numbers["billed"]
    view = repair_view(make_uow(), LEAD, number)
    sign_bill(make_uow(), LEAD, number, signature(), digest=view.latest.digest, now=NOW)
    open_shift(make_uow(), LEAD, Station("A01"), opening_float_fen=0, client_uuid=str(uuid.uuid4()))
    total = view.latest.content.total_fen
    dialog = PaymentDialog(context, Runner(make_uow), number, total)
    qtbot.addWidget(dialog)
    dialog.tendered.setText("100")
    assert dialog.change.text() == format_yuan(10000 - total)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    assert (
        dialog.saved.receipt_no == "A01-00000002"
        and dialog.saved.receipt.change_fen == 10000 - total
    )
    assert repair_view(make_uow(), LEAD, number).paid_fen == total


def test_a_paid_bill_is_refunded_from_the_page_with_approval(qtbot, desk, monkeypatch):
    context, make_uow, numbers = desk
    number = numbers["billed"]
    view = repair_view(make_uow(), LEAD, number)
    sign_bill(make_uow(), LEAD, number, signature(), digest=view.latest.digest, now=NOW)
    station = Station("A01")
    open_shift(make_uow(), LEAD, station, opening_float_fen=0, client_uuid=str(uuid.uuid4()))
    total = view.latest.content.total_fen
    request = RepairPaymentRequest(str(uuid.uuid4()), number, (TenderPart("cash", total),))
    paid = pay_repair_bill(make_uow(), LEAD, station, request)
    page = _page(qtbot, context)
    page.load(number)
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.paid_fen == total, timeout=5000
    )
    assert page.actions["refund"].isEnabled() and not page.actions["bill"].isEnabled()
    assert page.unrefunded_receipt() == paid.receipt_no
    supervisor = Actor(id=9, staff_no="2001", name="钱七", roles=frozenset({"supervisor"}))
    approval = Approval("refund", LEAD, supervisor, NOW)
    monkeypatch.setattr(repair_actions, "ask_approval", lambda *args: approval)
    page.refund(reason="材料用错，重新开单")
    qtbot.waitUntil(lambda: page.counts.text().startswith("Refund slip"), timeout=5000)
    qtbot.waitUntil(lambda: page.current.paid_fen == 0, timeout=5000)
    assert page.actions["bill"].isEnabled() and not page.actions["refund"].isEnabled()
    assert page.unrefunded_receipt() is None
