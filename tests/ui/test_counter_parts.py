"""Parts of the Counter area: its table models (qtmodeltester), the client UUIDs, the receipt
preview's grid, the printer wiring and test print, and the page in the main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from itertools import count

import pytest
from counter_data import DEC_15, counter_context
from counter_support import idle, make_page, open_account, press
from PySide6.QtCore import Qt

from cashier.commands.gui import receipt_printing
from cashier.config import Settings
from cashier.domain.receipt import ChargeItem, MethodPart, ReceiptData
from cashier.domain.statement import SeasonDue, Statement
from cashier.printing.receipt_printer import make_receipt_printer
from cashier.services.receipt_records import PaymentRow
from cashier.ui.app import make_main_window
from cashier.ui.counter import CounterPage
from cashier.ui.counter.attempts import ClientUuids
from cashier.ui.counter.models import PAGE_SIZE, PaymentRowsModel, StatementModel
from cashier.ui.counter.printer_panel import PrinterPanel
from cashier.ui.counter.receipt_preview import ReceiptPreview


def _row(n: int) -> PaymentRow:
    return PaymentRow(
        receipt_no=f"A01-{n:08d}",
        kind="payment",
        kind_label="收费",
        taken_at=dt.datetime(2025, 11, 20, 9, n % 60),
        business_date=dt.date(2025, 11, 20),
        amount_fen=1000 * n,
        methods=f"现金 {10 * n}.00",
        staff="0007 王某",
        reversed_by="A01-00009999" if n == 3 else None,
        reverses=None,
        invoice_no=None,
        reprints=n % 2,
    )


def test_statement_model_passes_qtmodeltester(qtmodeltester):
    model = StatementModel()
    statement = Statement(
        dt.date(2025, 12, 15), "cash",
        (SeasonDue("opening", 30000, 0, 0, 30000), SeasonDue("2025-2026", 95000, 5700, 0, 100700)),
        0, 130700,
    )
    model.show_statement(statement)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert [model.index(1, c).data() for c in range(5)] == [
        "2025-2026", "¥950.00", "¥57.00", "¥0.00", "¥1,007.00"
    ]
    assert model.index(0, 0).data() == "Opening arrears"


def test_payment_rows_model_fetches_pages_and_passes_qtmodeltester(qtmodeltester):
    rows = [_row(n) for n in range(1, PAGE_SIZE + 8)]
    asked: list[tuple[str, int, int]] = []

    def fetch(account_no, offset, limit, on_rows, _on_error) -> None:
        asked.append((account_no, offset, limit))
        on_rows(rows[offset:offset + limit])

    model = PaymentRowsModel(fetch)
    model.show_account("T-0001")
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == len(rows) and not model.canFetchMore()
    assert asked == [("T-0001", 0, PAGE_SIZE), ("T-0001", PAGE_SIZE, PAGE_SIZE)]
    qtmodeltester.check(model)
    assert model.index(2, 6).data() == "reversed by A01-00009999; reprinted 1×"
    assert model.index(2, 3).data() == "¥30.00"


def test_payment_rows_model_drops_a_page_of_a_previous_account():
    pending = []
    model = PaymentRowsModel(lambda *args: pending.append(args))
    model.show_account("T-0001")
    model.show_account("T-0002")
    pending[0][3]([_row(1)])
    assert model.rowCount() == 0
    pending[1][3]([_row(2)])
    assert model.row(0).receipt_no == "A01-00000002"


def test_client_uuids_repeat_for_the_same_action_only():
    made = count(1)
    uuids = ClientUuids(lambda: f"uuid-{next(made)}")
    first = uuids.for_action(("T-0001", 100))
    assert uuids.for_action(("T-0001", 100)) == first == uuids.pending()
    changed = uuids.for_action(("T-0001", 200))
    assert changed != first
    uuids.settled()
    assert uuids.pending() is None
    assert uuids.for_action(("T-0001", 200)) not in (first, changed)


def _receipt(name: str) -> ReceiptData:
    return ReceiptData(
        company="幸福热力有限公司", receipt_no="A01-00000123",
        taken_at=dt.datetime(2025, 11, 20, 9, 41), counter_code="A01", staff_no="0007",
        staff_name="王某", account_no="HP-010203", account_name=name,
        address="幸福小区3号楼2单元502室（东户）", category="居民", heated_area=Decimal("89.56"),
        season="2025-2026", charges=(ChargeItem("采暖费", 197032, "89.56㎡×22.00"),),
        total_due_fen=197032, paid_fen=197032,
        methods=(MethodPart("现金", 197032, is_cash=True),),
        cash_tendered_fen=200000, change_fen=2968,
        qr_payload="HR1|A01-00000123|197032|20251120|0123456789abcdef",
    )


@pytest.mark.parametrize("columns", [32, 48])
def test_the_preview_draws_each_line_on_the_printer_grid(qtbot, columns):
    preview = ReceiptPreview(columns)
    qtbot.addWidget(preview)
    preview.show_receipt(_receipt("欧阳张三"))
    lines = preview.lines()
    assert all(line.columns <= columns for line in lines)
    assert preview.text().splitlines()[1].strip() == "热费收据"
    assert "壹仟玖佰柒拾元零叁角贰分" in preview.text()
    image = preview.grab().toImage()
    assert image.width() == preview.sizeHint().width()
    wide = ReceiptPreview(columns + 16)
    qtbot.addWidget(wide)
    wide.show_receipt(_receipt("欧阳张三"))
    assert wide.sizeHint().width() > preview.sizeHint().width()


def test_printer_settings_give_the_printer_and_its_columns(tmp_path):
    uri = f"file:{tmp_path / 'out.bin'}"
    printer, columns, problem = receipt_printing(
        Settings(printer_uri=uri, printer_profile="80,nocut")
    )
    assert (printer.width_cols, columns, problem) == (48, 48, "")
    assert receipt_printing(Settings(printer_uri="", printer_profile="58")) == (None, 32, "")
    none, columns, problem = receipt_printing(Settings(printer_uri=uri, printer_profile="57"))
    assert none is None and columns == 32 and "58 或 80" in problem
    none, columns, problem = receipt_printing(Settings(printer_uri="lpt1", printer_profile="80"))
    assert none is None and columns == 48 and problem


def test_test_print_button_sends_a_sample_receipt(qtbot, tmp_path):
    out = tmp_path / "printer.bin"
    context = replace(
        counter_context(tmp_path / "db"), printer=make_receipt_printer(f"file:{out}", "58")
    )
    panel = PrinterPanel(context)
    qtbot.addWidget(panel)
    assert panel.test_button.isEnabled()
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.test_button.isEnabled(), timeout=10_000)
    assert panel.message.text() == "The test receipt was sent to the printer."
    data = out.read_bytes()
    assert data.startswith(b"\x1b@") and "热费收据".encode("gb18030") in data
    assert b"\x1bp" in data  # the drawer kick


def test_without_a_printer_the_test_button_is_off_and_the_problem_shown(qtbot, tmp_path):
    context = replace(counter_context(tmp_path), printer_problem="打印机纸宽应为 58 或 80")
    panel = PrinterPanel(context)
    qtbot.addWidget(panel)
    assert not panel.test_button.isEnabled()
    assert panel.printer_label.text() == "打印机纸宽应为 58 或 80"


def test_the_main_window_has_the_counter_page_and_its_keys(qtbot, tmp_path):
    context = counter_context(tmp_path)
    window = make_main_window(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.page("counter")
    assert isinstance(page, CounterPage)
    assert window.current_page_key() == "counter"
    qtbot.waitUntil(lambda: page.runner.active_jobs() == 0, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "accounts"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "counter"
    assert page.finder.search_field.hasFocus()
    qtbot.keyClicks(page.finder.search_field, "T-0004")
    qtbot.keyClick(page.finder.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.account.panel is not None, timeout=10_000)
    qtbot.keyClick(page.tender.amount, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.finder.search_field.hasFocus()
    qtbot.waitUntil(lambda: page.runner.active_jobs() == 0, timeout=10_000)


def test_an_operator_who_may_not_take_money_sees_the_tender_switched_off(qtbot, tmp_path):
    context = counter_context(tmp_path)
    accountant = replace(context.actor, roles=frozenset({"accountant"}))
    page = make_page(qtbot, replace(context, actor=accountant), DEC_15, shift=False)
    open_account(qtbot, page, "T-0001")
    assert not page.tender.isEnabled()
    press(qtbot, page, Qt.Key.Key_F1)
    assert page.tender.methods() == ()
    assert "not take money" in page.idle.text()
    idle(qtbot, page)
