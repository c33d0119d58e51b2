"""Benchmark of the customer-value dashboard (notebook 01) at the notebook's size.

Builds the dashboard on the notebook's world (1,000 customers, seed 2024),
then changes one control at a time, as a learner would, and times the model +
analysis recompute (segment filter, ABC classes, their summary) and the
figure redraw (Pareto curve and size-against-value map, PNG encoded)
separately. Every control is moved: the segment and the value measure (which
change the axis ranges of the map) and both thresholds. Changes that redraw
the whole figure (its axes changed) are counted in the median like any other
and show in ``worst_redraw_ms``.

Usage::

    python bench/value.py [--customers 1000] [--repeats 40]

The last line is ``median_update_ms=<x> median_redraw_ms=<y>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crmsim  # noqa: E402
from crmsim.widgets.value import CustomerValueDashboard  # noqa: E402
from timing import summary_lines, time_changes  # noqa: E402

# The control changes cycled through: every control, each away from its default and back. The segment and
# the measure change the data the axes must show; A goes up to its top (90%, which lifts B's minimum to 91%)
# before B is moved within what A allows.
CHANGES = [
    ("segment", ("ordinary", "strategic", "important", "all")),
    ("measure", ("current_value", "potential_value", "lifetime_value", "historical_value")),
    ("a", (0.6, 0.9, 0.8)),
    ("b", (0.9, 0.99, 0.95)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=40, help="control changes timed")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    world = crmsim.make_world(seed=2024, n_customers=args.customers)
    world_s = time.perf_counter() - started
    started = time.perf_counter()
    dashboard = CustomerValueDashboard(world)
    build_s = time.perf_counter() - started
    print(f"customers={args.customers} world_s={world_s:.2f} dashboard_build_s={build_s:.2f} "
          f"cpus={os.cpu_count()} load_avg_1min={os.getloadavg()[0]:.1f}")

    print("\n".join(summary_lines(*time_changes(dashboard, CHANGES, args.repeats))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
