"""`python -m cashier`: hands over to the command line."""

from cashier.cli import main

raise SystemExit(main())
