"""Settlement statements from WeChat Pay, Alipay and banks, read through a column mapping.

A :class:`ColumnMapping` (preset) says which header names carry the time, amount, refund
amount, kind and references of a transaction, which characters to strip (WeChat starts every
field with a backtick, Alipay ends many with a tab), how many preface lines to skip and the
file's encoding. The built-in presets follow shared/domain/settlements.md; the accountant can
edit them and save their own (providers add columns; every bank differs).

:func:`parse_statement` turns the rows of a file (text cells) into :class:`StatementLine`s:
amounts in fen, negative for a refund or a debit, times aware in Beijing time. A file with
a bad row is refused whole, naming every bad row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace

from cashier.domain.errors import UserError
from cashier.domain.journal import CHINA
from cashier.domain.money import MoneyError, parse_yuan

PROVIDERS: dict[str, str] = {"wechat": "微信支付", "alipay": "支付宝", "bank": "银行"}
"""Statement providers and their Chinese names."""

PROVIDER_METHODS: dict[str, frozenset[str]] = {
    "wechat": frozenset({"wechat"}),
    "alipay": frozenset({"alipay"}),
    "bank": frozenset({"bank_card", "bank_transfer"}),
}
"""Which payment methods of the journal each provider's statement settles."""

ENCODINGS = ("auto", "utf-8", "gb18030")
PAYMENT, REFUND = "payment", "refund"
MAX_ERRORS = 20
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")
_CLOCK_FORMATS = ("%H:%M:%S", "%H:%M", "%H%M%S")


class StatementError(UserError):
    """A statement file that cannot be read with the chosen column mapping."""


