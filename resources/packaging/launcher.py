"""Entry script of the frozen bundle: the same `main` as the `cashier` console script."""

from cashier.cli import main

raise SystemExit(main())
