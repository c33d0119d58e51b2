"""``python -m crmsim class ...``: the instructor's workflow from roster to gradebook.

::

    python -m crmsim class release   --roster R.csv --course-seed S --out DIR [--language zh] [--exercise 01 ...]
    python -m crmsim class grade     --roster R.csv --course-seed S --submissions DIR --out GRADEBOOK.csv
    python -m crmsim class feedback  --roster R.csv --course-seed S --submissions DIR --out FOLDER [--reveal]
    python -m crmsim class forensics --roster R.csv --course-seed S --submissions DIR [--out REPORT.csv]
    python -m crmsim class nbgrader  --course-seed S --out DIR [--exercise 05 ...]

``nbgrader`` writes an nbgrader course folder (``nbgrader_config.py``,
``source/<exercise>/<exercise>.ipynb`` with solution regions and hidden
tests; :mod:`.nbgrader`), which nbgrader's own ``generate_assignment`` and
``autograde`` then use; it needs no roster.

``grade`` writes GRADEBOOK.csv, GRADEBOOK.xlsx and GRADEBOOK.interpretations.csv
(the written answers, for the rubric), and prints every problem on its own
line. Every file is staged and renamed when whole (:func:`crmsim.files.staged`).
Exit codes: 0 done, 1 done with problems reported, 2 bad input (as the rest of the command line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import i18n
from ..files import check_new_target, staged
from .runner import CELL_TIMEOUT, NOTEBOOK_TIMEOUT

def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``class`` command and its subcommands to the subparsers ``sub`` of the main parser."""
    parser = sub.add_parser("class", help="classroom: release notebooks, grade, feedback, forensics, nbgrader")
    commands = parser.add_subparsers(dest="class_command", required=True)

    def common(p, submissions: bool) -> None:
        p.add_argument("--roster", required=True, help="CSV with a student_id column (other columns are kept)")
        p.add_argument("--course-seed", type=int, required=True, help="your secret seed for this course")
        p.add_argument("--exercise", action="append", default=[], metavar="NAME",
                       help="exercise code or number (repeat; default: every exercise)")
        p.add_argument("--customers", type=int, default=None,
                       help="customers per student world (default: each exercise's own; grade with the same)")
        p.add_argument("--language", choices=i18n.LANGUAGES, default="en", help="notebooks, messages and reports")
        if submissions:
            p.add_argument("--submissions", required=True, help="folder of <student_id>/<exercise>.ipynb")
            p.add_argument("--jobs", type=int, default=None, help="notebooks executed at a time (default: cores)")
            p.add_argument("--cell-timeout", type=float, default=CELL_TIMEOUT,
                           help=f"seconds a cell may run (default {CELL_TIMEOUT})")
            p.add_argument("--notebook-timeout", type=float, default=NOTEBOOK_TIMEOUT,
                           help=f"seconds a notebook may run (default {NOTEBOOK_TIMEOUT})")
            p.add_argument("--fresh-kernels", action="store_true",
                           help="start every kernel as a new process (slower; by default, on Linux, kernels are "
                                "forked from one that has imported the course)")

    release = commands.add_parser("release", help="write DIR/<student_id>/<exercise>.ipynb for every student")
    common(release, submissions=False)
    release.add_argument("--out", required=True, help="a new folder")
    grade = commands.add_parser("grade", help="execute and grade the submissions into a gradebook")
    common(grade, submissions=True)
    grade.add_argument("--out", required=True, help="the gradebook, a new .csv (an .xlsx is written beside it)")
    feedback = commands.add_parser("feedback", help="one feedback page per student")
    common(feedback, submissions=True)
    feedback.add_argument("--out", required=True, help="a new folder")
    feedback.add_argument("--format", choices=("html", "md"), default="html")
    feedback.add_argument("--reveal", action="store_true", help="include each student's own correct values")
    forensics = commands.add_parser("forensics", help="flag answers that fit another student's data")
    common(forensics, submissions=True)
    forensics.add_argument("--out", default=None, help="also write the flags to a new .csv")
    nbg = commands.add_parser("nbgrader", help="write an nbgrader course folder of source notebooks")
    nbg.add_argument("--course-seed", type=int, required=True,
                     help="seed of the students' worlds; it is in every notebook (use another than for release)")
    nbg.add_argument("--exercise", action="append", default=[], metavar="NAME",
                     help="exercise code or number (repeat; default: every exercise)")
    nbg.add_argument("--customers", type=int, default=None, help="customers per student world")
    nbg.add_argument("--language", choices=i18n.LANGUAGES, default="en", help="notebooks and messages")
    nbg.add_argument("--out", required=True, help="a new folder")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run one ``class`` subcommand; bad input raises ValueError/OSError for the caller's one-line error."""
    from .roster import read_roster

    if args.class_command == "nbgrader":
        from .nbgrader import write_course

        out = write_course(args.out, args.course_seed, exercises=args.exercise, language=args.language,
                           n_customers=args.customers)
        print(i18n.t("ex.cli.nbgrader", language=args.language, exercises=len(list((out / "source").iterdir())),
                     path=str(out)))
        return 0
    roster = read_roster(args.roster)
    if args.class_command == "release":
        from .release import release

        out = release(roster, args.course_seed, args.out, language=args.language, exercises=args.exercise,
                      n_customers=args.customers)
        print(i18n.t("ex.cli.released", language=args.language, students=len(roster), path=str(out)))
        return 0
    targets = _targets(args)
    from .grading import grade, report_lines

    grades = grade(roster, args.course_seed, args.submissions, exercises=args.exercise, n_customers=args.customers,
                   jobs=args.jobs, cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout,
                   warm=not args.fresh_kernels)
    lines = report_lines(grades, args.language)
    if args.class_command == "grade":
        _write_gradebook(grades, targets, args.language)
    elif args.class_command == "feedback":
        from .feedback import write_feedback

        write_feedback(grades, args.out, fmt=args.format, language=args.language, reveal=args.reveal)
        print(i18n.t("ex.cli.feedback", language=args.language, students=len(roster), path=args.out))
    else:
        lines = _write_forensics(grades, args.out, args.language)
    for line in lines:
        print(line)
    return 1 if lines else 0


