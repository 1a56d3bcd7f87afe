"""PostgreSQL least privilege: a counter's login may INSERT and SELECT journal and audit rows
but never UPDATE, DELETE or TRUNCATE them, and the grants survive schema upgrades.
"""

from __future__ import annotations

import io
import uuid

import psycopg
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from cashier import cli
from cashier.domain.actor import Actor
from cashier.domain.audit import AuditFilter
from cashier.services import audit, users
from cashier.store import migrate
from cashier.store.engine import make_engine
from cashier.store.guards import existing_guards, guard_names
from cashier.store.pg_roles import (
    STAFF_ROLE,
    create_group_roles,
    create_login,
    grant_privileges,
    staff_privileges,
)
from cashier.store.schema import APPEND_ONLY_TABLES, create_schema
from cashier.store.uow import uow_factory

CASHIER = Actor(None, "1001", "张三", frozenset({"cashier"}))
ADMIN = Actor(None, "0001", "周八", frozenset({"admin", "accountant"}))


@pytest.fixture
def owner_url(pg_url_factory) -> str:
    """A database at the newest schema (from the models) with the roles granted."""
    url = pg_url_factory()
    engine = make_engine(url)
    create_schema(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
        create_group_roles(conn)
        grant_privileges(conn, APPEND_ONLY_TABLES)
    engine.dispose()
    return url


@pytest.fixture
def counter_url(owner_url, pg_cluster):
    """The URL of a LOGIN role in cashier_staff (trust authentication in the test cluster)."""
    login = f"counter_{uuid.uuid4().hex[:10]}"
    owner = make_engine(owner_url)
    with owner.begin() as conn:
        create_login(conn, login, "pa:ss'wo%rd")
    url = make_url(owner_url).set(username=login).render_as_string(hide_password=False)
    yield url
    with owner.begin() as conn:
        conn.execute(text(f"DROP ROLE {login}"))
    owner.dispose()


def _seed(url: str) -> None:
    factory = uow_factory(make_engine(url))
    users.add_user(
        factory(), ADMIN, staff_no="0001", name="周八", roles=["admin"], password="幸福小区2025"
    )
    uow = factory()
    with uow:
        uow.settings.put("company_name", "幸福热力")
        uow.commit()


def test_staff_login_inserts_and_selects_audit_rows(counter_url):
    factory = uow_factory(make_engine(counter_url))
    _seed(counter_url)
    uow = factory()
    with uow:
        audit.record(uow, CASHIER, "reprint", {"receipt": "A01-1"})
        uow.commit()
    assert audit.count_entries(factory(), ADMIN, AuditFilter()) == 2
    assert audit.check_audit_chain(factory()).ok


@pytest.mark.parametrize("table", ["audit_log", "account_facts"])
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET id = id", "DELETE FROM {table}", "TRUNCATE {table}",
     "ALTER TABLE {table} DISABLE TRIGGER USER"],
)
def test_staff_login_cannot_change_or_remove_rows(counter_url, table, statement):
    _seed(counter_url)
    engine = make_engine(counter_url)
    with pytest.raises(ProgrammingError) as caught, engine.begin() as conn:
        conn.execute(text(statement.format(table=table)))
    assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege)


def test_staff_login_may_update_mutable_tables_but_not_the_schema_version(counter_url):
    _seed(counter_url)
    engine = make_engine(counter_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE users SET failed_attempts = 0"))
        conn.execute(text("SELECT count(*) FROM alembic_version"))
    with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'x'"))


def test_password_with_quotes_and_colons_is_set(counter_url):
    engine = make_engine(counter_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar().startswith("counter_")


def test_privilege_table_for_every_append_only_table(owner_url):
    engine = make_engine(owner_url)
    with engine.connect() as conn:
        for table in APPEND_ONLY_TABLES:
            assert staff_privileges(conn, table) == {"SELECT", "INSERT"}, table
        assert staff_privileges(conn, "users") == {"SELECT", "INSERT", "UPDATE", "DELETE"}


def test_privileges_and_guards_hold_after_upgrading_to_the_newest_migration(pg_url_factory):
    url = pg_url_factory()
    engine = make_engine(url)
    with engine.begin() as conn:
        create_group_roles(conn)
    assert cli.main(["--db", url, "db", "upgrade"]) == 0
    migrate.downgrade(engine, "base")
    assert cli.main(["--db", url, "db", "upgrade"]) == 0
    with engine.connect() as conn:
        guards = existing_guards(conn)
        tables = set(conn.execute(text("SELECT tablename FROM pg_tables")).scalars())
        assert set(APPEND_ONLY_TABLES) <= tables, "the migrations lack append-only tables"
        for table in APPEND_ONLY_TABLES:
            assert staff_privileges(conn, table) == {"SELECT", "INSERT"}, table
            assert set(guard_names(table)) <= guards, table


def test_db_roles_command_creates_roles_and_a_login(owner_url, capsys, monkeypatch):
    login = f"counter_{uuid.uuid4().hex[:10]}"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    argv = ["--db", owner_url, "db", "roles", "--login", login, "--password-stdin"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert f"{STAFF_ROLE} 对 audit_log：INSERT, SELECT" in out
    engine = make_engine(owner_url)
    with engine.begin() as conn:
        member = conn.execute(
            text("SELECT pg_has_role(:login, :group, 'member')"),
            {"login": login, "group": STAFF_ROLE},
        ).scalar()
        conn.execute(text(f"DROP ROLE {login}"))
    assert member
