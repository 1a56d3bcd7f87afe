"""Save a picture of the main window at 1366x768, rendered offscreen with a fake context.

Usage: python tests/ui/screenshot.py OUT.png [--page KEY] [--demo]
(not collected by pytest: the file name does not start with test_)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from ui_fakes import make_context  # noqa: E402

from cashier.ui.app import create_application, ensure_cjk_font, install_translators  # noqa: E402
from cashier.ui.main_window import PAGE_KEYS, MainWindow  # noqa: E402

SCREEN_SIZE = (1366, 768)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--page", choices=PAGE_KEYS, default=PAGE_KEYS[0])
    parser.add_argument("--demo", action="store_true", help="a demo database (title banner)")
    args = parser.parse_args(argv)
    app = create_application([sys.argv[0]])
    install_translators(app)
    font_family = ensure_cjk_font(app)
    window = MainWindow(make_context(demo=args.demo))
    window.resize(*SCREEN_SIZE)
    window.show_page(args.page)
    window.show()
    app.processEvents()
    if not window.grab().save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(f"{args.out}: {SCREEN_SIZE[0]}x{SCREEN_SIZE[1]}, font {font_family!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
