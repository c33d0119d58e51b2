"""crmsim.heap: freed heap is kept between generation passes (glibc only)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crmsim import heap


def _glibc() -> bool:
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (AttributeError, ValueError, OSError):
        return False


# Allocates and frees the working set of a generation pass (30 arrays of
# 512 KiB) twenty times, and prints the page faults it took.
PASSES = """
import resource, sys
import numpy as np
if sys.argv[1] == "keep":
    from crmsim.heap import keep_freed_heap
    assert keep_freed_heap()
x = np.ones(65536)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    arrays = [x * k for k in range(30)]
    del arrays
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    result = subprocess.run([sys.executable, "-c", PASSES, mode], capture_output=True, text=True, check=True)
    return int(result.stdout)


@pytest.mark.skipif(not _glibc(), reason="keep_freed_heap only tunes glibc's malloc")
def test_kept_heap_is_reused_instead_of_faulted_in_again():
    default, kept = _faults("default"), _faults("keep")
    # Each pass maps its 15 MiB afresh by default (thousands of faults); with
    # the heap kept, only the first pass does.
    assert default > 20 * 1000
    assert kept < default / 4


def test_applies_once_and_reports_whether_it_is_in_effect(monkeypatch):
    calls = []
    monkeypatch.setattr(heap, "_applied", None)
    monkeypatch.setattr(heap, "_set_top_pad", lambda n_bytes: calls.append(n_bytes) or True)
    assert heap.keep_freed_heap() and heap.keep_freed_heap()
    assert calls == [heap.TOP_PAD_BYTES]


def test_does_nothing_without_glibc(monkeypatch):
    monkeypatch.setattr(os, "confstr", lambda name: "musl libc")
    assert heap._set_top_pad(heap.TOP_PAD_BYTES) is False


def test_generating_a_large_table_keeps_the_heap(monkeypatch):
    import crmsim
    from crmsim.world import build as world

    monkeypatch.setattr(heap, "_applied", None)
    monkeypatch.setattr(heap, "_set_top_pad", lambda n_bytes: True)
    crmsim.make_customers(seed=3, n_customers=world.CUSTOMER_CHUNK + 1)
    assert heap._applied is True
