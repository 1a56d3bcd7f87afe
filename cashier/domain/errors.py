"""Errors a user can cause, with a message they can act on."""

from __future__ import annotations


class UserError(Exception):
    """An error caused by input or state the user can correct.

    `str(error)` is the Simplified Chinese message shown to the user; `english` carries the
    same message in English for logs and the command line.
    """

    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.english = english or message

    def bilingual(self) -> str:
        """Both languages on one line, for the command line."""
        if self.english == str(self):
            return str(self)
        return f"{self} ({self.english})"


class PermissionDenied(UserError):
    """The acting user's roles do not allow the action; `action` is the action code."""

    def __init__(self, message: str, english: str = "", *, action: str = "") -> None:
        super().__init__(message, english)
        self.action = action


class ApprovalRequired(PermissionDenied):
    """The action needs a supervisor's approval and none (or one for another action) was given."""


class SelfApprovalRefused(PermissionDenied):
    """The approver is the user who asked for the action: a second person must approve."""


class SignInFailed(UserError):
    """Wrong staff number or password, or a disabled user (deliberately not saying which)."""


class SignInThrottled(SignInFailed):
    """Too many failed attempts for this staff number: try again after `retry_after_s` seconds."""

    def __init__(self, message: str, english: str = "", *, retry_after_s: int = 0) -> None:
        super().__init__(message, english)
        self.retry_after_s = retry_after_s


class PasswordChangeRequired(UserError):
    """The password was reset by an administrator and must be changed at this sign-in."""
