"""The collectors' reliability simulation (issue 8): devices take payments offline and sync
through every fault the field produces, and the central books must end with exactly the union.

Each device's clock is off by 0, +1 day or -1 day (in turn). Payments (and a void now and
then) are taken in rounds; after each round every device syncs by one of:

- ``direct``: a direct sync over a connection that drops (before or after a commit) until a
  retry gets through;
- ``replay``: the same upload sent twice, the device applying only the second answer;
- ``bundle``: an upload bundle imported twice, then the answer loaded;
- ``killed``: the sync runs in a child process killed with SIGKILL, every other time right
  after the central books committed a first part of the upload, else at a random moment;
  then the device syncs again;
- ``lost``: the central books post the upload but the answer never reaches the device.

Afterwards every device syncs once more and :func:`check_union` compares the central books
with every device: the same entries (UUID, hash), counts and totals, chains that verify,
empty outboxes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cashier.domain.tariffs import parse_tariff_toml
from cashier.services.billing import open_season
from cashier.services.journal_verify import check_journals
from cashier.services.reversals import void_payment
from cashier.services.sync import receive_upload
from cashier.services.sync_device import (
    apply_answer,
    import_upload,
    prepare_upload,
    read_answer_bundle,
    sync_direct,
    upload_bundle,
)
from support.device_world import (
    COLLECTOR,
    SUPERVISOR,
    Device,
    add_accounts,
    beijing,
    fixed,
    make_device,
)
from support.payment_books import TARIFF, approval

DAY = dt.date(2025, 11, 20)
MODES = ("direct", "replay", "bundle", "killed", "lost")
SKEWS = (0, 86400, -86400)


class Dropped(ConnectionError):
    """The simulated network went away."""


class _FlakyUow:
    """A unit of work whose commit sometimes fails: before committing, or after (the
    central books have it, the caller never hears)."""

    def __init__(self, inner, rng: random.Random, rate: float) -> None:
        self._inner, self._rng, self._rate = inner, rng, rate

    def __enter__(self):
        self._inner.__enter__()
        return self

    def __exit__(self, *exc):
        return self._inner.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def commit(self) -> None:
        if self._rng.random() < self._rate / 2:
            raise Dropped("dropped before commit")
        self._inner.commit()
        if self._rng.random() < self._rate / 2:
            raise Dropped("dropped after commit")


@dataclass
class SimReport:
    """What happened: payments taken, entries, syncs by mode, kills (`partial`: the kill
    left some of the upload posted and some not), drops, seconds."""

    payments: int = 0
    voids: int = 0
    entries: int = 0
    syncs: dict[str, int] = field(default_factory=dict)
    kills: int = 0
    partial: int = 0
    drops: int = 0
    seconds: float = 0.0


def seed_central(make_uow: Callable, accounts: int, buildings: int = 10) -> list[str]:
    """The season (payment_books' tariff), `accounts` accounts in 幸福小区 spread over
    `buildings` buildings, billed."""
    with make_uow() as uow:
        uow.seasons.add(parse_tariff_toml(TARIFF), loaded_by="0001")
        uow.settings.put("company_name", "幸福热力有限公司")
        uow.commit()
    numbers = add_accounts(make_uow, accounts, buildings=buildings)
    from support.payment_books import ADMIN

    open_season(make_uow(), ADMIN, "2025-2026", billed_on=dt.date(2025, 10, 1))
    return numbers


def take_payments(device: Device, numbers: list[str], count: int, rng: random.Random, report):
    """`count` cash payments of random accounts (credit allowed), now and then a void."""
    for _ in range(count):
        device.now += dt.timedelta(seconds=rng.randint(20, 90))
        paid = device.pay(rng.choice(numbers), rng.randint(100, 300000))
        report.payments += 1
        if rng.random() < 0.03:
            void_payment(
                device.make_uow(), COLLECTOR, device.station(), paid.receipt_no,
                reason="收错金额", approval=approval("void", COLLECTOR, SUPERVISOR),
                client_uuid=str(uuid.uuid4()),
            )  # fmt: skip
            report.voids += 1


def run_simulation(
    central: Callable,
    central_url: str,
    folder: Path,
    *,
    devices: int,
    payments: int,
    rounds: int = 4,
    accounts: int = 300,
    seed: int = 8,
    log: Callable[[str], None] = lambda text: None,
) -> tuple[list[Device], SimReport]:
    """Run the simulation of the module docstring; returns the devices and the report."""
    rng = random.Random(seed)
    report = SimReport()
    started = time.perf_counter()
    numbers = seed_central(central, accounts)
    fleet = [make_device(central, folder, f"C{i + 1:02d}") for i in range(devices)]
    for index, device in enumerate(fleet):
        device.skew = SKEWS[index % len(SKEWS)]
        device.open_shift()
    per_round = [payments // rounds + (1 if r < payments % rounds else 0) for r in range(rounds)]
    for round_no, count in enumerate(per_round):
        for index, device in enumerate(fleet):
            take_payments(device, numbers, count, rng, report)
            mode = MODES[(index + round_no) % len(MODES)]
            report.syncs[mode] = report.syncs.get(mode, 0) + 1
            central_at = beijing(DAY, 18, round_no * 5)
            _sync(mode, device, central, central_url, central_at, rng, report)
        log(f"round {round_no + 1}/{rounds}: {report.payments} payments")
    for device in fleet:
        _direct(device, central, beijing(DAY, 23), rng, report, rate=0.0)
    report.entries = sum(_count(d.make_uow, d.code) for d in fleet)
    report.seconds = time.perf_counter() - started
    return fleet, report


def _outbox(device: Device) -> list:
    with device.make_uow() as uow:
        return uow.devices.outbox()


def _count(make_uow, code: str) -> int:
    with make_uow() as uow:
        return sum(1 for _ in uow.journal.iter_counter(code))


def _sync(mode, device, central, central_url, central_at, rng, report) -> None:
    if mode == "direct":
        _direct(device, central, central_at, rng, report, rate=0.3)
    elif mode == "replay":
        upload = prepare_upload(device.make_uow(), now=device.clock())
        clock = fixed(central_at)
        receive_upload(central, COLLECTOR, upload, via="direct", clock=clock)
        again = receive_upload(central, COLLECTOR, upload, via="direct", clock=clock)
        apply_answer(device.make_uow(), again, now=device.clock())
    elif mode == "bundle":
        upload = prepare_upload(device.make_uow(), now=device.clock())
        content = upload_bundle(device.make_uow(), upload)
        import_upload(central, COLLECTOR, content, clock=fixed(central_at))
        _, answer = import_upload(central, COLLECTOR, content, clock=fixed(central_at))
        apply_answer(device.make_uow(), read_answer_bundle(device.make_uow(), answer))
    elif mode == "killed":
        before = _count(central, device.code)
        _killed(device, central_url, central_at, rng, report)
        after, pending = _count(central, device.code), len(_outbox(device))
        report.partial += before < after < before + pending
        _direct(device, central, central_at, rng, report, rate=0.0)
    else:
        upload = prepare_upload(device.make_uow(), now=device.clock())
        receive_upload(central, COLLECTOR, upload, via="direct", clock=fixed(central_at))


def _direct(device, central, central_at, rng, report, *, rate: float) -> None:
    def flaky():
        return _FlakyUow(central(), rng, rate)

    for _ in range(50):
        try:
            sync_direct(
                device.make_uow, flaky, COLLECTOR,
                device_clock=device.clock, central_clock=fixed(central_at),
            )  # fmt: skip
            return
        except Dropped:
            report.drops += 1
    raise AssertionError("no sync got through 50 dropped connections")


def _wait_mid_upload(child: subprocess.Popen) -> None:
    """Until the central books committed a first chunk of an upload that has more."""
    for line in child.stdout:
        words = line.split()
        if words[:1] == [b"posted"] and 0 < int(words[1]) < int(words[2]):
            return


def _killed(device, central_url, central_at, rng, report) -> None:
    env = dict(os.environ)
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join([str(root / "tests"), str(root)])
    device_url = str(device.engine.url)
    child = subprocess.Popen(
        [sys.executable, "-m", "support.sync_child", central_url, device_url,
         device.clock().isoformat(), central_at.isoformat()],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    child.stdout.readline()  # "syncing": imports done, the sync starts now
    if report.syncs["killed"] % 2:
        _wait_mid_upload(child)  # every other kill: between two committed chunks
    else:
        time.sleep(rng.uniform(0.0, 0.25))
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
        report.kills += 1
    child.wait()
    device.engine.dispose()


def check_union(central: Callable, fleet: list[Device]) -> list[str]:
    """What differs between the central books and the devices (empty: nothing)."""
    problems: list[str] = []
    verdict = check_journals(central())
    if not verdict.ok:
        problems.append(f"central verify: {verdict.problem}")
    with central() as uow:
        held = {d.code: {e.uuid: e for e in uow.journal.iter_counter(d.code)} for d in fleet}
        postings = {p.entry_uuid for d in fleet for p in uow.devices.postings_for(d.code)}
    for device in fleet:
        with device.make_uow() as uow:
            mine = {e.uuid: e for e in uow.journal.iter_counter(device.code)}
            waiting = uow.devices.outbox()
        theirs = held[device.code]
        if set(mine) != set(theirs):
            problems.append(f"{device.code}: {len(mine)} entries on the device, {len(theirs)} held")
        if any(theirs.get(k, v).hash != v.hash for k, v in mine.items()):
            problems.append(f"{device.code}: an entry differs from the device's")
        if sum(e.amount_fen for e in mine.values()) != sum(e.amount_fen for e in theirs.values()):
            problems.append(f"{device.code}: totals differ")
        if waiting:
            problems.append(f"{device.code}: {len(waiting)} entries still in the outbox")
        if not set(mine) <= postings:
            problems.append(f"{device.code}: entries without a posting record")
        if not check_journals(device.make_uow()).ok:
            problems.append(f"{device.code}: its own journal does not verify")
    return problems
