"""Fixtures shared by every test: an isolated environment and databases on both engines."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="cashier-test-home-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
os.environ["CASHIER_CONFIG"] = str(_HOME / "settings.toml")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the desktop's
os.environ.pop("CASHIER_DATABASE_URL", None)

pytest_plugins = ["support.pg_plugin"]

from sqlalchemy import Engine  # noqa: E402

from cashier.store.engine import make_engine  # noqa: E402
from cashier.store.schema import create_schema  # noqa: E402
from cashier.store.uow import SqlUnitOfWork, uow_factory  # noqa: E402

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("pg_url_factory")()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a new, empty SQLite file (for SQLite-only behaviour)."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a new database with the whole schema, on each backend."""
    eng = make_engine(db_url)
    create_schema(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def make_uow(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    """A unit-of-work factory on the `engine` fixture's database."""
    return uow_factory(engine)
