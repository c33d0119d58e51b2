"""Timing helpers shared by the benches.

:func:`timed` is the median wall time of a call. :func:`time_changes` times a
dashboard the way a learner uses it, one control change at a time: each
change triggers the dashboard's own recompute (model + analysis) and redraw
(figure + PNG), whose durations it records in ``dashboard.timings``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_changes(dashboard, changes: Sequence[tuple[str, Sequence]], repeats: int,
                 verbose: bool = True) -> tuple[list[float], list[float], int]:
    """Cycle through ``changes`` (control name, values) ``repeats`` times in all.

    Returns the recompute and redraw milliseconds of every change, and how
    many changes redrew the whole figure (its background changed) rather
    than only the data. The first recompute and redraw are done once
    beforehand, untimed: first-call costs (imports, caches, the first full
    draw) are not what a learner waits for on every change.
    """
    dashboard.recompute()
    dashboard.redraw()
    steps = [(name, value) for name, values in changes for value in values]
    update_ms, redraw_ms, full = [], [], 0
    for k in range(repeats):
        name, value = steps[k % len(steps)]
        background = dashboard._background
        dashboard.controls[name].value = value
        update_ms.append(dashboard.timings["update_ms"])
        redraw_ms.append(dashboard.timings["redraw_ms"])
        redrawn = background is None or dashboard._background is not background
        full += redrawn
        if verbose:
            print(f"{name}={value}: update {update_ms[-1]:.1f} ms, redraw {redraw_ms[-1]:.1f} ms"
                  + (" (whole figure)" if redrawn else ""))
    return update_ms, redraw_ms, full


def summary_lines(update_ms: list[float], redraw_ms: list[float], full: int) -> list[str]:
    """Spread of both timings, the machine's load, the slowest redraw of any change (``worst_redraw_ms=...``,
    axis changes included; target <= 150) and the final
    ``median_update_ms=... median_redraw_ms=...`` line."""
    lines = [f"load_avg_1min={os.getloadavg()[0]:.1f} cpus={os.cpu_count()} "
             "(other processes share the CPUs; medians absorb short spikes)",
             f"whole-figure redraws (axes changed): {full} of {len(redraw_ms)}"]
    for label, values in (("update_ms", update_ms), ("redraw_ms", redraw_ms)):
        lines.append(f"{label}: min {min(values):.1f} median {statistics.median(values):.1f} max {max(values):.1f}")
    lines.append(f"worst_redraw_ms={max(redraw_ms):.1f} worst_update_ms={max(update_ms):.1f} "
                 "(slowest change of all, axis changes included; target for the redraw <= 150)")
    lines.append(f"median_update_ms={statistics.median(update_ms):.1f} median_redraw_ms={statistics.median(redraw_ms):.1f}")
    return lines
