"""Save pictures of the Reports page in the main window (1366x768, offscreen, in Chinese):
the daily ledger's form, and the arrears list after it was written.

Usage: python tests/ui/screenshot_reports.py OUT_DIR
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from PySide6.QtCore import QDate  # noqa: E402
from ui_fakes import make_context  # noqa: E402

from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import uow_factory  # noqa: E402
from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402
from cashier.ui.pages.reports import install_reports_page  # noqa: E402
from tests.integration.report_books import two_days  # noqa: E402
from tests.support.payment_books import ADMIN  # noqa: E402


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app)
    ensure_cjk_font(app)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'books.db'}")
        create_schema(engine)
        two_days(uow_factory(engine))
        context = replace(make_context(), uow_factory=uow_factory(engine), actor=ADMIN)
        window = MainWindow(context)
        page = install_reports_page(window)
        page._folder = Path(folder)
        window.resize(1366, 768)
        window.show_page("reports")
        window.show()
        page.date_edit.setDate(QDate(2025, 10, 20))
        page.path_edit.setText(str(Path(folder) / "日记账_2025-10-20.pdf"))
        app.processEvents()
        window.grab().save(str(out / "reports_daily.png"))
        page.select_kind("arrears")
        page.format_box.setCurrentIndex(1)
        page.date_edit.setDate(QDate(2025, 12, 20))
        page.estate_edit.setText("幸福小区")
        page.run()
        while page.run_button.isEnabled() is False:
            app.processEvents()
        app.processEvents()
        window.grab().save(str(out / "reports_arrears.png"))
        print(f"{out}/reports_daily.png, reports_arrears.png; written: {page.last_path}")
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
