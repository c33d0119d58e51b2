"""Timing a dashboard the way a learner uses it: one control change at a time.

Shared by the dashboard benches. Each change triggers the dashboard's own
recompute (model + analysis) and redraw (figure + PNG), whose durations the
dashboard records in ``dashboard.timings``.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Sequence


def time_changes(dashboard, changes: Sequence[tuple[str, Sequence]], repeats: int,
                 verbose: bool = True) -> tuple[list[float], list[float]]:
    """Cycle through ``changes`` (control name, values) ``repeats`` times in all.

    Returns the recompute and redraw milliseconds of every change. The first
    recompute and redraw are done once beforehand, untimed: first-call costs
    (imports, caches, the first full draw) are not what a learner waits for
    on every change.
    """
    dashboard.recompute()
    dashboard.redraw()
    steps = [(name, value) for name, values in changes for value in values]
    update_ms, redraw_ms = [], []
    for k in range(repeats):
        name, value = steps[k % len(steps)]
        dashboard.controls[name].value = value
        update_ms.append(dashboard.timings["update_ms"])
        redraw_ms.append(dashboard.timings["redraw_ms"])
        if verbose:
            print(f"{name}={value}: update {update_ms[-1]:.1f} ms, redraw {redraw_ms[-1]:.1f} ms")
    return update_ms, redraw_ms


def summary_lines(update_ms: list[float], redraw_ms: list[float]) -> list[str]:
    """Spread of both timings, the machine's load, and the final ``median_update_ms=... median_redraw_ms=...`` line."""
    lines = [f"load_avg_1min={os.getloadavg()[0]:.1f} cpus={os.cpu_count()} "
             "(other processes share the CPUs; medians absorb short spikes)"]
    for label, values in (("update_ms", update_ms), ("redraw_ms", redraw_ms)):
        lines.append(f"{label}: min {min(values):.1f} median {statistics.median(values):.1f} max {max(values):.1f}")
    lines.append(f"median_update_ms={statistics.median(update_ms):.1f} median_redraw_ms={statistics.median(redraw_ms):.1f}")
    return lines
