"""One client UUID per confirmed action, reused on every retry of the same action.

A payment's UUID is made when the cashier first confirms it. Confirming the same thing again
(after a lost connection, a refused shift, or the overpayment question) sends the same UUID,
so the service recognises a payment it already stored instead of posting it twice. A changed
tender is another payment and gets a new UUID; so does anything after a success.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable


def new_uuid() -> str:
    """A fresh random UUID as text."""
    return str(uuid.uuid4())


class ClientUuids:
    """Hands out the UUID for an action identified by `key` (what the cashier confirmed)."""

    def __init__(self, make: Callable[[], str] = new_uuid) -> None:
        self._make = make
        self._key: Hashable | None = None
        self._uuid: str | None = None

    def for_action(self, key: Hashable) -> str:
        """The UUID of the action `key`: the pending one when `key` is the same, else new."""
        if self._uuid is None or key != self._key:
            self._key, self._uuid = key, self._make()
        return self._uuid

    def pending(self) -> str | None:
        """The UUID of the action not yet known to be stored, or None."""
        return self._uuid

    def settled(self) -> None:
        """The action was stored: the next confirmation is a new action."""
        self._key = self._uuid = None
