"""A counter whose PostgreSQL server cannot be reached: a clear message, or offline mode."""

from __future__ import annotations

import argparse
import socket

import pytest

from cashier.cli import main
from cashier.commands import device_gui
from cashier.commands.common import DatabaseUnreachable
from cashier.commands.gui import run_window
from cashier.config import Settings, save_settings


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable_url() -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/heating"


def test_a_command_says_the_server_cannot_be_reached(unreachable_url, capsys):
    assert main(["--db", unreachable_url, "demo", "--accounts", "1"]) == 1
    err = capsys.readouterr().err
    assert "无法连接数据库服务器" in err and "cannot reach the database server" in err


def test_window_without_offline_database_refuses_clearly(unreachable_url, tmp_path, monkeypatch):
    monkeypatch.setenv("CASHIER_CONFIG", str(tmp_path / "settings.toml"))
    with pytest.raises(DatabaseUnreachable):
        run_window(argparse.Namespace(db=unreachable_url))


def test_window_falls_back_to_the_offline_database(unreachable_url, tmp_path, monkeypatch):
    offline = f"sqlite:///{tmp_path / 'A01-offline.db'}"
    monkeypatch.setenv("CASHIER_CONFIG", str(tmp_path / "settings.toml"))
    save_settings(Settings(offline_database_url=offline), tmp_path / "settings.toml")
    opened = []
    monkeypatch.setattr(device_gui, "run_device_window", lambda args: opened.append(args) or 7)
    assert run_window(argparse.Namespace(db=unreachable_url)) == 7
    assert [args.db for args in opened] == [offline]


def test_a_device_database_opens_as_the_device_window(tmp_path, monkeypatch):
    laptop = f"sqlite:///{tmp_path / 'C01.db'}"
    monkeypatch.setenv("CASHIER_CONFIG", str(tmp_path / "settings.toml"))
    assert main(["--db", laptop, "device", "init", "--code", "C01", "--name", "张三的笔记本",
                 "--request", str(tmp_path / "request.json")]) == 0  # fmt: skip
    opened = []
    monkeypatch.setattr(device_gui, "run_device_window", lambda args: opened.append(args) or 7)
    monkeypatch.setattr("cashier.ui.app.run_gui", lambda *args: 3)  # the office window
    assert run_window(argparse.Namespace(db=laptop)) == 7
    assert [args.db for args in opened] == [laptop]
