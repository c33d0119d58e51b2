"""``python -m crmsim lessons [--language zh] [--seeds N]``: print the lessons table."""

from __future__ import annotations

import argparse

from .. import i18n
from ..display import labelled
from .runner import DEFAULT_SEEDS, run_lessons


def main(argv: list[str] | None = None) -> int:
    """Run every lesson, print the labelled table and end with ``lessons_held=<k> of <n>``."""
    parser = argparse.ArgumentParser(prog="python -m crmsim lessons", description="check the lessons the world teaches")
    parser.add_argument("--language", choices=i18n.LANGUAGES, default="en")
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS, help="seeds per lesson (>= 2)")
    args = parser.parse_args(argv)
    try:
        table = run_lessons(seeds=args.seeds)
    except (ValueError, TypeError) as exc:
        print(f"error: {exc}")
        return 2
    print(labelled(table, "lessons", language=args.language, decimals=3).to_string(index=False))
    print(f"lessons_held={int(table['holds'].sum())} of {len(table)}")
    return 0
