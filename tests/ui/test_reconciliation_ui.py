"""The shift-close dialog (blind count, then the comparison, then the Z report), the hand-over
dialog, the Reconciliation page with its chart and day close, and the settlement tab, on a
real SQLite database."""

from __future__ import annotations

import datetime as dt

import pytest
from counter_data import NOV_10
from counter_support import FlakyPrinter, ModalScript, idle, make_page
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QLabel
from reconciliation_data import (
    ACCOUNTANT_NO,
    COLLECTOR_NO,
    NOV_20,
    month_of_takings,
    recon_context,
    signed_in,
)

from cashier.domain.chain import parse_anchors
from cashier.domain.day_close import parse_signed_anchors
from cashier.domain.roles import Approval
from cashier.domain.settlement_files import BANK_TEMPLATE
from cashier.domain.tender import TenderPart
from cashier.services.anchor_signing import generate_key
from cashier.services.handover import collector_cash
from cashier.services.payments import PaymentRequest, post_payment
from cashier.services.reconciliation import day_overview, day_totals
from cashier.services.settlements import all_presets, save_preset
from cashier.services.shifts import current_shift, open_shift
from cashier.ui.reconciliation.handover_dialog import HandoverDialog
from cashier.ui.reconciliation.models import ReconRowsModel
from cashier.ui.reconciliation.page import ReconciliationPage
from cashier.ui.reconciliation.preset_dialog import PresetDialog
from cashier.ui.reconciliation.shift_close_dialog import COMPARE, DONE, ShiftCloseDialog
from tests.support.payment_books import SUPERVISOR, new_uuid, station_at
from tests.support.settlement_samples import wechat_bill

WAIT_MS = 10_000


@pytest.fixture
def books(tmp_path, qapp):
    return recon_context(tmp_path / "db")


def _pay(context, station, account: str, *parts: TenderPart, actor=None) -> None:
    request = PaymentRequest(new_uuid(), account, parts, allow_credit=True)
    post_payment(context.uow_factory(), actor or context.actor, station, request)


def _approve(parent, context, action, requester) -> Approval:
    return Approval(action, requester, SUPERVISOR, dt.datetime.now(dt.UTC))


def _visible_text(widget) -> str:
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def _idle(qtbot, runner) -> None:
    qtbot.waitUntil(lambda: runner.active_jobs() == 0, timeout=WAIT_MS)


def _sign(pad) -> None:
    pad.pad.begin_stroke(QPointF(10, 10))
    pad.pad.extend_stroke(QPointF(60, 40))
    pad.pad.extend_stroke(QPointF(120, 20))
    pad.pad.end_stroke()


@pytest.fixture
def open_day(books):
    """A01 on Nov 10: float 500.00, cash 1,000.00 and card 300.00 taken."""
    station = station_at(NOV_10, "A01", hour=17)
    open_shift(books.uow_factory(), books.actor, station, opening_float_fen=50000,
               client_uuid=new_uuid())
    _pay(books, station, "T-0001", TenderPart("cash", 100000))
    _pay(books, station, "T-0002", TenderPart("bank_card", 30000, "C9"))
    return station


def test_the_count_comes_first_then_the_comparison_then_the_z_report(qtbot, books, open_day):
    dialog = ShiftCloseDialog(books, open_day, ask=_approve)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "1,500.00" not in _visible_text(dialog) and "300.00" not in _visible_text(dialog)
    dialog.cash.set_pieces({10000: 14, 5000: 1})
    dialog.slips.amount.setText("300.00")
    dialog.slips.add_typed()
    dialog.compare()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == COMPARE, timeout=WAIT_MS)
    cells = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert cells == [["现金", "¥1,500.00", "¥1,450.00", "-¥50.00"],
                     ["银行卡", "¥300.00", "¥300.00", "¥0.00"]]
    assert dialog.reason.isVisibleTo(dialog)
    dialog.close_shift()
    assert "reason" in dialog.error.text()
    assert current_shift(books.uow_factory(), open_day) is not None
    dialog.reason.setText("找零差错")
    dialog.close_shift()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == DONE, timeout=WAIT_MS)
    assert current_shift(books.uow_factory(), open_day) is None
    text = dialog.z_view.text()
    assert "结班报表" in text and "找零差错" in text and "李四" in text
    assert dialog.result.report.comparison.difference_fen == -5000


