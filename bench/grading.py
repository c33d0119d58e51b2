"""Bench: grading a class with ``python -m crmsim class grade``.

Releases exercise 01 for ``--students`` synthetic students (a third solved, a
third partly wrong, a third blank), grades them with the command line the
instructor uses (kernels ``--jobs`` at a time), and checks the scores. The
class of 300 is extrapolated from the measured run (grading is one kernel per
notebook, so the time grows linearly with the class) unless ``--students 300``.

The peer, nbgrader's ``autograde``, is not run yet: the exercises are not
nbgrader source notebooks (see the README's "For instructors"), so the ratio
is printed as ``nan``.

Final line: ``per_submission_s=<x> vs_nbgrader=<ratio> class_300_s=<s>``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crmsim.__main__ import main as crmsim  # noqa: E402
from crmsim.exercises import get_exercise  # noqa: E402
from crmsim.exercises.solutions import correct_values  # noqa: E402
from crmsim.seeding import student_seed  # noqa: E402

COURSE_SEED = 5


def fill(source: Path, target: Path, answers: dict) -> None:
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            for name, value in answers.items():
                src = src.replace(f"{name} = None  # your answer", f"{name} = {value!r}  # your answer")
            cell["source"] = src
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    spec = get_exercise("customer_value")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ids = [f"b{i:04d}" for i in range(args.students)]
        (tmp / "roster.csv").write_text("student_id\n" + "\n".join(ids) + "\n", encoding="utf-8")
        common = ["--roster", str(tmp / "roster.csv"), "--course-seed", str(COURSE_SEED), "--exercise", "01"]
        assert crmsim(["class", "release", *common, "--out", str(tmp / "released")]) == 0
        expected = {}
        for i, student in enumerate(ids):
            truth = correct_values(spec, spec.build_world(student_seed(COURSE_SEED, student)))[0]
            source = tmp / "released" / student / "customer_value.ipynb"
            kind = i % 3
            answers = truth if kind == 0 else {**truth, "a_share": truth["a_share"] + 0.2} if kind == 1 else {}
            fill(source, tmp / "submissions" / student / "customer_value.ipynb", answers)
            expected[student] = (5, 3, 0)[kind]
        started = time.perf_counter()
        crmsim(["class", "grade", *common, "--submissions", str(tmp / "submissions"), "--jobs", str(args.jobs),
                "--out", str(tmp / "book.csv")])
        seconds = time.perf_counter() - started
        book = pd.read_csv(tmp / "book.csv", dtype={"student_id": str}).set_index("student_id")
        wrong = {s: (book.loc[s, "total"], e) for s, e in expected.items() if book.loc[s, "total"] != e}
        if wrong:
            print(f"wrong scores: {wrong}", file=sys.stderr)
            return 1
    per = seconds / args.students
    note = "measured" if args.students >= 300 else f"extrapolated from {args.students}"
    print(f"graded {args.students} submissions in {seconds:.1f} s with {args.jobs} kernels at a time; "
          f"class of 300 {note}; nbgrader not run (exercises are not nbgrader source notebooks yet)")
    print(f"per_submission_s={per:.2f} vs_nbgrader=nan class_300_s={per * 300:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
