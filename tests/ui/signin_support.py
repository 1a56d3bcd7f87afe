"""A real SQLite database with fictional operators, and a window context on it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from alembic import command

from cashier.domain.actor import LOCAL_OPERATOR
from cashier.services import users
from cashier.services.context import AppContext
from cashier.store import migrate
from cashier.store.backup import database_backup
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory

PW = "幸福小区2025"
STAFF = {
    "0001": ("周八", ["admin"]),
    "1001": ("张三", ["cashier"]),
    "1004": ("赵六", ["accountant"]),
    "1005": ("孙七", ["supervisor", "cashier"]),
}


def db_context(tmp_path: Path, *, with_users: bool = True, demo: bool = False) -> AppContext:
    """A context on a new SQLite file; nobody signed in (the local operator)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{tmp_path / 'cashier.db'}")
    create_schema(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    factory = uow_factory(engine)
    if demo:
        uow = factory()
        with uow:
            uow.settings.put("demo", "1")
            uow.commit()
    if with_users:
        for staff_no, (name, roles) in STAFF.items():
            users.add_user(
                factory(), LOCAL_OPERATOR, staff_no=staff_no, name=name, roles=roles,
                password=PW, must_change_password=False,
            )
    return AppContext(
        uow_factory=factory,
        actor=LOCAL_OPERATOR,
        database_label=f"SQLite: {tmp_path / 'cashier.db'}",
        counter_code="A01",
        company_name="幸福热力有限公司",
        service_phone="0000-0000000",
        demo=demo,
        idle_lock_minutes=10,
        backup=database_backup(engine),
    )


def signed_in(context: AppContext, staff_no: str) -> AppContext:
    """The same context with `staff_no` signed in."""
    return replace(context, actor=users.sign_in(context.uow_factory(), staff_no, PW))
