"""Command line: ``python -m crmsim export ...`` and ``python -m crmsim describe ...``.

Errors end in one line on standard error and exit code 2; Ctrl+C and
``SIGTERM`` in one line and 130/143 (an export then leaves nothing behind);
a closed pipe (``describe | head``) ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import i18n
from .export import ENCODINGS, FORMATS, export_world, format_for
from .files import Terminated, sigterm_as_exit
from .world import iter_world_chunks
from .world.config import build_config
from .world.schema import TABLES, describe

#: Worlds at least this large show a progress bar.
PROGRESS_FROM = 20_000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crmsim", description="crmsim: synthetic CRM worlds for teaching.")
    sub = parser.add_subparsers(dest="command", required=True)

    export = sub.add_parser("export", help="write a synthetic world to CSV files or an Excel workbook")
    export.add_argument("--out", required=True,
                        help="output: a new folder without suffix (csv) or a new .xlsx file, in an existing folder")
    export.add_argument("--format", choices=FORMATS, default=None,
                        help="csv, xlsx, sqlite (a .db file with keys and indexes) or parquet (a folder of one "
                             "dataset per table) (default: from --out's suffix)")
    export.add_argument("--language", choices=i18n.LANGUAGES, default="en", help="headers and labels: en or zh")
    export.add_argument("--encoding", choices=ENCODINGS, default=None,
                        help="CSV encoding (default: utf-8-sig, with the byte-order mark Excel and WPS need, for "
                             "--language zh; utf-8 for en)")
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

    from .exercises.cli import add_parser as add_class_parser  # `class ...`: the classroom (crmsim/exercises/cli.py)

    add_class_parser(sub)
    from .roleplay.cli import add_parser as add_roleplay_parser  # `roleplay cards ...` (crmsim/roleplay/cli.py)

    add_roleplay_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["lessons"]:
        from .lessons.cli import main as lessons_main

        return lessons_main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        with sigterm_as_exit():
            if args.command == "describe":
                print(describe(args.table, language=args.language).to_string(index=False))
                sys.stdout.flush()
                return 0
            if args.command == "class":
                from .exercises.cli import run as run_class

                return run_class(args)
            if args.command == "roleplay":
                from .roleplay.cli import run as run_roleplay

                return run_roleplay(args)
            return _export(args)
    except (ValueError, TypeError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):
            return _closed_pipe()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted (Ctrl+C): nothing was written", file=sys.stderr)
        return 130
    except Terminated as stop:
        print("terminated: nothing was written", file=sys.stderr)
        return stop.code


def _export(args: argparse.Namespace) -> int:
    fmt = format_for(args.out, args.format)
    config = build_config(n_customers=args.customers, months=args.months, start=args.start)
    chunks = iter_world_chunks(args.seed, n_customers=config.n_customers, chunk_size=args.chunk_size,
                               months=config.months, start=config.start)
    show = args.progress == "always" or (args.progress == "auto" and config.n_customers >= PROGRESS_FROM)
    from tqdm import tqdm

    with tqdm(total=config.n_customers, unit=" customers", disable=not show, file=sys.stderr) as bar:
        path = export_world(chunks, args.out, fmt=fmt, language=args.language, progress=bar.update,
                            encoding=args.encoding)
    print(f"wrote {path} ({config.n_customers:,} customers, {fmt}, {args.language})")
    return 0


def _closed_pipe() -> int:
    """The reader of our output went away (``| head``): stop quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail again
    return 141


if __name__ == "__main__":
    raise SystemExit(main())
