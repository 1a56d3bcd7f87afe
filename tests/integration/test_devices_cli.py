"""`cashier device ...` end to end: a laptop initialised and registered, a work list checked
out as a bundle, payments taken offline, an upload bundle imported twice, the answer loaded,
status and flags; and a direct check-out and sync. Central books on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from support.payment_books import seed_books

from cashier.cli import main
from cashier.store import migrate
from cashier.store.engine import make_engine
from cashier.store.uow import uow_factory


@pytest.fixture
def cli(db_url, engine, make_uow, tmp_path, monkeypatch, capsys):
    """run(*args) -> (exit status, stdout, stderr) of `cashier ...`; the central books are
    `db_url` (seeded with payment_books), the laptop is `laptop` in tmp_path."""
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    seed_books(make_uow)
    monkeypatch.setenv("CASHIER_CONFIG", str(tmp_path / "settings.toml"))

    def run(*args: str):
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run


def _laptop(tmp_path, run, code: str = "C01") -> str:
    url = f"sqlite:///{tmp_path / (code + '.db')}"
    assert run("--db", url, "db", "upgrade")[0] == 0
    status, out, _ = run("--db", url, "device", "init", "--code", code, "--name", "张三的笔记本",
                         "--request", str(tmp_path / "request.json"))  # fmt: skip
    assert status == 0 and "C01" in out
    return url


def test_a_laptop_works_through_bundle_files(cli, db_url, tmp_path, monkeypatch):
    run = cli
    laptop = _laptop(tmp_path, run)
    answer = tmp_path / "answer.json"
    assert run("--db", db_url, "device", "register", "--request", str(tmp_path / "request.json"),
               "--answer", str(answer))[0] == 0  # fmt: skip
    assert run("--db", laptop, "device", "accept", str(answer))[0] == 0
    work = tmp_path / "work.cbundle"
    status, out, _ = run("--db", db_url, "device", "checkout", "--estate", "幸福小区",
                         "--device", "C01", "--bundle", str(work))  # fmt: skip
    assert status == 0 and "4 户" in out
    status, out, _ = run("--db", laptop, "device", "load-bundle", str(work))
    assert status == 0 and "4 户" in out
    monkeypatch.setenv("CASHIER_COUNTER", "A01")  # the laptop numbers as C01 all the same
    assert run("--db", laptop, "shift", "open")[0] == 0
    assert run("--db", laptop, "pay", "T-0001", "--cash", "100")[0] == 0
    status, out, _ = run("--db", laptop, "device", "status")
    assert "待同步记录 2 条" in out
    upload, back = tmp_path / "up.cbundle", tmp_path / "back.cbundle"
    assert run("--db", laptop, "device", "sync", "--bundle", str(upload))[0] == 0
    status, first, _ = run("--db", db_url, "device", "import-bundle", str(upload),
                           "--answer", str(back))  # fmt: skip
    assert status == 0 and "上传：2 条" in first
    status, again, _ = run("--db", db_url, "device", "import-bundle", str(upload),
                           "--answer", str(back))  # fmt: skip
    assert status == 0 and "已导入过" in again
    assert run("--db", laptop, "device", "load-bundle", str(back))[0] == 0
    assert "待同步记录 0 条" in run("--db", laptop, "device", "status")[1]
    status, out, _ = run("--db", db_url, "verify")
    assert status == 0
    with uow_factory(make_engine(db_url))() as uow:
        assert uow.journal.counter("C01").last_seq == 2


def test_a_tampered_upload_bundle_fails_the_command(cli, db_url, tmp_path, monkeypatch):
    import gzip
    import json

    run = cli
    laptop = _laptop(tmp_path, run)
    assert run("--db", db_url, "device", "register", "--device", laptop)[0] == 0
    assert run("--db", db_url, "device", "checkout", "--all", "--to", laptop)[0] == 0
    monkeypatch.setenv("CASHIER_COUNTER", "C01")
    run("--db", laptop, "shift", "open")
    run("--db", laptop, "pay", "T-0002", "--cash", "50")
    upload = tmp_path / "up.cbundle"
    run("--db", laptop, "device", "sync", "--bundle", str(upload))
    data = json.loads(gzip.decompress(upload.read_bytes()))
    data["records"][1]["data"]["amount_fen"] = 500
    upload.write_bytes(gzip.compress(json.dumps(data).encode()))
    status, _, err = run("--db", db_url, "device", "import-bundle", str(upload),
                         "--answer", str(tmp_path / "no.cbundle"))  # fmt: skip
    assert status == 1 and "C01-00000002" in err
    status, out, _ = run("--db", laptop, "device", "sync", "--to", db_url)
    assert status == 0 and "上传：2 条" in out
    assert "没有差异" in run("--db", db_url, "device", "flags")[1]
