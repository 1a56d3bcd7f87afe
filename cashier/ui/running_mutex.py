"""A named Windows mutex that says "the application is running" to the installer.

installer.nsi opens the same name before it copies files and refuses to install (or
uninstall) while any login on the machine has the window open: files in use cannot be
replaced, and a half-replaced installation would not start. The `Global\\` prefix makes the
name visible across Windows sessions (fast user switching, remote desktop); creating a mutex
there needs no privilege. Windows releases it when the process ends, however it ends.
"""

from __future__ import annotations

import sys

RUNNING_MUTEX_NAME = "Global\\cashier-heating-fee-cashier-running"
"""Must match RUNNING_MUTEX in installer.nsi (a test compares them)."""

_held: list[int] = []


def hold_running_mutex() -> int | None:
    """Create the mutex on Windows and keep it until the process exits.

    Returns the handle, or None elsewhere or when Windows refused (the application still
    starts: the installer check is a safeguard, not a lock the program depends on).
    """
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.restype = ctypes.c_void_p
    kernel32.CreateMutexW.argtypes = [ctypes.c_void_p, ctypes.c_bool, ctypes.c_wchar_p]
    handle = kernel32.CreateMutexW(None, False, RUNNING_MUTEX_NAME)
    if not handle:
        return None
    _held.append(handle)
    return handle
