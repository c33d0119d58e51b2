"""Benchmark of the key-account process and its dashboard.

Prints the figures, then one final line:
``opps_100k_s=<s> median_update_ms=<x> median_redraw_ms=<y>``

- opps_100k_s: seconds to generate 100,000 opportunities from a world's key
  accounts and run them through the six stages (median of 5; the world
  itself is built once beforehand and not timed);
- median_update_ms: the notebook-03 dashboard's recompute (model and
  analysis) at its default size, median over 21 control changes;
- median_redraw_ms: its figure update (the data of the three panels drawn
  on the saved background, or the whole figure when the axes change, and
  encoded as PNG), median over the same changes; how many changes needed
  the whole figure is printed too.

Targets (2-core machine): opps_100k_s <= 1, median_update_ms <= 50,
median_redraw_ms <= 150.
"""

from __future__ import annotations

import statistics
import time

import crmsim
from crmsim import key_accounts as ka
from crmsim.widgets.key_accounts import KeyAccountDashboard

N_OPPORTUNITIES = 100_000
N_CHANGES = 21


def timed(fn, repeat: int) -> float:
    """Median wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_100k(world) -> ka.PipelineResult:
    opportunities = ka.generate_opportunities(world, seed=1, n_opportunities=N_OPPORTUNITIES)
    return ka.simulate_pipeline(opportunities, seed=1, start=world.as_of)


def main() -> None:
    world = crmsim.make_world(seed=1, n_customers=5_000)
    run_100k(world)  # warm up
    total_s = timed(lambda: run_100k(world), repeat=5)
    opportunities = ka.generate_opportunities(world, seed=1, n_opportunities=N_OPPORTUNITIES)
    stages_s = timed(lambda: ka.simulate_pipeline(opportunities, seed=1, start=world.as_of), repeat=5)
    result = run_100k(world)
    events = len(result.stage_events)

    # The dashboard as notebook 03 shows it.
    dashboard = KeyAccountDashboard(crmsim.make_world(seed=2024, n_customers=300), seed=3)
    slider = dashboard.controls["bid_discount"]
    updates, redraws = [], []
    full_draws, background = 0, dashboard._background
    for k in range(N_CHANGES):
        slider.value = round(0.02 + 0.01 * (k % 20), 2)  # each change recomputes and redraws
        updates.append(dashboard.timings["update_ms"])
        redraws.append(dashboard.timings["redraw_ms"])
        full_draws += dashboard._background is not background  # a new background: the axes changed
        background = dashboard._background
    update_ms = statistics.median(updates)
    redraw_ms = statistics.median(redraws)

    print(f"world: {world}")
    print(f"{N_OPPORTUNITIES:,} opportunities generated and run through six stages: {total_s:.3f} s "
          f"(six stages alone: {stages_s:.3f} s; {events:,} stage events)")
    print(f"dashboard ({len(dashboard.opportunities)} opportunities): recompute median {update_ms:.1f} ms, "
          f"redraw median {redraw_ms:.1f} ms over {N_CHANGES} changes ({full_draws} drew the whole figure)")
    print(f"opps_100k_s={total_s:.3f} median_update_ms={update_ms:.1f} median_redraw_ms={redraw_ms:.1f}")


if __name__ == "__main__":
    main()
