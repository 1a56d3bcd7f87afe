"""Save pictures of the Accounts page's approved actions in Chinese: the page with its action
buttons, the forms filled in (facts, status, arrears, waiver, holder, closing), and the
supervisor approval dialog.

Usage: python tests/ui/screenshot_account_actions.py OUT_DIR
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from account_pages_data import TODAY, ZHANG, build_database  # noqa: E402
from screenshot_accounts import save, wait_for  # noqa: E402

from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.approval import ApprovalDialog  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402
from cashier.ui.pages.accounts_area import AccountsArea  # noqa: E402

SCREEN_SIZE = (1366, 768)


def _shoot(app, widget, out: Path, name: str) -> None:
    widget.adjustSize()
    app.processEvents()
    path = out / name
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)


def _form(app, page, open_it, fill, out: Path, name: str):
    open_it()
    wait_for(app, lambda: page.actions.dialog is not None)
    dialog = page.actions.dialog
    fill(dialog)
    _shoot(app, dialog, out, name)
    return dialog


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app, "zh_CN")
    ensure_cjk_font(app)
    context = build_database(Path(tempfile.mkdtemp(prefix="shots-")), accounts=50)
    window = MainWindow(context)
    area = AccountsArea(context, window, today=lambda: TODAY)
    window.add_page("accounts", area)
    window.resize(*SCREEN_SIZE)
    window.show_page("accounts")
    window.show()
    page = area.accounts
    page.open_account(ZHANG.account_no)
    wait_for(app, lambda: page.actions.view is not None)
    save(window, args.out, "account-actions-page.png")
    actions = page.actions

    def facts(d):
        d.area.setText("92.30")
        d.reason.setText("重新测量面积")

    dialog = _form(app, page, actions.change_facts, facts, args.out, "account-actions-facts.png")
    approval = ApprovalDialog(context, "change_area", context.actor, dialog)
    approval.show()
    _shoot(app, approval, args.out, "account-actions-approval.png")
    approval.close()
    dialog.reject()
    wait_for(app, lambda: actions.dialog is None)
    for opener, name in (
        (actions.change_status, "account-actions-status.png"),
        (actions.edit_arrears, "account-actions-arrears.png"),
        (actions.waive_late_fee, "account-actions-waiver.png"),
        (actions.change_holder, "account-actions-holder.png"),
        (actions.close_account, "account-actions-close.png"),
    ):
        dialog = _form(app, page, opener, lambda d: d.reason.setText("困难户申请"), args.out, name)
        dialog.reject()
        wait_for(app, lambda: actions.dialog is None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
