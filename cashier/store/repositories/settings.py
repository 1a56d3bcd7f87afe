"""Company-wide settings in the app_settings table."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cashier.store.models import AppSetting
from cashier.store.registry import repository


@repository("settings")
class SqlSettingsRepository:
    """Key/value settings shared by every client of the database."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        """The stored value, or None."""
        row = self._session.get(AppSetting, key)
        return None if row is None else row.value

    def put(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        row = self._session.get(AppSetting, key)
        if row is None:
            self._session.add(AppSetting(key=key, value=value))
        else:
            row.value = value
