"""A start-up check for packaged builds: open the main window, report it, quit.

With CASHIER_SMOKE_TEST=1 the window quits by itself shortly after it is shown, so a freshly
built bundle can be started unattended (tests/integration/test_dist.py does, offscreen).
A value ending in .png also saves a picture of the window to that path.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

SMOKE_TEST_ENV = "CASHIER_SMOKE_TEST"
SMOKE_TEST_DELAY_MS = 300
"""Long enough for the first paint and the queued start-up events, short for a test."""


def schedule_smoke_exit(app: QApplication, window: QWidget) -> bool:
    """If CASHIER_SMOKE_TEST is set, quit `app` soon after `window` is shown.

    Before quitting it prints "smoke test: window shown: TITLE" on stdout (nothing when the
    program has no console) and saves a screenshot if the value is a .png path. Returns True
    when the exit was scheduled.
    """
    value = os.environ.get(SMOKE_TEST_ENV, "")
    if not value:
        return False

    def finish() -> None:
        if value.lower().endswith(".png"):
            window.grab().save(value)
        state = "shown" if window.isVisible() else "NOT visible"
        print(f"smoke test: window {state}: {window.windowTitle()}", flush=True)
        app.quit()

    QTimer.singleShot(SMOKE_TEST_DELAY_MS, finish)
    return True
