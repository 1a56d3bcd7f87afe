"""Settlement statements: saved column mappings, imported files and lines, resolutions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cashier.domain.settlement_files import ColumnMapping, StatementLine
from cashier.domain.settlement_match import Resolution
from cashier.store.models import (
    SettlementImportRow,
    SettlementLineRow,
    SettlementPresetRow,
    SettlementResolutionRow,
)
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db


def _line_values(import_id: int, line: StatementLine) -> dict[str, object]:
    return {
        "import_id": import_id,
        "line_no": line.line_no,
        "occurred_at": to_db(line.occurred_at),
        "amount_fen": line.amount_fen,
        "kind": line.kind,
        "refs": json.dumps(list(line.refs), ensure_ascii=False),
        "counterparty": line.counterparty[:100],
    }


@repository("settlements")
class SqlSettlementRepository:
    """Statement files are appended; saved mappings are edited in place."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def presets(self) -> list[ColumnMapping]:
        """Saved mappings by name."""
        rows = self._session.scalars(
            select(SettlementPresetRow.mapping).order_by(SettlementPresetRow.name)
        )
        return [ColumnMapping.from_json(text) for text in rows]

    def save_preset(self, mapping: ColumnMapping, *, at: dt.datetime, by: str) -> None:
        """Insert or replace the mapping of that name."""
        row = self._session.scalar(
            select(SettlementPresetRow).where(SettlementPresetRow.name == mapping.name)
        )
        if row is None:
            row = SettlementPresetRow(name=mapping.name)
            self._session.add(row)
        row.provider = mapping.provider
        row.mapping = mapping.to_json()
        row.updated_at = to_db(at)  # type: ignore[assignment]
        row.updated_by = by
        self._session.flush()

    def delete_preset(self, name: str) -> bool:
        """Remove a saved mapping."""
        result = self._session.execute(
            delete(SettlementPresetRow).where(SettlementPresetRow.name == name)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def imported(self, provider: str, sha256: str) -> dt.date | None:
        """The day a file with this digest was imported for."""
        return self._session.scalar(
            select(SettlementImportRow.business_date).where(
                SettlementImportRow.provider == provider,
                SettlementImportRow.file_sha256 == sha256,
            )
        )

    def add_import(
        self,
        provider: str,
        day: dt.date,
        lines: Sequence[StatementLine],
        *,
        file_name: str,
        sha256: str,
        preset: str,
        at: dt.datetime,
        by: str,
    ) -> int:
        """Store the file and its lines; the import id."""
        imported = SettlementImportRow(
            provider=provider,
            business_date=day,
            file_name=file_name[:200],
            file_sha256=sha256,
            preset=preset[:64],
            lines=len(lines),
            total_fen=sum(line.amount_fen for line in lines),
            imported_at=to_db(at),
            imported_by=by,
        )
        self._session.add(imported)
        self._session.flush()
        if lines:
            rows = [_line_values(imported.id, line) for line in lines]
            self._session.execute(SettlementLineRow.__table__.insert(), rows)
        return imported.id

    def lines(self, provider: str, day: dt.date) -> list[StatementLine]:
        """Every imported line of the provider's files for `day`."""
        query = (
            select(SettlementLineRow)
            .join(SettlementImportRow, SettlementImportRow.id == SettlementLineRow.import_id)
            .where(
                SettlementImportRow.provider == provider,
                SettlementImportRow.business_date == day,
            )
            .order_by(SettlementLineRow.import_id, SettlementLineRow.line_no)
        )
        return [
            StatementLine(
                line_no=row.line_no,
                occurred_at=from_db(row.occurred_at),  # type: ignore[arg-type]
                amount_fen=row.amount_fen,
                kind=row.kind,
                refs=tuple(json.loads(row.refs)),
                counterparty=row.counterparty,
                line_id=row.id,
            )
            for row in self._session.scalars(query)
        ]

    def imports(self, day: dt.date) -> list[tuple[str, str, int, int]]:
        """(provider, file name, lines, total) of the files imported for `day`."""
        query = (
            select(
                SettlementImportRow.provider,
                SettlementImportRow.file_name,
                SettlementImportRow.lines,
                SettlementImportRow.total_fen,
            )
            .where(SettlementImportRow.business_date == day)
            .order_by(SettlementImportRow.id)
        )
        return [tuple(row) for row in self._session.execute(query)]  # type: ignore[misc]

    def add_resolution(self, resolution: Resolution) -> None:
        """Record a resolution."""
        self._session.add(
            SettlementResolutionRow(
                business_date=resolution.day,
                provider=resolution.provider,
                item_key=resolution.item_key,
                note=resolution.note,
                resolved_at=to_db(resolution.resolved_at),
                resolved_by=resolution.resolved_by,
            )
        )
        self._session.flush()

    def resolutions(self, provider: str, day: dt.date) -> list[Resolution]:
        """Resolutions of the provider's items of `day`, oldest first."""
        query = (
            select(SettlementResolutionRow)
            .where(
                SettlementResolutionRow.provider == provider,
                SettlementResolutionRow.business_date == day,
            )
            .order_by(SettlementResolutionRow.id)
        )
        return [
            Resolution(
                day=row.business_date,
                provider=row.provider,
                item_key=row.item_key,
                note=row.note,
                resolved_at=from_db(row.resolved_at),  # type: ignore[arg-type]
                resolved_by=row.resolved_by,
            )
            for row in self._session.scalars(query)
        ]
