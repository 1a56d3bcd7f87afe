"""Save pictures of the Accounts area in Chinese at 1366x768, on a real demo-like database.

Usage: python tests/ui/screenshot_accounts.py OUT_DIR [--search TEXT]
Writes accounts-search.png (results and an account's facts), accounts-bills.png,
accounts-open-items.png, accounts-statement.png, accounts-service-records.png and seasons.png.
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from account_pages_data import TODAY, ZHANG, build_database  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402
from cashier.ui.pages.accounts_area import AccountsArea  # noqa: E402

SCREEN_SIZE = (1366, 768)


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float = 20) -> None:
    """Process events until `done()` (results come back from the background runner)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def save(window: MainWindow, out: Path, name: str) -> None:
    path = out / name
    if not window.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--search", default="幸福小区3号楼2单元", help="text typed in the search")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app, "zh_CN")
    ensure_cjk_font(app)
    context = build_database(Path(tempfile.mkdtemp(prefix="shots-")), accounts=2000)
    window = MainWindow(context)
    area = AccountsArea(context, window, today=lambda: TODAY)
    window.add_page("accounts", area)
    window.resize(*SCREEN_SIZE)
    window.show_page("accounts")
    window.show()
    page = area.accounts
    page.search(args.search)
    wait_for(app, lambda: page.model.rowCount() > 0 and not page.model.is_loading())
    numbers = [page.model.hit(r).account_no for r in range(page.model.rowCount())]
    page.results.selectRow(numbers.index(ZHANG.account_no) if ZHANG.account_no in numbers else 0)
    wait_for(app, lambda: page.panel.view is not None)
    save(window, args.out, "accounts-search.png")
    wait_for(app, lambda: page.service.view is not None)
    tabs = page.panel.tabs
    for index, name in ((1, "accounts-bills.png"), (2, "accounts-open-items.png"),
                        (tabs.count() - 2, "accounts-statement.png"),
                        (tabs.indexOf(page.service), "accounts-service-records.png")):
        tabs.setCurrentIndex(index)
        app.processEvents()
        save(window, args.out, name)
    area.setCurrentWidget(area.seasons)
    wait_for(app, lambda: bool(area.seasons.rows))
    save(window, args.out, "seasons.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
