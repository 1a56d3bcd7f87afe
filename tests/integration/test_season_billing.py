"""Season billing on SQLite and PostgreSQL: tariffs load, season open, lines, frozen tariffs."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from support.billing_seed import SeedAccount, many_accounts, seed_accounts
from support.tariff_files import CHANGCHUN, LANGFANG, next_season

from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.audit import AuditFilter
from cashier.domain.errors import PermissionDenied
from cashier.domain.fees import BillLine, DatedLine
from cashier.domain.tariffs import TariffError
from cashier.services.billing import MissingCategoryTariff, UnknownSeason, open_season
from cashier.services.tariffs import (
    ADDED,
    REPLACED,
    UNCHANGED,
    SeasonAlreadyBilled,
    load_tariffs,
)
from cashier.store.engine import make_engine
from cashier.store.models import Bill, ClosureRecord, TariffVersion
from cashier.store.models import BillLine as LineRow
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory

BILLED_ON = dt.date(2025, 10, 1)


def _open(make_uow, code="2025-2026", **kwargs):
    return open_season(make_uow(), LOCAL_OPERATOR, code, billed_on=BILLED_ON, **kwargs)


def _lines(engine, code="2025-2026"):
    """{account_no: [(kind, amount_fen), ...]} of every bill of the season."""
    query = text(
        "SELECT a.account_no, l.kind, l.amount_fen FROM bill_lines l"
        " JOIN bills b ON b.id = l.bill_id JOIN accounts a ON a.id = b.account_id"
        " JOIN seasons s ON s.id = b.season_id WHERE s.code = :code ORDER BY l.id"
    )
    result: dict[str, list[tuple[str, int]]] = {}
    with engine.connect() as conn:
        for number, kind, amount in conn.execute(query, {"code": code}):
            result.setdefault(number, []).append((kind, amount))
    return result


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_worked_examples_1_to_4_9_10_are_billed_exactly(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(
        engine,
        [
            SeedAccount("EX-01", area="89.56"),
            SeedAccount("EX-02", category="non_residential", area="120.00"),
            SeedAccount("EX-03", low_income=True, area="65.30"),
            SeedAccount("EX-04", area="100", status="suspended"),
            SeedAccount("EX-04L", low_income=True, area="100", status="suspended"),
            SeedAccount("EX-10", area="90", connected_on=dt.date(2026, 1, 1)),
        ],
        season="2025-2026",
    )
    result = _open(make_uow)
    assert (result.billed, result.already, result.skipped, result.cancelled) == (6, 0, 0, False)
    assert _lines(engine) == {
        "EX-01": [("heating", 197_032)],
        "EX-02": [("heating", 456_000)],
        "EX-03": [("heating", 101_215)],
        "EX-04": [("suspension", 44_000)],
        "EX-04L": [("suspension", 0)],
        "EX-10": [("heating", 121_091)],
    }


def test_ceiling_surcharge_example_9(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, CHANGCHUN)
    seed_accounts(engine, [SeedAccount("EX-09", category="non_residential", area="150",
                                       ceiling="3.90")])
    _open(make_uow)
    assert _lines(engine) == {"EX-09": [("heating", 465_000), ("ceiling", 69_750)]}


def test_second_run_bills_only_what_is_missing(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(40), season="2025-2026")
    first = _open(make_uow, batch_size=7)
    before = _lines(engine)
    seed_accounts(engine, [SeedAccount("LATE-1", area="50.00")])
    second = _open(make_uow, batch_size=7)
    after = _lines(engine)
    assert (first.billed, second.billed, second.already) == (40, 1, 40)
    assert {k: v for k, v in after.items() if k != "LATE-1"} == before
    assert after["LATE-1"] == [("heating", 110_000)]
    assert _open(make_uow).billed == 0
    assert _count(engine, Bill) == 41


def test_cancel_keeps_committed_batches_and_a_later_run_completes(engine, make_uow, tmp_path):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(50), season="2025-2026")
    seen = []
    stopped = _open(
        make_uow,
        batch_size=10,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert stopped.cancelled and stopped.billed == 20
    assert seen == [(10, 50), (20, 50)]
    assert _count(engine, Bill) == 20
    rest = _open(make_uow, batch_size=10)
    assert (rest.billed, rest.already, rest.cancelled) == (30, 20, False)
    assert len(_lines(engine)) == 50


def test_a_crash_mid_run_loses_only_the_batch_in_progress(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(30), season="2025-2026")

    def explode(done, _total):
        if done == 20:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        _open(make_uow, batch_size=10, progress=explode)
    assert _count(engine, Bill) == 20
    assert _open(make_uow, batch_size=10).billed == 10


@pytest.fixture
def other_db(db_url, request, tmp_path):
    """A second empty database on the same backend as `engine`."""
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'other.db'}"
    else:
        url = request.getfixturevalue("pg_url_factory")()
    other = make_engine(url)
    create_schema(other)
    yield SimpleNamespace(engine=other, uow=uow_factory(other))
    other.dispose()


def test_interrupted_and_whole_runs_give_the_same_bills(engine, make_uow, other_db):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(60), season="2025-2026")
    _open(make_uow, batch_size=9, cancelled=iter([False, False, True]).__next__)
    _open(make_uow, batch_size=13)
    pieces = _lines(engine)
    other = other_db
    load_tariffs(other.uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(other.engine, many_accounts(60), season="2025-2026")
    open_season(other.uow(), LOCAL_OPERATOR, "2025-2026", billed_on=BILLED_ON)
    assert _lines(other.engine) == pieces


def test_accounts_without_facts_for_the_season_and_closed_accounts_are_not_billed(
    engine, make_uow
):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(
        engine,
        [
            SeedAccount("NEW-1", valid_from=dt.date(2026, 4, 1)),
            SeedAccount("OLD-1"),
            SeedAccount("SHUT-1"),
        ],
    )
    with engine.begin() as conn:
        shut = conn.scalar(text("SELECT id FROM accounts WHERE account_no = 'SHUT-1'"))
        conn.execute(
            insert(ClosureRecord.__table__),
            {"account_id": shut, "closed_on": dt.date(2025, 9, 1), "recorded_by": "0000",
             "recorded_at": dt.datetime(2025, 9, 1, tzinfo=dt.UTC), "reason": "拆迁"},
        )
    result = _open(make_uow)
    assert (result.billed, result.skipped) == (1, 1)
    assert list(_lines(engine)) == ["OLD-1"]


def test_the_newest_facts_valid_by_the_season_end_are_used(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, [SeedAccount("RE-1", area="80.00")])
    with engine.begin() as conn:
        account = conn.scalar(text("SELECT id FROM accounts WHERE account_no = 'RE-1'"))
        for valid_from, centi in ((dt.date(2025, 12, 1), 9000), (dt.date(2026, 4, 1), 10000)):
            conn.execute(
                text(
                    "INSERT INTO account_facts (account_id, valid_from, category, low_income,"
                    " heated_area_centi, billing, recorded_at, recorded_by, reason) VALUES"
                    " (:a, :v, 'residential', false, :c, 'area', :t, '0000', '复测')"
                ),
                {"a": account, "v": valid_from, "c": centi, "t": dt.datetime.now(dt.UTC)},
            )
    _open(make_uow)
    assert _lines(engine) == {"RE-1": [("heating", 198_000)]}


def test_a_category_without_tariff_is_refused_before_billing_anything(engine, make_uow):
    residential_only = LANGFANG.split("[tariff.non_residential]")[0]
    load_tariffs(make_uow(), LOCAL_OPERATOR, residential_only)
    seed_accounts(engine, [SeedAccount("R-1"), SeedAccount("S-1", category="non_residential")])
    with pytest.raises(MissingCategoryTariff, match="非居民"):
        _open(make_uow)
    assert _count(engine, Bill) == 0


def test_unknown_season_is_refused(make_uow):
    with pytest.raises(UnknownSeason, match="2030-2031"):
        _open(make_uow, "2030-2031")


def test_tariff_load_adds_replaces_until_billed_then_refuses(engine, make_uow):
    assert load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG).action == ADDED
    assert load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG).action == UNCHANGED
    dearer = LANGFANG.replace("area_price = 22.00", "area_price = 23.00")
    assert load_tariffs(make_uow(), LOCAL_OPERATOR, dearer).action == REPLACED
    assert load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG).action == REPLACED
    seed_accounts(engine, [SeedAccount("T-1", area="100")])
    _open(make_uow)
    with pytest.raises(SeasonAlreadyBilled, match="已开征"):
        load_tariffs(make_uow(), LOCAL_OPERATOR, dearer)
    with make_uow() as uow:
        assert uow.seasons.get("2025-2026").tariffs["residential"].area_price == 22


def test_a_wrong_key_is_named_with_its_path(make_uow):
    bad = LANGFANG.replace("area_price = 22.00", "area_prise = 22.00")
    with pytest.raises(TariffError, match=r"tariff\.residential\.area_price"):
        load_tariffs(make_uow(), LOCAL_OPERATOR, bad)
    with make_uow() as uow:
        assert uow.seasons.codes() == []


def test_bills_keep_their_amounts_when_the_file_changes_for_another_season(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, [SeedAccount("K-1", area="100"), SeedAccount("K-2", area="89.56")])
    _open(make_uow)
    first = _lines(engine)
    changed = next_season(LANGFANG, price_from="area_price = 22.00", price_to="area_price = 24.00")
    load_tariffs(make_uow(), LOCAL_OPERATOR, changed)
    _open(make_uow, "2026-2027")
    assert _lines(engine) == first == {"K-1": [("heating", 220_000)], "K-2": [("heating", 197_032)]}
    assert _lines(engine, "2026-2027") == {
        "K-1": [("heating", 240_000)],
        "K-2": [("heating", 214_944)],
    }
    assert _count(engine, TariffVersion) == 2
    with make_uow() as uow:
        account = uow.ledger.account("K-1")[0]
        bills = uow.bills.for_account(account)
    assert [b.tariff.tariffs["residential"].area_price for b in bills] == [22, 24]
    assert [b.total_fen for b in bills] == [220_000, 240_000]


def test_one_frozen_tariff_per_distinct_version(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(12), season="2025-2026")
    _open(make_uow, batch_size=5, cancelled=iter([False, True]).__next__)
    _open(make_uow, batch_size=5)
    with engine.connect() as conn:
        versions = conn.execute(select(Bill.tariff_version_id).distinct()).scalars().all()
    assert len(versions) == 1 and _count(engine, TariffVersion) == 1


def test_one_bill_per_account_and_season_is_enforced_by_the_database(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, [SeedAccount("U-1")])
    _open(make_uow)
    with engine.connect() as conn:
        row = conn.execute(select(Bill.__table__)).mappings().one()
    duplicate = {k: v for k, v in row.items() if k != "id"}
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(Bill.__table__), duplicate)


@pytest.mark.parametrize("statement", ["UPDATE bill_lines SET amount_fen = 1", "DELETE FROM bills"])
def test_bills_and_lines_are_never_edited(engine, make_uow, statement):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, [SeedAccount("G-1")])
    _open(make_uow)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))


def test_later_lines_are_posted_with_reason_and_approver(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, [SeedAccount("L-1", area="90")])
    _open(make_uow)
    credit = BillLine("outage_credit", "停热减收", -1_636, "停热30小时，计1天")
    with make_uow() as uow:
        account = uow.ledger.account("L-1")[0]
        posted = uow.bills.add_lines(
            account, "2025-2026", [DatedLine(dt.date(2025, 12, 3), credit, "管网抢修")],
            recorded_by="0007", approved_by="0001",
        )
        uow.commit()
    with engine.connect() as conn:
        row = conn.execute(
            select(LineRow.kind, LineRow.reason, LineRow.approved_by, LineRow.posted_on)
            .where(LineRow.kind == "outage_credit")
        ).one()
    assert posted == 1
    assert tuple(row) == ("outage_credit", "管网抢修", "0001", dt.date(2025, 12, 3))
    with make_uow() as uow:
        bill = uow.bills.get(account, "2025-2026")
    assert bill.total_fen == 198_000 - 1_636


CASHIER = Actor(id=None, staff_no="0101", name="张三", roles=frozenset({"cashier"}))


def test_only_an_administrator_loads_tariffs_and_opens_seasons(engine, make_uow):
    with pytest.raises(PermissionDenied, match="载入热价"):
        load_tariffs(make_uow(), CASHIER, LANGFANG)
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, [SeedAccount("P-1")])
    with pytest.raises(PermissionDenied, match="开征"):
        _open_as(make_uow, CASHIER)
    assert _count(engine, Bill) == 0


def test_tariff_loads_and_season_openings_are_audited(engine, make_uow):
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    load_tariffs(make_uow(), LOCAL_OPERATOR, LANGFANG)
    seed_accounts(engine, many_accounts(3), season="2025-2026")
    _open(make_uow)
    with make_uow() as uow:
        loads = uow.audit.find(AuditFilter(event="tariff_load"), offset=0, limit=10)
        opens = uow.audit.find(AuditFilter(event="season_open"), offset=0, limit=10)
    assert [entry.details for entry in loads] == [{"season": "2025-2026", "action": "added"}]
    assert [(e.staff_no, e.details) for e in opens] == [
        (LOCAL_OPERATOR.staff_no, {"season": "2025-2026", "accounts": 3})
    ]


def _open_as(make_uow, actor):
    return open_season(make_uow(), actor, "2025-2026", billed_on=BILLED_ON)
