"""Password hashing with argon2id (argon2-cffi), offered to services as `uow.passwords`.

Parameters follow the OWASP minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane
(about 25 ms on a counter PC). Hashes made with other parameters still verify, and
`needs_rehash` tells the sign-in service to store a fresh hash.
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from cashier.store.registry import repository

TIME_COST = 2
MEMORY_COST_KIB = 19_456
PARALLELISM = 1

_HASHER = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    type=Type.ID,
)


class Argon2Passwords:
    """The PasswordHasher port implemented with argon2id."""

    def hash(self, password: str) -> str:
        """An encoded argon2id hash of `password` with a fresh random salt."""
        return _HASHER.hash(password)

    def verify(self, encoded: str, password: str) -> bool:
        """True when `password` matches; False for a mismatch or a malformed hash."""
        try:
            return _HASHER.verify(encoded, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, encoded: str) -> bool:
        """True when `encoded` was made with other parameters than today's."""
        try:
            return _HASHER.check_needs_rehash(encoded)
        except InvalidHashError:
            return True


@repository("passwords")
def _passwords_for_unit_of_work(_session: Session) -> Argon2Passwords:
    """Every unit of work offers the hasher as `uow.passwords` (it needs no session)."""
    return Argon2Passwords()
