"""The command line of the foundation: db upgrade, demo, --db, exit codes, on both databases."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from cashier.cli import main
from cashier.store import migrate
from cashier.store.engine import make_engine


def test_db_upgrade_then_demo(db_url, capsys):
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    assert "升级" in capsys.readouterr().out
    assert main(["--db", db_url, "demo", "--accounts", "200"]) == 0
    engine = make_engine(db_url)
    with engine.connect() as conn:
        accounts = conn.execute(text("SELECT count(*) FROM accounts")).scalar()
        facts = conn.execute(text("SELECT count(*) FROM account_facts")).scalar()
        seasons = conn.execute(text("SELECT code FROM seasons")).scalars().all()
        users = conn.execute(text("SELECT count(*) FROM users")).scalar()
    assert (accounts, facts, seasons) == (200, 200, ["2025-2026"])
    assert users >= 6  # one demo operator per role
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_db_upgrade_twice_says_already_current(db_url, capsys):
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    assert "已是最新" in capsys.readouterr().out


def test_demo_refuses_a_database_with_data(sqlite_url, capsys):
    assert main(["--db", sqlite_url, "demo", "--accounts", "5"]) == 0
    assert main(["--db", sqlite_url, "demo", "--accounts", "5"]) == 1
    err = capsys.readouterr().err
    assert "空数据库" in err and "only an empty database" in err
    assert main(["--db", sqlite_url, "demo", "--if-empty"]) == 0


def test_client_refuses_postgres_that_was_not_upgraded(pg_url_factory, capsys):
    url = pg_url_factory()
    assert main(["--db", url, "demo", "--accounts", "5"]) == 1
    assert "cashier db upgrade" in capsys.readouterr().err


def test_database_url_from_environment(sqlite_url, monkeypatch, capsys):
    monkeypatch.setenv("CASHIER_DATABASE_URL", sqlite_url)
    assert main(["demo", "--accounts", "3"]) == 0
    with make_engine(sqlite_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == 3


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--accounts", "zero"])
    assert exc.value.code == 2


def test_help_lists_commands_and_version():
    out = subprocess.run(
        [sys.executable, "-m", "cashier", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("gui", "db", "demo", "--db"):
        assert command in out
    version = subprocess.run(
        [sys.executable, "-m", "cashier", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.startswith("cashier ")
