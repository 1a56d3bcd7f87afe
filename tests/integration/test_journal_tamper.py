"""Tampering with the journal through raw SQL, as someone holding the database file would:
drop the guard triggers (and unique indexes where needed), then edit, delete, insert, reorder,
duplicate or truncate. `cashier verify` must name the first bad entry each time; a tail cut
off cleanly (counter row rewritten too) is caught by the anchors exported before."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from alembic import command
from sqlalchemy import insert, select, text

from cashier.cli import main
from cashier.domain.chain import parse_anchors
from cashier.domain.journal import EntryDetails, JournalEntry, seal
from cashier.services.journal_verify import check_journals, export_anchors
from cashier.services.shifts import close_shift
from cashier.store import migrate
from cashier.store.guards import drop_guards
from cashier.store.models import JournalRow
from cashier.store.repositories.journal import ENTRY_COLUMNS, entry_from_row
from tests.support.payment_books import (
    CASHIER,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

NOV_10 = dt.date(2025, 11, 10)
ACCOUNTS = ["T-0001", "T-0002", "T-0003", "T-0004"]


@pytest.fixture
def journal(make_uow, engine):
    """A01: 1 shift open, 4 payments, shift close (anchored at 6), shift open, 4 payments (11)."""
    seed_books(make_uow)
    station = station_at(NOV_10)
    start_shift(make_uow, station)
    for number in ACCOUNTS:
        pay(make_uow, station, number, cash(10000))
    close_shift(make_uow(), CASHIER, station, client_uuid=new_uuid())
    start_shift(make_uow, station)
    for number in ACCOUNTS:
        pay(make_uow, station, number, cash(20000))
    assert check_journals(make_uow()).ok
    with engine.begin() as conn:
        drop_guards(conn, ["journal_entries"])
    return make_uow


def _sql(engine, statement: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def _drop_unique(engine) -> None:
    for name in ("uq_journal_entries_counter_seq", "uq_journal_entries_uuid"):
        _sql(engine, f"DROP INDEX {name}")


def _row(engine, seq: int):
    table = JournalRow.__table__
    with engine.connect() as conn:
        return conn.execute(
            select(*ENTRY_COLUMNS).where(table.c.counter_code == "A01", table.c.seq == seq)
        ).one()


def _insert(engine, values: dict) -> None:
    with engine.begin() as conn:
        conn.execute(insert(JournalRow.__table__).values(
            {k: v for k, v in values.items() if k != "id"}
        ))


def _first_problem(make_uow, anchors=()) -> tuple[int | None, str]:
    result = check_journals(make_uow(), anchors)
    return result.first_bad_seq, result.problem or ""


def test_untouched_journal_verifies(journal):
    seq, problem = _first_problem(journal)
    assert (seq, problem) == (None, "")
    assert check_journals(journal()).records == 11


def test_edited_amount_is_named(journal, engine):
    _sql(engine, "UPDATE journal_entries SET amount_fen = 1000000 WHERE seq = 4")
    seq, problem = _first_problem(journal)
    assert seq == 4 and "A01-00000004" in problem and "被改动" in problem


def test_deleted_entry_is_named(journal, engine):
    _sql(engine, "DELETE FROM journal_entries WHERE seq = 4")
    seq, problem = _first_problem(journal)
    assert seq == 4 and "缺少第 4 号" in problem and "被删除" in problem


def test_inserted_entry_is_named_even_with_a_correct_hash_of_its_own(journal, engine):
    _drop_unique(engine)
    _sql(engine, "UPDATE journal_entries SET seq = seq + 1000 WHERE seq >= 4")
    _sql(engine, "UPDATE journal_entries SET seq = seq - 999 WHERE seq >= 1000")
    third, fourth = entry_from_row(_row(engine, 3)), entry_from_row(_row(engine, 5))
    forged = seal(dataclasses.replace(fourth, uuid=new_uuid(), seq=4, amount_fen=1), third.hash)
    _insert(engine, dict(_row(engine, 5)._mapping) | {"uuid": forged.uuid, "seq": 4,
                                                       "amount_fen": 1, "hash": forged.hash})
    seq, problem = _first_problem(journal)
    assert seq == 5 and "A01-00000005" in problem


def test_reordered_entries_are_named(journal, engine):
    _drop_unique(engine)
    _sql(engine, "UPDATE journal_entries SET seq = 99 WHERE seq = 4")
    _sql(engine, "UPDATE journal_entries SET seq = 4 WHERE seq = 5")
    _sql(engine, "UPDATE journal_entries SET seq = 5 WHERE seq = 99")
    seq, problem = _first_problem(journal)
    assert seq == 4 and "A01-00000004" in problem


def test_duplicated_entry_is_named(journal, engine):
    _drop_unique(engine)
    _insert(engine, dict(_row(engine, 4)._mapping))
    seq, problem = _first_problem(journal)
    assert seq == 4 and "重复出现" in problem


def test_truncated_tail_is_caught_by_the_counter_head_then_by_exported_anchors(journal, engine):
    anchors = parse_anchors(export_anchors(journal()))
    _sql(engine, "DELETE FROM journal_entries WHERE seq > 9")
    seq, problem = _first_problem(journal)
    assert seq == 10 and "末尾的记录被删除" in problem
    head = _row(engine, 9)
    _sql(engine, "UPDATE counters SET last_seq = 9, head_hash = :h WHERE code = 'A01'",
         h=head.hash)
    assert _first_problem(journal) == (None, "")
    seq, problem = _first_problem(journal, anchors)
    assert seq == 10 and "被截掉" in problem


def test_a_rewritten_history_fails_the_anchor_stored_at_shift_close(journal, engine):
    rows = [entry_from_row(_row(engine, seq)) for seq in range(1, 12)]
    prev = None
    for entry in rows:
        changed = dataclasses.replace(entry, amount_fen=0) if entry.seq == 3 else entry
        resealed = seal(changed, prev)
        _sql(engine, "UPDATE journal_entries SET amount_fen = :a, prev_hash = :p, hash = :h "
             "WHERE counter_code = 'A01' AND seq = :s", a=resealed.amount_fen,
             p=resealed.prev_hash, h=resealed.hash, s=entry.seq)
        prev = resealed.hash
    _sql(engine, "UPDATE counters SET head_hash = :h WHERE code = 'A01'", h=prev)
    seq, problem = _first_problem(journal)
    assert seq == 6 and "锚点" in problem


def test_cashier_verify_exits_1_naming_the_entry(journal, engine, db_url, tmp_path, capsys):
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")
    anchors = tmp_path / "anchors.json"
    assert main(["--db", db_url, "journal", "anchors", "--out", str(anchors)]) == 0
    assert main(["--db", db_url, "verify", "--anchors", str(anchors)]) == 0
    assert "收费日记账：11 条记录，完好" in capsys.readouterr().out
    _sql(engine, "UPDATE journal_entries SET amount_fen = 1 WHERE seq = 7")
    assert main(["--db", db_url, "verify", "--anchors", str(anchors)]) == 1
    out = capsys.readouterr().out
    assert "A01-00000007" in out and "校验未通过" in out


def test_guards_refuse_update_and_delete_of_journal_rows(make_uow, engine):
    seed_books(make_uow)
    station = station_at(NOV_10)
    start_shift(make_uow, station)
    pay(make_uow, station, "T-0001", cash(10000))
    close_shift(make_uow(), CASHIER, station, client_uuid=new_uuid())
    for statement in (
        "UPDATE journal_entries SET amount_fen = 1",
        "DELETE FROM journal_entries",
        "UPDATE journal_anchors SET seq = 1",
    ):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert check_journals(make_uow()).ok


def test_entries_stored_out_of_number_order_still_verify(make_uow, engine):
    """An offline laptop may sync its entries late and out of order: not tampering."""
    entries, prev = [], None
    for seq in range(1, 7):
        entry = seal(dataclasses.replace(_SYNCED, uuid=new_uuid(), seq=seq), prev)
        entries.append(entry)
        prev = entry.hash
    with make_uow() as uow:
        uow.journal.lock_counter("L01")
        for entry in [entries[3], entries[0], entries[5], entries[1], entries[4], entries[2]]:
            uow.journal.append(entry)
        _sql_in(uow, entries[-1])
        uow.commit()
    result = check_journals(make_uow())
    assert result.ok and result.records == 6
    with engine.begin() as conn:
        drop_guards(conn, ["journal_entries"])
    _sql(engine, "UPDATE journal_entries SET amount_fen = 5 WHERE counter_code = 'L01' AND seq = 2")
    result = check_journals(make_uow())
    assert result.first_bad_seq == 2 and "L01-00000002" in result.problem


def _sql_in(uow, last) -> None:
    """Point the counter at its real last entry (append moved it to the last one stored)."""
    uow.session.execute(
        text("UPDATE counters SET last_seq = :s, head_hash = :h WHERE code = 'L01'"),
        {"s": last.seq, "h": last.hash},
    )


_TAKEN = dt.datetime(2025, 11, 10, 1, 0, tzinfo=dt.UTC)
_SYNCED = JournalEntry(
    uuid="", counter="L01", seq=0, kind="payment", business_date=NOV_10, value_date=NOV_10,
    taken_at=_TAKEN, device_time="2025-11-10T09:00:00+08:00", staff_no="0020",
    staff_name="上门收费员", shift_seq=None, account_no="T-0001", amount_fen=100,
    applied_fen=100, channel="cash", reverses=None, body=EntryDetails().to_body(),
)
