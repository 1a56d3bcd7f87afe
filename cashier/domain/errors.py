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
