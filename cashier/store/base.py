"""Declarative base with a constraint naming convention, so migrations name things stably."""

from __future__ import annotations

from sqlalchemy import BigInteger, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Fen = BigInteger
"""Column type for money: an integer count of fen."""


class Base(DeclarativeBase):
    """Base class of every table of the application."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
