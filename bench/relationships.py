"""Benchmark of the relationship-levels dashboard at its default size.

Builds the dashboard (5,000 customers x 24 months by default), then changes
one control at a time, as a learner would, and times the model + analysis
recompute (simulation, level mix, monthly KPIs, return on care) and the
figure redraw (data redrawn on the cached background, PNG encoded) separately.
No control moves the profit curve out of its axis range on this world (the
range has 50% headroom over the course default), so the bench also forces
range changes, as a world whose profit outgrew the default's would: the
profit axis is then drawn with the data, not the whole figure. Those are
counted in the median and in ``worst_redraw_ms`` like any other. It also times one
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


def forced_range_changes(dashboard, count: int) -> tuple[list[float], list[float], int]:
    """Change the profit range ``count`` times: halve the reference the range keeps to (the curve then gets
    a range of its own) and restore it, each with a change of contacts. Returns what ``time_changes`` does."""
    reference = dashboard._profit_reference
    update_ms, redraw_ms, full = [], [], 0
    for k in range(count):
        background, (_, top) = dashboard._background, dashboard.figure.axes[2].get_ylim()
        dashboard._profit_reference = reference / 2 if k % 2 == 0 else reference
        dashboard.controls["contacts"].value = (3.0, 2.0)[k % 2]
        update_ms.append(dashboard.timings["update_ms"])
        redraw_ms.append(dashboard.timings["redraw_ms"])
        redrawn = dashboard._background is not background
        full += redrawn
        print(f"profit range top {top:,.0f} -> {dashboard.figure.axes[2].get_ylim()[1]:,.0f}: update "
              f"{update_ms[-1]:.1f} ms, redraw {redraw_ms[-1]:.1f} ms" + (" (whole figure)" if redrawn else ""))
    return update_ms, redraw_ms, full


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

    update_ms, redraw_ms, full = time_changes(dashboard, CHANGES, args.repeats)
    forced = forced_range_changes(dashboard, 4)
    print("\n".join(summary_lines(update_ms + forced[0], redraw_ms + forced[1], full + forced[2])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
