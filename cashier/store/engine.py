"""Engine factory: SQLite and PostgreSQL set up the way the books need them."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from cashier.store.secrets import with_keyring_password

SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str, **kwargs: object) -> Engine:
    """An engine for `url` (`sqlite:///path.db` or `postgresql+psycopg://...`).

    SQLite gets WAL, synchronous=FULL, foreign keys, a busy timeout and write transactions
    begun with BEGIN IMMEDIATE, so that two writers never deadlock on a lock upgrade. A
    PostgreSQL URL without a password takes the one kept in the OS keyring, if any.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(with_keyring_password(parsed), pool_pre_ping=True, **kwargs)
    raise ValueError(f"unsupported database URL: {parsed.render_as_string(hide_password=True)}")


def is_sqlite(engine: Engine) -> bool:
    """True for an SQLite engine."""
    return engine.dialect.name == "sqlite"


def _sqlite_engine(url: str, **kwargs: object) -> Engine:
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
