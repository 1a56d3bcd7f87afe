"""The counter from the command line: shift, pay, receipt, void, payments import, anchors and
verify, on SQLite and PostgreSQL, printing to a file: printer."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from alembic import command

from cashier.cli import main
from cashier.domain.actor import LOCAL_OPERATOR
from cashier.services.users import add_user
from cashier.store import migrate
from tests.support.escpos_reader import names, printed_lines, read_escpos
from tests.support.payment_books import seed_books

PASSWORD = "Approve-2025!"


@pytest.fixture
def cli(db_url, engine, make_uow, tmp_path, monkeypatch, capsys):
    """Runs `cashier --db URL ...` with counter A01 printing to a file; returns run(*args)."""
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    seed_books(make_uow)
    add_user(make_uow(), LOCAL_OPERATOR, staff_no="0001", name="管理员", roles=["admin"],
             password=PASSWORD)
    add_user(make_uow(), LOCAL_OPERATOR, staff_no="0009", name="李四", roles=["supervisor"],
             password=PASSWORD, must_change_password=False)
    paper = tmp_path / "paper.bin"
    settings = tmp_path / "settings.toml"
    settings.write_text(f'printer_uri = "file:{paper}"\nprinter_profile = "58"\n'
                        'counter_code = "A01"\n', encoding="utf-8")
    monkeypatch.setenv("CASHIER_CONFIG", str(settings))

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.paper = paper
    return run


def _due(cli, account: str) -> str:
    code, out, _ = cli("statement", account, "--json")
    assert code == 0
    return json.loads(out)["total_due"]


def test_a_day_at_the_counter_from_the_command_line(cli, tmp_path: Path):
    code, _, err = cli("pay", "T-0001", "--cash", "10")
    assert code == 1 and "请先开班" in err
    code, out, _ = cli("shift", "open", "--float", "500")
    assert code == 0 and "A01-00000001" in out
    due = _due(cli, "T-0001")
    code, out, _ = cli("pay", "T-0001", "--cash", due, "--tendered", "5000")
    assert code == 0 and "A01-00000002" in out and "找零" in out
    items = read_escpos(cli.paper.read_bytes())
    assert names(items)[-1] == "ESC p"
    assert "收据号：A01-00000002" in [line.text().strip() for line in printed_lines(items)]
    assert _due(cli, "T-0001") == "0.00"
    code, _, err = cli("pay", "T-0002", "--wechat", "100")
    assert code == 1 and "单号" in err
    code, out, _ = cli("pay", "T-0002", "--wechat", "100:4200000001")
    assert code == 0 and "A01-00000003" in out

    code, out, _ = cli("receipt", "show", "A01-00000002", "--width", "48")
    assert code == 0 and "热费收据" in out and "HR1|A01-00000002|" in out
    code, out, _ = cli("receipt", "reprint", "A01-00000002")
    assert code == 0 and "补打（第1次）" in out
    code, out, _ = cli("receipt", "invoice", "A01-00000003", "--invoice", "04400001")
    assert code == 0 and "04400001" in out


def test_void_import_close_anchors_and_verify(cli, tmp_path: Path):
    cli("shift", "open")
    cli("pay", "T-0004", "--cash", "100")
    code, out, _ = cli("payments", "list", "T-0004")
    assert code == 0 and "A01-00000002" in out and "现金 100.00" in out
    code, _, err = cli("void", "A01-00000002", "--reason", "收错户", "--approver", "0009",
                       "--approver-password-stdin", stdin="wrong\n")
    assert code == 1
    code, out, _ = cli("void", "A01-00000002", "--reason", "收错户", "--approver", "0009",
                       "--approver-password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "作废已入账" in out and "A01-00000003" in out

    bank = tmp_path / "bank.csv"
    bank.write_text("户号,金额,渠道,流水号,日期\nT-0003,300.00,代收,S-1,2025-12-01\n"
                    "X-1,50.00,代收,S-2,2025-12-01\n", encoding="utf-8")
    code, out, _ = cli("payments", "import", str(bank))
    assert code == 0 and "入账 1 笔" in out and "转待查 1 笔" in out
    code, out, _ = cli("payments", "import", str(bank))
    assert code == 0 and "跳过 2 笔" in out
    code, out, _ = cli("payments", "suspense")
    assert "X-1" in out and "待查款项 1 笔" in out

    code, out, _ = cli("shift", "close")
    assert code == 0 and "已结班" in out and "journal:A01" in out
    anchors = tmp_path / "anchors.json"
    assert cli("journal", "anchors", "--out", str(anchors))[0] == 0
    assert {a["chain"] for a in json.loads(anchors.read_text())["anchors"]} == {
        "journal:A01", "journal:AGENT",
    }
    code, out, _ = cli("verify", "--anchors", str(anchors))
    assert code == 0 and "收费日记账：5 条记录，完好" in out


def test_receipt_check_from_the_command_line(cli):
    cli("shift", "open")
    cli("pay", "T-0004", "--cash", "100")
    code, out, _ = cli("receipt", "show", "A01-00000002")
    payload = next(line for line in out.splitlines() if "HR1|" in line).split()[-1].strip("]")
    assert payload.startswith("HR1|A01-00000002|10000|")
    code, out, _ = cli("receipt", "check", payload)
    assert code == 0 and "真实有效" in out
    code, out, _ = cli("receipt", "check", payload.replace("|10000|", "|90000|"))
    assert code == 1 and "金额" in out
    code, _, err = cli("receipt", "check", "not a code")
    assert code == 1 and "不是本系统的收据二维码" in err
