"""Logging to a rotating file in the platform log directory."""

from __future__ import annotations

import logging
import logging.handlers
import os

from cashier.config import log_dir


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to cashier.log (1 MB × 5 files); quiet if the folder is not writable."""
    root = logging.getLogger()
    if any(getattr(h, "_cashier", False) for h in root.handlers):
        return
    try:
        directory = log_dir()
        directory.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            directory / "cashier.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    handler._cashier = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(os.environ.get("CASHIER_LOG_LEVEL", logging.getLevelName(level)))
