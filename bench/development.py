"""Benchmark of the development dashboard and of the world written to SQLite.

Builds the dashboard (the 1,500-customer lesson world, a 12-month campaign),
changes one control at a time as a learner would, and times the model +
analysis recompute and the figure redraw separately (only the bars are
redrawn, with the left panel's x axis when its range changes; never the
whole figure). Then writes a world of
``--sqlite-customers`` customers (default 100,000) to SQLite chunk by chunk,
generation included (``sqlite_100k_s``; the time of generating alone is
printed beside it), and, as the peer in the same run, the same world to CSV.

Usage::

    python bench/development.py [--repeats 30] [--sqlite-customers 100000]

The last line is ``median_update_ms=<x> median_redraw_ms=<y> sqlite_100k_s=<s>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crmsim  # noqa: E402
from crmsim import database, export  # noqa: E402
from crmsim.widgets.development import DevelopmentDashboard  # noqa: E402
from timing import summary_lines, time_changes  # noqa: E402

# The control changes cycled through: the budget and the weights of cheap and costly methods.
CHANGES = [
    ("budget", (2_000, 500, 1_000)),
    ("sms", (0.0, 3.0, 1.0)),
    ("referral", (5.0, 0.0, 1.0)),
    ("face_to_face", (3.0, 0.5, 1.0)),
    ("list_analysis", (0.0, 2.0, 1.0)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=30, help="control changes timed")
    parser.add_argument("--sqlite-customers", type=int, default=100_000)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    dashboard = DevelopmentDashboard(seed=0)
    print(f"dashboard build_s={time.perf_counter() - started:.2f} leads={len(dashboard.result.run.leads):,}")
    update_ms, redraw_ms, full = time_changes(dashboard, CHANGES, args.repeats)
    lines = summary_lines(update_ms, redraw_ms, full)

    n = args.sqlite_customers
    started = time.perf_counter()
    for _ in crmsim.iter_world_chunks(0, n_customers=n, chunk_size=25_000):
        pass
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started, cpu = time.perf_counter(), time.process_time()
        database.write_sqlite(crmsim.iter_world_chunks(0, n_customers=n, chunk_size=25_000), Path(folder) / "w.db")
        sqlite_s, sqlite_cpu_s = time.perf_counter() - started, time.process_time() - cpu
        size_mb = (Path(folder) / "w.db").stat().st_size / 1e6
        started = time.perf_counter()
        export.export_world(crmsim.iter_world_chunks(0, n_customers=n, chunk_size=25_000), Path(folder) / "csv")
        csv_s = time.perf_counter() - started
    print(f"world of {n:,} customers, generated and written chunk by chunk: sqlite {sqlite_s:.2f} s ({size_mb:.0f} MB, "
          f"{sqlite_cpu_s:.2f} s of CPU in all threads), "
          f"of which generating the world alone takes {build_s:.2f} s (the next chunk is built while one is "
          f"written); peer: the CSV export of the same world {csv_s:.2f} s; load_avg_1min={os.getloadavg()[0]:.1f}")
    print("\n".join(lines[:-1]))
    print(f"{lines[-1]} sqlite_100k_s={sqlite_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
