"""Save pictures of the Service page, a measurement being signed and an account's records.

Usage: python tests/ui/screenshot_service.py OUT_DIR
Writes service-todo.png, service-cases.png, service-measurements.png, service-outages.png,
service-case.png, service-new-case.png, service-outage.png, measurement-signing.png and
account-service-records.png (main window 1366x768, in Chinese).
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE), str(HERE.parent)]

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from screenshot_accounts import save, wait_for  # noqa: E402
from service_pages_data import build_service_database  # noqa: E402

from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402
from cashier.ui.pages.account_service_panel import AccountServicePanel  # noqa: E402
from cashier.ui.pages.service import install_service_page  # noqa: E402
from cashier.ui.pages.service_case_dialogs import CaseDialog, NewCaseDialog  # noqa: E402
from cashier.ui.pages.service_measurement_dialog import MeasurementDialog  # noqa: E402
from cashier.ui.pages.service_outage_dialog import OutageDialog  # noqa: E402
from cashier.ui.runner import Runner  # noqa: E402
from cashier.ui.widgets.signature_pad import SignaturePad  # noqa: E402

SCREEN_SIZE = (1366, 768)


def write_name(pad: SignaturePad, seed: float, letters: int) -> None:
    """Write a cursive-looking signature with varying pressure, as a pen would."""
    height, width = pad.height(), pad.width()
    step = (width - 80) / (letters * 40)
    for letter in range(letters):
        points = []
        for t in range(40):
            angle = t / 40 * 2 * math.pi * 1.5 + seed + letter
            x = 40 + (letter * 40 + t) * step + math.cos(angle) * height * 0.08
            y = height * (0.52 - 0.05 * letter) + math.sin(angle * 1.3) * height * 0.18
            points.append(QPointF(x, y))
        pad.begin_stroke(points[0], 250)
        for index, point in enumerate(points[1:], start=1):
            pad.extend_stroke(point, 250 + int(500 * abs(math.sin(index / 7 + seed))))
        pad.end_stroke()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app, "zh_CN")
    ensure_cjk_font(app)
    now = dt.datetime.now(dt.UTC)
    context = build_service_database(Path(tempfile.mkdtemp(prefix="shots-")), now)
    window = MainWindow(context)
    page = install_service_page(window)
    window.resize(*SCREEN_SIZE)
    window.show_page("service")
    window.show()
    models = (page.cases, page.measurements, page.outages)
    wait_for(app, lambda: page.overview is not None and all(m.rowCount() for m in models))
    save(window, args.out, "service-todo.png")
    for index, name in ((1, "service-cases.png"), (2, "service-measurements.png"),
                        (3, "service-outages.png")):  # fmt: skip
        page.tabs.setCurrentIndex(index)
        app.processEvents()
        save(window, args.out, name)
    case = CaseDialog(context, page.runner, page.overview.due_soon[0], window)
    case.resize(900, 560)
    case.show()
    app.processEvents()
    save(case, args.out, "service-case.png")
    case.close()
    receive = NewCaseDialog(context, page.runner, "complaint", window)
    receive.account.number.setText("100001")
    receive.account.look_up()
    receive.text.setPlainText("客厅温度只有15度，要求上门测温")
    receive.show()
    wait_for(app, lambda: receive.account.account is not None)
    save(receive, args.out, "service-new-case.png")
    receive.close()
    outage = OutageDialog(context, page.runner, window)
    outage.show()
    wait_for(app, lambda: outage.buildings.count() > 0)
    outage.buildings.item(0).setCheckState(Qt.CheckState.Checked)
    outage.cause.setText("一次网阀门更换")
    app.processEvents()
    save(outage, args.out, "service-outage.png")
    outage.close()
    dialog = MeasurementDialog(context, page.runner, window)
    dialog.resize(1000, 720)
    dialog.show()
    dialog.account.number.setText("100002")
    dialog.account.look_up()
    wait_for(app, lambda: dialog.account.account is not None)
    for row, (area, reading) in enumerate((("15.00", "16.2"), ("38.50", "17.1"))):
        dialog.rooms.item(row, 1).setText(area)
        dialog.rooms.item(row, 2).setText(reading)
    app.processEvents()
    write_name(dialog.measurer_sign.pad, 0.0, 3)
    write_name(dialog.household_sign.pad, 1.3, 2)
    app.processEvents()
    save(dialog, args.out, "measurement-signing.png")
    dialog.close()
    panel = AccountServicePanel(context, Runner(context.uow_factory))
    panel.resize(1100, 520)
    with context.uow_factory() as uow:
        account_id = uow.service_credits.account_by_number("100001").id
    panel.load(account_id)
    panel.show()
    wait_for(app, lambda: panel.view is not None)
    save(panel, args.out, "account-service-records.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
