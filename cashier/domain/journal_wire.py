"""Journal entries as plain JSON values, for bundles and direct syncs between databases.

The conversion keeps every field exactly (dates as ISO text, the taking time as UTC text with
microseconds), so an entry read back has the same payload and hash as the one written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from cashier.domain.chain import utc_text
from cashier.domain.journal import JournalEntry

_DATES = ("business_date", "value_date")
_FIELDS = tuple(f.name for f in dataclasses.fields(JournalEntry))


def entry_to_dict(entry: JournalEntry) -> dict[str, object]:
    """Every field of `entry` as plain JSON values."""
    data: dict[str, object] = {name: getattr(entry, name) for name in _FIELDS}
    for name in _DATES:
        data[name] = getattr(entry, name).isoformat()
    data["taken_at"] = utc_text(entry.taken_at)
    return data


def entry_from_dict(data: Mapping[str, object]) -> JournalEntry:
    """The entry written by `entry_to_dict`; raises ValueError when a field is missing or
    malformed (its hash is checked by whoever reads it)."""
    try:
        values = {name: data[name] for name in _FIELDS}
        for name in _DATES:
            values[name] = dt.date.fromisoformat(str(values[name]))
        taken = dt.datetime.fromisoformat(str(values["taken_at"]).replace("Z", "+00:00"))
        if taken.tzinfo is None:
            raise ValueError("taking time without a zone")
        values["taken_at"] = taken
    except (KeyError, TypeError) as error:
        raise ValueError(f"malformed journal entry: {error}") from error
    return JournalEntry(**values)  # type: ignore[arg-type]
