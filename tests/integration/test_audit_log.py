"""The hash-chained audit log: appending, reading with permissions, and catching tampering."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace

import pytest
from sqlalchemy import text

from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.audit import AuditFilter, details_text
from cashier.domain.chain import GENESIS_HASH, Anchor, chain_hash
from cashier.domain.errors import PermissionDenied
from cashier.services import audit
from cashier.services.verify import verify_books

CASHIER = Actor(1, "1001", "张三", frozenset({"cashier"}))
ACCOUNTANT = Actor(4, "1004", "赵六", frozenset({"accountant"}))
T0 = dt.datetime(2025, 11, 15, 1, 0, tzinfo=dt.UTC)


def _append(make_uow, count: int, start: dt.datetime = T0) -> None:
    uow = make_uow()
    with uow:
        for n in range(count):
            who = CASHIER if n % 2 == 0 else ACCOUNTANT
            details = {"n": n, "note": "幸福小区"}
            audit.record(uow, who, "reprint", details, now=start + dt.timedelta(minutes=n))
        uow.commit()


def _audit_result(make_uow, anchors=()):
    """The audit log's result among every chain checked by `verify_books`."""
    results = verify_books(make_uow, ACCOUNTANT, anchors)
    [result] = [result for result in results if result.chain == "audit"]
    return result


def _tamper(engine, statement: str) -> None:
    """Change the log the way an attacker with the database would: guards off first."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.exec_driver_sql(statement)


def test_entries_are_numbered_and_chained(make_uow):
    _append(make_uow, 3)
    entries = audit.list_entries(make_uow(), ACCOUNTANT, AuditFilter())
    assert [e.seq for e in entries] == [3, 2, 1]
    prev = GENESIS_HASH
    for entry in reversed(entries):
        assert entry.hash == chain_hash(prev, entry.payload())
        prev = entry.hash
    assert entries[0].recorded_at == T0 + dt.timedelta(minutes=2)
    assert entries[0].details == {"n": 2, "note": "幸福小区"}


def test_an_entry_rolls_back_with_its_transaction(make_uow):
    uow = make_uow()
    with uow:
        audit.record(uow, CASHIER, "reprint")
    assert audit.count_entries(make_uow(), ACCOUNTANT, AuditFilter()) == 0


def test_a_cashier_cannot_read_the_audit_log(make_uow):
    with pytest.raises(PermissionDenied):
        audit.list_entries(make_uow(), CASHIER, AuditFilter())
    with pytest.raises(PermissionDenied):
        verify_books(make_uow, CASHIER)


def test_filters_by_time_user_and_event(make_uow):
    _append(make_uow, 6)
    uow = make_uow()
    with uow:
        audit.record(uow, LOCAL_OPERATOR, "settings_changed", {"key": "company_name"}, now=T0)
        uow.commit()

    def count(**kw) -> int:
        return audit.count_entries(make_uow(), ACCOUNTANT, AuditFilter(**kw))

    assert count() == 7
    assert count(staff_no="1001") == 3
    assert count(event="settings_changed") == 1
    assert count(since=T0 + dt.timedelta(minutes=2), until=T0 + dt.timedelta(minutes=4)) == 2
    beijing = dt.timezone(dt.timedelta(hours=8))
    assert count(since=dt.datetime(2025, 11, 15, 9, 5, tzinfo=beijing)) == 1
    page = audit.list_entries(make_uow(), ACCOUNTANT, AuditFilter(), offset=2, limit=2)
    assert [e.seq for e in page] == [5, 4]


def test_intact_log_verifies(make_uow):
    _append(make_uow, 5)
    result = _audit_result(make_uow)
    assert result.ok and result.records == 5


def test_verify_names_the_first_altered_row(engine, make_uow):
    _append(make_uow, 6)
    _tamper(engine, """UPDATE audit_log SET details = '{"n":99,"note":"x"}' WHERE seq = 3""")
    result = audit.check_audit_chain(make_uow())
    assert not result.ok
    assert result.first_bad_seq == 3
    assert "第 3 条" in result.problem and "record 3" in result.english
    assert result.records == 3


def test_a_rehashed_edit_is_caught_at_the_next_row(engine, make_uow):
    _append(make_uow, 4)
    first, second = reversed(audit.list_entries(make_uow(), ACCOUNTANT, AuditFilter(), offset=2))
    forged = replace(second, details={"n": 1, "note": "改过"})
    digest = chain_hash(first.hash, forged.payload())
    _tamper(
        engine,
        f"UPDATE audit_log SET details = '{details_text(forged.details)}', hash = '{digest}' "
        "WHERE seq = 2",
    )
    assert audit.check_audit_chain(make_uow()).first_bad_seq == 3


def test_a_deleted_row_leaves_a_gap_that_is_named(engine, make_uow):
    _append(make_uow, 5)
    _tamper(engine, "DELETE FROM audit_log WHERE seq = 2")
    result = audit.check_audit_chain(make_uow())
    assert result.first_bad_seq == 2 and "缺少第 2 条" in result.problem


def test_anchors_catch_a_cut_tail(engine, make_uow):
    _append(make_uow, 5)
    anchor = audit.audit_anchor(make_uow())
    assert anchor == Anchor("audit", 5, anchor.hash)
    assert _audit_result(make_uow, [anchor]).ok
    _tamper(engine, "DELETE FROM audit_log WHERE seq >= 4")
    assert audit.check_audit_chain(make_uow()).ok
    result = _audit_result(make_uow, [anchor])
    assert result.first_bad_seq == 5 and "截断" in result.problem


def test_anchor_with_another_hash_shows_rewritten_history(make_uow):
    _append(make_uow, 2)
    result = _audit_result(make_uow, [Anchor("audit", 2, "f" * 64)])
    assert result.first_bad_seq == 2 and "改写" in result.problem
    assert _audit_result(make_uow, [Anchor("journal:A01", 9, "f" * 64)]).ok


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET event = 'sign_out'", "DELETE FROM audit_log"]
)
def test_database_guards_refuse_update_and_delete(engine, make_uow, statement):
    _append(make_uow, 2)
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert audit.check_audit_chain(make_uow()).records == 2


def test_concurrent_writers_keep_one_gapless_chain(make_uow):
    errors: list[Exception] = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                uow = make_uow()
                with uow:
                    audit.record(uow, CASHIER, "reprint", {"writer": n, "i": i})
                    uow.commit()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    result = audit.check_audit_chain(make_uow())
    assert result.ok and result.records == 20
