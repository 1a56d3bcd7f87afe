"""Start the window: application object, translations, a CJK font, the crash handler."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cashier.services.context import AppContext
from cashier.ui.counter import install_counter_page
from cashier.ui.main_window import MainWindow
from cashier.ui.pages.accounts_area import install_account_pages
from cashier.ui.pages.repairs import install_repair_page
from cashier.ui.pages.reports import install_reports_page
from cashier.ui.pages.service import install_service_page
from cashier.ui.reconciliation import install_reconciliation_page
from cashier.ui.resources import translation_file
from cashier.ui.running_mutex import hold_running_mutex
from cashier.ui.session import Session
from cashier.ui.smoke_test import schedule_smoke_exit

log = logging.getLogger(__name__)

APPLICATION_NAME = "cashier"
ORGANIZATION_NAME = "cashier"
LANGUAGE_ENV = "CASHIER_LANG"
CJK_FONT_FAMILIES = (
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Droid Sans Fallback",
)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def create_application(argv: list[str]) -> QApplication:
    """The QApplication for this process (reused if one exists), named for settings paths."""
    app = QApplication.instance() or QApplication(argv)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    return app


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Load Qt's and our Simplified Chinese translations unless `language` is "en".

    `language` defaults to the CASHIER_LANG environment variable. Returns the installed
    translators; the caller keeps them alive for as long as they are installed.
    """
    language = (language if language is not None else os.environ.get(LANGUAGE_ENV, "")).lower()
    if language.startswith("en"):
        return []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name, directory in (("qtbase_zh_CN", qt_dir), (str(translation_file()), "")):
        translator = QTranslator(app)
        if translator.load(name, directory) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.warning("Translation %s not loaded (looked in %r)", name, directory)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return installed


def has_cjk(family: str) -> bool:
    """True when font `family` covers Simplified Chinese."""
    systems = QFontDatabase.writingSystems(family)
    return QFontDatabase.WritingSystem.SimplifiedChinese in systems


def ensure_cjk_font(app: QApplication) -> str:
    """Switch the default font to a CJK-capable family if the current one lacks Chinese.

    Keeps the point size (no pixel sizes, so high DPI scales). Returns the family in use.
    """
    font = app.font()
    if has_cjk(font.family()):
        return font.family()
    available = set(QFontDatabase.families())
    for family in CJK_FONT_FAMILIES:
        if family in available:
            font.setFamily(family)
            app.setFont(font)
            return family
    log.warning("No Chinese font found among %s; text may show as boxes", CJK_FONT_FAMILIES)
    return font.family()


def make_excepthook(parent: Callable[[], QWidget | None] = lambda: None) -> ExceptHook:
    """A sys.excepthook that logs the traceback and shows a short Chinese message box."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.critical("Unhandled exception", exc_info=(kind, error, tb))
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            title = QCoreApplication.translate("Application", "Program error")
            message = QCoreApplication.translate(
                "Application",
                "An unexpected error occurred and was written to the log. "
                "Please try again; if it keeps happening, contact the administrator.",
            )
            QMessageBox.critical(parent(), title, message)
        finally:
            showing = False

    return hook


def make_main_window(context: AppContext) -> MainWindow:
    """The main window with every page built so far in place of its placeholder."""
    window = MainWindow(context)
    install_counter_page(window)
    install_account_pages(window)
    install_service_page(window)
    install_repair_page(window, printer=window.context.printer)
    install_reports_page(window)
    install_reconciliation_page(window)
    return window


def run_gui(context: AppContext, argv: list[str]) -> int:
    """Ask who signs in (unless `context.actor` is signed in already), open the main window
    for them and run the event loop; returns the exit code.
    """
    hold_running_mutex()
    app = create_application(argv)
    install_translators(app)
    ensure_cjk_font(app)
    session = Session(context, make_main_window)
    previous_hook = sys.excepthook
    sys.excepthook = make_excepthook(session.active_widget)
    app.aboutToQuit.connect(session.sign_out)
    schedule_smoke_exit(app, session.begin())
    try:
        return app.exec()
    finally:
        app.aboutToQuit.disconnect(session.sign_out)
        sys.excepthook = previous_hook
