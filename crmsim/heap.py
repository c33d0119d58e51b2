"""Keep freed heap memory in the process while a large world is generated.

Generating customers in passes allocates and frees the same few dozen
arrays (half a megabyte to a few megabytes each) in every pass. By default
glibc's ``malloc`` serves such blocks with ``mmap`` and returns them with
``munmap`` (above its mmap threshold), and hands the freed top of the heap
back to the operating system as soon as more than 128 KiB of it is free; so
the next pass maps the same memory again, one 4 KiB page fault at a time. On
the virtual machines we measured, a page fault costs about 3 microseconds and
the faults took 40 % of the generation time (550,000 faults for five million
customers).

:func:`keep_freed_heap` asks glibc for two settings (``mallopt``):

* ``M_MMAP_THRESHOLD`` = :data:`MMAP_THRESHOLD_BYTES`: blocks smaller than
  that come from the heap rather than from ``mmap``. glibc raises its
  threshold by itself once a large mapped block has been freed, which is why
  the top pad alone worked only after some other library (pandas) had done so;
  setting it makes the behaviour independent of what was imported first.
* ``M_TOP_PAD`` = :data:`TOP_PAD_BYTES`: keep that much free heap instead of
  returning it.

**The cost**: for the rest of the process's life each malloc arena may hold up
to :data:`TOP_PAD_BYTES` of memory it no longer uses (and blocks up to the
threshold are no longer returned to the system one by one). Nothing else
changes, and the generated data never depend on it. On other C libraries
(macOS, Windows, musl) it does nothing. Set the environment variable
``CRMSIM_KEEP_HEAP=0`` to switch it off.
"""

from __future__ import annotations

import ctypes
import os
import threading

#: Free heap glibc keeps for reuse (per arena, for the life of the process) instead of returning it.
TOP_PAD_BYTES = 64 << 20
#: Blocks below this size come from the heap (glibc's own ceiling for its dynamic threshold: 32 MiB).
MMAP_THRESHOLD_BYTES = 32 << 20
#: Environment variable that switches the setting off when it is "0", "false", "no" or "off".
OPT_OUT_VARIABLE = "CRMSIM_KEEP_HEAP"

_M_TOP_PAD = -2  # from glibc's <malloc.h>
_M_MMAP_THRESHOLD = -3
_lock = threading.Lock()
_applied: bool | None = None


def keep_freed_heap() -> bool:
    """Ask glibc to keep freed heap for reuse; once per process.

    Returns
    -------
    bool
        True when the settings are in effect (glibc accepted them, now or on
        an earlier call), False where they do not apply or were switched off
        with ``CRMSIM_KEEP_HEAP=0``.
    """
    global _applied
    with _lock:
        if _applied is None:
            _applied = not opted_out() and _set_top_pad(TOP_PAD_BYTES)
        return _applied


def opted_out() -> bool:
    """Whether ``CRMSIM_KEEP_HEAP`` switches the setting off."""
    return os.environ.get(OPT_OUT_VARIABLE, "").strip().lower() in {"0", "false", "no", "off"}


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
    return mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1 and mallopt(_M_TOP_PAD, n_bytes) == 1
