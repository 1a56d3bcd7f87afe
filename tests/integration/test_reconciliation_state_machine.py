"""The state machine of tests/support/reconciliation_machine.py, at least 200 examples on
each database (tests/perf/reconciliation_machine.py runs 5,000)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from cashier.services.audit import check_audit_chain
from cashier.services.journal_verify import check_journals
from tests.support.payment_books import seed_books
from tests.support.reconciliation_machine import ReconciliationMachine

EXAMPLES = 200
STEPS = 25


@pytest.mark.slow
def test_pay_void_refund_reprint_close_hand_over_and_close_the_day(make_uow):
    seed_books(make_uow)
    run_state_machine_as_test(
        lambda: ReconciliationMachine(make_uow),
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert check_journals(make_uow()).ok
    assert check_audit_chain(make_uow()).ok
