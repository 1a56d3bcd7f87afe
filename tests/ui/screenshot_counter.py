"""Save pictures of the Counter page in Chinese at 1366x768, on a real database.

Usage: python tests/ui/screenshot_counter.py OUT_DIR
Writes counter-before.png (an account open, split tender typed, change shown),
counter-after.png (the payment posted, the receipt preview), counter-receipt-58.png and
counter-receipt-80.png (the preview alone), counter-void-approval.png (the void dialog with
the supervisor's approval on top), counter-receipt-check.png, counter-open-shift.png,
counter-refund.png, counter-invoice.png, counter-payout.png, counter-agent-files.png and
settings-printer.png.
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from counter_data import DEC_15, SUPERVISOR_NO, counter_context, station_on  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cashier.printing.receipt_printer import make_receipt_printer  # noqa: E402
from cashier.services.shifts import open_shift  # noqa: E402
from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.approval import ApprovalDialog  # noqa: E402
from cashier.ui.counter.agent_dialog import AgentCollectionDialog  # noqa: E402
from cashier.ui.counter.attempts import new_uuid  # noqa: E402
from cashier.ui.counter.dialogs import (  # noqa: E402
    CreditRefundDialog,
    InvoiceDialog,
    ReceiptCheckDialog,
    ReversalDialog,
)
from cashier.ui.counter.page import CounterPage  # noqa: E402
from cashier.ui.counter.printer_panel import PrinterPanel  # noqa: E402
from cashier.ui.counter.receipt_preview import ReceiptPreview  # noqa: E402
from cashier.ui.counter.shift import OpenShiftDialog  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402

SCREEN_SIZE = (1366, 768)
WECHAT_NO = "4200001234567890123456789012"


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float = 20) -> None:
    """Process events until `done()` (results come back from the background runner)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def save(widget: QWidget | QPixmap, out: Path, name: str) -> None:
    path = out / name
    picture = widget if isinstance(widget, QPixmap) else widget.grab()
    if not picture.save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)


def on_top(background: QPixmap, *dialogs: tuple[QWidget, QPoint]) -> QPixmap:
    """The window picture with dialogs drawn over it where they would stand, dimmed below."""
    canvas = QPixmap(background)
    painter = QPainter(canvas)
    painter.fillRect(canvas.rect(), QColor(0, 0, 0, 60))
    for dialog, where in dialogs:
        shot = dialog.grab()
        painter.fillRect(shot.rect().translated(where + QPoint(6, 6)), QColor(0, 0, 0, 90))
        painter.drawPixmap(where, shot)
        painter.setPen(QColor("#606060"))
        painter.drawRect(shot.rect().translated(where).adjusted(0, 0, -1, -1))
    painter.end()
    return canvas


def take_payment(app: QApplication, page: CounterPage, out: Path) -> None:
    page.finder.search("T-0001")
    wait_for(app, lambda: page.account.panel is not None and page.runner.active_jobs() == 0)
    page.add_method("cash")
    page.tender._rows[0].amount.setText("1000.00")
    page.add_method("wechat")
    page.tender._rows[1].reference.setText(WECHAT_NO)
    page.tender.tendered.setText("1100")
    wait_for(app, lambda: page.runner.active_jobs() == 0)
    page.tender.tendered.setFocus()
    save(page.window(), out, "counter-before.png")
    page.confirm_payment()
    wait_for(app, lambda: not page.posting and page.runner.active_jobs() == 0)
    wait_for(app, lambda: page.account.payments_model.rowCount() == 1)
    save(page.window(), out, "counter-after.png")


def receipts(app: QApplication, page: CounterPage, out: Path) -> None:
    receipt = page.result.receipt
    for columns, name in ((32, "counter-receipt-58.png"), (48, "counter-receipt-80.png")):
        preview = ReceiptPreview(columns)
        preview.show_receipt(receipt)
        preview.resize(preview.sizeHint())
        save(preview, out, name)
    page.finder.search(receipt.qr_payload)
    wait_for(app, lambda: isinstance(page.receipts.dialog, ReceiptCheckDialog))
    check = page.receipts.dialog
    check.resize(check.width(), 760)
    wait_for(app, lambda: check.isVisible())
    save(check, out, "counter-receipt-check.png")
    check.reject()


