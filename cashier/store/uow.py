"""The SQLAlchemy unit of work: one session, one transaction, one user action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

import cashier.store.repositories  # noqa: F401  (registers the repositories)
from cashier.store.registry import REPOSITORIES


class SqlUnitOfWork:
    """A unit of work over one session; repositories are created on first use.

    `read_only=True` begins SQLite transactions DEFERRED instead of IMMEDIATE, so readers do
    not queue behind writers.
    """

    def __init__(self, session_factory: sessionmaker[Session], *, read_only: bool = False):
        self._session_factory = session_factory
        self._read_only = read_only
        self.session: Session | None = None
        self._repos: dict[str, Any] = {}

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        if self._read_only:
            self.session.connection(execution_options={"sqlite_begin": "DEFERRED"})
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self.session is not None
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None
            self._repos.clear()

    def __getattr__(self, name: str) -> Any:
        factory = REPOSITORIES.get(name)
        if factory is None:
            raise AttributeError(name)
        if self.session is None:
            raise RuntimeError(f"repository {name!r} used outside 'with uow:'")
        repo = self._repos.get(name)
        if repo is None:
            repo = self._repos[name] = factory(self.session)
        return repo

    def commit(self) -> None:
        """Commit the transaction; the unit of work may be used again afterwards."""
        assert self.session is not None
        self.session.commit()

    def rollback(self) -> None:
        """Roll the transaction back."""
        assert self.session is not None
        self.session.rollback()


def uow_factory(engine: Engine, *, read_only: bool = False) -> Callable[[], SqlUnitOfWork]:
    """A factory giving a new unit of work on `engine` at each call."""
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(sessions, read_only=read_only)
