"""Benchmark of the relationship-levels dashboard at its default size.

Builds the dashboard (5,000 customers x 24 months by default), then changes
one control at a time, as a learner would, and times the model + analysis
recompute (simulation, level mix, monthly KPIs, return on care) and the
figure redraw (data redrawn on the cached background, PNG encoded) separately.
A change that moves the profit curve out of its axis range triggers a full
redraw; those are counted in the median like any other. It also times one
simulation alone, from scratch and from ``prepare_relationships`` (what the
dashboard does: the customers' drivers and random numbers prepared once).

Usage::

    python bench/relationships.py [--customers 5000] [--months 24] [--repeats 30]

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
from crmsim import relationships as rel  # noqa: E402
from crmsim.widgets.relationships import RelationshipDashboard  # noqa: E402
from timing import summary_lines, time_changes, timed  # noqa: E402

# The control changes cycled through: every lever of the care policy.
CHANGES = [
    ("budget_ordinary", (800.0, 0.0, 300.0)),
    ("budget_key", (4000.0, 500.0, 1500.0)),
    ("contacts", (4.0, 0.5, 2.0)),
    ("channel_mix", ("personal", "digital", "balanced")),
    ("service_level", ("personalised", "standardised", "tiered")),
    ("maintenance", ("forced", "negotiated", "voluntary")),
    ("complaint_days", (20, 1, 5)),
    ("complaint_quality", (0.3, 0.95, 0.7)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=30, help="control changes timed")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    world = crmsim.make_world(seed=0, n_customers=args.customers)
    dashboard = RelationshipDashboard(world, seed=0, months=args.months)
    build_s = time.perf_counter() - started
    rows = len(dashboard.result.run.monthly)
    print(f"customers={args.customers} months={args.months} customer_months={rows:,} build_s={build_s:.2f} "
          f"cpus={os.cpu_count()} load_avg_1min={os.getloadavg()[0]:.1f}")

    prepared = rel.prepare_relationships(world, seed=0)
    scratch_ms = 1000 * timed(lambda: rel.simulate_relationships(world, months=args.months, seed=0), 5)
    prepared_ms = 1000 * timed(lambda: rel.simulate_relationships(world, months=args.months, seed=0,
                                                                  prepared=prepared), 5)
    print(f"simulate_ms={scratch_ms:.1f} simulate_prepared_ms={prepared_ms:.1f}")

    print("\n".join(summary_lines(*time_changes(dashboard, CHANGES, args.repeats))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
