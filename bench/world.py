"""Benchmark of the world generator against Faker, in one run.

Prints the figures, then one final line:
``customers_per_s=<n> vs_faker=<ratio> world_100k_s=<s> peak_mib=<m>``

- customers_per_s: rows per second of crmsim's customers table (1,000,000
  customers), generated as crmsim does by default: in cache-sized passes
  spread over the machine's cores (the one-core figure is printed too);
- vs_faker: that rate over Faker's rate building the same table row by row
  (bench/faker_peer.py: every column from the closest Faker provider;
  3,000 rows);
- world_100k_s: seconds for the full world of 100,000 customers (customers,
  contacts, financials, reps, products, 24 months of orders), median of 3;
- peak_mib: peak resident memory of a fresh process that builds that world
  (interpreter and libraries included).

The machine's speed drifts (on a shared virtual machine, by up to 2x within
minutes), so crmsim and Faker are timed in alternating rounds, one right after
the other, and each figure is the median over the rounds; vs_faker is the
median of the rounds' own ratios.

Targets (2-core machine): vs_faker >= 1000, world_100k_s <= 3, peak_mib <= 1024.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crmsim  # noqa: E402
from crmsim.world import build as world_module  # noqa: E402
from faker_peer import faker_customers  # noqa: E402
from timing import timed  # noqa: E402

N_CUSTOMERS_RATE = 1_000_000
N_FAKER = 3_000
N_WORLD = 100_000
ROUNDS = 5

# VmHWM is the peak resident memory of this process's own address space. On
# Linux, ru_maxrss also carries over the parent's resident size at the time
# it spawned the child, which would count the bench's own tables.
PEAK_SCRIPT = f"""
import resource, sys, crmsim
world = crmsim.make_world(seed=1, n_customers={N_WORLD})
try:
    with open("/proc/self/status") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 ** 2))
"""


@contextmanager
def single_thread():
    """Generate customer passes one after another instead of on every core."""
    original = world_module.ThreadPoolExecutor
    world_module.ThreadPoolExecutor = lambda max_workers: original(max_workers=1)
    try:
        yield
    finally:
        world_module.ThreadPoolExecutor = original


def main() -> None:
    crmsim.make_world(seed=0, n_customers=2_000)  # warm up imports and cached vocabularies
    faker_customers(50)

    rounds = []
    for _ in range(ROUNDS):
        customers_s = timed(lambda: crmsim.make_customers(seed=1, n_customers=N_CUSTOMERS_RATE), repeat=1)
        with single_thread():
            single_s = timed(lambda: crmsim.make_customers(seed=1, n_customers=N_CUSTOMERS_RATE), repeat=1)
        faker_s = timed(lambda: faker_customers(N_FAKER), repeat=1)
        rounds.append((N_CUSTOMERS_RATE / customers_s, N_CUSTOMERS_RATE / single_s, N_FAKER / faker_s))
    customers_per_s, single_per_s, faker_per_s = (statistics.median(column) for column in zip(*rounds))
    vs_faker = statistics.median(crmsim_rate / faker_rate for crmsim_rate, _, faker_rate in rounds)
    single_vs_faker = statistics.median(single_rate / faker_rate for _, single_rate, faker_rate in rounds)
    world_s = timed(lambda: crmsim.make_world(seed=1, n_customers=N_WORLD), repeat=3)
    peak_mib = float(subprocess.run([sys.executable, "-c", PEAK_SCRIPT], check=True, capture_output=True,
                                    text=True).stdout.strip())
    world = crmsim.make_world(seed=1, n_customers=N_WORLD)

    print(f"crmsim customers table: {customers_per_s:,.0f} rows/s ({N_CUSTOMERS_RATE:,} rows, passes on "
          f"{os.cpu_count()} cores)")
    print(f"  on one core: {single_per_s:,.0f} rows/s = {single_vs_faker:,.0f}x Faker")
    print(f"Faker, same table row by row: {faker_per_s:,.0f} rows/s ({N_FAKER:,} rows)")
    print("rounds (crmsim, one core, Faker rows/s): "
          + "; ".join(f"{c:,.0f}, {o:,.0f}, {f:,.0f}" for c, o, f in rounds))
    print(f"full world of {N_WORLD:,} customers: {world_s:.2f} s ({world})")
    print(f"peak memory of a process building it: {peak_mib:.0f} MiB")
    print(f"customers_per_s={customers_per_s:.0f} vs_faker={vs_faker:.0f} "
          f"world_100k_s={world_s:.2f} peak_mib={peak_mib:.0f}")


if __name__ == "__main__":
    main()
