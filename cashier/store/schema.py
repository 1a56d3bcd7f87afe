"""Schema pieces beyond what the models declare, shared by migrations and test databases.

`EXTRA_DDL` lists functions that create what SQLAlchemy models cannot express (guard triggers,
full-text indexes); the initial migration and `create_schema` both run them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine

import cashier.store.models  # noqa: F401  (registers every table)
from cashier.store.base import Base
from cashier.store.guards import install_guards
from cashier.store.models.devices import DEVICE_TABLES
from cashier.store.models.reconciliation import RECONCILIATION_TABLES
from cashier.store.models.repairs import REPAIR_TABLES
from cashier.store.models.service import SERVICE_TABLES
from cashier.store.pg_roles import refresh_privileges
from cashier.store.search_index import (
    BIGRAM_INDEX,
    C_INDEXES,
    SEARCH_TABLE,
    TRGM_INDEX,
    install_search_index,
)

APPEND_ONLY_TABLES = [
    "account_facts",
    "account_statuses",
    "opening_arrears",
    "opening_arrears_adjustments",
    "holder_changes",
    "account_closures",
    "meter_readings",
    "tariff_versions",
    "bills",
    "bill_lines",
    "audit_log",
    "journal_entries",
    "journal_anchors",
    "receipt_reprints",
    "invoice_exchanges",
    "agent_receipts",
    "suspense_assignments",
    *SERVICE_TABLES,
    *REPAIR_TABLES,
    *DEVICE_TABLES,
    *RECONCILIATION_TABLES,
]
"""Tables whose rows are appended, never updated or deleted (DESIGN.md §4)."""


def _guards(connection: Connection) -> None:
    install_guards(connection, APPEND_ONLY_TABLES)


def _privileges(connection: Connection) -> None:
    refresh_privileges(connection, APPEND_ONLY_TABLES)


EXTRA_DDL: list[Callable[[Connection], None]] = [_guards, install_search_index, _privileges]
"""`_privileges` stays last: it grants on every table the others have created."""


def is_unmodelled(name: str | None) -> bool:
    """True for a table or index that EXTRA_DDL creates (Alembic's comparison ignores it)."""
    if not name:
        return False
    extra_indexes = {TRGM_INDEX, BIGRAM_INDEX, *C_INDEXES}
    return name.startswith(SEARCH_TABLE) or name in extra_indexes


def install_extras(connection: Connection) -> None:
    """Run every extra DDL function on `connection` (idempotent)."""
    for ddl in EXTRA_DDL:
        ddl(connection)


def create_schema(engine: Engine) -> None:
    """Create every table and extra directly from the models (test databases only).

    Real databases are created by migrations; a test checks the two give the same schema.
    """
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        install_extras(conn)
