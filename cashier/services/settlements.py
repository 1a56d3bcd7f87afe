"""Settlement matching: import the day's WeChat Pay, Alipay and bank statements, match them to
the non-cash parts of the day's payments, and record an accountant's note on each
unmatched or mismatched item.

Column mappings (presets) are editable and saved in the database; a saved mapping replaces
the built-in one of the same name (domain/settlement_files.py). A file is imported once per
provider (by its SHA-256). Matching (domain/settlement_match.py) is recomputed from what is
stored each time it is asked for, so a late import or a resolution never leaves it stale.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cashier.domain.actor import Actor
from cashier.domain.errors import UserError
from cashier.domain.journal import CHINA, JournalEntry
from cashier.domain.money import format_yuan
from cashier.domain.settlement_files import (
    BUILT_IN_PRESETS,
    PROVIDER_METHODS,
    PROVIDERS,
    ColumnMapping,
    StatementError,
    StatementLine,
    parse_statement,
)
from cashier.domain.settlement_match import (
    BookPart,
    MatchResult,
    Resolution,
    latest_notes,
    match_statement,
)
from cashier.domain.shift_report import MONEY_KINDS
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork
from cashier.services.tabular import read_rows

LATE_BOOKING_DAYS = 3
"""Entries taken on a day may be booked up to this many days later (a closed day)."""
MAX_NOTE = 500


def all_presets(uow: UnitOfWork, actor: Actor) -> list[ColumnMapping]:
    """The built-in mappings with the saved ones in place of those of the same name, then
    the other saved ones. Raises PermissionDenied."""
    require(actor, "reconcile")
    with uow:
        saved = {mapping.name: mapping for mapping in uow.settlements.presets()}
    built_in = [saved.pop(m.name, m) for m in BUILT_IN_PRESETS]
    return built_in + list(saved.values())


def save_preset(uow: UnitOfWork, actor: Actor, mapping: ColumnMapping) -> None:
    """Save a mapping under its name (audited). Raises PermissionDenied."""
    require(actor, "reconcile")
    with uow:
        moment = dt.datetime.now(dt.UTC)
        uow.settlements.save_preset(mapping, at=moment, by=actor.staff_no)
        audit.record(uow, actor, "settlement_preset", {"name": mapping.name}, now=moment)
        uow.commit()


def _decode(data: bytes, encoding: str, name: str) -> str:
    tried = ("utf-8-sig", "gb18030") if encoding == "auto" else (encoding,)
    for codec in tried:
        try:
            return data.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError:
            continue
    raise StatementError(
        f"无法按 {encoding} 读取文件 {name}，请检查列映射中的编码。", f"cannot decode {name}"
    )


def statement_rows(
    path: Path, data: bytes, mapping: ColumnMapping
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a statement file: .xlsx through the table reader, text as CSV in the
    mapping's encoding."""
    if path.suffix.lower() == ".xlsx":
        yield from read_rows(path)
        return
    text = _decode(data, mapping.encoding, path.name)
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    except csv.Error as error:
        raise StatementError(f"CSV 文件格式错误：{error}", str(error)) from None


@dataclass(frozen=True)
class ImportSummary:
    """An imported statement: provider, day, lines kept, their total (fen), lines of other
    days left out."""

    provider: str
    day: dt.date
    lines: int
    total_fen: int
    other_days: int = 0


def _day_of(lines: list[StatementLine], day: dt.date | None) -> dt.date:
    if day is not None:
        return day
    days = Counter(line.day for line in lines)
    if len(days) != 1:
        raise StatementError(
            "对账单包含多天的交易（或没有交易），请指定对账日期。",
            "the statement spans several days (or none): give the day",
        )
    return next(iter(days))


def import_statement(
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping,
    *,
    day: dt.date | None = None,
) -> ImportSummary:
    """Import a statement file with `mapping` for `day` (default: the one day its lines are
    on; lines of other days are left out). Raises PermissionDenied, StatementError (bad or
    already imported file), TableFileError."""
    require(actor, "reconcile")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StatementError(f"无法读取文件 {path}：{error}", str(error)) from error
    lines = parse_statement(statement_rows(path, data, mapping), mapping)
    chosen = _day_of(lines, day)
    kept = [line for line in lines if line.day == chosen]
    digest = hashlib.sha256(data).hexdigest()
    with uow:
        earlier = uow.settlements.imported(mapping.provider, digest)
        if earlier is not None:
            raise StatementError(
                f"这个对账单已导入过（{earlier}）。", f"statement imported before for {earlier}"
            )
        moment = dt.datetime.now(dt.UTC)
        uow.settlements.add_import(
            mapping.provider, chosen, kept, file_name=path.name, sha256=digest,
            preset=mapping.name, at=moment, by=actor.staff_no,
        )
        total = sum(line.amount_fen for line in kept)
        details = {"file": path.name, "rows": len(kept), "amount": format_yuan(total)}
        audit.record(uow, actor, "settlement_import", details, now=moment)
        uow.commit()
    return ImportSummary(mapping.provider, chosen, len(kept), total, len(lines) - len(kept))


def book_parts(entries: list[JournalEntry], provider: str, day: dt.date) -> list[BookPart]:
    """The parts of `entries` taken on `day` (Beijing) through the provider's methods."""
    methods = PROVIDER_METHODS[provider]
    parts = []
    for entry in entries:
        if entry.kind not in MONEY_KINDS or entry.taken_at.astimezone(CHINA).date() != day:
            continue
        for index, part in enumerate(entry.details.parts):
            if part.method in methods:
                parts.append(
                    BookPart(entry.receipt_no, index, part.method, part.amount_fen,
                             part.reference, entry.taken_at, entry.staff_no)
                )
    return parts


@dataclass(frozen=True)
class DayMatch:
    """The matching of a provider's day: pairs, leftovers, and the notes recorded."""

    provider: str
    day: dt.date
    result: MatchResult
    notes: dict[str, Resolution]

    @property
    def unresolved(self) -> list[str]:
        """Items still without a note."""
        return [key for key in self.result.open_items() if key not in self.notes]


def match_day(uow: UnitOfWork, actor: Actor, provider: str, day: dt.date) -> DayMatch:
    """Match the provider's imported lines of `day` with the day's parts (taken that day,
    booked up to three days later). Raises PermissionDenied, UserError (unknown provider)."""
    require(actor, "reconcile")
    if provider not in PROVIDERS:
        raise UserError(f"未知的对账渠道：{provider}", f"unknown provider {provider}")
    last = day + dt.timedelta(days=LATE_BOOKING_DAYS)
    with uow:
        lines = uow.settlements.lines(provider, day)
        entries = list(uow.reports.entries_between(day, last, sorted(MONEY_KINDS)))
        notes = latest_notes(uow.settlements.resolutions(provider, day))
    result = match_statement(lines, book_parts(entries, provider, day))
    return DayMatch(provider, day, result, notes)


def resolve_item(
    uow: UnitOfWork, actor: Actor, provider: str, day: dt.date, item_key: str, note: str
) -> Resolution:
    """Record an accountant's note on an item (audited). Raises PermissionDenied, UserError
    for an empty note."""
    require(actor, "reconcile")
    text = note.strip()[:MAX_NOTE]
    if not text:
        raise UserError("请填写处理说明。", "a resolution needs a note")
    resolution = Resolution(day, provider, item_key, text, dt.datetime.now(dt.UTC), actor.staff_no)
    with uow:
        uow.settlements.add_resolution(resolution)
        details = {"number": item_key, "reason": text}
        audit.record(uow, actor, "settlement_resolve", details, now=resolution.resolved_at)
        uow.commit()
    return resolution
