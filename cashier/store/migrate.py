"""Schema versions: upgrade, check, and the policy of formats.md for opening a database.

SQLite (one client) is upgraded on open after a backup copy beside the file. PostgreSQL is
shared by many clients, so only `cashier db upgrade` upgrades it; a client whose version does
not match refuses to start and says which side must be updated.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from cashier.domain.errors import UserError
from cashier.store.pg_roles import refresh_privileges
from cashier.store.schema import APPEND_ONLY_TABLES


class SchemaMismatch(UserError):
    """The database's schema version does not match this program's."""


def migrations_dir() -> Path:
    """The Alembic scripts: beside the package, or inside a frozen (PyInstaller) bundle."""
    candidates = [Path(__file__).resolve().parents[2] / "migrations"]
    if hasattr(sys, "_MEIPASS"):
        candidates.insert(0, Path(sys._MEIPASS) / "migrations")
    for path in candidates:
        if (path / "env.py").exists():
            return path
    raise FileNotFoundError("migrations directory not found")


def alembic_config() -> Config:
    """An Alembic configuration pointing at this program's migrations."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    """The newest revision this program knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade (or create) the schema to `revision` in one transaction.

    On PostgreSQL the group roles' grants are re-applied, so new append-only tables are
    covered as soon as they exist.
    """
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the schema to `revision` (for tests and emergencies)."""
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, action, revision: str) -> None:
    config = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            config.attributes["connection"] = conn
            action(config, revision)
            refresh_privileges(conn, APPEND_ONLY_TABLES)
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def open_database(engine: Engine) -> None:
    """Apply the upgrade policy on opening; raises SchemaMismatch with what to do."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    known = _known_revisions()
    if current is not None and current not in known:
        raise SchemaMismatch(
            f"数据库版本（{current}）比本程序新，请更新本程序后再打开。",
            f"the database (revision {current}) is newer than this program: update the program",
        )
    if engine.dialect.name != "sqlite":
        raise SchemaMismatch(
            f"数据库版本（{current or '空'}）低于本程序所需（{head}），"
            "请管理员运行 cashier db upgrade 升级数据库。",
            f"the database is at {current or 'no revision'}, this program needs {head}: "
            "an administrator must run `cashier db upgrade`",
        )
    if current is not None:
        backup_sqlite(engine, suffix=f"before-{head}")
    upgrade(engine)


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def sqlite_path(engine: Engine) -> Path | None:
    """The file of an SQLite engine, or None (memory database or PostgreSQL)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, *, suffix: str, target: Path | None = None) -> Path:
    """A consistent copy of the SQLite file (online backup API), beside it by default."""
    source = sqlite_path(engine)
    if source is None:
        raise ValueError("backup needs an SQLite file database")
    if target is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = source.with_name(f"{source.name}.{suffix}-{stamp}.bak")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()
    return target
