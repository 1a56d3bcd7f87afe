"""Save pictures of the sign-in dialog, the lock screen and the Audit page in Chinese at
1366x768, on a real SQLite database with fictional operators.

Usage: python tests/ui/screenshot_signin.py OUT_DIR
Writes signin.png, signin-demo.png (the demo password shown), first-admin.png, lock.png
(after a wrong password), audit.png (an administrator's Audit page after sign-ins, a
failed sign-in, a lock, a user change and a verification) and settings-N.png (each tab of
the administrator's settings: operators, backup and restore ...).
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

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from signin_support import db_context, signed_in  # noqa: E402

from cashier.domain.errors import UserError  # noqa: E402
from cashier.services import users  # noqa: E402
from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.main_window import MainWindow  # noqa: E402
from cashier.ui.session import Session  # noqa: E402

SCREEN_SIZE = (1366, 768)


def save(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    """Let the widget lay itself out, then write its picture."""
    for _ in range(5):
        app.processEvents()
    if not widget.grab().save(str(out / name)):
        raise SystemExit(f"could not write {out / name}")
    print(f"{out / name}: {widget.width()}x{widget.height()}")


def dialogs(app: QApplication, folder: Path, out: Path) -> None:
    """The sign-in dialog (with a refusal), its demo variant and the first-run dialog."""
    session = Session(db_context(folder / "plain"), MainWindow)
    dialog = session.begin()
    dialog.staff_no.setText("1001")
    dialog.password.setText("wrong-password")
    dialog.submit()
    save(app, dialog, out, "signin.png")
    dialog.hide()
    demo = Session(db_context(folder / "demo", demo=True), MainWindow).begin()
    save(app, demo, out, "signin-demo.png")
    demo.hide()
    first = Session(db_context(folder / "first", with_users=False), MainWindow).begin()
    save(app, first, out, "first-admin.png")
    first.hide()


def lock_screen(app: QApplication, folder: Path, out: Path) -> None:
    """A cashier's window locked, after one wrong password at the lock screen."""
    context = signed_in(db_context(folder / "lock"), "1001")
    session = Session(context, MainWindow)
    window = session.begin()
    window.resize(*SCREEN_SIZE)
    session.lock()
    screen = session.lock_screen
    screen.resize(*SCREEN_SIZE)
    screen.password.setText("wrong-password")
    screen.unlock()
    save(app, screen, out, "lock.png")
    screen.hide()


def audit_page(app: QApplication, folder: Path, out: Path) -> None:
    """The administrator's Audit page after a morning's sign-ins and changes."""
    context = db_context(folder / "audit")
    factory = context.uow_factory
    try:
        users.sign_in(factory(), "1001", "wrong-password")
    except UserError:
        pass
    cashier = signed_in(context, "1001")
    users.lock_session(factory(), cashier.actor, idle=True)
    signed_in(context, "1004")
    admin = signed_in(context, "0001")
    users.reset_password(factory(), admin.actor, "1001", "幸福小区2026")
    session = Session(admin, MainWindow)
    window = session.begin()
    window.resize(*SCREEN_SIZE)
    window.show_page("audit")
    page = window.page("audit")
    page.verify()
    save(app, window, out, "audit.png")
    window.show_page("settings")
    tabs = window.page("settings")
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        save(app, window, out, f"settings-{index}.png")
    window.hide()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    install_translators(app)
    font_family = ensure_cjk_font(app)
    print(f"font {font_family!r}")
    with tempfile.TemporaryDirectory(prefix="cashier-shots-") as folder:
        dialogs(app, Path(folder), args.out)
        lock_screen(app, Path(folder), args.out)
        audit_page(app, Path(folder), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
