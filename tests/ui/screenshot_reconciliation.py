"""Save pictures of the shift-close dialog (blind count, comparison, Z report), the hand-over
dialog, the Reconciliation page with its chart, the settlement tab and the Z report PDF.

Usage: python tests/ui/screenshot_reconciliation.py OUT_DIR
Writes shift_close_count.png, shift_close_compare.png, shift_close_z.png, handover_sign.png,
reconciliation_page.png, reconciliation_settlements.png and z_report_pdf.png (pdftoppm), on
fictional data. Not collected by pytest.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent), str(HERE)]

from PySide6.QtCore import QDate, QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from reconciliation_data import (  # noqa: E402
    ACCOUNTANT_NO,
    COLLECTOR_NO,
    NOV_20,
    month_of_takings,
    recon_context,
    signed_in,
)

from cashier.domain.roles import Approval  # noqa: E402
from cashier.domain.tender import TenderPart  # noqa: E402
from cashier.printing.z_report_pdf import write_z_report_pdf  # noqa: E402
from cashier.services.payments import PaymentRequest, post_payment  # noqa: E402
from cashier.services.shifts import open_shift  # noqa: E402
from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.reconciliation.handover_dialog import HandoverDialog  # noqa: E402
from cashier.ui.reconciliation.page import ReconciliationPage  # noqa: E402
from cashier.ui.reconciliation.shift_close_dialog import ShiftCloseDialog  # noqa: E402
from tests.support.payment_books import SUPERVISOR, new_uuid, station_at  # noqa: E402
from tests.support.settlement_samples import wechat_bill  # noqa: E402


def _settle(app: QApplication, runner, condition=lambda: True) -> None:
    for _ in range(500):
        app.processEvents()
        if runner.active_jobs() == 0 and condition():
            break
        runner.wait_for_done(20)
    app.processEvents()


def _save(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    app.processEvents()
    widget.grab().save(str(path))
    print(path)


def _pay(context, actor, station, account, *parts) -> None:
    request = PaymentRequest(new_uuid(), account, parts, allow_credit=True)
    post_payment(context.uow_factory(), actor, station, request)


def _the_day(context) -> None:
    """Nov 20: A01 takes cash, card and WeChat; the collector takes cash at the door."""
    counter = station_at(NOV_20, "A01", hour=9)
    open_shift(context.uow_factory(), context.actor, counter, opening_float_fen=50000,
               client_uuid=new_uuid())
    _pay(context, context.actor, counter, "T-0001", TenderPart("cash", 190000))
    _pay(context, context.actor, counter, "T-0002", TenderPart("bank_card", 170164, "889901"))
    _pay(context, context.actor, counter, "T-0003", TenderPart("wechat", 95000, "4200000001"),
         TenderPart("cash", 30000))
    _pay(context, context.actor, counter, "T-0004", TenderPart("wechat", 10000, "4200000005"))
    _pay(context, context.actor, counter, "T-0001", TenderPart("wechat", 20000, "4200000003"))
    collector = signed_in(context, COLLECTOR_NO).actor
    laptop = station_at(NOV_20, "C01", hour=10)
    open_shift(context.uow_factory(), collector, laptop, opening_float_fen=0,
               client_uuid=new_uuid())
    _pay(context, collector, laptop, "T-0004", TenderPart("cash", 180000))


def _approve(parent, context, action, requester) -> Approval:
    return Approval(action, requester, SUPERVISOR, dt.datetime.now(dt.UTC))


def shift_close_shots(app, context, out: Path):
    dialog = ShiftCloseDialog(context, station_at(NOV_20, "A01", hour=18), ask=_approve)
    dialog.resize(780, 660)
    dialog.cash.set_pieces({10000: 25, 5000: 2, 2000: 2, 1000: 1})
    dialog.slips.amount.setText("1701.64")
    dialog.slips.reference.setText("889901")
    dialog.slips.add_typed()
    _save(app, dialog, out / "shift_close_count.png")
    dialog.compare()
    _settle(app, dialog.runner, lambda: dialog.stack.currentIndex() == 1)
    dialog.reason.setText("找零时多找 50 元")
    _save(app, dialog, out / "shift_close_compare.png")
    dialog.close_shift()
    _settle(app, dialog.runner, lambda: dialog.stack.currentIndex() == 2)
    _save(app, dialog, out / "shift_close_z.png")
    return dialog.result.report


def handover_shot(app, context, out: Path) -> None:
    dialog = HandoverDialog(context, station_at(NOV_20, "A01", hour=18), ask=_approve)
    dialog.resize(860, 700)
    _settle(app, dialog.runner)
    dialog.cash.set_pieces({10000: 18})
    dialog.compare()
    _settle(app, dialog.runner, lambda: dialog.stack.currentIndex() == 1)
    for pad, seed in ((dialog.collector_pad, 0), (dialog.receiver_pad, 40)):
        pad.pad.begin_stroke(QPointF(30, 60 + seed / 4))
        for step in range(1, 24):
            pad.pad.extend_stroke(QPointF(30 + step * 12, 60 + ((step * 37 + seed) % 50)))
        pad.pad.end_stroke()
    _save(app, dialog, out / "handover_sign.png")
    dialog.confirm()
    _settle(app, dialog.runner, lambda: dialog.record is not None)


def page_shots(app, context, out: Path, statement: Path) -> None:
    accountant = signed_in(context, ACCOUNTANT_NO)
    page = ReconciliationPage(accountant, station=station_at(NOV_20, "F01", hour=19))
    page.resize(1280, 720)
    page.date.setDate(QDate(NOV_20.year, NOV_20.month, NOV_20.day))
    _settle(app, page.runner)
    _save(app, page, out / "reconciliation_page.png")
    page.tabs.setCurrentIndex(1)
    page.settlements.import_file(statement)
    _settle(app, page.runner, lambda: page.settlements.match is not None
            and bool(page.settlements.match.result.matched))
    page.settlements.ask = lambda *_: "已电话联系微信支付客服核实"
    page.settlements.view.selectRow(0)
    page.settlements.resolve_selected()
    _settle(app, page.runner)
    _save(app, page, out / "reconciliation_settlements.png")


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app)
    ensure_cjk_font(app)
    with tempfile.TemporaryDirectory() as folder:
        context = recon_context(Path(folder) / "db")
        month_of_takings(context, NOV_20)
        _the_day(context)
        report = shift_close_shots(app, context, out)
        handover_shot(app, context, out)
        statement = Path(folder) / "wechat.csv"
        statement.write_bytes(wechat_bill([
            ("2025-11-20 09:00:40", "4200000001", "A01-00000090", "SUCCESS", "950.00"),
            ("2025-11-20 09:01:10", "4200000005", "A01-00000092", "SUCCESS", "120.00"),
            ("2025-11-20 14:12:00", "4200000077", "A01-00000091", "SUCCESS", "88.00"),
        ]))
        page_shots(app, context, out, statement)
        pdf = Path(folder) / "z.pdf"
        write_z_report_pdf(pdf, report, context.company_name, context.service_phone)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                        str(out / "z_report_pdf")], check=True)
        print(out / "z_report_pdf.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
