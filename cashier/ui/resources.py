"""Where the application's resource files (translations, icons) live on disk."""

from __future__ import annotations

import sys
from pathlib import Path

TRANSLATION_BASENAME = "cashier"


def resources_dir() -> Path:
    """The `resources/` directory: inside a frozen bundle, else next to the `cashier` package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translation_file(locale_name: str = "zh_CN") -> Path:
    """The compiled translation (.qm) of the application's own strings for `locale_name`."""
    return resources_dir() / "i18n" / f"{TRANSLATION_BASENAME}_{locale_name}.qm"