def test_the_z_report_is_reprinted_marked_and_saved_as_pdf(qtbot, books, open_day, tmp_path):
    dialog = ShiftCloseDialog(books, open_day, ask=_approve)
    qtbot.addWidget(dialog)
    dialog.cash.set_pieces({10000: 15})
    dialog.slips.amount.setText("300")
    dialog.slips.add_typed()
    dialog.compare()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == COMPARE, timeout=WAIT_MS)
    assert not dialog.reason.isVisibleTo(dialog)
    dialog.close_shift()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == DONE, timeout=WAIT_MS)
    dialog.z_view.reprint()
    qtbot.waitUntil(lambda: dialog.z_view.reprints == 1, timeout=WAIT_MS)
    assert "补打（第1次）" in dialog.z_view.text()
    pdf = tmp_path / "z.pdf"
    dialog.z_view.save_pdf(pdf)
    _idle(qtbot, dialog.runner)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_hand_over_is_counted_signed_and_settles_the_collector(qtbot, books):
    laptop = station_at(NOV_10, "C01", hour=10)
    collector = signed_in(books, COLLECTOR_NO).actor
    open_shift(books.uow_factory(), collector, laptop, opening_float_fen=0, client_uuid=new_uuid())
    _pay(books, laptop, "T-0003", TenderPart("cash", 30000), actor=collector)
    dialog = HandoverDialog(books, station_at(NOV_10, "A01", hour=17), ask=_approve)
    qtbot.addWidget(dialog)
    _idle(qtbot, dialog.runner)
    assert dialog.collector.count() == 1 and dialog.staff_no() == COLLECTOR_NO
    dialog.cash.set_pieces({10000: 3})
    dialog.compare()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=WAIT_MS)
    assert "¥300.00" in dialog.summary.text()
    dialog.confirm()
    _idle(qtbot, dialog.runner)
    assert "签字" in dialog.error.text()
    _sign(dialog.collector_pad)
    _sign(dialog.receiver_pad)
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=WAIT_MS)
    assert collector_cash(books.uow_factory(), books.actor, COLLECTOR_NO).open_fen == 0
    assert dialog.record.receipt_no in dialog.done_text.text()


def test_the_page_lists_the_day_charts_thirty_days_and_closes_the_day(qtbot, books, tmp_path):
    month_of_takings(books, NOV_20)
    accountant = signed_in(books, ACCOUNTANT_NO)
    page = ReconciliationPage(accountant, station=station_at(NOV_20, "F01"),
                              confirm=lambda *_: True)
    qtbot.addWidget(page)
    page.date.setDate(page.date.date().addDays(-1))
    _idle(qtbot, page.runner)
    day = page.day()
    assert day == NOV_20 - dt.timedelta(days=1)
    rows = page.model.rows
    assert [(r.staff, r.status, r.difference_fen) for r in rows] == [("0007 王某", "已结班", 0)]
    assert len(page.chart.data.days) == 30
    booked = day_totals(books.uow_factory(), accountant.actor, day).net()
    assert page.chart.data.days[-1] == day
    assert {m: v[-1] for m, v in page.chart.data.by_method.items() if v[-1]} == booked
    assert len(booked) == 3
    key, out = tmp_path / "key.pem", tmp_path / "anchors.json"
    generate_key(key)
    page.close_day(day, key, out)
    _idle(qtbot, page.runner)
    signed = parse_signed_anchors(out.read_text(encoding="utf-8"))
    assert signed.through == day and parse_anchors(out.read_text(encoding="utf-8"))
    assert page.status.closed and page.status.closed_through == day


