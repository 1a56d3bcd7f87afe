"""Copying a work list between databases: the central books' rows for some accounts, into a
device's own SQLite file, keeping the central ids (the device never writes these tables).

A work list is a sequence of records ``{"t": table, "r": {column: JSON value}}`` in load
order, the same for a direct connection and for a bundle file. Tables an account owns are
selected through `account_id` (bill lines through their bill); seasons, tariffs, company
settings and the counter staff (with their password hashes, for signing in and approving on
the device) are taken whole. Payments made at the counters for these accounts travel as
journal entries and land in `device_mirror`.

Loading inserts rows the device does not have yet and refreshes the mutable ones (accounts,
seasons, settings, users), so a second check-out or a sync's download only adds what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence

from sqlalchemy import Column, Date, DateTime, Select, Table, delete, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cashier.domain.chain import utc_text
from cashier.domain.device import WorklistScope
from cashier.domain.journal import JournalEntry
from cashier.domain.journal_wire import entry_from_dict, entry_to_dict
from cashier.domain.roles import CASHIER, COLLECTOR, SUPERVISOR
from cashier.store.base import Base
from cashier.store.models import Account, Bill, JournalRow, User, UserRole
from cashier.store.registry import repository
from cashier.store.repositories.journal import ENTRY_COLUMNS, entry_from_row
from cashier.store.timeutil import to_db

GLOBAL_TABLES = ("app_settings", "seasons", "tariff_versions")
ACCOUNT_TABLES = (
    "accounts",
    "account_facts",
    "account_statuses",
    "opening_arrears",
    "opening_arrears_adjustments",
    "holder_changes",
    "account_closures",
    "meter_readings",
    "bills",
    "bill_lines",
)
UPSERT_TABLES = {"app_settings", "seasons", "accounts", "users"}
"""Tables whose rows can change centrally: refreshed on load (the others only grow)."""
DEVICE_ROLES = (CASHIER, COLLECTOR, SUPERVISOR)
"""Users holding one of these roles are copied to devices (to sign in and to approve)."""
JOURNAL = "journal"
"""The table name journal entries travel under (loaded into device_mirror)."""

Record = dict[str, object]


def _table(name: str) -> Table | None:
    return Base.metadata.tables.get(name)


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return utc_text(to_db(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decoder(column: Column):
    if isinstance(column.type, DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
    if isinstance(column.type, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    return None


def scope_accounts(scope: WorklistScope) -> Select:
    """The ids of the accounts a scope takes."""
    query = select(Account.id)
    if not scope.everything:
        query = query.where(Account.estate.in_(scope.estates))
        if scope.buildings:
            query = query.where(Account.building.in_(scope.buildings))
    return query


def _staff_ids() -> Select:
    return (
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_(DEVICE_ROLES), User.disabled.is_(False))
    )


@repository("worklist")
class SqlWorklistRepository:
    """Reads a work list from the central books and loads one into a device's database."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self, scope: WorklistScope) -> int:
        """How many accounts the scope takes."""
        return len(self._session.scalars(scope_accounts(scope)).all())

    def export(self, scope: WorklistScope, device_code: str) -> Iterator[Record]:
        """The scope's records in load order (see the module docstring); journal entries of
        `device_code` itself are left out (the device has them)."""
        ids = scope_accounts(scope).scalar_subquery()
        for name in GLOBAL_TABLES:
            yield from self._rows(name, select(_table(name)))
        for name in ACCOUNT_TABLES:
            table = _table(name)
            if table is None:
                continue
            if name == "accounts":
                where = table.c.id.in_(ids)
            elif name == "bill_lines":
                where = table.c.bill_id.in_(select(Bill.id).where(Bill.account_id.in_(ids)))
            else:
                where = table.c.account_id.in_(ids)
            yield from self._rows(name, select(table).where(where).order_by(table.c.id))
        staff = _staff_ids().scalar_subquery()
        yield from self._rows("users", select(_table("users")).where(User.id.in_(staff)))
        roles = select(_table("user_roles")).where(UserRole.user_id.in_(staff))
        yield from self._rows("user_roles", roles)
        yield from self._journal(ids, device_code)

    def _rows(self, name: str, query: Select) -> Iterator[Record]:
        names = [c.name for c in _table(name).columns]
        for row in self._session.connection().execute(query):
            yield {"t": name, "r": {k: _encode(v) for k, v in zip(names, row, strict=True)}}

    def _journal(self, ids, device_code: str) -> Iterator[Record]:
        query = (
            select(*ENTRY_COLUMNS)
            .join(Account, Account.account_no == JournalRow.account_no)
            .where(Account.id.in_(ids), JournalRow.counter_code != device_code)
            .order_by(JournalRow.id)
        )
        for row in self._session.connection().execute(query):
            yield {"t": JOURNAL, "r": entry_to_dict(entry_from_row(row))}

    def places(self) -> list[tuple[str, str, str, str, str, str]]:
        """(account_no, name, estate, building, unit, room) of every account here."""
        query = select(
            Account.account_no, Account.name, Account.estate, Account.building, Account.unit,
            Account.room,
        )  # fmt: skip
        return [tuple(row) for row in self._session.execute(query)]

    def load(self, records: Iterable[Mapping[str, object]]) -> tuple[int, list[JournalEntry]]:
        """Load records into this (device) database: how many rows were new or refreshed,
        and the journal entries among them (for device_mirror). Raises ValueError for an
        unknown table or a malformed row."""
        grouped: dict[str, list[Record]] = {}
        entries: list[JournalEntry] = []
        for record in records:
            name, row = record.get("t"), record.get("r")
            if not isinstance(row, dict):
                raise ValueError(f"malformed work-list record: {record!r}")
            if name == JOURNAL:
                entries.append(entry_from_dict(row))
            elif name in GLOBAL_TABLES or name in ACCOUNT_TABLES or name in ("users", "user_roles"):
                grouped.setdefault(str(name), []).append(row)
            else:
                raise ValueError(f"unknown table in a work list: {name!r}")
        changed = 0
        for name in (*GLOBAL_TABLES, *ACCOUNT_TABLES, "users", "user_roles"):
            rows = grouped.get(name)
            if rows and _table(name) is not None:
                changed += self._load_table(name, rows)
        return changed, entries

    def _load_table(self, name: str, rows: Sequence[Record]) -> int:
        table = _table(name)
        decoders = {c.name: d for c in table.columns if (d := _decoder(c)) is not None}
        values = [_decoded(row, table, decoders) for row in rows]
        if name == "user_roles":
            users = {v["user_id"] for v in values}
            self._session.execute(delete(table).where(table.c.user_id.in_(users)))
        statement = sqlite_insert(table)
        keys = [c.name for c in table.primary_key.columns]
        if name in UPSERT_TABLES:
            changes = {
                c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys
            }
            differs = or_(*[table.c[c].is_distinct_from(statement.excluded[c]) for c in changes])
            statement = statement.on_conflict_do_update(
                index_elements=keys, set_=changes, where=differs
            )
        else:
            statement = statement.on_conflict_do_nothing()
        total = 0
        for start in range(0, len(values), 2000):
            result = self._session.execute(statement, values[start : start + 2000])
            total += max(result.rowcount or 0, 0)
        return 0 if name == "user_roles" else total


def _decoded(row: Mapping[str, object], table: Table, decoders: dict) -> dict:
    try:
        values = {c.name: row[c.name] for c in table.columns}
    except KeyError as error:
        raise ValueError(f"{table.name}: missing column {error}") from error
    for name, decode in decoders.items():
        try:
            values[name] = decode(values[name])
        except (TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"{table.name}.{name}: {error}") from error
    return values
