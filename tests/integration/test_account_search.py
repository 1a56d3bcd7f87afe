"""Account search on SQLite and PostgreSQL, checked against a plain-Python reading of the rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, insert, select, update

from cashier.domain.accounts import BillingFacts
from cashier.domain.actor import LOCAL_OPERATOR, Actor
from cashier.domain.errors import PermissionDenied
from cashier.domain.registration import Address, NewAccount
from cashier.domain.search import ACCOUNT_NO, NAME, PHONE, SUBSTRING, plan_search
from cashier.services.demo_data import demo_accounts
from cashier.services.search import search_accounts
from cashier.store.base import Base
from cashier.store.models import Account
from cashier.store.schema import install_extras
from cashier.store.search_index import drop_search_index, include_object, is_search_object

FACTS = BillingFacts(category="residential", low_income=False, heated_area=Decimal("80.00"))


def _account(no, name, phone, estate, building, unit, room) -> NewAccount:
    return NewAccount(no, name, phone, Address(estate, building, unit, room), FACTS)


SPECIAL = [
    _account("A-0001", "张三", "13900001111", "幸福小区", "3", "2", "502"),
    _account("A-0002", "李张三", "13900002222", "幸福小区", "3号楼", "", "101"),
    _account("A-0003", "张三丰", "+86-139-0000-3333", "和平家园", "12", "1单元", "1102"),
    _account("a-0004", "百分_百%便利店", "0000-1234567", "锦绣华庭", "A座", "", "底商3"),
    _account("A-0005", '王"引号"', "", "幸福小区", "30", "4", "1801"),
    _account("139000", "赵六", "13900006666", "翠园", "1", "1", "101"),
    _account("C-7", "商铺A-0001", "", "翠园", "2", "", "底商1"),
]

QUERIES = [
    "A-0001", "A-000", "a-000", "HP-01", "HP-0100001", "139000", "1390000", "+86-139",
    "张三", "张", "张三丰", "李张", "幸福小区", "幸福小区3号楼", "3号楼2单元", "小区3号楼",
    "幸福 502", "幸福小区 101", "子涵", "便利", "_百%", "%", '"引号"', "1234567", "3333",
    "小区 3", "3 幸福", "和平家园12号楼1单元1102",
]


@pytest.fixture
def accounts(make_uow) -> list[NewAccount]:
    everyone = SPECIAL + list(demo_accounts(400, seed=7))
    insert_accounts(make_uow, everyone)
    return everyone


def insert_accounts(make_uow, accounts: list[NewAccount]) -> None:
    """Store the accounts' rows (no facts: search reads only the accounts table)."""
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"account_no": a.account_no, "name": a.name, "phone": a.phone,
         "estate": a.address.estate, "building": a.address.building, "unit": a.address.unit,
         "room": a.address.room, "contract_no": "", "created_at": now}
        for a in accounts
    ]
    with make_uow() as uow:
        uow.session.execute(insert(Account), rows)
        uow.commit()


def _haystack(a: NewAccount) -> str:
    return f"{a.name}|{a.address.display()}|{a.phone}|{a.account_no}|"


def _contains(a: NewAccount, term: str) -> bool:
    return term.lower() in _haystack(a).lower()


TIER_MATCH = {
    ACCOUNT_NO: lambda a, q: a.account_no.startswith(q),
    PHONE: lambda a, q: a.phone.startswith(q),
    NAME: lambda a, q: a.name.startswith(q),
}
TIER_ORDER = {
    ACCOUNT_NO: lambda a, ids: (a.account_no, ids[a.account_no]),
    PHONE: lambda a, ids: (a.phone, ids[a.account_no]),
    NAME: lambda a, ids: (a.name, ids[a.account_no]),
    SUBSTRING: lambda a, ids: (ids[a.account_no],),
}


def _expected(accounts: list[NewAccount], ids: dict[str, int], text: str) -> list[str]:
    """Account numbers in the order the rules list them (domain/search.py)."""
    plan = plan_search(text)
    if plan is None:
        return []
    listed: list[str] = []
    exact = any(a.account_no == plan.text or a.phone == plan.text for a in accounts)
    for tier in plan.tiers:
        if tier == SUBSTRING and exact and ({ACCOUNT_NO, PHONE} & set(plan.tiers)):
            break
        if tier == SUBSTRING:
            found = [a for a in accounts if all(_contains(a, t) for t in plan.terms)]
        else:
            found = [a for a in accounts if TIER_MATCH[tier](a, plan.text)]
        fresh = [a for a in found if a.account_no not in listed]
        listed += [a.account_no for a in sorted(fresh, key=lambda a: TIER_ORDER[tier](a, ids))]
    return listed


def _all_pages(make_uow, text: str, limit: int) -> list[str]:
    listed, after = [], None
    while True:
        page = search_accounts(make_uow(), LOCAL_OPERATOR, text, after=after, limit=limit)
        assert len(page.hits) <= limit
        listed += [hit.account_no for hit in page.hits]
        if page.next is None:
            return listed
        after = page.next


