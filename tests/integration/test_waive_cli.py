"""`cashier waive` on SQLite and PostgreSQL: the approver's password from stdin, the refusals
a user can cause (exit 1, Chinese message), and the waived late fee on the statement."""

from __future__ import annotations

import io
import json

import pytest
from alembic import command
from support.service_world import SEASON, account, build

from cashier.cli import main
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.services.users import add_user
from cashier.store import migrate

PASSWORD = "Approve-2025!"
LATE = "2026-01-30"  # 30 days after the example season's due date


@pytest.fixture
def cli(db_url, engine, make_uow, monkeypatch, capsys):
    """`cashier --db URL ...` on the example season with account A-1 and supervisor 0009."""
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    build(make_uow, [account("A-1", "90.00")])
    add_user(make_uow(), LOCAL_OPERATOR, staff_no="0001", name="管理员", roles=["admin"],
             password=PASSWORD)  # fmt: skip
    add_user(make_uow(), LOCAL_OPERATOR, staff_no="0009", name="李四", roles=["supervisor"],
             password=PASSWORD, must_change_password=False)  # fmt: skip

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _late_fee(cli) -> str:
    code, out, _ = cli("statement", "A-1", "--date", LATE, "--json")
    assert code == 0
    return json.loads(out)["seasons"][0]["late_fee"]


def _waive(cli, amount: str, approver: str = "0009", password: str = PASSWORD):
    return cli(
        "waive", "A-1", "--season", SEASON, "--amount", amount, "--reason", "困难户减免",
        "--approver", approver, "--approver-password-stdin", "--date", LATE,
        stdin=password + "\n",
    )  # fmt: skip


def test_waive_with_the_supervisors_password_from_stdin(cli, tmp_path):
    assert _late_fee(cli) == "118.80"
    code, _, err = _waive(cli, "50", password="wrong-password")
    assert code == 1 and "工号或密码错误" in err
    code, _, err = _waive(cli, "50", approver="0001")
    assert code == 1 and "不是主管" in err
    code, _, err = _waive(cli, "200")
    assert code == 1 and "¥118.80" in err
    assert _late_fee(cli) == "118.80"
    code, out, _ = _waive(cli, "50")
    assert code == 0 and "减免滞纳金 ¥50.00" in out and "批准人 0009 李四" in out
    assert _late_fee(cli) == "68.80"
    exported = tmp_path / "audit.csv"
    code, _, _ = cli("audit", "export", str(exported), "--event", "late_fee_waiver")
    rows = exported.read_text(encoding="utf-8-sig").splitlines()
    assert code == 0 and len(rows) == 2 and "困难户减免" in rows[1] and "0009" in rows[1]


def test_waive_without_a_terminal_asks_for_the_stdin_option(cli):
    code, _, err = cli(
        "waive", "A-1", "--season", SEASON, "--amount", "1", "--reason", "x", "--approver", "0009"
    )
    assert code == 1 and "--approver-password-stdin" in err
