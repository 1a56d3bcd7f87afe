"""The command line for operators, verify, the audit log, backup and restore."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from openpyxl import load_workbook

from cashier import cli
from cashier.store import migrate
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema

PW = "幸福小区2025"


def _database(url: str) -> str:
    """A database with the models' schema, stamped at the newest revision."""
    engine = make_engine(url)
    create_schema(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    engine.dispose()
    return url


@pytest.fixture
def db(sqlite_url: str) -> str:
    return _database(sqlite_url)


def run(db: str, *argv: str, stdin: str = "", monkeypatch=None) -> int:
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["--db", db, *argv])


def _add(db, monkeypatch, staff_no, name, *roles) -> int:
    role_args = [arg for role in roles for arg in ("--role", role)]
    return run(
        db, "users", "add", "--staff-no", staff_no, "--name", name, *role_args,
        "--password-stdin", stdin=PW + "\n", monkeypatch=monkeypatch,
    )


def _sqlite_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _tamper_file(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute(statement)
    conn.close()


def test_first_user_added_on_the_command_line_must_be_an_admin(db, monkeypatch, capsys):
    assert _add(db, monkeypatch, "1001", "张三", "cashier") == 1
    assert "第一个操作员必须是管理员" in capsys.readouterr().err
    assert _add(db, monkeypatch, "0001", "周八", "admin") == 0
    assert _add(db, monkeypatch, "1001", "张三", "cashier", "会计") == 0
    assert "首次登录须修改密码" in capsys.readouterr().out
    assert run(db, "users", "list") == 0
    listing = capsys.readouterr().out
    assert "0001\t周八\t管理员\t正常" in listing
    assert "1001\t张三\t收费员、会计\t须改密码" in listing


def test_disable_enable_roles_and_reset_password(db, monkeypatch, capsys):
    _add(db, monkeypatch, "0001", "周八", "admin")
    _add(db, monkeypatch, "1001", "张三", "cashier")
    assert run(db, "users", "disable", "1001") == 0
    assert run(db, "users", "list") == 0
    assert "1001\t张三\t收费员\t停用" in capsys.readouterr().out
    assert run(db, "users", "enable", "1001") == 0
    assert run(db, "users", "roles", "1001", "--role", "supervisor") == 0
    assert run(db, "users", "reset-password", "1001", "--password-stdin",
               stdin="short\n", monkeypatch=monkeypatch) == 1
    assert "至少需要 8 个字符" in capsys.readouterr().err
    assert run(db, "users", "reset-password", "1001", "--password-stdin",
               stdin="temporary-1\n", monkeypatch=monkeypatch) == 0
    assert run(db, "users", "disable", "9999") == 1
    assert "没有工号为 9999" in capsys.readouterr().err


def test_password_typed_twice_must_match(db, monkeypatch, capsys):
    answers = iter(["secret-one", "secret-two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    assert cli.main(["--db", db, "users", "add", "--staff-no", "0001", "--name", "周八",
                     "--role", "admin"]) == 1
    assert "两次输入的密码不一致" in capsys.readouterr().err


def test_verify_names_the_first_altered_audit_row(db, monkeypatch, capsys):
    for staff_no, name in (("0001", "周八"), ("1001", "张三"), ("1002", "李四")):
        _add(db, monkeypatch, staff_no, name, "admin")
    assert run(db, "verify") == 0
    assert "审计日志：3 条记录，完好" in capsys.readouterr().out
    _tamper_file(_sqlite_file(db), "UPDATE audit_log SET actor_name = '王五' WHERE seq = 2")
    assert run(db, "verify") == 1
    out = capsys.readouterr().out
    assert "审计日志第 2 条记录" in out and "record 2" in out and "校验未通过" in out


def test_anchors_catch_a_cut_tail(db, monkeypatch, capsys, tmp_path):
    for staff_no in ("0001", "0002", "0003"):
        _add(db, monkeypatch, staff_no, "周八", "admin")
    capsys.readouterr()
    assert run(db, "audit", "anchors") == 0
    anchors = tmp_path / "anchors.json"
    anchors.write_text(capsys.readouterr().out, encoding="utf-8")
    assert run(db, "verify", "--anchors", str(anchors)) == 0
    _tamper_file(_sqlite_file(db), "DELETE FROM audit_log WHERE seq = 3")
    assert run(db, "verify") == 0
    assert run(db, "verify", "--anchors", str(anchors)) == 1
    assert "截断" in capsys.readouterr().out
    anchors.write_text("{", encoding="utf-8")
    assert run(db, "verify", "--anchors", str(anchors)) == 1


def test_audit_export_csv_and_xlsx(db, monkeypatch, capsys, tmp_path):
    _add(db, monkeypatch, "0001", "周八", "admin")
    _add(db, monkeypatch, "1001", "张三", "cashier")
    out_csv = tmp_path / "audit.csv"
    assert run(db, "audit", "export", str(out_csv), "--event", "user_added") == 0
    lines = out_csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("序号,时间,工号,姓名,事件")
    assert len(lines) == 3 and "新增操作员" in lines[1] and "张三" in lines[1]
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    out_xlsx = tmp_path / "audit.xlsx"
    assert run(db, "audit", "export", str(out_xlsx), "--from", "2000-01-01") == 0
    rows = list(load_workbook(out_xlsx).active.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and rows[1][5] == "audit_export"
    assert run(db, "audit", "export", str(tmp_path / "audit.txt")) == 1
    assert run(db, "audit", "export", str(out_csv), "--to", "1999-12-31") == 0
    assert len(out_csv.read_text(encoding="utf-8-sig").splitlines()) == 1


def test_backup_then_restore_puts_the_copy_back(db, monkeypatch, capsys, tmp_path):
    _add(db, monkeypatch, "0001", "周八", "admin")
    copy = tmp_path / "backup.db"
    assert run(db, "backup", str(copy)) == 0
    assert "完整性检查通过" in capsys.readouterr().out
    assert run(db, "backup", str(copy)) == 1
    _add(db, monkeypatch, "1001", "张三", "cashier")
    assert run(db, "restore", str(copy)) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "原数据库已另存为" in out
    assert run(db, "users", "list") == 0
    listing = capsys.readouterr().out
    assert "0001" in listing and "1001" not in listing
    assert list(tmp_path.glob("test.db.before-restore-*.bak"))
    assert run(db, "verify") == 0


def test_restore_refuses_a_tampered_or_foreign_file_and_changes_nothing(
    db, monkeypatch, capsys, tmp_path
):
    _add(db, monkeypatch, "0001", "周八", "admin")
    _add(db, monkeypatch, "1001", "张三", "cashier")
    copy = tmp_path / "backup.db"
    assert run(db, "backup", str(copy)) == 0
    _tamper_file(copy, "UPDATE audit_log SET event = 'sign_in' WHERE seq = 1")
    _add(db, monkeypatch, "1002", "李四", "cashier")
    capsys.readouterr()
    assert run(db, "restore", str(copy)) == 1
    assert "未通过校验" in capsys.readouterr().err
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    assert run(db, "restore", str(foreign)) == 1
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert run(db, "restore", str(garbage)) == 1
    assert run(db, "restore", str(tmp_path / "missing.db")) == 1
    assert run(db, "users", "list") == 0
    assert "1002" in capsys.readouterr().out


def test_db_roles_on_sqlite_reports_the_guard_triggers(db, capsys):
    assert run(db, "db", "roles") == 0
    assert "触发器齐全" in capsys.readouterr().out


def test_backup_of_postgres_explains_pg_dump(pg_url_factory, capsys, tmp_path):
    db = _database(pg_url_factory())
    assert run(db, "backup", str(tmp_path / "x.db")) == 1
    err = capsys.readouterr().err
    assert "pg_dump -Fc" in err and "pg_restore" in err
    assert not (tmp_path / "x.db").exists()
