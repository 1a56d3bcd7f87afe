"""Offline devices against central books on SQLite and PostgreSQL: check-out, the outbox,
sync exactly once, booking days, clock skew, flags, downloads and bundle files."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from sqlalchemy import text
from support.device_world import COLLECTOR, SUPERVISOR, beijing, fixed, make_device
from support.payment_books import CASHIER, cash, pay, seed_books, start_shift, station_at

from cashier.domain.device import ADJUSTMENT, CREDIT, WorklistScope
from cashier.services.checkout import BundleRefused, load_worklist, make_worklist
from cashier.services.devices import DeviceRefused, register_device
from cashier.services.journal_verify import check_journals
from cashier.services.payments import OverpaymentNeedsConfirmation, account_panel
from cashier.services.receipt_records import check_receipt
from cashier.services.receipts import receipt_for
from cashier.services.station import Station
from cashier.services.sync import SyncRefused, receive_upload
from cashier.services.sync_device import (
    apply_answer,
    import_upload,
    prepare_upload,
    read_answer_bundle,
    sync_direct,
    upload_bundle,
)

DAY = dt.date(2025, 11, 20)


@pytest.fixture
def central(make_uow):
    seed_books(make_uow)
    return make_uow


def _sync(device, central, *, on: dt.date, hour: int = 18):
    device.now = beijing(on, hour)
    return sync_direct(
        device.make_uow, central, COLLECTOR,
        device_clock=device.clock, central_clock=fixed(beijing(on, hour)),
    )  # fmt: skip


def _journal_count(make_uow, counter: str) -> int:
    with make_uow() as uow:
        return sum(1 for _ in uow.journal.iter_counter(counter))


def test_check_out_gives_the_device_the_central_statement(central, tmp_path):
    start_shift(central, station_at(DAY))
    pay(central, station_at(DAY), "T-0003", cash(30000))
    device = make_device(central, tmp_path, "C01")
    for account in ("T-0001", "T-0002", "T-0003", "T-0004"):
        mine = account_panel(device.make_uow(), Station("C01", fixed(beijing(DAY))), account)
        theirs = account_panel(central(), station_at(DAY), account)
        assert mine.statement == theirs.statement
        assert (mine.name, mine.address) == (theirs.name, theirs.address)
    assert mine.statement.total_due_fen > 0


def test_after_a_check_out_the_device_knows_what_the_central_books_know(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    accounts = ["T-0001", "T-0002", "T-0003", "T-0004"]

    def stamps(make_uow, mirror):
        with make_uow() as uow:
            return uow.devices.account_stamps(accounts, "C01", mirror=mirror), (
                uow.devices.seasons_stamp()
            )

    assert stamps(device.make_uow, True) == stamps(central, False)
    start_shift(central, station_at(DAY))
    pay(central, station_at(DAY), "T-0002", cash(50000))
    (mine, seasons), (theirs, their_seasons) = stamps(device.make_uow, True), stamps(central, False)
    assert seasons == their_seasons
    assert [a for a in accounts if mine[a] != theirs[a]] == ["T-0002"]
    _sync(device, central, on=DAY)
    assert stamps(device.make_uow, True) == stamps(central, False)


def test_a_payment_and_its_outbox_row_commit_together(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    paid = device.pay("T-0001", 100000)
    with device.make_uow() as uow:
        assert uow.devices.outbox() == [("C01", 1), ("C01", 2)]
    with pytest.raises(OverpaymentNeedsConfirmation):
        device.pay("T-0001", 10_000_000, allow_credit=False)
    with device.make_uow() as uow:
        assert uow.devices.outbox() == [("C01", 1), ("C01", 2)]
        assert uow.journal.counter("C01").last_seq == paid.entry.seq
    with pytest.raises(Exception, match="numbers only its own journal"):
        start_shift(device.make_uow, Station("A01", device.clock))


def test_sync_posts_each_entry_once_and_a_replay_answers_the_stored_result(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    device.pay("T-0001", 100000)
    device.pay("T-0002", 50000)
    upload = prepare_upload(device.make_uow(), now=device.clock())
    first = receive_upload(central, COLLECTOR, upload, via="direct", clock=fixed(beijing(DAY, 18)))
    again = receive_upload(central, COLLECTOR, upload, via="direct", clock=fixed(beijing(DAY, 19)))
    assert (first.summary.uploaded, first.summary.already_there) == (3, 0)
    assert again.summary == first.summary
    assert _journal_count(central, "C01") == 3
    assert apply_answer(device.make_uow(), again).uploaded == 3
    with device.make_uow() as uow:
        assert uow.devices.outbox() == []
    assert check_journals(central()).ok
    assert check_journals(device.make_uow()).ok
    device.pay("T-0003", 20000)
    later = _sync(device, central, on=DAY)
    assert (later.uploaded, later.already_there, later.first_seq) == (1, 0, 4)


def test_entries_are_booked_to_the_sync_day_and_keep_the_day_taken(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    paid = device.pay("T-0002", 170164 + 1702)
    summary = _sync(device, central, on=DAY + dt.timedelta(days=2))
    assert summary.booked_on == DAY + dt.timedelta(days=2)
    with central() as uow:
        postings = {p.entry_uuid: p for p in uow.devices.postings_for("C01")}
        stored = uow.journal.by_uuid(paid.entry.uuid)
    posting = postings[paid.entry.uuid]
    assert (posting.taken_on, posting.ledger_date) == (DAY, DAY)
    assert posting.booked_on == DAY + dt.timedelta(days=2)
    assert stored == paid.entry
    check = check_receipt(central(), receipt_for(device.make_uow(), paid.receipt_no).qr_payload)
    assert check.found and check.genuine


def test_an_account_paid_meanwhile_becomes_a_flagged_credit(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    counter = station_at(DAY, hour=9)
    start_shift(central, counter)
    at_counter = pay(central, counter, "T-0001", cash(191900))
    assert at_counter.balance_after_fen == 0
    device.open_shift()
    visit = device.pay("T-0001", 191900)
    assert visit.balance_after_fen == 0
    summary = _sync(device, central, on=DAY)
    assert summary.conflicts == 1 and summary.uploaded == 2
    with central() as uow:
        (flag,) = uow.devices.flags()
    assert flag.flag.kind == CREDIT and flag.flag.account_no == "T-0001"
    assert flag.flag.central_balance_fen == -191900
    panel = account_panel(central(), station_at(DAY, hour=19), "T-0001")
    assert panel.statement.credit_fen == 191900


def test_a_clock_a_day_fast_never_dates_a_payment_into_the_future(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.skew = 86400
    device.open_shift()
    paid = device.pay("T-0004", 180000)
    assert paid.entry.business_date == DAY + dt.timedelta(days=1)
    summary = _sync(device, central, on=DAY, hour=11)
    assert summary.skew_seconds == 86400
    with central() as uow:
        (posting,) = [p for p in uow.devices.postings_for("C01") if p.entry_uuid == paid.entry.uuid]
    assert posting.ledger_date == DAY and posting.booked_on == DAY
    panel = account_panel(central(), station_at(DAY, hour=12), "T-0004")
    assert panel.recent[0].receipt_no == paid.receipt_no
    assert 0 < panel.statement.total_due_fen < 180000


def test_a_clock_a_day_slow_gives_an_adjustment_not_a_rejection(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.skew = -86400
    device.open_shift()
    device.pay("T-0001", 191900)
    summary = _sync(device, central, on=DAY)
    assert (summary.uploaded, summary.conflicts) == (2, 1)
    with central() as uow:
        (flag,) = uow.devices.flags()
    assert flag.flag.kind == ADJUSTMENT and flag.flag.difference_fen > 0


def test_the_sync_brings_back_counter_payments_of_the_work_list(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    start_shift(central, station_at(DAY))
    pay(central, station_at(DAY), "T-0002", cash(50000))
    summary = _sync(device, central, on=DAY)
    assert summary.downloaded >= 1
    mine = account_panel(device.make_uow(), Station("C01", fixed(beijing(DAY, 19))), "T-0002")
    theirs = account_panel(central(), station_at(DAY, hour=19), "T-0002")
    assert mine.statement == theirs.statement


def _upload_file(device) -> bytes:
    return upload_bundle(device.make_uow(), prepare_upload(device.make_uow(), now=device.clock()))


def _edit(content: bytes, change) -> bytes:
    data = json.loads(gzip.decompress(content))
    change(data)
    return gzip.compress(json.dumps(data, ensure_ascii=False).encode())


def test_a_tampered_upload_is_refused_naming_the_first_bad_entry(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    for account in ("T-0001", "T-0002", "T-0003"):
        device.pay(account, 10000)
    content = _upload_file(device)

    def raise_amount(data):
        data["records"][2]["data"]["amount_fen"] = 1000

    def remove_second(data):
        del data["records"][1]

    with pytest.raises(SyncRefused, match="C01-00000003"):
        import_upload(central, COLLECTOR, _edit(content, raise_amount))
    with pytest.raises(SyncRefused, match="第 2 号"):
        import_upload(central, COLLECTOR, _edit(content, remove_second))
    assert _journal_count(central, "C01") == 0


def test_a_bundle_imported_twice_posts_once(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    device.pay("T-0001", 10000)
    content = _upload_file(device)
    first, answer = import_upload(central, COLLECTOR, content, clock=fixed(beijing(DAY, 18)))
    second, _ = import_upload(central, COLLECTOR, content, clock=fixed(beijing(DAY, 19)))
    assert second.summary == first.summary and first.summary.uploaded == 2
    assert _journal_count(central, "C01") == 2
    summary = apply_answer(device.make_uow(), read_answer_bundle(device.make_uow(), answer))
    assert summary.uploaded == 2
    with device.make_uow() as uow:
        assert uow.devices.outbox() == []


def test_a_tampered_check_out_bundle_loads_nothing(central, tmp_path):
    from cashier.services.checkout import read_central_bundle, worklist_bundle

    device = make_device(central, tmp_path, "C01")
    scope = WorklistScope(estates=("幸福小区",))
    worklist = make_worklist(central(), COLLECTOR, "C01", scope, via="bundle")
    content = worklist_bundle(central(), worklist)

    def cheaper(data):
        lines = [r for r in data["records"] if r["data"]["t"] == "bill_lines"]
        lines[0]["data"]["r"]["amount_fen"] -= 100

    with pytest.raises(BundleRefused, match="bill_lines|第 .* 条记录"):
        read_central_bundle(device.make_uow(), _edit(content, cheaper), "checkout")
    bundle = read_central_bundle(device.make_uow(), content, "checkout")
    loaded = load_worklist(device.make_uow(), type(worklist)(bundle.header, bundle.records))
    assert loaded.accounts == 4


def test_a_device_code_never_takes_a_counter_code(central, tmp_path):
    start_shift(central, station_at(DAY))
    with pytest.raises(DeviceRefused, match="A01"):
        register_device(central(), SUPERVISOR, code="A01", name="x", public_key="ab" * 32)
    make_device(central, tmp_path, "C01")
    with pytest.raises(DeviceRefused, match="C01"):
        register_device(central(), SUPERVISOR, code="C01", name="y", public_key="cd" * 32)


def test_a_collector_void_on_the_device_reverses_the_payment_centrally(central, tmp_path):
    from support.payment_books import approval

    from cashier.services.reversals import void_payment

    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    paid = device.pay("T-0004", 180000)
    void_payment(
        device.make_uow(), COLLECTOR, device.station(), paid.receipt_no, reason="收错户",
        approval=approval("void", COLLECTOR, SUPERVISOR),
        client_uuid="5d7f4d0e-6b55-4d39-9a55-6c0f0a1b2c3d",
    )  # fmt: skip
    before = account_panel(central(), station_at(DAY, hour=19), "T-0004").statement
    summary = _sync(device, central, on=DAY)
    after = account_panel(central(), station_at(DAY, hour=19), "T-0004").statement
    assert summary.uploaded == 3 and summary.conflicts == 0
    assert after == before
    with central() as uow:
        guard = uow.session.execute(text("SELECT count(*) FROM journal_entries")).scalar()
    assert guard == 3
    assert CASHIER.staff_no != COLLECTOR.staff_no


def test_an_entry_missing_from_the_outbox_is_sent_all_the_same(central, tmp_path):
    device = make_device(central, tmp_path, "C01")
    device.open_shift()
    device.pay("T-0001", 10000)
    _sync(device, central, on=DAY, hour=12)
    device.now = beijing(DAY, 13)
    device.pay("T-0002", 20000)
    with device.make_uow() as uow:
        uow.session.execute(text("DELETE FROM device_outbox"))
        uow.commit()
    device.pay("T-0003", 30000)
    summary = _sync(device, central, on=DAY, hour=14)
    assert (summary.uploaded, summary.first_seq, summary.last_seq) == (2, 3, 4)
    assert _journal_count(central, "C01") == 4


def test_the_laptop_signs_in_and_approves_with_the_staff_checked_out(central, tmp_path):
    from support.payment_books import ADMIN

    from cashier.domain.errors import SignInFailed
    from cashier.services.signin import sign_in, verify_approval
    from cashier.services.users import add_user

    staff = (
        ("1100", "管理员", "admin"),
        ("1101", "王五", "collector"),
        ("1102", "孙七", "supervisor"),
        ("1103", "周八", "accountant"),
    )
    for staff_no, name, role in staff:
        add_user(
            central(), ADMIN, staff_no=staff_no, name=name, roles=[role],
            password="Heat-2025-pass", must_change_password=False,
        )  # fmt: skip
    device = make_device(central, tmp_path, "C01")
    collector = sign_in(device.make_uow(), "1101", "Heat-2025-pass")
    granted = verify_approval(
        device.make_uow(), staff_no="1102", password="Heat-2025-pass", action="void",
        requester=collector,
    )  # fmt: skip
    assert (collector.name, granted.approver.staff_no) == ("王五", "1102")
    with pytest.raises(SignInFailed):
        verify_approval(
            device.make_uow(), staff_no="1102", password="wrong-password-1", action="void",
            requester=collector,
        )  # fmt: skip
    with pytest.raises(SignInFailed):
        sign_in(device.make_uow(), "1103", "Heat-2025-pass")  # the office stays in the office


def test_the_accountant_resolves_a_flag_once_with_a_note(central, tmp_path):
    from support.payment_books import ADMIN

    from cashier.domain.errors import PermissionDenied, UserError
    from cashier.services.sync_flags import resolve_flag, sync_flags

    device = make_device(central, tmp_path, "C01")
    counter = station_at(DAY, hour=9)
    start_shift(central, counter)
    pay(central, counter, "T-0002", cash(50000))
    device.open_shift()
    device.pay("T-0002", 80000)
    assert _sync(device, central, on=DAY).conflicts == 1
    (flag,) = sync_flags(central(), ADMIN, open_only=True)
    with pytest.raises(PermissionDenied):
        resolve_flag(central(), COLLECTOR, flag.id, "已核对")
    with pytest.raises(UserError):
        resolve_flag(central(), ADMIN, flag.id, "   ")
    resolve_flag(central(), ADMIN, flag.id, "已电话告知住户，多收部分转预存")
    assert sync_flags(central(), ADMIN, open_only=True) == []
    (done,) = sync_flags(central(), ADMIN)
    assert done.note == "已电话告知住户，多收部分转预存"
    with pytest.raises(UserError, match=str(flag.id)):
        resolve_flag(central(), ADMIN, flag.id, "再次处理")
