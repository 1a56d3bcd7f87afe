"""Operators and their roles in the users and user_roles tables."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.domain.users import UserRecord
from cashier.store.models.users import User, UserRole
from cashier.store.registry import repository
from cashier.store.timeutil import from_db, to_db


def _record(row: User) -> UserRecord:
    return UserRecord(
        id=row.id,
        staff_no=row.staff_no,
        name=row.name,
        roles=frozenset(role.role for role in row.roles),
        password_hash=row.password_hash,
        must_change_password=row.must_change_password,
        disabled=row.disabled,
        failed_attempts=row.failed_attempts,
        last_failed_at=from_db(row.last_failed_at),
        created_at=from_db(row.created_at),
    )


@repository("users")
class SqlUsersRepository:
    """Users are added and changed, never deleted."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self) -> int:
        """How many users exist (enabled or not)."""
        return self._session.scalar(select(func.count()).select_from(User)) or 0

    def get(self, staff_no: str) -> UserRecord | None:
        """The user with this staff number, or None."""
        row = self._session.scalar(select(User).where(User.staff_no == staff_no))
        return None if row is None else _record(row)

    def get_by_id(self, user_id: int) -> UserRecord | None:
        """The user with this id, or None."""
        row = self._session.get(User, user_id)
        return None if row is None else _record(row)

    def list(self) -> list[UserRecord]:
        """Every user, by staff number."""
        rows = self._session.scalars(select(User).order_by(User.staff_no))
        return [_record(row) for row in rows]

    def add(self, user: UserRecord) -> UserRecord:
        """Insert a new user with its roles; returns the record with its id."""
        row = User(staff_no=user.staff_no, created_at=to_db(user.created_at))
        self._copy(user, row)
        self._session.add(row)
        self._session.flush()
        return _record(row)

    def save(self, user: UserRecord) -> None:
        """Update an existing user's name, roles, password and sign-in state."""
        row = self._session.get(User, user.id)
        if row is None:
            raise LookupError(f"no user with id {user.id}")
        self._copy(user, row)
        self._session.flush()

    @staticmethod
    def _copy(user: UserRecord, row: User) -> None:
        row.name = user.name
        row.password_hash = user.password_hash
        row.must_change_password = user.must_change_password
        row.disabled = user.disabled
        row.failed_attempts = user.failed_attempts
        row.last_failed_at = to_db(user.last_failed_at)
        held = {role.role: role for role in row.roles}
        row.roles = [held.get(code) or UserRole(role=code) for code in sorted(user.roles)]
