"""Pytest plugin: one throwaway PostgreSQL cluster per test run, one fresh database per test.

Fixtures:
- `pg_cluster` (session): a started `PgCluster`, stopped when the run ends.
- `pg_url_factory` (function): call it to get the SQLAlchemy URL of a new empty database;
  every database it made is dropped after the test.

When PostgreSQL cannot be had, tests using these fixtures are skipped, or fail when
`CASHIER_REQUIRE_POSTGRES=1` (as in CI). Tests using them get the `postgres` marker.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest

from .pgcluster import PgCluster, PgUnavailable

REQUIRE_ENV = "CASHIER_REQUIRE_POSTGRES"
PG_FIXTURES = ("pg_cluster", "pg_url_factory")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in PG_FIXTURES):
            item.add_marker(pytest.mark.postgres)


def _unavailable(reason: str) -> None:
    """Skip, or fail when PostgreSQL is required by the environment."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1): {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """The run's PostgreSQL cluster (throwaway, or the server named by CASHIER_TEST_PG_URL)."""
    cluster = PgCluster()
    try:
        cluster.start()
    except PgUnavailable as exc:
        _unavailable(exc.reason)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url_factory(pg_cluster: PgCluster) -> Iterator[Callable[[], str]]:
    """A callable returning the URL of a new empty database; all are dropped after the test."""
    created: list[str] = []

    def make() -> str:
        name = f"cashier_test_{uuid.uuid4().hex[:16]}"
        created.append(name)
        return pg_cluster.create_database(name)

    yield make
    for name in reversed(created):
        pg_cluster.drop_database(name)
