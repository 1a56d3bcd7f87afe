"""The throwaway PostgreSQL cluster gives fresh UTF8 databases with pg_trgm available."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from support.pgcluster import PgCluster, PgUnavailable

TESTS_DIR = Path(__file__).resolve().parents[1]


def _connect(url: str) -> psycopg.Connection:
    assert url.startswith("postgresql+psycopg://")
    return psycopg.connect(url.replace("+psycopg", "", 1), autocommit=True)


def test_fresh_database_is_utf8_and_takes_pg_trgm(pg_url_factory):
    with _connect(pg_url_factory()) as conn:
        assert conn.execute("select 1").fetchone() == (1,)
        assert conn.execute("show server_encoding").fetchone() == ("UTF8",)
        assert conn.execute("show lc_collate").fetchone() == ("C.UTF-8",)
        conn.execute("create extension pg_trgm")
        row = conn.execute("select show_trgm('zhang'), similarity('幸福小区', '幸福小区')")
        trigrams, score = row.fetchone()
        assert "zha" in trigrams
        assert score == 1


def test_each_call_gives_a_separate_empty_database(pg_url_factory):
    first, second = pg_url_factory(), pg_url_factory()
    assert first != second
    with _connect(first) as conn:
        conn.execute("create table account (name text)")
        conn.execute("insert into account values ('张三')")
        assert conn.execute("select name from account").fetchone() == ("张三",)
    with _connect(second) as conn:
        tables = conn.execute("select count(*) from pg_tables where tablename = 'account'")
        assert tables.fetchone() == (0,)


def test_drop_database_removes_it_even_while_connected(pg_cluster):
    url = pg_cluster.create_database("cashier_test_dropme")
    lingering = _connect(url)
    try:
        pg_cluster.drop_database("cashier_test_dropme")
    finally:
        lingering.close()
    with _connect(pg_cluster.url()) as conn:
        found = conn.execute("select 1 from pg_database where datname = 'cashier_test_dropme'")
        assert found.fetchone() is None


def test_start_without_binaries_raises_pg_unavailable(tmp_path):
    cluster = PgCluster(bindir=tmp_path, external_url=None)
    with pytest.raises(PgUnavailable, match="initdb"):
        cluster.start()
    assert cluster.root is None


def test_unsafe_database_name_is_refused(pg_cluster):
    with pytest.raises(ValueError):
        pg_cluster.create_database('x"; drop database postgres; --')


def _run_plugin_against_dead_server(tmp_path: Path, require: str) -> subprocess.CompletedProcess:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_needs_pg.py").write_text(
        "def test_needs_pg(pg_url_factory):\n    assert pg_url_factory()\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(TESTS_DIR),
        "CASHIER_TEST_PG_URL": "postgresql+psycopg://postgres@127.0.0.1:1/postgres",
        "CASHIER_REQUIRE_POSTGRES": require,
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "support.pg_plugin", "-q", "-rs", "-p",
         "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_unreachable_server_skips_unless_required(tmp_path):
    skipped = _run_plugin_against_dead_server(tmp_path, require="0")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "1 skipped" in skipped.stdout
    required = _run_plugin_against_dead_server(tmp_path, require="1")
    assert required.returncode == 1, required.stdout + required.stderr
    assert "PostgreSQL is required" in required.stdout
