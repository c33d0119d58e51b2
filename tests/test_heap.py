"""crmsim.heap: freed heap is kept between generation passes (glibc only)."""

from __future__ import annotations

import os
import subprocess
import sys

from pathlib import Path

import pytest

from crmsim import heap


def _glibc() -> bool:
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (AttributeError, ValueError, OSError):
        return False


HEAP_FILE = Path(heap.__file__)

# Allocates and frees the working set of a generation pass (30 arrays of
# 512 KiB) twenty times, and prints the page faults it took. A bare process:
# only numpy and the heap module itself (loaded from its file, so that no
# other crmsim module, and no pandas, is imported before it).
PASSES = """
import importlib.util, resource, sys
import numpy as np
assert "pandas" not in sys.modules
if sys.argv[1] == "keep":
    spec = importlib.util.spec_from_file_location("crmsim_heap", sys.argv[2])
    heap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(heap)
    assert heap.keep_freed_heap()
    assert "pandas" not in sys.modules
x = np.ones(65536)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    arrays = [x * k for k in range(30)]
    del arrays
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k not in {heap.OPT_OUT_VARIABLE, "MALLOC_TOP_PAD_",
                                                            "MALLOC_MMAP_THRESHOLD_"}}
    result = subprocess.run([sys.executable, "-c", PASSES, mode, str(HEAP_FILE)], capture_output=True, text=True,
                            check=True, env=env)
    return int(result.stdout)


@pytest.mark.skipif(not _glibc(), reason="keep_freed_heap only tunes glibc's malloc")
def test_kept_heap_is_reused_instead_of_faulted_in_again():
    default, kept = _faults("default"), _faults("keep")
    # Each pass maps its 15 MiB afresh by default (thousands of faults); with
    # the heap kept, only the first pass does.
    assert default > 20 * 1000
    assert kept < default / 4


@pytest.mark.parametrize("value", ["0", "false", "OFF", " no "])
def test_the_environment_variable_switches_it_off(monkeypatch, value):
    calls = []
    monkeypatch.setattr(heap, "_applied", None)
    monkeypatch.setattr(heap, "_set_top_pad", lambda n_bytes: calls.append(n_bytes) or True)
    monkeypatch.setenv(heap.OPT_OUT_VARIABLE, value)
    assert heap.keep_freed_heap() is False
    assert calls == []


def test_applies_once_and_reports_whether_it_is_in_effect(monkeypatch):
    calls = []
    monkeypatch.delenv(heap.OPT_OUT_VARIABLE, raising=False)
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

    monkeypatch.delenv(heap.OPT_OUT_VARIABLE, raising=False)
    monkeypatch.setattr(heap, "_applied", None)
    monkeypatch.setattr(heap, "_set_top_pad", lambda n_bytes: True)
    crmsim.make_customers(seed=3, n_customers=world.CUSTOMER_CHUNK + 1)
    assert heap._applied is True
