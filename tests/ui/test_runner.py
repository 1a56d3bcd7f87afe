"""The background runner: a new unit of work per job, results back on the GUI thread."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QThreadPool
from ui_fakes import FakeUnitOfWork

from cashier.domain.errors import UserError
from cashier.ui.runner import JobFailure, Runner


class CountingFactory:
    """A unit-of-work factory that remembers every unit of work and the thread it was made on."""

    def __init__(self) -> None:
        self.made: list[tuple[FakeUnitOfWork, int]] = []

    def __call__(self) -> FakeUnitOfWork:
        uow = FakeUnitOfWork()
        self.made.append((uow, threading.get_ident()))
        return uow


def save_name(uow: FakeUnitOfWork, name: str) -> str:
    with uow:
        uow.settings.put("company_name", name)
        uow.commit()
    return f"saved {name} on {threading.get_ident()}"


def refuse(uow: FakeUnitOfWork) -> None:
    raise UserError("该采暖期已结账，不能再收费。", "The season is closed.")


def crash(uow: FakeUnitOfWork) -> None:
    raise RuntimeError("connection reset by peer")


@pytest.fixture
def factory() -> CountingFactory:
    return CountingFactory()


@pytest.fixture
def shown_errors() -> list[JobFailure]:
    return []


@pytest.fixture
def runner(qtbot, factory, shown_errors) -> Runner:
    pool = QThreadPool()
    runner = Runner(factory, pool=pool, show_error=shown_errors.append)
    yield runner
    runner.wait_for_done(5000)


def test_result_comes_back_on_the_gui_thread(qtbot, runner, factory):
    gui_thread = threading.get_ident()
    results: list[tuple[str, int]] = []
    with qtbot.waitSignal(runner.job_done, timeout=5000) as signal:
        job_id = runner.submit(
            save_name, "幸福热力", on_done=lambda r: results.append((r, threading.get_ident()))
        )
    assert signal.args[0] == job_id
    [(result, callback_thread)] = results
    assert callback_thread == gui_thread
    [(uow, worker_thread)] = factory.made
    assert worker_thread != gui_thread
    assert result == f"saved 幸福热力 on {worker_thread}"
    assert uow.committed and uow.settings.get("company_name") == "幸福热力"
    assert runner.active_jobs() == 0


def test_every_job_gets_its_own_unit_of_work(qtbot, runner, factory):
    names = [f"单位{n}" for n in range(5)]
    done: list[str] = []
    for name in names:
        runner.submit(save_name, name, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == len(names), timeout=5000)
    uows = [uow for uow, _thread in factory.made]
    assert len({id(uow) for uow in uows}) == len(names)
    assert sorted(uow.settings.get("company_name") for uow in uows) == sorted(names)


def test_user_error_reaches_on_error_with_its_chinese_message(qtbot, runner, shown_errors):
    failures: list[JobFailure] = []
    with qtbot.waitSignal(runner.job_failed, timeout=5000):
        runner.submit(refuse, on_error=failures.append)
    [failure] = failures
    assert failure.user_error
    assert failure.message == "该采暖期已结账，不能再收费。"
    assert isinstance(failure.error, UserError)
    assert shown_errors == []


def test_unexpected_error_is_logged_and_shown_generically(qtbot, runner, shown_errors, caplog):
    caplog.set_level(logging.ERROR, logger="cashier.ui.runner")
    with qtbot.waitSignal(runner.job_failed, timeout=5000) as signal:
        runner.submit(crash)
    [failure] = shown_errors
    assert signal.args[1] is failure
    assert not failure.user_error
    assert "connection reset" not in failure.message
    assert "log" in failure.message or "日志" in failure.message
    [record] = caplog.records
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "connection reset by peer" in caplog.text
    assert "in crash" in caplog.text


def test_failure_in_the_factory_is_reported_not_raised(qtbot, shown_errors):
    def broken_factory() -> FakeUnitOfWork:
        raise OSError("database file is locked")

    runner = Runner(broken_factory, pool=QThreadPool(), show_error=shown_errors.append)
    with qtbot.waitSignal(runner.job_failed, timeout=5000):
        runner.submit(save_name, "张三")
    [failure] = shown_errors
    assert isinstance(failure.error, OSError)
    runner.wait_for_done(5000)
