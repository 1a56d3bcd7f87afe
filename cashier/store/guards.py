"""Database guards that refuse UPDATE and DELETE on append-only tables.

Migrations call these with the list of tables frozen at that revision. SQLite batch
migrations rebuild tables and drop their triggers, so a migration that rebuilds a guarded
table must install its guards again; a test checks every guard exists at the newest revision.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

GUARD_MESSAGE = "append-only table: records are never edited or deleted"


def guard_names(table: str) -> list[str]:
    """The trigger names that guard `table`."""
    return [f"{table}_no_update", f"{table}_no_delete"]


def install_guards(connection: Connection, tables: list[str]) -> None:
    """Create the refusing triggers on each table (idempotent)."""
    if connection.dialect.name == "sqlite":
        for table in tables:
            _sqlite_guard(connection, table)
    else:
        _postgres_function(connection)
        for table in tables:
            _postgres_guard(connection, table)


def drop_guards(connection: Connection, tables: list[str]) -> None:
    """Remove the triggers of each table (for downgrades)."""
    for table in tables:
        for name in guard_names(table):
            on = "" if connection.dialect.name == "sqlite" else f" ON {table}"
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}{on}"))
        if connection.dialect.name != "sqlite":
            connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"))


def _sqlite_guard(connection: Connection, table: str) -> None:
    update, delete = guard_names(table)
    for name, event in ((update, "UPDATE"), (delete, "DELETE")):
        connection.execute(
            text(
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{GUARD_MESSAGE}'); END"
            )
        )


def _postgres_function(connection: Connection) -> None:
    connection.execute(
        text(
            "CREATE OR REPLACE FUNCTION cashier_refuse_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{GUARD_MESSAGE} (%)', TG_TABLE_NAME; END $$"
        )
    )


def _postgres_guard(connection: Connection, table: str) -> None:
    update, delete = guard_names(table)
    statements = [
        (update, "BEFORE UPDATE", "FOR EACH ROW"),
        (delete, "BEFORE DELETE", "FOR EACH ROW"),
        (f"{table}_no_truncate", "BEFORE TRUNCATE", "FOR EACH STATEMENT"),
    ]
    for name, when, each in statements:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        connection.execute(
            text(
                f"CREATE TRIGGER {name} {when} ON {table} {each} "
                "EXECUTE FUNCTION cashier_refuse_change()"
            )
        )


def existing_guards(connection: Connection) -> set[str]:
    """Names of the guard triggers present in the database."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
    else:
        rows = connection.execute(
            text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        )
    return {row[0] for row in rows}
