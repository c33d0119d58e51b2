"""Benchmark of the credit-committee dashboard at its default size.

Builds the dashboard (5,000 customers x 24 months of invoices by default),
then changes one control at a time, as a learner would, and times the
model + analysis recompute and the figure redraw separately. The dashboard
redraws only its bars, their labels and its y axes (a new y range costs no
whole-figure redraw); changes that redrew the whole figure are marked
"(whole figure)" and counted. The slowest change is printed as
``worst_redraw_ms=...`` (target <= 150) before the last line.

Wall times on a shared machine follow its load more than the code; the
CPU time of the same recomputes and redraws (this thread's, which other
processes do not inflate much) is printed too, as ``cpu: ...``.

Usage::

    python bench/credit.py [--customers 5000] [--months 24] [--repeats 20]

The last line is ``median_update_ms=<x> median_redraw_ms=<y>``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crmsim  # noqa: E402
from crmsim.widgets.credit import CreditCommitteeDashboard  # noqa: E402
from timing import summary_lines, time_changes  # noqa: E402

# The control changes cycled through: every control of the committee, with changes that move the y
# ranges (a long credit period, a high limit multiplier or no cutoff mean far more receivables and sales).
CHANGES = [
    ("cutoff", (35, 0, 45)),
    ("credit_period", (120, 15, 30)),
    ("discount", (2, 1, 0)),
    ("collection", ("strict", "lenient", "standard")),
    ("limit_multiplier", (3.0, 0.25, 1.0)),
    ("financial", (3.0, 0.0, 1.0)),
    ("report", (2.0, 0.5, 1.0)),
    ("nonfinancial", (0.0, 3.0, 1.0)),
]


def _reference_redraw_ms(dashboard: CreditCommitteeDashboard, repeats: int = 7) -> float:
    """How long matplotlib alone needs here for a figure like the dashboard's, with nothing plotted.

    Redraw times depend on the machine far more than on crmsim; this number
    puts the dashboard's redraw in proportion.
    """
    times = []
    for _ in range(repeats):
        figure = Figure(figsize=dashboard.figsize)
        started = time.perf_counter()
        figure.subplots(1, 3)
        figure.savefig(io.BytesIO(), format="png", dpi=dashboard.dpi)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _record_cpu(dashboard: CreditCommitteeDashboard) -> dict[str, list[float]]:
    """Record the CPU milliseconds of every recompute and redraw of ``dashboard`` from now on."""
    cpu: dict[str, list[float]] = {"recompute": [], "redraw": []}
    for name in cpu:
        method = getattr(dashboard, name)

        def timed(method=method, times=cpu[name]) -> None:
            started = time.thread_time()
            method()
            times.append((time.thread_time() - started) * 1000)

        setattr(dashboard, name, timed)
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=2 * sum(len(values) for _, values in CHANGES),
                        help="control changes timed (default: every change of CHANGES, twice)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    world = crmsim.make_world(seed=0, n_customers=args.customers)
    dashboard = CreditCommitteeDashboard(world, months=args.months, seed=0)
    build_s = time.perf_counter() - started
    invoices = len(dashboard.result.simulation.invoices)
    print(f"customers={args.customers} months={args.months} invoices={invoices:,} build_s={build_s:.2f}")

    cpu = _record_cpu(dashboard)
    timings = time_changes(dashboard, CHANGES, args.repeats)
    update_cpu, redraw_cpu = cpu["recompute"][1:], cpu["redraw"][1:]  # as time_changes: the first is untimed
    print(f"reference: an empty 3-panel figure of the same size saved as PNG takes "
          f"{_reference_redraw_ms(dashboard):.1f} ms on this machine (median)")
    print(f"cpu: update median {statistics.median(update_cpu):.1f} max {max(update_cpu):.1f} ms, "
          f"redraw median {statistics.median(redraw_cpu):.1f} max {max(redraw_cpu):.1f} ms "
          f"(worst_redraw_cpu_ms={max(redraw_cpu):.1f})")
    print("\n".join(summary_lines(*timings)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
