"""Bank and agent collection files (formats.md: 户号, 金额, 渠道, 流水号, 日期), row by row.

Each row is one payment a bank or agent collected: the account number as the household gave
it, the amount in yuan (> 0, at most two decimals), the channel, the collector's serial
number (流水号, unique per channel) and the day the household paid. A file with any bad row
is refused whole; a serial repeated inside the file is a bad row, while a serial imported by
an earlier file is skipped by the import.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from cashier.domain.table_rows import (
    CellError,
    CellProblem,
    Column,
    RowCells,
    choice_of,
    date_cell,
    text_of,
    yuan_cell,
)

AGENT_COLUMNS = (
    Column("account_no", "户号", required=True),
    Column("amount", "金额", required=True),
    Column("channel", "渠道", required=True),
    Column("serial", "流水号", required=True),
    Column("paid_on", "日期", required=True),
)
"""The columns of a collection file, in the order the template writes them."""

CHANNEL_WORDS = {
    "代收": "agent",
    "银行代收": "agent",
    "银行转账": "bank_transfer",
    "银行卡": "bank_card",
    "微信": "wechat",
    "支付宝": "alipay",
}
"""Channel words accepted in the file (the English codes of formats.md are accepted too)."""

_NAMESPACE = uuidlib.UUID("6f1d0c1e-4b7a-5c36-9a51-2f3e8d0b7c44")


def _serial(text: str) -> str:
    if len(text) > 64 or any(ch.isspace() for ch in text):
        raise CellProblem("最多64个字符，不能含空格", "at most 64 characters, no spaces")
    return text


def _amount(text: str) -> int:
    fen = yuan_cell(text)
    if fen <= 0:
        raise CellProblem("应大于0", "must be > 0")
    return fen


_CHECKS = {
    "account_no": text_of(32),
    "amount": _amount,
    "channel": choice_of(CHANNEL_WORDS | {v: v for v in CHANNEL_WORDS.values()}, "代收/银行转账等"),
    "serial": _serial,
    "paid_on": date_cell,
}


@dataclass(frozen=True)
class AgentRow:
    """One checked row; ``row`` is the file row number, ``amount_fen`` in fen."""

    row: int
    account_no: str
    amount_fen: int
    channel: str
    serial: str
    paid_on: date

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the collected payment: (channel, serial)."""
        return self.channel, self.serial

    @property
    def payment_uuid(self) -> str:
        """A UUID derived from (channel, serial): the same row always posts the same UUID,
        so even a race between two imports cannot post it twice."""
        return str(uuidlib.uuid5(_NAMESPACE, f"{self.channel}\x1f{self.serial}"))


@dataclass(frozen=True)
class SuspenseItem:
    """A collected payment whose account number is unknown (待查款项), awaiting assignment."""

    id: int
    channel: str
    serial: str
    account_no: str
    amount_fen: int
    paid_on: date
    file_name: str
    imported_at: datetime


def parse_agent_row(
    row: int, cells: Sequence[str], header: Mapping[str, int], *, today: date
) -> tuple[AgentRow | None, list[CellError]]:
    """Check one data row; the payment, or None and every problem. A date after ``today``
    is refused (a collection file reports money already paid)."""
    reader = RowCells(row, cells, header, AGENT_COLUMNS)
    values = {c.key: reader.get(c.key, _CHECKS[c.key]) for c in AGENT_COLUMNS}
    if values["paid_on"] is not None and values["paid_on"] > today:
        reader.error("paid_on", "日期不能晚于今天", "the date is in the future")
    if reader.errors:
        return None, reader.errors
    values["amount_fen"] = values.pop("amount")
    return AgentRow(row, **values), []


def agent_error(row: int, key: str, zh: str, en: str) -> CellError:
    """An error about the ``key`` column of file row ``row``."""
    column = next(c for c in AGENT_COLUMNS if c.key == key)
    return CellError(row, column.zh, column.key, zh, en)


def check_duplicates(rows: Sequence[AgentRow]) -> list[CellError]:
    """An error for every row repeating the (channel, serial) of an earlier row of the file."""
    first: dict[tuple[str, str], int] = {}
    errors = []
    for agent_row in rows:
        earlier = first.setdefault(agent_row.key, agent_row.row)
        if earlier != agent_row.row:
            errors.append(
                agent_error(
                    agent_row.row, "serial", f"与第{earlier}行流水号重复", f"same as row {earlier}"
                )
            )
    return errors
