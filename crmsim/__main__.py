"""Command line: ``python -m crmsim export ...`` and ``python -m crmsim describe ...``."""

from __future__ import annotations

import argparse
import sys

from . import i18n
from .world.config import build_config
from .export import FORMATS, export_world
from .world.schema import TABLES, describe
from .world import iter_world_chunks

#: Worlds at least this large show a progress bar.
PROGRESS_FROM = 20_000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crmsim", description="crmsim: synthetic CRM worlds for teaching.")
    sub = parser.add_subparsers(dest="command", required=True)

    export = sub.add_parser("export", help="write a synthetic world to CSV files or an Excel workbook")
    export.add_argument("--out", required=True, help="output: a new directory (csv) or a new .xlsx file")
    export.add_argument("--format", choices=FORMATS, default=None, help="csv or xlsx (default: from --out's suffix)")
    export.add_argument("--language", choices=i18n.LANGUAGES, default="en", help="headers and labels: en or zh")
    export.add_argument("--seed", type=int, default=0, help="random seed (same seed, same world)")
    export.add_argument("--customers", type=int, default=200, help="number of customers")
    export.add_argument("--months", type=int, default=24, help="months of order history")
    export.add_argument("--start", default="2024-01", help="first month of the history, YYYY-MM")
    export.add_argument("--chunk-size", type=int, default=50_000, help="customers generated at a time")
    export.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                        help=f"progress bar (auto: from {PROGRESS_FROM:,} customers)")

    sub.add_parser("lessons", add_help=False, help="check the lessons the world teaches (see crmsim.lessons.cli)")
    desc = sub.add_parser("describe", help="print the data dictionary")
    desc.add_argument("--table", choices=tuple(TABLES), default=None)
    desc.add_argument("--language", choices=i18n.LANGUAGES, default="en")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["lessons"]:
        from .lessons.cli import main as lessons_main

        return lessons_main(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "describe":
        print(describe(args.table, language=args.language).to_string(index=False))
        return 0

    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") else "csv")
    try:
        config = build_config(n_customers=args.customers, months=args.months, start=args.start)
        chunks = iter_world_chunks(args.seed, n_customers=config.n_customers, chunk_size=args.chunk_size,
                                   months=config.months, start=config.start)
        show = args.progress == "always" or (args.progress == "auto" and config.n_customers >= PROGRESS_FROM)
        from tqdm import tqdm

        with tqdm(total=config.n_customers, unit=" customers", disable=not show, file=sys.stderr) as bar:
            path = export_world(chunks, args.out, fmt=fmt, language=args.language, progress=bar.update)
    except (ValueError, TypeError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({config.n_customers:,} customers, {fmt}, {args.language})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
