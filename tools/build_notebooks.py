"""Build the English and Chinese course notebooks from one source each.

Each ``notebooks/src/NN_name.py`` (and ``exercises/src``, ``apps/src``) defines ``CELLS``, a list made with
``md(english, chinese)`` and ``code(source, ignore_output=False)``, which are
provided when the source is executed. This script writes
``notebooks/en/NN_name.ipynb`` and ``notebooks/zh/NN_name.ipynb`` (same code
cells, the first one choosing the language), then runs both with nbclient
so that their stored outputs are what nbval compares against.

Usage::

    python tools/build_notebooks.py            # build and execute all
    python tools/build_notebooks.py 01 --no-execute
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = (ROOT / "notebooks" / "src", ROOT / "exercises" / "src", ROOT / "apps" / "src")
LANGUAGES = ("en", "zh")
IGNORE_TAG = "# NBVAL_IGNORE_OUTPUT"


def md(en: str, zh: str) -> dict:
    """A markdown cell in both languages."""
    return {"type": "markdown", "en": en.strip("\n"), "zh": zh.strip("\n")}


def code(source: str, ignore_output: bool = False) -> dict:
    """A code cell, the same in both languages.

    ``ignore_output`` marks it ``# NBVAL_IGNORE_OUTPUT``: only for cells that
    display a widget, whose view data nbval cannot compare.
    """
    source = source.strip("\n")
    if ignore_output:
        source = f"{IGNORE_TAG}\n{source}"
    return {"type": "code", "source": source}


def load_cells(source: Path) -> list[dict]:
    """Execute one notebook source and return its cells."""
    namespace = {"md": md, "code": code, "__file__": str(source)}
    exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), namespace)
    return namespace["CELLS"]


def language_cell(language: str) -> str:
    return f'import crmsim\n\ncrmsim.set_language("{language}")'


def build(source: Path, language: str) -> nbformat.NotebookNode:
    """The notebook of ``source`` in ``language``, without outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    cells = [nbformat.v4.new_code_cell(language_cell(language))]
    for cell in load_cells(source):
        if cell["type"] == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell[language]))
        else:
            cells.append(nbformat.v4.new_code_cell(cell["source"]))
    for i, cell in enumerate(cells):
        cell["id"] = f"{source.stem[:2]}-{i:03d}"
    nb.cells = cells
    return nb


def all_sources() -> list[Path]:
    """Every notebook source: course notebooks, then exercises, then the app pages."""
    return [p for folder in SOURCE_DIRS for p in sorted(folder.glob("[0-9][0-9]_*.py"))]


def target(source: Path, language: str) -> Path:
    """``<folder>/<language>/<name>.ipynb`` beside the ``src`` folder of ``source``."""
    return source.parent.parent / language / f"{source.stem}.ipynb"


def execute(nb: nbformat.NotebookNode, path: Path, timeout: int = 600) -> None:
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:  # keep diffs small: execution metadata changes every run
        cell.metadata.pop("execution", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="notebook number prefixes to build (default: all)")
    parser.add_argument("--no-execute", action="store_true", help="write notebooks without running them")
    args = parser.parse_args(argv)
    sources = [p for p in all_sources() if not args.only or any(p.name.startswith(o) for o in args.only)]
    if not sources:
        print("no notebook sources matched", file=sys.stderr)
        return 1
    for source in sources:
        for language in LANGUAGES:
            nb = build(source, language)
            path = target(source, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not args.no_execute:
                execute(nb, path)
            nbformat.write(nb, path)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
