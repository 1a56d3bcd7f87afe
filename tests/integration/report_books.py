"""Two business days at counter A01 over the books of tests/support/payment_books.py, for the
report tests (fictional data). The figures the tests expect are worked out by hand below.

2025-10-20 (early-discount window):
- A01-00000002 T-0001 pays 1,890.50 by WeChat (1,900.00 less the 0.5% discount 9.50)
- A01-00000003 T-0002 pays 1,000.00 cash + 200.00 Alipay, voided the same day (A01-00000005)
- A01-00000004 T-0003 pays 500.00 cash: 300.00 opening arrears, 200.00 of the season
- A01-00000006 T-0004 pays 3,000.00 cash: 1,800.00 season, 1,200.00 to prepayment (预存)
2025-12-15 (30 days late):
- a supervisor waives 10.00 of T-0002's late fee (posted on the bill, approved by 0009 李四)
- A01-00000007 T-0002 pays 1,000.00 cash: late fee 102.10 - 10.00 = 92.10, principal 907.90
- A01-00000008 refund of A01-00000004 (T-0003) 500.00 cash
- A01-00000009 T-0004's prepayment paid out, 500.00 cash
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cashier.domain.fees import BillLine, DatedLine
from cashier.domain.tender import TenderPart
from cashier.services.reversals import refund_credit, refund_payment, void_payment
from tests.support.payment_books import (
    CASHIER,
    approval,
    cash,
    new_uuid,
    pay,
    seed_books,
    start_shift,
    station_at,
)

DAY1, DAY2 = dt.date(2025, 10, 20), dt.date(2025, 12, 15)
AS_OF = dt.date(2025, 12, 20)

DAY1_METHODS = {  # method: (receipts, voids, refunds, net) in fen
    "现金": (450000, -100000, 0, 350000),
    "微信": (189050, 0, 0, 189050),
    "支付宝": (20000, -20000, 0, 0),
}
DAY1_NET = 350000 + 189050
DAY2_METHODS = {"现金": (100000, 0, -100000, 0)}
ARREARS = {"T-0002": 170164 - 90790, "T-0003": 30000 + 95000}
"""Principal unpaid on AS_OF: T-0002 paid 907.90 of 1,701.64; T-0003's payment refunded."""
WAIVER_FEN = 1000


def two_days(make_uow: Callable) -> None:
    """Seed the books and post the entries of the module docstring."""
    seed_books(make_uow)
    first = station_at(DAY1)
    start_shift(make_uow, first)
    pay(make_uow, first, "T-0001", TenderPart("wechat", 189050, "WX-1"))
    mixed = pay(make_uow, first, "T-0002", cash(100000), TenderPart("alipay", 20000, "ZFB-1"),
                cash_tendered_fen=100000)  # fmt: skip
    third = pay(make_uow, first, "T-0003", cash(50000), cash_tendered_fen=50000)
    void_payment(make_uow(), CASHIER, first, mixed.receipt_no, reason="金额输错",
                 approval=approval("void"), client_uuid=new_uuid())  # fmt: skip
    pay(make_uow, first, "T-0004", cash(300000), cash_tendered_fen=300000, allow_credit=True)
    with make_uow() as uow:
        account_id, _ = uow.ledger.account("T-0002")
        line = BillLine("late_fee_waiver", "滞纳金减免", -WAIVER_FEN, "困难户")
        uow.bills.add_lines(account_id, "2025-2026", [DatedLine(DAY2, line, "困难户")],
                            recorded_by="0007", approved_by="0009 李四")  # fmt: skip
        uow.commit()
    second = station_at(DAY2)
    pay(make_uow, second, "T-0002", cash(100000), cash_tendered_fen=100000)
    refund_payment(make_uow(), CASHIER, second, third.receipt_no, reason="重复缴费",
                   approval=approval("refund"), client_uuid=new_uuid())  # fmt: skip
    refund_credit(make_uow(), CASHIER, second, "T-0004", amount_fen=50000, reason="退预存",
                  approval=approval("refund"), client_uuid=new_uuid(), parts=None)  # fmt: skip
