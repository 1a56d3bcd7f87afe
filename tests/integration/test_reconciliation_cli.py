"""From the command line, on SQLite and PostgreSQL: a shift closed with a blind count and its Z
report as PDF, the signing key, the day close, and `cashier verify --anchors` catching a
journal cut short with raw SQL, and an anchors file edited after signing."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from cashier.cli import main
from cashier.domain.journal import CHINA
from cashier.store import migrate
from cashier.store.guards import drop_guards
from tests.support.payment_books import seed_books


@pytest.fixture
def cli(db_url, engine, make_uow, tmp_path, monkeypatch, capsys):
    """Runs `cashier --db URL ...` at counter A01 without a printer; returns run(*args)."""
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    seed_books(make_uow)
    settings = tmp_path / "settings.toml"
    settings.write_text('counter_code = "A01"\n', encoding="utf-8")
    monkeypatch.setenv("CASHIER_CONFIG", str(settings))

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout


def _shift(cli, amounts: list[str], count: str, pdf: Path | None = None) -> str:
    assert cli("shift", "open", "--float", "500")[0] == 0
    for amount in amounts:
        assert cli("pay", "T-0001", "--cash", amount)[0] == 0
    extra = ["--pdf", str(pdf)] if pdf else []
    code, out, err = cli("zreport", "close", "--cash", count, *extra)
    assert code == 0, err
    return out


def test_a_blind_count_close_prints_the_z_report_and_writes_its_pdf(cli, tmp_path):
    pdf = tmp_path / "z.pdf"
    code, _, err = cli("zreport", "close", "--cash", "100x1")
    assert code == 1 and "没有开着的班次" in err
    out = _shift(cli, ["100", "200"], "100x7,50x2", pdf)
    assert "结班报表" in out and re.search(r"现金合计 +￥800\.00", out)
    page = _pdf_text(pdf)
    for expected in ("结班报表", "按支付方式", "¥800.00", "¥300.00", "累计收款", "锚点"):
        assert expected in page
    code, out, err = cli("zreport", "close", "--cash", "100x7")
    assert code == 1 and "没有开着的班次" in err


def test_a_difference_from_the_command_line_needs_a_reason(cli):
    assert cli("shift", "open", "--float", "500")[0] == 0
    assert cli("pay", "T-0001", "--cash", "100")[0] == 0
    code, _, err = cli("zreport", "close", "--cash", "100x5")
    assert code == 1 and "原因" in err
    assert cli("reconcile", "threshold", "100")[0] == 0
    code, out, _ = cli("zreport", "close", "--cash", "100x5")
    assert code == 0 and "-￥100.00" in out


def _cut_tail(engine, keep_seq: int) -> None:
    """What someone holding the database would do: drop the guards, delete A01's entries
    after `keep_seq`, point the counter at the new end and drop the anchors beyond it."""
    with engine.begin() as conn:
        drop_guards(conn, ["journal_entries", "journal_anchors", "day_closes"])
    with engine.begin() as conn:
        head = conn.execute(
            text("SELECT hash FROM journal_entries WHERE counter_code='A01' AND seq=:s"),
            {"s": keep_seq},
        ).scalar_one()
        conn.execute(text("DELETE FROM journal_entries WHERE counter_code='A01' AND seq>:s"),
                     {"s": keep_seq})
        conn.execute(text("UPDATE counters SET last_seq=:s, head_hash=:h WHERE code='A01'"),
                     {"s": keep_seq, "h": head})
        conn.execute(text("DELETE FROM journal_anchors WHERE seq>:s"), {"s": keep_seq})
        conn.execute(text("DELETE FROM day_closes"))


def test_verify_with_the_days_signed_anchors_catches_a_truncated_journal(cli, engine, tmp_path):
    _shift(cli, ["100", "200"], "100x8")
    _shift(cli, ["300"], "100x8")
    key, anchors = tmp_path / "keys" / "anchors.pem", tmp_path / "day.json"
    code, out, _ = cli("keys", "generate", str(key))
    assert code == 0 and key.is_file() and Path(f"{key}.pub").is_file()
    assert cli("keys", "generate", str(key))[0] == 1
    yesterday = (dt.datetime.now(CHINA).date() - dt.timedelta(days=1)).isoformat()
    code, out, err = cli("day", "close", "--date", yesterday, "--key", str(key),
                         "--out", str(anchors))
    assert code == 0, err
    code, out, _ = cli("verify", "--anchors", str(anchors))
    assert code == 0 and "签名正确" in out and "校验通过" in out
    _cut_tail(engine, keep_seq=5)
    assert cli("verify")[0] == 0, "without the anchors file a clean cut goes unnoticed"
    code, out, _ = cli("verify", "--anchors", str(anchors))
    assert code == 1 and "A01" in out and "校验未通过" in out


def test_an_anchors_file_edited_after_signing_is_refused(cli, tmp_path):
    _shift(cli, ["100"], "100x6")
    key, anchors = tmp_path / "anchors.pem", tmp_path / "day.json"
    assert cli("keys", "generate", str(key))[0] == 0
    yesterday = (dt.datetime.now(CHINA).date() - dt.timedelta(days=1)).isoformat()
    code, _, _ = cli("day", "close", "--date", yesterday, "--key", str(key), "--out", str(anchors))
    assert code == 0
    data = json.loads(anchors.read_text(encoding="utf-8"))
    data["anchors"][0]["seq"] -= 1
    anchors.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli("verify", "--anchors", str(anchors))
    assert code == 1 and "签名不正确" in err
