"""Which repository class serves which attribute of the unit of work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

REPOSITORIES: dict[str, Callable[[Session], Any]] = {}


def repository(name: str) -> Callable[[type], type]:
    """Register a repository class as attribute `name` of every unit of work."""

    def register(cls: type) -> type:
        if name in REPOSITORIES and REPOSITORIES[name] is not cls:
            raise ValueError(f"two repositories registered as {name!r}")
        REPOSITORIES[name] = cls
        return cls

    return register
