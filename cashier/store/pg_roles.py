"""PostgreSQL least privilege: group roles for the application's logins.

- `cashier_staff`: what every counter, collector and back-office client logs in as (through
  a LOGIN role that is a member). SELECT and INSERT on the append-only tables (journals,
  audit log, fact histories), never UPDATE, DELETE or TRUNCATE; SELECT, INSERT, UPDATE,
  DELETE on the other tables; SELECT only on alembic_version; no DDL (it owns nothing).
- `cashier_readonly`: SELECT on every table, for pg_dump backups and report tools.

The schema itself is owned by the role that runs `cashier db upgrade`. `grant_privileges`
takes the list of append-only tables (store.schema.APPEND_ONLY_TABLES), so tables added later
are covered; it runs again at every migration through EXTRA_DDL once the roles exist, and
default privileges give a table created later only SELECT and INSERT until then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, String, text

STAFF_ROLE = "cashier_staff"
READONLY_ROLE = "cashier_readonly"
GROUP_ROLES = (STAFF_ROLE, READONLY_ROLE)
VERSION_TABLE = "alembic_version"

APPEND_ONLY_PRIVILEGES = ("SELECT", "INSERT")
MUTABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
CHECKED_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def is_postgres(connection: Connection) -> bool:
    """True on PostgreSQL."""
    return connection.dialect.name == "postgresql"


def group_roles_exist(connection: Connection) -> bool:
    """True when the staff group role exists in the cluster."""
    found = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": STAFF_ROLE}
    ).first()
    return found is not None


def create_group_roles(connection: Connection) -> list[str]:
    """Create the NOLOGIN group roles that do not exist yet; returns the names created."""
    created = []
    for name in GROUP_ROLES:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {name} NOLOGIN"))
            created.append(name)
    return created


def grant_privileges(connection: Connection, append_only_tables: Sequence[str]) -> None:
    """Give the group roles exactly the privileges described above on every table of the
    current schema, and default privileges for tables created later by this role.
    """
    schema = _quote(connection, connection.execute(text("SELECT current_schema()")).scalar())
    roles = f"{STAFF_ROLE}, {READONLY_ROLE}"
    connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {roles}"))
    append_only = set(append_only_tables)
    for table in _tables(connection):
        if table == VERSION_TABLE:
            privileges: Sequence[str] = ("SELECT",)
        elif table in append_only:
            privileges = APPEND_ONLY_PRIVILEGES
        else:
            privileges = MUTABLE_PRIVILEGES
        name = f"{schema}.{_quote(connection, table)}"
        connection.execute(text(f"REVOKE ALL ON {name} FROM {roles}"))
        connection.execute(text(f"GRANT {', '.join(privileges)} ON {name} TO {STAFF_ROLE}"))
        connection.execute(text(f"GRANT SELECT ON {name} TO {READONLY_ROLE}"))
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {roles}"))
    defaults = f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema}"
    connection.execute(text(f"{defaults} GRANT SELECT, INSERT ON TABLES TO {STAFF_ROLE}"))
    connection.execute(text(f"{defaults} GRANT SELECT ON TABLES TO {READONLY_ROLE}"))
    connection.execute(text(f"{defaults} GRANT USAGE, SELECT ON SEQUENCES TO {roles}"))


def refresh_privileges(connection: Connection, append_only_tables: Sequence[str]) -> None:
    """Re-apply the grants after a schema change, on PostgreSQL once the roles exist."""
    if is_postgres(connection) and group_roles_exist(connection):
        grant_privileges(connection, append_only_tables)


def staff_privileges(connection: Connection, table: str, role: str = STAFF_ROLE) -> set[str]:
    """Which of SELECT, INSERT, UPDATE, DELETE, TRUNCATE `role` has on `table`."""
    held = set()
    for privilege in CHECKED_PRIVILEGES:
        allowed = connection.execute(
            text("SELECT has_table_privilege(:role, :table, :privilege)"),
            {"role": role, "table": table, "privilege": privilege},
        ).scalar()
        if allowed:
            held.add(privilege)
    return held


def create_login(connection: Connection, name: str, password: str | None) -> None:
    """Create a LOGIN role `name` in the staff group (password optional: ~/.pgpass, or
    certificate/peer authentication configured on the server).

    Raises ValueError for a name that is not lower-case letters, digits and '_'.
    """
    if not _ROLE_NAME.match(name) or name in GROUP_ROLES:
        raise ValueError(f"not a usable login name: {name!r}")
    clause = ""
    if password:
        literal = String().literal_processor(connection.dialect)(password)
        clause = " PASSWORD " + literal.replace(":", "\\:")
    connection.execute(text(f"CREATE ROLE {name} LOGIN{clause} IN ROLE {STAFF_ROLE}"))


def _tables(connection: Connection) -> list[str]:
    rows = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return sorted(row[0] for row in rows)


def _quote(connection: Connection, identifier: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(identifier)
