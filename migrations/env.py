"""Alembic environment: runs on the connection the application hands over, or on a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

import cashier.store.models  # noqa: F401  (registers every table)
from cashier.config import load_settings
from cashier.store.base import Base
from cashier.store.engine import make_engine
from cashier.store.schema import is_unmodelled

config = context.config
target_metadata = Base.metadata


def _include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave out what EXTRA_DDL creates (full-text tables, expression indexes)."""
    return not (reflected and compare_to is None and is_unmodelled(name))


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_online() -> None:
    """Use the connection in config.attributes, else `-x db=URL`, else the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or load_settings().database_url
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
