"""Permission checks every service makes before acting (the table is cashier.domain.roles).

    require(actor, "import_accounts")                 # raises PermissionDenied
    require_approved(actor, "void", approval)         # also needs a supervisor's Approval

The window hides what `can` refuses, but only these checks are binding.
"""

from __future__ import annotations

from cashier.domain.actor import Actor
from cashier.domain.errors import ApprovalRequired, PermissionDenied, SelfApprovalRefused
from cashier.domain.roles import (
    PERMISSIONS,
    Approval,
    action_label,
    is_allowed,
    needs_approval,
    roles_for,
    roles_text,
)


def can(actor: Actor, action: str) -> bool:
    """True when `actor` may perform `action`; raises KeyError for an unknown action code."""
    return is_allowed(actor.roles, action)


def require(actor: Actor, action: str) -> None:
    """Raise PermissionDenied unless one of `actor`'s roles may perform `action`.

    Raises KeyError for an action code missing from cashier.domain.roles.PERMISSIONS.
    """
    if can(actor, action):
        return
    label = action_label(action)
    needed = roles_text(roles_for(action))
    raise PermissionDenied(
        f"{actor.name}（{actor.staff_no}）无权{label}，需要以下角色之一：{needed}。",
        f"{actor.staff_no} may not perform {action!r}; roles allowed: "
        f"{', '.join(roles_for(action))}",
        action=action,
    )


def require_approved(actor: Actor, action: str, approval: Approval | None) -> None:
    """`require(actor, action)`, and for an action that needs approval, a supervisor's
    Approval of this action for this actor, given by someone else.

    Raises PermissionDenied (also when the approver is not a supervisor), ApprovalRequired
    (missing, or for another action or user) or SelfApprovalRefused.
    """
    require(actor, action)
    if not needs_approval(action):
        return
    label = action_label(action)
    if approval is None or approval.action != action or not _same(approval.requester, actor):
        raise ApprovalRequired(
            f"{label}需要主管批准。",
            f"{action!r} needs a supervisor's approval",
            action=action,
        )
    if _same(approval.approver, actor):
        raise SelfApprovalRefused(
            f"不能批准自己的{label}，请由另一位主管批准。",
            f"a user cannot approve their own {action!r}",
            action=action,
        )
    if not can(approval.approver, "approve"):
        approver = approval.approver
        raise PermissionDenied(
            f"{approver.name}（{approver.staff_no}）不是主管，不能批准{label}。",
            f"{approver.staff_no} is not a supervisor and cannot approve {action!r}",
            action=action,
        )


def allowed_actions(actor: Actor) -> frozenset[str]:
    """Every action code `actor` may perform (for the window to show or hide controls)."""
    return frozenset(action for action in PERMISSIONS if can(actor, action))


def _same(a: Actor, b: Actor) -> bool:
    if a.id is not None and b.id is not None:
        return a.id == b.id
    return a.staff_no == b.staff_no
