"""Datetimes to and from the database: stored as UTC on both engines.

SQLite keeps no zone (SQLAlchemy stores the wall time and drops the offset), so everything
is converted to UTC before it is written and read back as UTC.
"""

from __future__ import annotations

import datetime as dt


def to_db(moment: dt.datetime | None) -> dt.datetime | None:
    """An aware datetime in UTC for storing (a naive one is taken to be UTC already)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def from_db(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored datetime as an aware UTC datetime (SQLite gives it back naive)."""
    return to_db(moment)
