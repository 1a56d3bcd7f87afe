"""`cashier db password`: a PostgreSQL password kept in the OS keyring, and engines made from a
URL without a password taking it from there. The keyring is an in-memory one per test."""

from __future__ import annotations

import io
import socket

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy.engine import make_url

from cashier.cli import main
from cashier.store.engine import make_engine
from cashier.store.secrets import KEYRING_SERVICE, keyring_entry, with_keyring_password


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps its passwords in a dict."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory() -> MemoryKeyring:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def _run(monkeypatch, capsys, *args: str, password: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_checked_password_is_kept_and_used_by_every_engine(
    memory, pg_url_factory, monkeypatch, capsys
):
    url = pg_url_factory()
    status, out, _ = _run(monkeypatch, capsys, "--db", url, "db", "password", "--stdin",
                          password="幸福:小区 2025")  # fmt: skip
    assert status == 0 and "系统钥匙串" in out
    entry = keyring_entry(make_url(url))
    assert memory.passwords == {(KEYRING_SERVICE, entry): "幸福:小区 2025"}
    engine = make_engine(url)
    assert engine.url.password == "幸福:小区 2025"
    with engine.connect():
        pass
    engine.dispose()


def test_a_password_the_server_cannot_check_is_not_kept(memory, monkeypatch, capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://cashier@127.0.0.1:{port}/heating"
    status, _, err = _run(monkeypatch, capsys, "--db", url, "db", "password", "--stdin",
                          password="x")  # fmt: skip
    assert status == 1 and "未保存" in err
    assert memory.passwords == {}


def test_sqlite_has_no_password(memory, tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    status, _, err = _run(monkeypatch, capsys, "--db", url, "db", "password", "--stdin")
    assert status == 1 and "只有 PostgreSQL" in err


def test_without_a_keyring_the_command_says_what_to_use_instead(
    pg_url_factory, monkeypatch, capsys
):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        status, _, err = _run(monkeypatch, capsys, "--db", pg_url_factory(), "db", "password",
                              "--stdin", password="x")  # fmt: skip
    finally:
        keyring.set_keyring(before)
    assert status == 1 and "PGPASSWORD" in err


def test_a_url_with_a_password_or_no_entry_is_left_alone(memory):
    given = make_url("postgresql+psycopg://cashier:own@db/heating")
    memory.passwords[(KEYRING_SERVICE, keyring_entry(given))] = "kept"
    assert with_keyring_password(given).password == "own"
    other = make_url("postgresql+psycopg://cashier@db/other")
    assert with_keyring_password(other).password is None
    same_login = make_url("postgresql+psycopg://cashier@db/heating")
    assert with_keyring_password(same_login).password == "kept"
    assert with_keyring_password(make_url("sqlite:///x.db")).password is None
