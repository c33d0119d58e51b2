"""Benchmark of the key-account process and its dashboard.

Prints the figures, then one final line:
``opps_100k_s=<s> median_update_ms=<x> median_redraw_ms=<y>``

- opps_100k_s: seconds to generate 100,000 opportunities from a world's key
  accounts and run them through the six stages (median of 5; the world
  itself is built once beforehand and not timed);
- median_update_ms: the notebook-03 dashboard's recompute (model and
  analysis) at its default size, median over every change of :data:`CHANGES`,
  twice (every control moves, the rep too: its y ranges are the rep's);
- median_redraw_ms: its figure update (the data of the three panels, their
  y axes and legends drawn on the saved background, or the whole figure when
  the background changes, and encoded as PNG), median over the same
  changes; how many changes needed the whole figure is printed too, and
  the slowest change (``worst_redraw_ms=...``, target <= 150) before the
  final line.

Targets (2-core machine): opps_100k_s <= 1, median_update_ms <= 50,
median_redraw_ms <= 150.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crmsim  # noqa: E402
from crmsim import key_accounts as ka  # noqa: E402
from crmsim.widgets.key_accounts import KeyAccountDashboard  # noqa: E402
from timing import summary_lines, time_changes, timed  # noqa: E402

N_OPPORTUNITIES = 100_000
# The control changes cycled through: every control of the dashboard, the rep included (another rep has
# other y ranges, a policy that wins much more or much less leaves them).
CHANGES = [
    ("bid_discount", (0.12, 0.03, 0.08)),
    ("effort_A", (8, 2, 4)),
    ("effort_B", (6, 0, 2)),
    ("effort_C", (4, 0, 1)),
    ("effort_D", (3, 0)),
    ("monthly_hours", (200, 20, 120)),
    ("develop_coach", (False, True)),
    ("drop_risk_above", (0.3, 0.95, 0.75)),
    ("rep", (2, 5, 0)),
]
N_CHANGES = 2 * sum(len(values) for _, values in CHANGES)


def run_100k(world) -> ka.KeyAccountsRun:
    return ka.simulate_key_accounts(world, seed=1, n_opportunities=N_OPPORTUNITIES)


def main() -> None:
    world = crmsim.make_world(seed=1, n_customers=5_000)
    run_100k(world)  # warm up
    total_s = timed(lambda: run_100k(world), repeat=5)
    opportunities = ka.prepare_key_accounts(world, seed=1, n_opportunities=N_OPPORTUNITIES)
    stages_s = timed(lambda: ka.simulate_key_accounts(world, seed=1, prepared=opportunities), repeat=5)
    result = run_100k(world)
    events = len(result.stage_events)

    # The dashboard as notebook 03 shows it, every lever moved in turn.
    dashboard = KeyAccountDashboard(crmsim.make_world(seed=2024, n_customers=300), seed=3)
    update_ms, redraw_ms, full = time_changes(dashboard, CHANGES, N_CHANGES, verbose=False)
    for line in summary_lines(update_ms, redraw_ms, full)[:-1]:
        print(line)
    update_ms, redraw_ms = statistics.median(update_ms), statistics.median(redraw_ms)

    print(f"world: {world}")
    print(f"{N_OPPORTUNITIES:,} opportunities generated and run through six stages: {total_s:.3f} s "
          f"(six stages alone: {stages_s:.3f} s; {events:,} stage events)")
    print(f"dashboard ({len(dashboard.opportunities)} opportunities): recompute median {update_ms:.1f} ms, "
          f"redraw median {redraw_ms:.1f} ms over {N_CHANGES} changes ({full} drew the whole figure)")
    print(f"opps_100k_s={total_s:.3f} median_update_ms={update_ms:.1f} median_redraw_ms={redraw_ms:.1f}")


if __name__ == "__main__":
    main()
