"""Save pictures of the repair screens and the first page of the bill PDF, on fictional data.

Usage: python tests/ui/repair_screenshots.py OUT_DIR
Writes repairs_page.png, repair_bill_editor.png, repair_sign_dialog.png, repair_bill_pdf.png
(the last with poppler's pdftoppm). Not collected by pytest.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent), str(HERE)]

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from support.repair_world import (  # noqa: E402
    add_accounts,
    load_example_prices,
    pay_in_cash,
    valve_lines,
)
from test_repair_signing import draw  # noqa: E402

from cashier.domain.actor import Actor  # noqa: E402
from cashier.domain.repair_orders import FollowUp, NewOrder, OrderEvent  # noqa: E402
from cashier.printing.repair_pdf import RepairPdf  # noqa: E402
from cashier.services.context import AppContext  # noqa: E402
from cashier.services.repair_bills import repair_view, save_bill  # noqa: E402
from cashier.services.repair_documents import save_pdf  # noqa: E402
from cashier.services.repair_orders import record_event, record_followup, take_order  # noqa: E402
from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402
from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402
from cashier.ui.pages.repair_bill_editor import BillEditor  # noqa: E402
from cashier.ui.pages.repair_signing import SignBillDialog  # noqa: E402
from cashier.ui.pages.repairs import install_repair_page  # noqa: E402
from cashier.ui.runner import Runner  # noqa: E402

SCREEN = (1366, 768)
NOW = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
LEAD = Actor(
    id=5, staff_no="3001", name="李四", roles=frozenset({"repair", "supervisor", "cashier"})
)


def _ago(minutes: int) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def _order(make_uow, account: str, minutes: int, fault: str, owner: str = "household", **kw):
    order = NewOrder(_ago(minutes), kw.pop("channel", "phone"), fault, owner, True, account, **kw)
    return take_order(make_uow(), LEAD, order, now=_ago(minutes - 1)).number


def _step(make_uow, number: str, kind: str, minutes: int, **kw) -> None:
    record_event(make_uow(), LEAD, number, OrderEvent(kind, _ago(minutes), **kw), now=NOW)


def populate(make_uow) -> str:
    """Orders in every state; returns the number of the billed, unsigned one."""
    add_accounts(make_uow, *(f"HP-{i:04d}" for i in range(1, 9)))
    load_example_prices(make_uow)
    with make_uow() as uow:
        uow.settings.put("company_name", "幸福热力有限公司")
        uow.settings.put("service_phone", "0000-1234567")
        uow.commit()
    _order(make_uow, "HP-0001", 50, "客厅暖气不热，阀门拧不动")
    waiting = _order(make_uow, "HP-0002", 12, "厨房暖气片接口滴水")
    _step(make_uow, waiting, "dispatched", 8, technicians=("3002 王五",))
    billed = _order(make_uow, "HP-0003", 70, "卧室暖气片阀门漏水")
    _step(make_uow, billed, "dispatched", 64, technicians=("3001 李四", "3003 赵六"))
    _step(make_uow, billed, "arrived", 46)
    save_bill(make_uow(), LEAD, billed, valve_lines(), now=_ago(20))
    done = _order(make_uow, "HP-0004", 300, "户内管道接头渗水")
    _step(make_uow, done, "dispatched", 295, technicians=("3002 王五",))
    _step(make_uow, done, "arrived", 280)
    _step(make_uow, done, "finished", 240, note="更换接头")
    _order(make_uow, "HP-0005", 30, "楼道公共管道阀门漏水", owner="company", channel="counter")
    followed = _order(make_uow, "HP-0006", 900, "暖气片放气")
    _step(make_uow, followed, "dispatched", 895, technicians=("3001 李四",))
    _step(make_uow, followed, "arrived", 880)
    _step(make_uow, followed, "finished", 860)
    record_followup(
        make_uow(), LEAD, followed, FollowUp(0, _ago(60), "satisfied", "已正常"), now=NOW
    )
    return billed


def grab(widget: QWidget, path: Path) -> None:
    """Render ``widget`` offscreen into ``path``."""
    widget.show()
    for _ in range(20):
        QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def wait_for(runner: Runner) -> None:
    """Let background jobs finish and their callbacks run."""
    runner.wait_for_done(5000)
    for _ in range(30):
        QApplication.processEvents()


def main(out: Path) -> int:
    app = create_application([sys.argv[0]])
    translators = install_translators(app)  # noqa: F841 (kept alive while in use)
    ensure_cjk_font(app)
    folder = Path(tempfile.mkdtemp(prefix="repair-shots-"))
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    create_schema(engine)
    make_uow = uow_factory(engine)
    billed = populate(make_uow)
    context = AppContext(
        make_uow,
        LEAD,
        f"SQLite: {folder / 'demo.db'}",
        "A01",
        "幸福热力有限公司",
        "0000-1234567",
        demo=True,
    )
    window = MainWindow(context)
    window.resize(*SCREEN)
    page = install_repair_page(window)
    window.show_page("repairs")
    page.show_list("all")
    wait_for(page.runner)
    row = next(i for i in range(page.orders.rowCount()) if page.orders.record(i).number == billed)
    page.table.selectRow(row)
    wait_for(page.runner)
    grab(window, out / "repairs_page.png")
    view = repair_view(make_uow(), LEAD, billed)
    editor = BillEditor(context, page.runner, view, window)
    wait_for(page.runner)
    editor.add_code("material", "CL03", "1.5")
    grab(editor, out / "repair_bill_editor.png")
    editor.close()
    signing = SignBillDialog(context, page.runner, view, window)
    signing.show()
    QApplication.processEvents()
    wave = [(60 + 4 * i, 140 + int(50 * math.sin(i / 5))) for i in range(90)]
    draw(signing.pad, wave)
    draw(signing.pad, [(140, 70), (160, 200), (190, 80), (225, 210)])
    grab(signing, out / "repair_sign_dialog.png")
    signing.confirm()
    wait_for(page.runner)
    pay_in_cash(make_uow, billed, view.latest.content.total_fen, moment=NOW)
    pdf = save_pdf(make_uow(), LEAD, billed, RepairPdf(), out / "repair_bill.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(out / "repair_bill_pdf"),
        ],
        check=True,
    )
    print(out / "repair_bill_pdf.png")
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    target.mkdir(parents=True, exist_ok=True)
    raise SystemExit(main(target))
