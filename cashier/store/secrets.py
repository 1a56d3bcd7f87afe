"""Database passwords in the operating system's keyring (Windows Credential Manager, macOS
Keychain, the Secret Service on a Linux desktop), never in a file.

A PostgreSQL URL without a password is completed from the keyring entry of its user, host,
port and database when there is one; otherwise libpq looks in `PGPASSWORD` and `~/.pgpass`
as usual. A machine without a usable keyring (a server, CI) simply has no entry.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

KEYRING_SERVICE = "cashier"


class KeyringUnavailable(Exception):
    """No keyring backend on this machine, or the keyring refused the password."""


def keyring_entry(url: URL) -> str:
    """The keyring user name for `url`'s login: ``user@host:port/database``."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def with_keyring_password(url: URL) -> URL:
    """`url` with the keyring's password for its login, if it has none and the keyring has one."""
    if url.password is not None or url.get_backend_name() != "postgresql":
        return url
    password = _lookup(keyring_entry(url))
    return url if password is None else url.set(password=password)


def save_keyring_password(url: URL, password: str) -> str:
    """Store `password` for `url`'s login in the keyring; returns the entry's name.

    Raises KeyringUnavailable when this machine has no keyring that can keep it.
    """
    import keyring
    from keyring.errors import KeyringError

    entry = keyring_entry(url)
    try:
        keyring.set_password(KEYRING_SERVICE, entry, password)
    except KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc
    return entry


def _lookup(entry: str) -> str | None:
    """The keyring's password for `entry`, or None. A keyring that cannot be reached, of
    whatever cause, must not stop the program: libpq's own sources still apply."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, entry)
    except Exception as exc:  # any backend failure means "no entry"
        log.warning("no password from the OS keyring for %s: %s", entry, exc)
        return None