def void_with_approval(app: QApplication, page: CounterPage, out: Path) -> None:
    page.account.payments.selectRow(0)
    row = page.account.selected_payment()
    void = ReversalDialog(page.context, row, "void", page)
    void.reason.setText("收错户号，用户当场发现")
    void.show()
    approval = ApprovalDialog(page.context, "void", page.context.actor, void)
    approval.staff_no.setText(SUPERVISOR_NO)
    approval.password.setText("幸福小区2025")
    approval.show()
    app.processEvents()
    window = page.window()
    left = window.width() // 2 - void.width() + 60
    top = (window.height() - void.height()) // 2 - 60
    picture = on_top(
        window.grab(),
        (void, QPoint(left, top)),
        (approval, QPoint(left + void.width() - 60, top + 90)),
    )
    save(picture, out, "counter-void-approval.png")
    approval.reject()
    void.reject()


def other_dialogs(app: QApplication, page: CounterPage, out: Path, folder: Path) -> None:
    row = page.account.selected_payment()
    refund = ReversalDialog(page.context, row, "refund", page)
    refund.reason.setText("用户搬家，退回本季热费")
    invoice = InvoiceDialog(row, DEC_15, page)
    invoice.number.setText("04400012345678")
    payout = CreditRefundDialog(page.context, "T-0001", 8600, page)
    for dialog, name in (
        (refund, "counter-refund.png"), (invoice, "counter-invoice.png"),
        (payout, "counter-payout.png"),
    ):
        dialog.show()
        app.processEvents()
        save(dialog, out, name)
        dialog.reject()
    accountant = replace(page.context.actor, roles=frozenset({"accountant"}))
    agent = AgentCollectionDialog(replace(page.context, actor=accountant), page.runner,
                                  station_on(dt.date(2026, 1, 5)), page)
    sample = folder / "bank.csv"
    sample.write_text(
        "户号,金额,渠道,流水号,日期\nT-0002,1701.64,代收,S-0001,2025-11-10\n"
        "X-404,100.00,银行转账,S-0002,2025-11-12\n", encoding="utf-8-sig",
    )
    agent.show()
    agent.check_file(sample)
    wait_for(app, lambda: page.runner.active_jobs() == 0 and agent.import_button.isEnabled())
    agent.import_file()
    wait_for(app, lambda: agent.suspense.rowCount() == 1 and page.runner.active_jobs() == 0)
    agent.suspense.selectRow(0)
    agent.account.setText("T-0003")
    save(agent, out, "counter-agent-files.png")
    agent.reject()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    translators = install_translators(app, "zh")
    ensure_cjk_font(app)
    folder = Path(tempfile.mkdtemp(prefix="counter-shots-"))
    context = counter_context(folder)
    station = station_on(DEC_15, hour=10)
    opening = OpenShiftDialog(context.actor, "A01")
    opening.float_field.setText("500.00")
    save(opening, args.out, "counter-open-shift.png")
    open_shift(
        context.uow_factory(), context.actor, station,
        opening_float_fen=50_000, client_uuid=new_uuid(),
    )
    window = MainWindow(context)
    page = CounterPage(context, window, station=station)
    window.add_page("counter", page)
    window.resize(*SCREEN_SIZE)
    window.show()
    wait_for(app, lambda: page.runner.active_jobs() == 0)
    take_payment(app, page, args.out)
    void_with_approval(app, page, args.out)
    receipts(app, page, args.out)
    other_dialogs(app, page, args.out, folder)
    printer = make_receipt_printer(f"file:{folder / 'printer.bin'}", "58")
    panel = PrinterPanel(replace(context, printer=printer, receipt_columns=32))
    panel.resize(700, 260)
    panel.show()
    panel.test_button.click()
    wait_for(app, panel.test_button.isEnabled)
    save(panel, args.out, "settings-printer.png")
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
