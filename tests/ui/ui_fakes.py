"""Test doubles for the window tests: an in-memory unit of work and a fictional context."""

from __future__ import annotations

from cashier.domain.actor import Actor
from cashier.services.context import AppContext


class FakeSettings:
    """An in-memory settings repository."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def put(self, key: str, value: str) -> None:
        self.values[key] = value


class FakeUnitOfWork:
    """A unit of work without a database; records whether it was committed."""

    def __init__(self) -> None:
        self.settings = FakeSettings()
        self.committed = False

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def commit(self) -> None:
        self.committed = True

    def rollback(self) -> None:
        self.committed = False


CASHIER = Actor(id=7, staff_no="0007", name="张三", roles=frozenset({"cashier"}))


def make_context(*, demo: bool = False) -> AppContext:
    """A context for a fictional company on a fake database."""
    return AppContext(
        uow_factory=FakeUnitOfWork,
        actor=CASHIER,
        database_label="SQLite: /var/lib/cashier/幸福热力.db",
        counter_code="A01",
        company_name="幸福热力有限公司",
        service_phone="0000-0000000",
        demo=demo,
    )
