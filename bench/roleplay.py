"""Benchmark of the role-play console: playing a round, and the class debrief of six tables.

Builds a :class:`RolePlayConsole` with six tables on the course's account,
then plays the textbook team's four rounds at every table through the
console (set the controls, click "Play round"), and times each click (the
model, the class scorecard and the figure) and the pooled debrief alone. The
named peer in the same run is one bare :func:`crmsim.roleplay.play` of the
same moves: the console's cost above it is widgets, scorecard and drawing.
Each click is timed on the wall clock and in CPU time of this process; on a
shared machine the CPU time is the steadier of the two.

Usage::

    python bench/roleplay.py [--tables 6] [--repeats 5]

The last line is ``median_round_ms=<x> median_play_ms=<y> median_scorecard_ms=<z>``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crmsim import roleplay as rp  # noqa: E402
from crmsim.widgets.roleplay import RolePlayConsole  # noqa: E402
from timing import timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scenario = rp.default_scenario(5)
    book = rp.example_moves(scenario, "textbook")
    started = time.perf_counter()
    console = RolePlayConsole(scenario=scenario, tables=args.tables)
    print(f"console built in {(time.perf_counter() - started) * 1000:.0f} ms ({args.tables} tables)")
    rounds_ms, rounds_cpu_ms = [], []
    for team in console.tables:
        console.controls["table"].value = team
        for r in range(1, len(scenario.rounds) + 1):
            for move in book[book["round"] == r].itertuples():
                console.approach[move.contact_id].value = move.approach
                console.hours[move.contact_id].value = move.hours
            started, cpu = time.perf_counter(), time.process_time()
            console.play_button.click()
            rounds_ms.append((time.perf_counter() - started) * 1000)
            rounds_cpu_ms.append((time.process_time() - cpu) * 1000)
    runs = console.result["runs"]
    play_ms = timed(lambda: rp.play(scenario, book), args.repeats) * 1000
    scorecard_ms = timed(lambda: rp.scorecard(runs), args.repeats) * 1000
    round_ms = statistics.median(rounds_ms)
    print(f"one round through the console: median {round_ms:.1f} ms over {len(rounds_ms)} clicks "
          f"({statistics.median(rounds_cpu_ms):.1f} ms of CPU)")
    print(f"peer, rp.play of four rounds alone: {play_ms:.1f} ms; the class scorecard of {args.tables} tables: "
          f"{scorecard_ms:.1f} ms")
    print(f"median_round_ms={round_ms:.1f} median_play_ms={play_ms:.1f} median_scorecard_ms={scorecard_ms:.1f}")


if __name__ == "__main__":
    main()