@dataclass(frozen=True)
class ColumnMapping:
    """Where a provider's file keeps each field (header names, tried in order).

    ``date`` is a separate date column (banks); without it ``time`` holds date and time.
    ``debit`` is a bank's money-out column (a non-zero value makes the line negative).
    Rows of kind ``refund_values`` are refunds: their amount is ``refund_amount`` (or
    ``amount``), negative. ``skip_lines`` preface lines come before the header; rows
    starting with ``#`` are skipped and a row starting with one of ``end_markers`` ends the
    details. ``strip`` characters are removed from both ends of every cell.
    """

    name: str
    provider: str
    time: tuple[str, ...]
    amount: tuple[str, ...]
    references: tuple[str, ...]
    date: tuple[str, ...] = ()
    refund_amount: tuple[str, ...] = ()
    debit: tuple[str, ...] = ()
    kind: str = ""
    refund_values: tuple[str, ...] = ()
    counterparty: tuple[str, ...] = ()
    encoding: str = "auto"
    skip_lines: int = 0
    strip: str = "`\t "
    end_markers: tuple[str, ...] = field(default=("总交易单数",))

    def __post_init__(self) -> None:
        if self.provider not in PROVIDERS:
            raise StatementError(
                f"未知的对账渠道：{self.provider}", f"unknown provider {self.provider}"
            )
        if self.encoding not in ENCODINGS:
            raise StatementError(
                f"未知的编码：{self.encoding}", f"unknown encoding {self.encoding}"
            )
        if not self.name.strip() or not self.time or not self.amount:
            raise StatementError(
                "列映射需要名称、时间列和金额列。", "a mapping needs a name, time and amount"
            )
        if not 0 <= self.skip_lines <= 100:
            raise StatementError("跳过行数应在 0 到 100 之间。", "skip_lines must be 0-100")

    def to_json(self) -> str:
        """The mapping as JSON text (for saving)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        """A mapping read back from :meth:`to_json`; raises StatementError or ValueError."""
        data = json.loads(text)
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


WECHAT_PRESET = ColumnMapping(
    name="微信支付交易账单",
    provider="wechat",
    time=("交易时间",),
    amount=("订单金额", "总金额", "应结订单金额"),
    refund_amount=("退款金额", "申请退款金额"),
    kind="交易状态",
    refund_values=("REFUND",),
    references=("微信订单号", "商户订单号", "微信退款单号", "商户退款单号"),
    counterparty=("用户标识",),
)
ALIPAY_PRESET = ColumnMapping(
    name="支付宝业务明细",
    provider="alipay",
    time=("完成时间", "创建时间"),
    amount=("订单金额（元）", "订单金额(元)"),
    kind="业务类型",
    refund_values=("退款",),
    references=("支付宝交易号", "商户订单号", "退款批次号/请求号"),
    counterparty=("对方账户",),
    end_markers=(),
)
BANK_TEMPLATE = ColumnMapping(
    name="银行流水（模板）",
    provider="bank",
    date=("交易日期",),
    time=("交易时间",),
    amount=("收入金额", "贷方发生额"),
    debit=("支出金额", "借方发生额"),
    references=("摘要", "流水号", "交易流水号"),
    counterparty=("对方户名", "对方账户名称"),
    end_markers=("合计",),
)
BUILT_IN_PRESETS = (WECHAT_PRESET, ALIPAY_PRESET, BANK_TEMPLATE)


@dataclass(frozen=True)
class StatementLine:
    """One transaction of a statement; ``line_id`` is set once stored."""

    line_no: int
    occurred_at: dt.datetime
    amount_fen: int
    kind: str
    refs: tuple[str, ...]
    counterparty: str = ""
    line_id: int | None = None

    @property
    def day(self) -> dt.date:
        """The Beijing date of the transaction."""
        return self.occurred_at.astimezone(CHINA).date()


@dataclass(frozen=True)
class _Columns:
    """Header positions of each field (the first header name found)."""

    time: int
    amount: int
    date: int | None
    refund_amount: int | None
    debit: int | None
    kind: int | None
    references: tuple[int, ...]
    counterparty: int | None


def _find(header: Sequence[str], names: Sequence[str]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


def _columns(header: Sequence[str], mapping: ColumnMapping) -> _Columns:
    time, amount = _find(header, mapping.time), _find(header, mapping.amount)
    wanted = (("/".join(mapping.time), time), ("/".join(mapping.amount), amount))
    missing = [name for name, at in wanted if at is None]
    if mapping.date and _find(header, mapping.date) is None:
        missing.append("/".join(mapping.date))
    if missing:
        raise StatementError(
            f"文件中找不到列：{'、'.join(missing)}（请检查列映射“{mapping.name}”）。",
            f"columns not found: {', '.join(missing)}",
        )
    refs = tuple(i for n in mapping.references if (i := _find(header, (n,))) is not None)
    return _Columns(
        time=time,  # type: ignore[arg-type]
        amount=amount,  # type: ignore[arg-type]
        date=_find(header, mapping.date),
        refund_amount=_find(header, mapping.refund_amount),
        debit=_find(header, mapping.debit),
        kind=_find(header, (mapping.kind,)) if mapping.kind else None,
        references=refs,
        counterparty=_find(header, mapping.counterparty),
    )


def parse_statement(
    rows: Iterable[tuple[int, Sequence[str]]], mapping: ColumnMapping
) -> list[StatementLine]:
    """The transactions in `rows` ((row number, cells) as read from the file).

    Raises StatementError for missing columns, a file without a header, or bad rows (all of
    them named, up to 20).
    """
    cleaned = ((n, [c.strip(mapping.strip) for c in cells]) for n, cells in rows)
    body = _details(cleaned, mapping)
    header = next(body, None)
    if header is None:
        raise StatementError("文件中没有表头。", "the file has no header row")
    columns = _columns(header[1], mapping)
    lines, errors = [], []
    for number, cells in body:
        try:
            line = _line(number, cells, columns, mapping)
        except (ValueError, IndexError) as error:
            errors.append(f"第 {number} 行：{error}")
            continue
        if line is not None:
            lines.append(line)
    if errors:
        shown = "；".join(errors[:MAX_ERRORS])
        raise StatementError(f"对账单有错误，未导入：{shown}", f"{len(errors)} bad rows")
    return lines


def _details(rows: Iterable[tuple[int, list[str]]], mapping: ColumnMapping):
    skipped = 0
    for number, cells in rows:
        if skipped < mapping.skip_lines:
            skipped += 1
            continue
        first = cells[0] if cells else ""
        if not any(cells) or first.startswith("#"):
            continue
        if any(first.startswith(marker) for marker in mapping.end_markers if marker):
            return
        yield number, cells


def _line(
    number: int, cells: Sequence[str], at: _Columns, mapping: ColumnMapping
) -> StatementLine | None:
    kind_value = cells[at.kind] if at.kind is not None else ""
    refund = bool(kind_value) and kind_value in mapping.refund_values
    amount = _amount(cells, at.refund_amount if refund else None) or _amount(cells, at.amount)
    debit = _amount(cells, at.debit)
    if debit:
        amount, refund = -abs(debit), True
    elif refund:
        amount = -abs(amount)
    if amount == 0:
        return None
    refs = tuple(dict.fromkeys(cells[i] for i in at.references if cells[i]))
    return StatementLine(
        line_no=number,
        occurred_at=_moment(cells, at),
        amount_fen=amount,
        kind=REFUND if refund else PAYMENT,
        refs=refs,
        counterparty=cells[at.counterparty][:100] if at.counterparty is not None else "",
    )


def _amount(cells: Sequence[str], index: int | None) -> int:
    if index is None or index >= len(cells):
        return 0
    text = cells[index].replace("¥", "").replace("￥", "").replace("+", "").strip()
    if not text:
        return 0
    try:
        return parse_yuan(text, allow_negative=True)
    except MoneyError as error:
        raise ValueError(f"金额“{cells[index]}”无效（{error}）") from None


def _moment(cells: Sequence[str], at: _Columns) -> dt.datetime:
    text = cells[at.time]
    if at.date is not None:
        day = _parse(cells[at.date], _DATE_FORMATS, "日期")
        clock = _parse(text, _CLOCK_FORMATS, "时间") if text else dt.datetime(1900, 1, 1)
        moment = dt.datetime.combine(day.date(), clock.time())
    else:
        moment = _parse(text, _TIME_FORMATS + _DATE_FORMATS, "时间")
    return moment.replace(tzinfo=CHINA)


def _parse(text: str, formats: Sequence[str], what: str) -> dt.datetime:
    for pattern in formats:
        try:
            return dt.datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    raise ValueError(f"{what}“{text}”无法识别")


def with_name(mapping: ColumnMapping, name: str) -> ColumnMapping:
    """A copy of `mapping` under another name (to save an edited built-in preset)."""
    return replace(mapping, name=name)