def _targets(args: argparse.Namespace) -> list[Path]:
    """Check every output is new before any notebook runs, so a typo does not cost a grading run."""
    if args.class_command == "grade":
        out = Path(args.out)
        if out.suffix.lower() != ".csv":
            raise ValueError(f"--out={args.out!r} must be a .csv file (an .xlsx is written beside it)")
        targets = [out, out.with_suffix(".xlsx"), out.with_name(out.stem + ".interpretations.csv")]
    elif args.out:
        targets = [Path(args.out)]
    else:
        targets = []
    for target in targets:
        check_new_target(target, "--out")
    return targets


def _write_gradebook(grades, targets: list[Path], language: str) -> None:
    from .grading import gradebook, interpretations

    table = gradebook(grades, language)
    csv, xlsx, texts = targets
    encoding = "utf-8-sig" if language == "zh" else "utf-8"  # Excel and WPS read Chinese CSV only with the BOM
    with staged(csv) as path:
        table.to_csv(path, index=False, encoding=encoding)
    with staged(xlsx) as path:
        table.to_excel(path, index=False, sheet_name="gradebook", engine="xlsxwriter")
    with staged(texts) as path:
        interpretations(grades).to_csv(path, index=False, encoding=encoding)
    graded = int((table["status"].str.contains("graded")).sum())
    print(i18n.t("ex.cli.graded", language=language, students=len(table), graded=graded, path=str(csv)))


def _write_forensics(grades, out: str | None, language: str) -> list[str]:
    """Print how many were flagged, write the CSV if asked; the flag lines are what the command reports."""
    import pandas as pd

    rows = [{"student_id": r.student_id, "exercise": r.exercise, "source": r.suspicion.source,
             "tasks": " ".join(r.suspicion.tasks)} for r in grades.results.values() if r.suspicion is not None]
    print(i18n.t("ex.cli.forensics", language=language, flagged=len(rows)))
    if out:
        with staged(out) as path:
            pd.DataFrame(rows, columns=["student_id", "exercise", "source", "tasks"]).to_csv(path, index=False)
    return [i18n.t("ex.grade.line", language=language, student=r.student_id, exercise=r.exercise,
                   problem=r.suspicion.describe(language)) for r in grades.results.values() if r.suspicion]


def main(argv: list[str] | None = None) -> int:
    """``python -m crmsim.exercises.cli ...`` without the ``class`` word (for tests and scripts)."""
    from ..__main__ import main as crmsim_main

    return crmsim_main(["class", *(sys.argv[1:] if argv is None else argv)])
