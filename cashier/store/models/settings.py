"""Company-wide settings kept in the database, shared by every client."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cashier.store.base import Base


class AppSetting(Base):
    """A company-wide setting (company name, service telephone, demo flag, ...)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