def test_the_settlement_tab_imports_matches_and_resolves(qtbot, qtmodeltester, books, tmp_path):
    station = station_at(NOV_10, "A01", hour=9)
    open_shift(books.uow_factory(), books.actor, station, opening_float_fen=0,
               client_uuid=new_uuid())
    _pay(books, station, "T-0001", TenderPart("wechat", 20000, "4200000001"))
    _pay(books, station, "T-0002", TenderPart("wechat", 5000, "4200000002"))
    accountant = signed_in(books, ACCOUNTANT_NO)
    page = ReconciliationPage(accountant, station=station_at(NOV_10, "F01", hour=18))
    qtbot.addWidget(page)
    page.settlements.ask = lambda *_: "已与微信核实"
    _idle(qtbot, page.runner)
    statement = tmp_path / "wechat.csv"
    statement.write_bytes(wechat_bill([
        ("2025-11-10 09:00:30", "4200000001", "A01-00000002", "SUCCESS", "200.00"),
        ("2025-11-10 13:00:00", "4200000009", "X", "SUCCESS", "66.00"),
    ]))
    page.settlements.import_file(statement)
    qtbot.waitUntil(lambda: page.settlements.match is not None
                    and bool(page.settlements.match.result.matched), timeout=WAIT_MS)
    _idle(qtbot, page.runner)
    kinds = [item.kind for item in page.settlements.model.items]
    assert kinds == ["line", "part", "match"]
    page.settlements.view.selectRow(0)
    page.settlements.resolve_selected()
    qtbot.waitUntil(lambda: bool(page.settlements.model.items)
                    and page.settlements.model.items[0].note.startswith("已与微信核实"),
                    timeout=WAIT_MS)
    assert len(page.settlements.match.unresolved) == 1
    qtmodeltester.check(page.settlements.model)


def test_the_day_model_passes_the_model_tester(qtmodeltester, books, tmp_path):
    month_of_takings(books, NOV_20, days=3)
    accountant = signed_in(books, ACCOUNTANT_NO)
    rows = ReconRowsModel()
    rows.set_rows(day_overview(books.uow_factory(), accountant.actor, NOV_20 - dt.timedelta(1)))
    assert rows.rowCount() == 1
    qtmodeltester.check(rows)


def test_the_counter_pages_close_button_opens_the_blind_count(qtbot, tmp_path):
    context = recon_context(tmp_path / "counter", printer=FlakyPrinter())
    page = make_page(qtbot, context, NOV_10)

    def count_and_close(dialog: ShiftCloseDialog) -> None:
        dialog.cash.set_pieces({10000: 5})
        dialog.compare()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == COMPARE, timeout=WAIT_MS)
        dialog.close_shift()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == DONE, timeout=WAIT_MS)
        dialog.accept()

    script = ModalScript((ShiftCloseDialog, count_and_close))
    script.start()
    page.shifts.close_shift()
    assert script.errors == [] and script.seen == ["ShiftCloseDialog"]
    idle(qtbot, page)
    assert current_shift(context.uow_factory(), page.station) is None
    printed = context.printer.printed_text()
    assert "结班报表" in printed and "100元×5" in printed
    assert "A01-00000002" in page.shifts.closed_note


def test_a_mapping_edited_in_the_dialog_is_saved_with_its_encoding(qtbot, books):
    accountant = signed_in(books, ACCOUNTANT_NO).actor
    dialog = PresetDialog(BANK_TEMPLATE)
    qtbot.addWidget(dialog)
    assert dialog.encoding.currentData() == BANK_TEMPLATE.encoding
    assert "auto" not in [dialog.encoding.itemText(i) for i in range(dialog.encoding.count())]
    dialog.name.setText("某银行流水")
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("gb18030"))
    dialog.lists["amount"].setText("贷方金额， 收入金额")
    dialog.submit()
    assert dialog.result() == PresetDialog.DialogCode.Accepted
    save_preset(books.uow_factory(), accountant, dialog.mapping)
    saved = {m.name: m for m in all_presets(books.uow_factory(), accountant)}["某银行流水"]
    assert saved.encoding == "gb18030" and saved.amount == ("贷方金额", "收入金额")
    assert PresetDialog(saved).encoding.currentData() == "gb18030"
