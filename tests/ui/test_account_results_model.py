"""The lazy search-results model: pages on demand, stale pages dropped, checked by qtmodeltester."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, Qt

from cashier.domain.registration import Address
from cashier.domain.search import AccountHit, SearchCursor, SearchPage
from cashier.ui.pages.account_results import HIT_ROLE, AccountResultsModel

HITS = [
    AccountHit(i, f"A-{i:04d}", f"张{i}", f"1390000{i:04d}", Address("幸福小区", "3", "2", f"{i}"))
    for i in range(1, 124)
]


def page_after(cursor: SearchCursor | None, size: int = 50) -> SearchPage:
    """Pages of HITS, `size` at a time, continued after the cursor's last hit."""
    start = 0 if cursor is None else HITS.index(cursor.last) + 1
    hits = tuple(HITS[start : start + size])
    more = start + size < len(HITS)
    return SearchPage(hits, SearchCursor("substring", hits[-1]) if more else None)


class ImmediateFetcher:
    """Answers every request at once, counting them."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, SearchCursor | None]] = []

    def __call__(self, text, after, on_page, on_error) -> None:
        self.requests.append((text, after))
        on_page(page_after(after))


class HeldFetcher:
    """Keeps requests until the test answers them (a slow database)."""

    def __init__(self) -> None:
        self.pending: list[tuple] = []

    def __call__(self, text, after, on_page, on_error) -> None:
        self.pending.append((text, after, on_page, on_error))


def test_passes_qtmodeltester(qtmodeltester):
    model = AccountResultsModel(ImmediateFetcher())
    model.search("幸福小区")
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_pages_arrive_only_when_asked_for():
    fetcher = ImmediateFetcher()
    model = AccountResultsModel(fetcher)
    model.search("幸福小区")
    assert model.rowCount() == 50 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == len(HITS)
    assert not model.canFetchMore(QModelIndex())
    assert [after is None for _, after in fetcher.requests] == [True, False, False]
    assert [model.hit(r) for r in range(model.rowCount())] == HITS


def test_cells_show_number_name_phone_and_printed_address():
    model = AccountResultsModel(ImmediateFetcher())
    model.search("幸福小区")
    row = [model.index(6, c).data() for c in range(model.columnCount())]
    assert row == ["A-0007", "张7", "13900000007", "幸福小区3号楼2单元7"]
    assert model.index(6, 0).data(HIT_ROLE) == HITS[6]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Account no."


def test_text_too_short_to_search_asks_for_nothing():
    fetcher = ImmediateFetcher()
    model = AccountResultsModel(fetcher)
    model.search("  ")
    assert fetcher.requests == [] and model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_a_page_of_an_older_search_is_dropped():
    fetcher = HeldFetcher()
    model = AccountResultsModel(fetcher)
    model.search("张")
    model.search("张三")
    assert model.is_loading() and not model.canFetchMore(QModelIndex())
    old, new = fetcher.pending
    old[2](page_after(None))
    assert model.rowCount() == 0 and model.is_loading()
    new[2](SearchPage(tuple(HITS[:3]), None))
    assert model.rowCount() == 3 and not model.is_loading()


def test_a_failed_page_stops_fetching_and_says_why(qtbot):
    fetcher = HeldFetcher()
    model = AccountResultsModel(fetcher)
    model.search("张三")
    with qtbot.waitSignal(model.failed) as signal:
        fetcher.pending[0][3]("数据库连接失败")
    assert signal.args == ["数据库连接失败"]
    assert not model.is_loading() and not model.canFetchMore(QModelIndex())
