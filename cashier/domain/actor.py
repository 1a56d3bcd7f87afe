"""Who performs an action: the acting user that every service function takes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts.

    `id` is the users-table id (None for the built-in local operator), `staff_no` and `name`
    appear on printed documents, `roles` is a set of role codes such as "cashier" or "admin".
    """

    id: int | None
    staff_no: str
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def has_role(self, role: str) -> bool:
        """True when the actor holds `role`."""
        return role in self.roles


LOCAL_OPERATOR = Actor(
    id=None,
    staff_no="0000",
    name="本机操作员",
    roles=frozenset({"cashier", "collector", "repair", "accountant", "supervisor", "admin"}),
)
"""The operator used by the command line and the window until sign-in exists."""
