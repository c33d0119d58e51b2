"""Keep freed heap memory in the process while a large world is generated.

Generating customers in passes allocates and frees the same few dozen
arrays (about half a megabyte each) in every pass. By default glibc's
``malloc`` hands the freed top of the heap back to the operating system as
soon as more than 128 KiB of it is free, so the next pass maps the same
memory again, one 4 KiB page fault at a time. On the virtual machines we
measured, a page fault costs about 3 microseconds and the faults took 40 % of
the generation time (550,000 faults for five million customers).

:func:`keep_freed_heap` asks glibc (``mallopt(M_TOP_PAD, ...)``) to keep
:data:`TOP_PAD_BYTES` of free heap instead of returning it. The process may
then hold up to that much memory it no longer uses; nothing else changes, and
the generated data never depend on it. On other C libraries (macOS, Windows,
musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import os
import threading

#: Free heap glibc keeps for reuse (per arena) instead of returning it to the system.
TOP_PAD_BYTES = 64 << 20

_M_TOP_PAD = -2  # from glibc's <malloc.h>
_lock = threading.Lock()
_applied: bool | None = None


def keep_freed_heap() -> bool:
    """Ask glibc to keep :data:`TOP_PAD_BYTES` of freed heap; once per process.

    Returns
    -------
    bool
        True when the setting is in effect (glibc accepted it, now or on an
        earlier call), False where it does not apply.
    """
    global _applied
    with _lock:
        if _applied is None:
            _applied = _set_top_pad(TOP_PAD_BYTES)
        return _applied


def _set_top_pad(n_bytes: int) -> bool:
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (AttributeError, ValueError, OSError):  # not a POSIX system, or no GNU libc name
        return False
    if not libc.startswith("glibc"):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(_M_TOP_PAD, n_bytes) == 1