def _first_page(make_uow, text: str) -> list[str]:
    return [hit.account_no for hit in search_accounts(make_uow(), LOCAL_OPERATOR, text).hits]


def _ids(make_uow) -> dict[str, int]:
    with make_uow() as uow:
        return dict(uow.session.execute(select(Account.account_no, Account.id)).all())


def test_every_query_lists_what_the_rules_say_in_their_order(make_uow, accounts):
    ids = _ids(make_uow)
    for text in QUERIES:
        assert _all_pages(make_uow, text, limit=500) == _expected(accounts, ids, text), text


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_paging_gives_the_same_list_as_one_page(make_uow, accounts, limit):
    for text in ("幸福小区3号楼", "张", "A-000", "139000", "子涵"):
        assert _all_pages(make_uow, text, limit) == _all_pages(make_uow, text, 1000), text


def test_a_query_that_matches_many_stops_at_the_limit(make_uow, accounts):
    page = search_accounts(make_uow(), LOCAL_OPERATOR, "HP-0", limit=10)
    assert len(page.hits) == 10 and page.next is not None
    assert [h.account_no for h in page.hits] == sorted(h.account_no for h in page.hits)


def test_special_queries_find_the_fictional_households(make_uow, accounts):
    def first(text):
        return _first_page(make_uow, text)

    assert first("A-0001")[0] == "A-0001"
    assert first("张三")[:2] == ["A-0001", "A-0003"]  # name prefix first, then 李张三
    assert "A-0002" in first("张三")
    assert first("_百%") == ["a-0004"]  # LIKE wildcards are literal
    assert first('"引号"') == ["A-0005"]
    assert first("3号楼2单元") == ["A-0001"]
    hit = search_accounts(make_uow(), LOCAL_OPERATOR, "1102").hits[0]
    assert hit.address == Address("和平家园", "12", "1单元", "1102")


def test_an_exact_number_lists_its_account_not_other_fields_holding_it(make_uow, accounts):
    assert _first_page(make_uow, "A-0001") == ["A-0001"]
    assert _first_page(make_uow, "13900006666") == ["139000"]
    assert "C-7" in _first_page(make_uow, "A-000")  # not exact: substrings are listed
    assert "C-7" in _first_page(make_uow, "铺A-0001")


def test_a_renamed_account_is_found_by_its_new_name_only(make_uow, accounts):
    with make_uow() as uow:
        uow.session.execute(
            update(Account).where(Account.account_no == "A-0003").values(name="钱七七", phone="")
        )
        uow.commit()
    assert _first_page(make_uow, "钱七七") == ["A-0003"]
    assert "A-0003" not in _first_page(make_uow, "张三丰")
    assert search_accounts(make_uow(), LOCAL_OPERATOR, "0000-3333").hits == ()


def test_a_deleted_account_is_no_longer_found(make_uow, accounts):
    with make_uow() as uow:
        uow.session.execute(delete(Account).where(Account.account_no == "139000"))
        uow.commit()
    assert "139000" not in _first_page(make_uow, "赵六")
    assert search_accounts(make_uow(), LOCAL_OPERATOR, "13900006666").hits == ()


def test_index_added_to_a_database_with_accounts_covers_them(engine, make_uow):
    with engine.begin() as conn:
        drop_search_index(conn)
    insert_accounts(make_uow, [_account("B-1", "孙八", "", "春晖苑", "2", "", "301")])
    with engine.begin() as conn:
        install_extras(conn)
    assert _first_page(make_uow, "春晖苑2号楼") == ["B-1"]


def test_installing_twice_changes_nothing(engine, make_uow, accounts):
    with engine.begin() as conn:
        install_extras(conn)
    assert _first_page(make_uow, "李张三") == ["A-0002"]


def _autogenerate_diffs(engine, **options) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, **options})
        return compare_metadata(context, Base.metadata)


def _names(diffs) -> set[str]:
    return {getattr(diff[1], "name", None) for diff in diffs if isinstance(diff, tuple)}


def test_autogenerate_ignores_the_search_objects_only_through_the_hook(engine):
    """Migrations' env.py passes include_object, so the FTS table and trigram indexes made by
    EXTRA_DDL are not taken for objects to remove."""
    assert any(is_search_object(name) for name in _names(_autogenerate_diffs(engine)))
    diffs = _autogenerate_diffs(engine, include_object=include_object)
    assert not any(is_search_object(name) for name in _names(diffs))


def test_someone_without_a_role_may_not_search(make_uow, accounts):
    nobody = Actor(id=None, staff_no="9999", name="李四", roles=frozenset())
    with pytest.raises(PermissionDenied):
        search_accounts(make_uow(), nobody, "张三")
