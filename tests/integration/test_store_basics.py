"""The engine, unit of work and settings repository on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from cashier.store.engine import make_engine


def test_sqlite_pragmas_are_set(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        pragmas = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 10_000,
    }


def test_sqlite_write_transactions_take_the_write_lock_at_begin(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    path = sqlite_url.removeprefix("sqlite:///")
    with engine.connect() as first:
        first.execute(text("SELECT 1"))  # a plain read, yet BEGIN IMMEDIATE took the lock
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_uow_commits_only_on_commit(make_uow):
    with make_uow() as uow:
        uow.settings.put("company_name", "幸福热力有限公司")
    with make_uow() as uow:
        assert uow.settings.get("company_name") is None
        uow.settings.put("company_name", "幸福热力有限公司")
        uow.commit()
    with make_uow() as uow:
        assert uow.settings.get("company_name") == "幸福热力有限公司"


def test_uow_rolls_back_on_exception(make_uow):
    with pytest.raises(RuntimeError), make_uow() as uow:
        uow.settings.put("service_phone", "0000-0000000")
        uow.session.flush()
        raise RuntimeError("boom")
    with make_uow() as uow:
        assert uow.settings.get("service_phone") is None


def test_repository_outside_with_block_is_refused(make_uow):
    uow = make_uow()
    with pytest.raises(RuntimeError, match="outside"):
        uow.settings.get("x")


def test_unknown_url_scheme_is_refused():
    with pytest.raises(ValueError, match="unsupported"):
        make_engine("mysql://u@h/db")
