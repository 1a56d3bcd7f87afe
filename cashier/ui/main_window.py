"""The main window: a navigation bar on the left, one page per area, a status bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cashier.services.context import AppContext
from cashier.ui.pages.empty import EmptyPage
from cashier.ui.pages.settings import SettingsPage

PAGE_KEYS = (
    "counter",
    "accounts",
    "repairs",
    "service",
    "reconciliation",
    "reports",
    "audit",
    "settings",
)
"""Navigation order; Ctrl+1 opens the first page, Ctrl+8 the last."""

DEFAULT_SIZE = (1280, 700)
"""Fits a 1366x768 screen with a taskbar and the window frame."""

NAV_FONT_SCALE = 1.3
NAV_STYLE = """
QFrame#navBar { background: palette(window); border: none;
                border-right: 1px solid palette(mid); }
QFrame#navBar QPushButton { border: 2px solid transparent; border-radius: 6px;
                            padding: 0.4em 1.2em; text-align: left; background: transparent; }
QFrame#navBar QPushButton:hover:!checked { background: palette(midlight); }
QFrame#navBar QPushButton:checked { background: palette(highlight);
                                    color: palette(highlighted-text); font-weight: bold; }
QFrame#navBar QPushButton:focus { border-color: palette(dark); }
"""


@dataclass(frozen=True)
class _NavEntry:
    key: str
    label: str
    empty_message: str


_CONTEXT = "MainWindow"
_NAV_TEXTS = (
    (
        QT_TRANSLATE_NOOP("MainWindow", "Collect"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Fee collection is not part of your role. Here cashiers find an account, take "
            "payment and print the receipt.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "Accounts"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Account management is not part of your role. Here staff look up households, their "
            "heated area, bills and payments.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "Repairs"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Repair orders are not part of your role. Here technicians record repair calls and "
            "price the work item by item.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "Service"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Service records are not part of your role. Here staff record temperature "
            "measurements, outages, complaints and applications.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "Reconcile"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Reconciliation is not part of your role. Here accountants check shifts and match "
            "bank, WeChat and Alipay settlements.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "Reports"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Reports are not part of your role. Here shift, daily and arrears reports are "
            "printed.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "Audit"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "The audit log is not part of your role. Here accountants and administrators review "
            "who did what.",
        ),
    ),
    (QT_TRANSLATE_NOOP("MainWindow", "Settings"), ""),
)
"""Navigation label and empty-page sentence per entry of PAGE_KEYS, in the same order."""


def _translate(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text) if text else ""


class MainWindow(QMainWindow):
    """The application window for one operator at one counter."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stack = QStackedWidget(self)
        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(True)
        self._nav_buttons: dict[str, QPushButton] = {}
        self._nav_actions: dict[str, QAction] = {}
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_nav(self._nav_entries()))
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self.setWindowTitle(self._title())
        self.resize(*DEFAULT_SIZE)
        self.show_page(PAGE_KEYS[0])

    def _nav_entries(self) -> list[_NavEntry]:
        return [
            _NavEntry(key, _translate(label), _translate(message))
            for key, (label, message) in zip(PAGE_KEYS, _NAV_TEXTS, strict=True)
        ]

    def _build_nav(self, entries: list[_NavEntry]) -> QFrame:
        nav = QFrame(self)
        nav.setObjectName("navBar")
        nav.setStyleSheet(NAV_STYLE)
        column = QVBoxLayout(nav)
        font = nav.font()
        font.setPointSizeF(font.pointSizeF() * NAV_FONT_SCALE)
        for number, entry in enumerate(entries, start=1):
            button = self._nav_button(entry, number, font)
            column.addWidget(button)
            page = self._initial_page(entry)
            self._stack.addWidget(page)
        column.addStretch(1)
        return nav

    def _nav_button(self, entry: _NavEntry, number: int, font: QFont) -> QPushButton:
        shortcut = QKeySequence(f"Ctrl+{number}")
        button = QPushButton(entry.label, self)
        button.setObjectName(f"nav_{entry.key}")
        button.setCheckable(True)
        button.setFont(font)
        button.setMinimumHeight(button.fontMetrics().height() * 3)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("M") * 8)
        button.setToolTip(
            f"{entry.label} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        button.clicked.connect(lambda _checked=False, key=entry.key: self.show_page(key))
        self._buttons.addButton(button)
        self._nav_buttons[entry.key] = button
        action = QAction(entry.label, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, key=entry.key: self.show_page(key))
        self.addAction(action)
        self._nav_actions[entry.key] = action
        return button

    def _initial_page(self, entry: _NavEntry) -> QWidget:
        if entry.key == "settings":
            return SettingsPage(self.context, self)
        return EmptyPage(entry.label, entry.empty_message, self)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setStyleSheet("QStatusBar QLabel { padding: 0 0.5em; }")
        actor = self.context.actor
        self.database_label = QLabel(
            self.tr("Database: {label}").format(label=self.context.database_label), self
        )
        self.counter_label = QLabel(
            self.tr("Counter: {code}").format(code=self.context.counter_code), self
        )
        self.user_label = QLabel(
            self.tr("Operator: {name} ({staff_no})").format(
                name=actor.name, staff_no=actor.staff_no
            ),
            self,
        )
        if self.context.demo:
            banner = QLabel(self.tr("Demo data: not for real collection"), self)
            banner.setObjectName("demoBanner")
            banner.setStyleSheet("QLabel { background: #fff3bf; color: #5c3c00; }")
            bar.addWidget(banner)
        bar.addPermanentWidget(self.database_label, 1)
        bar.addPermanentWidget(self.counter_label)
        bar.addPermanentWidget(self.user_label)

    def _title(self) -> str:
        app_name = self.tr("Heating Fee Cashier")
        title = f"{app_name} — {self.context.company_name}"
        if self.context.demo:
            title += " " + self.tr("[Demo data]")
        return title

    def add_page(self, key: str, widget: QWidget) -> None:
        """Replace the page shown for navigation entry `key` with `widget`.

        Raises KeyError for a key that is not in PAGE_KEYS.
        """
        index = self._index(key)
        was_current = self._stack.currentIndex() == index
        old = self._stack.widget(index)
        self._stack.insertWidget(index, widget)
        self._stack.removeWidget(old)
        old.deleteLater()
        if was_current:
            self._stack.setCurrentIndex(index)

    def page(self, key: str) -> QWidget:
        """The widget currently shown for navigation entry `key`; raises KeyError if unknown."""
        return self._stack.widget(self._index(key))

    def show_page(self, key: str) -> None:
        """Switch to the page for `key`, check its navigation button and focus the page."""
        index = self._index(key)
        self._stack.setCurrentIndex(index)
        self._nav_buttons[key].setChecked(True)
        self._stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def current_page_key(self) -> str:
        """The key of the page being shown."""
        return PAGE_KEYS[self._stack.currentIndex()]

    def set_page_allowed(self, key: str, allowed: bool) -> None:
        """Show or hide the navigation entry `key` (and its shortcut) for this operator."""
        index = self._index(key)
        button = self._nav_buttons[key]
        button.setVisible(allowed)
        button.setEnabled(allowed)
        self._nav_actions[key].setEnabled(allowed)
        if not allowed and self._stack.currentIndex() == index:
            self.show_page(PAGE_KEYS[0])

    def nav_button(self, key: str) -> QPushButton:
        """The navigation button for `key` (for tests and keyboard hints)."""
        return self._nav_buttons[key]

    def _index(self, key: str) -> int:
        if key not in PAGE_KEYS:
            raise KeyError(f"unknown page key: {key!r}")
        return PAGE_KEYS.index(key)
