"""The collector's laptop (and a counter's offline copy): the route page in place of the
Accounts page, the sync dialog, and the window started as the device.

`cashier device gui` opens it: the Counter page works as everywhere, numbering the device's
own receipts; the 路线 entry shows the work list in walking order; F8 syncs (directly when
the central database is given, else through bundle files).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from cashier.services.context import AppContext
from cashier.services.ports import UnitOfWorkFactory
from cashier.services.station import Station
from cashier.services.sync_device import (
    apply_answer,
    prepare_upload,
    read_answer_bundle,
    sync_direct,
    upload_bundle,
)
from cashier.ui.collector.route_page import RoutePage
from cashier.ui.collector.sync_dialog import SyncDialog
from cashier.ui.main_window import MainWindow
from cashier.ui.runner import Runner

ROUTE_KEY = "accounts"
"""The navigation entry the route takes on a device (the Accounts page is the office's)."""


def install_collector(window: MainWindow, central: UnitOfWorkFactory | None) -> RoutePage:
    """Put the route page on the device's main window; returns it."""
    context = window.context
    runner = Runner(context.uow_factory, window)
    station = Station(context.counter_code)

    def open_account(account_no: str) -> None:
        window.show_page("counter")
        counter = window.page("counter")
        if hasattr(counter, "open_account"):
            counter.open_account(account_no)

    page: RoutePage

    def sync() -> None:
        dialog = sync_dialog(window, context, central, runner)
        dialog.finished_sync.connect(lambda _summary: page.reload())
        dialog.open()

    page = RoutePage(runner, station, open_account, sync, window)
    window.add_page(ROUTE_KEY, page)
    label = QCoreApplication.translate("Collector", "Route")
    window.nav_button(ROUTE_KEY).setText(label)
    page.reload()
    return page


def sync_dialog(
    parent, context: AppContext, central: UnitOfWorkFactory | None, runner: Runner
) -> SyncDialog:
    """The sync dialog for this device: direct when `central` is given, else bundles."""
    device = context.uow_factory

    def direct(progress):
        return sync_direct(device, central, context.actor, progress=progress)

    def write_upload(path: Path) -> int:
        upload = prepare_upload(device())
        path.write_bytes(upload_bundle(device(), upload))
        return len(upload.entries)

    def load_answer(path: Path):
        return apply_answer(device(), read_answer_bundle(device(), path.read_bytes()))

    return SyncDialog(
        runner,
        direct if central is not None else None,
        parent,
        write_upload=write_upload,
        load_answer=load_answer,
    )


def run_device_gui(context: AppContext, central: UnitOfWorkFactory | None) -> int:
    """Open the window as this device (sign-in first) and run the event loop."""
    from cashier.ui.app import (
        create_application,
        ensure_cjk_font,
        install_translators,
        make_excepthook,
        make_main_window,
    )
    from cashier.ui.running_mutex import hold_running_mutex
    from cashier.ui.session import Session
    from cashier.ui.smoke_test import schedule_smoke_exit

    def make_window(ctx: AppContext) -> MainWindow:
        window = make_main_window(ctx)
        install_collector(window, central)
        return window

    hold_running_mutex()
    app = create_application(sys.argv[:1])
    install_translators(app)
    ensure_cjk_font(app)
    session = Session(context, make_window)
    previous = sys.excepthook
    sys.excepthook = make_excepthook(session.active_widget)
    app.aboutToQuit.connect(session.sign_out)
    schedule_smoke_exit(app, session.begin())
    try:
        return app.exec()
    finally:
        app.aboutToQuit.disconnect(session.sign_out)
        sys.excepthook = previous
