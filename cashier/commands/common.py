"""What every command needs: settings, the engine, the schema policy, the acting user."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from cashier.config import Settings, load_settings
from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.errors import UserError
from cashier.store.engine import make_engine
from cashier.store.migrate import open_database, sqlite_path
from cashier.store.uow import SqlUnitOfWork, uow_factory


@dataclass
class Wiring:
    """The concrete pieces a command works with."""

    settings: Settings
    engine: Engine
    actor: Actor
    device: str | None = None
    """The device code when the database is a laptop's or a counter's offline copy."""

    def uow(self) -> SqlUnitOfWork:
        """A new unit of work on the database."""
        return uow_factory(self.engine)()


class DatabaseUnreachable(UserError):
    """The database server cannot be reached (network, server down, wrong address)."""


def connect(args: argparse.Namespace, *, check_schema: bool = True) -> Wiring:
    """Settings from file and `--db`, an engine, and the schema policy of formats.md.

    Raises DatabaseUnreachable when a PostgreSQL server does not answer.
    """
    settings = load_settings(getattr(args, "db", None))
    _ensure_sqlite_folder(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        if check_schema:
            open_database(engine)
        elif engine.dialect.name != "sqlite":
            engine.connect().close()
    except OperationalError as exc:
        if engine.dialect.name == "sqlite":
            raise
        raise _unreachable(engine, exc) from exc
    device = _device_code(engine) if check_schema else None
    if device is not None:
        settings = replace(settings, counter_code=device)
    return Wiring(settings=settings, engine=engine, actor=LOCAL_OPERATOR, device=device)


def _device_code(engine: Engine) -> str | None:
    """The device code when this database is a collector's laptop or a counter's offline copy
    (it numbers only as that device, whatever the settings' counter says), else None."""
    with uow_factory(engine)() as uow:
        identity = uow.devices.identity()
    return None if identity is None else identity.code


def connection_problem(exc: OperationalError) -> str:
    """The first line of the driver's message for a failed connection."""
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def _unreachable(engine: Engine, exc: OperationalError) -> DatabaseUnreachable:
    where = f"{engine.url.host or 'localhost'}:{engine.url.port or 5432}/{engine.url.database}"
    reason = connection_problem(exc)
    return DatabaseUnreachable(
        f"无法连接数据库服务器 {where}，请检查网络和服务器（{reason}）。",
        f"cannot reach the database server {where}: {reason}",
    )


def _ensure_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def database_label(engine: Engine) -> str:
    """A readable name of the database, without any password."""
    path = sqlite_path(engine)
    if path is not None:
        return f"SQLite: {path}"
    url = engine.url
    return f"PostgreSQL: {url.host or 'localhost'}/{url.database}"
