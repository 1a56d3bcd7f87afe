"""Fast inserts of many rows, straight to the driver: SQLite executemany, PostgreSQL COPY.

SQLAlchemy's Core executemany processes every parameter of every row; for the million rows of
a season opening that costs more than the insert itself. Callers pass values already in the
driver's form: plain ints and strings as they are, dates and times through `driver_value`
(SQLite stores them as text in SQLAlchemy's format, PostgreSQL takes them as they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table


def driver_value(connection: Connection, table: Table, column: str, value: Any) -> Any:
    """`value` converted as SQLAlchemy would bind it to `table.column` on this connection."""
    dialect = connection.dialect
    processor = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
    return value if processor is None or value is None else processor(value)


def bulk_insert(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """INSERT every row (a tuple in `columns` order) with one executemany; nothing if empty."""
    if not rows:
        return
    names = ", ".join(table.c[name].name for name in columns)
    if connection.dialect.name == "postgresql":
        _copy(connection, f"COPY {table.name} ({names}) FROM STDIN", rows)
        return
    marks = ", ".join(["?"] * len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)


def _copy(connection: Connection, statement: str, rows: Sequence[tuple]) -> None:
    """PostgreSQL: COPY the rows in, inside the connection's transaction (psycopg 3)."""
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
